package dev.flashsale.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Redis master, its replica and three sentinels watching them (quorum 2, a master is down after
 * 1 s of silence), all throwaway processes on free ports in temp folders: Debian's
 * {@code redis-server}, the sentinels as {@code redis-server --sentinel}. {@link #killMaster()}
 * kills the master as a crash would; the sentinels then promote the replica.
 */
public final class RedisSentinels implements AutoCloseable {

    public static final String MASTER_NAME = "shop";

    private final RedisServer master;
    private final RedisServer replica;
    private final List<Process> sentinels = new ArrayList<>();
    private final List<Integer> sentinelPorts = new ArrayList<>();
    private final List<Path> dirs = new ArrayList<>();

    /** The sentinels' own password (their {@code requirepass}), or null. */
    private final String sentinelPassword;

    private RedisSentinels(RedisServer master, RedisServer replica, String sentinelPassword) {
        this.master = master;
        this.replica = replica;
        this.sentinelPassword = sentinelPassword;
    }

    /** Starts all five; returns once every sentinel knows the master and has seen the replica and the other sentinels. */
    public static RedisSentinels start() throws IOException, InterruptedException {
        return start(null);
    }

    /** As {@link #start()}, the sentinels asking for {@code sentinelPassword} (of clients and of each other). */
    public static RedisSentinels start(String sentinelPassword) throws IOException, InterruptedException {
        RedisServer m = RedisServer.start();
        RedisServer r;
        try {
            r = RedisServer.startReplicaOf(m);
        } catch (IOException e) {
            m.close();
            throw e;
        }
        RedisSentinels s = new RedisSentinels(m, r, sentinelPassword);
        try {
            for (int i = 0; i < 3; i++) {
                s.startSentinel();
            }
            s.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private void startSentinel() throws IOException {
        Path dir = Files.createTempDirectory("redis-sentinel");
        dirs.add(dir);
        int port = RedisServer.freePort();
        Path conf = dir.resolve("sentinel.conf");
        Files.writeString(conf, String.join("\n",
                "port " + port,
                "bind 127.0.0.1",
                "daemonize no",
                "dir " + dir,
                "logfile " + dir.resolve("sentinel.log"),
                "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + master.port() + " 2",
                "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
                "sentinel failover-timeout " + MASTER_NAME + " 5000",
                "sentinel parallel-syncs " + MASTER_NAME + " 1",
                sentinelPassword == null ? "" : "requirepass " + sentinelPassword,
                sentinelPassword == null ? "" : "sentinel sentinel-pass " + sentinelPassword, ""));
        Process p = new ProcessBuilder(RedisServer.binary(), conf.toString(), "--sentinel").redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        sentinels.add(p);
        sentinelPorts.add(port);
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            boolean ready = true;
            for (int port : sentinelPorts) {
                String info = ask(port, "SENTINEL MASTER " + MASTER_NAME);
                // every sentinel must have found the replica and the two others, or it cannot vote a failover
                if (!field(info, "num-slaves").equals("1") || !field(info, "num-other-sentinels").equals("2")) {
                    ready = false;
                }
            }
            if (ready) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException("the sentinels did not all see the master, the replica and each other within 30 s");
    }

    /** A field of a SENTINEL MASTER reply (an array of bulk strings: name, value, name, value...). */
    private static String field(String reply, String name) {
        String[] lines = reply.split("\r\n");
        for (int i = 0; i + 2 < lines.length; i++) {
            if (lines[i].equals(name)) {
                return lines[i + 2];
            }
        }
        return "";
    }

    private String ask(int port, String inline) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(2_000);
            String auth = sentinelPassword == null ? "" : "AUTH " + sentinelPassword + "\r\n";
            s.getOutputStream().write((auth + inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            s.shutdownOutput();
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return auth.isEmpty() || !reply.startsWith("+OK\r\n") ? reply : reply.substring(5); // AUTH's own reply
        } catch (IOException e) {
            return "";
        }
    }

    /** {@code redis-sentinel://127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3#shop}. */
    public String url() {
        return "redis-sentinel://" + String.join(",", sentinelPorts.stream().map(p -> "127.0.0.1:" + p).toList())
                + "#" + MASTER_NAME;
    }

    public RedisServer master() {
        return master;
    }

    public RedisServer replica() {
        return replica;
    }

    /** The master's port as the first sentinel names it now. */
    public int masterPortNow() {
        String reply = ask(sentinelPorts.get(0), "SENTINEL GET-MASTER-ADDR-BY-NAME " + MASTER_NAME);
        String[] lines = reply.split("\r\n");
        return lines.length >= 5 ? Integer.parseInt(lines[4]) : -1;
    }

    /** Kills the master (SIGKILL); the sentinels notice within about a second and promote the replica. */
    public void killMaster() throws InterruptedException {
        master.stopProcess();
    }

    /**
     * Asks the sentinels for a failover while the master runs: the replica is promoted and the old
     * master becomes its replica (answering {@code READONLY} to writes), as an operator's planned switch.
     */
    public void forceFailover() throws IOException {
        String reply = ask(sentinelPorts.get(0), "SENTINEL FAILOVER " + MASTER_NAME);
        if (!reply.startsWith("+OK")) {
            throw new IOException("SENTINEL FAILOVER: " + reply);
        }
    }

    /** Waits until the sentinels name the replica as master; returns how long that took from now. */
    public long awaitPromotion(long timeoutSeconds) throws InterruptedException, IOException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (masterPortNow() == replica.port()) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
            Thread.sleep(50);
        }
        throw new IOException("the sentinels did not promote the replica within " + timeoutSeconds + " s");
    }

    @Override
    public void close() throws IOException {
        for (Process p : sentinels) {
            p.destroyForcibly();
        }
        for (Process p : sentinels) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        replica.close();
        master.close();
        for (Path d : dirs) {
            TempFolders.delete(d);
        }
    }
}
