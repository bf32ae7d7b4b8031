package dev.flashsale.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway {@code redis-server} (Debian's package; {@code .ci/run} installs it) on a free
 * port, without persistence, in a temp folder: started, stopped and started again on the same
 * port by tests, never mocked. Missing, it fails the test in CI and skips it elsewhere, saying
 * what to install (see {@link ExternalTool}).
 */
public final class RedisServer implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final String password;
    private final List<String> extra;
    private Process process;

    private RedisServer(Path dir, int port, String password, List<String> extra) {
        this.dir = dir;
        this.port = port;
        this.password = password;
        this.extra = List.copyOf(extra);
    }

    /** Starts a server without a password. */
    public static RedisServer start() throws IOException {
        return start(null);
    }

    /** Starts a server that asks for {@code password} (the default user's), or none when null. */
    public static RedisServer start(String password) throws IOException {
        RedisServer r = new RedisServer(Files.createTempDirectory("redis-test"), freePort(), password, List.of());
        r.startProcess();
        return r;
    }

    /** Starts a replica of {@code master} (no password); returns once it answers PING (it syncs in the background). */
    public static RedisServer startReplicaOf(RedisServer master) throws IOException {
        RedisServer r = new RedisServer(Files.createTempDirectory("redis-test"), freePort(), null,
                List.of("--replicaof", "127.0.0.1", Integer.toString(master.port())));
        r.startProcess();
        return r;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT} (no password in it). */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** (Re)starts the server on its port; returns once it answers PING. */
    public synchronized void startProcess() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of(binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no",
                "--logfile", dir.resolve("redis.log").toString()));
        if (password != null) {
            cmd.addAll(List.of("--requirepass", password));
        }
        cmd.addAll(extra);
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (answers()) {
                return;
            }
            if (!process.isAlive()) {
                throw new IOException("redis-server exited: " + log());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        throw new IOException("redis-server did not answer on port " + port + ": " + log());
    }

    static String binary() {
        for (String p : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return ExternalTool.required("redis-server", "apt-get install -y redis-server");
    }

    private boolean answers() {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(1_000);
            String cmd = (password == null ? "" : "AUTH " + password + "\r\n") + "PING\r\n";
            s.getOutputStream().write(cmd.getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[64];
            int n = s.getInputStream().read(buf);
            String reply = n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.US_ASCII);
            return reply.contains("+PONG") || (password != null && reply.startsWith("+OK"));
        } catch (IOException e) {
            return false;
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("stdout.log")) + Files.readString(dir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Stops the server at once (as a crash would: SIGKILL), keeping its port for {@link #startProcess()}. */
    public synchronized void stopProcess() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Freezes the server (SIGSTOP): it keeps its data and its port, and answers nothing, as a hung server. */
    public synchronized void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Lets a frozen server go on (SIGCONT). */
    public synchronized void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + name + " failed");
        }
    }

    /** Runs one command with redis-cli's protocol-free inline form; returns the raw reply. */
    public String command(String inline) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(2_000);
            String cmd = (password == null ? "" : "AUTH " + password + "\r\n") + inline + "\r\n";
            s.getOutputStream().write(cmd.getBytes(StandardCharsets.UTF_8));
            s.shutdownOutput();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            stopProcess();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        TempFolders.delete(dir);
    }
}
