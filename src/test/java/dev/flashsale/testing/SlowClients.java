package dev.flashsale.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients that never finish a request (slowloris), held open against a server: half send one byte
 * and nothing more, half dribble a request's head a byte a second. A connection the server closes
 * is opened again, as an attacker would, and counted. Usable from a shell too (the benchmarks):
 * {@code java -cp test-classes dev.flashsale.testing.SlowClients HOST PORT COUNT SECONDS}.
 */
public final class SlowClients implements AutoCloseable {

    private static final byte[] HEAD = ("GET /health HTTP/1.1\r\nHost: storefront\r\nUser-Agent: slow\r\n"
            + "X-Padding: " + "x".repeat(4000) + "\r\n").getBytes(StandardCharsets.US_ASCII);

    private final String host;
    private final int port;
    private final List<Slow> clients = new ArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slow-clients");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong closedByServer = new AtomicLong();
    private final AtomicLong failedToConnect = new AtomicLong();
    private volatile boolean closed;

    private final class Slow {
        final boolean dribble;
        SocketChannel channel;
        int sent;

        Slow(boolean dribble) {
            this.dribble = dribble;
        }

        void open() {
            try {
                SocketChannel c = SocketChannel.open();
                c.socket().connect(new InetSocketAddress(host, port), 5_000);
                c.configureBlocking(false);
                channel = c;
                sent = 0;
                send();  // 'G'
            } catch (IOException e) {
                failedToConnect.incrementAndGet();
                channel = null;
            }
        }

        private void send() throws IOException {
            channel.write(ByteBuffer.wrap(HEAD, sent++, 1));
        }

        /** Once a second: notice a server close (and reconnect), or send one more byte of the head. */
        void tick() {
            if (channel == null) {
                open();
                return;
            }
            try {
                if (channel.read(ByteBuffer.allocate(512)) < 0) {
                    throw new IOException("closed by the server");
                }
                if (dribble && sent < HEAD.length) {
                    send();
                }
            } catch (IOException e) {
                closedByServer.incrementAndGet();
                close();
                open();
            }
        }

        void close() {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // going anyway
            }
            channel = null;
        }
    }

    private SlowClients(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Opens {@code count} slow connections to {@code host:port} and keeps them slow until closed. */
    public static SlowClients open(String host, int port, int count) {
        SlowClients s = new SlowClients(host, port);
        for (int i = 0; i < count; i++) {
            Slow c = s.new Slow(i % 2 == 1);
            c.open();
            s.clients.add(c);
        }
        s.ticker.scheduleWithFixedDelay(s::tick, 1, 1, TimeUnit.SECONDS);
        return s;
    }

    private synchronized void tick() {
        if (!closed) {
            clients.forEach(Slow::tick);
        }
    }

    /** Connections the server closed on us so far (each was opened again). */
    public long closedByServer() {
        return closedByServer.get();
    }

    /** Connection attempts that failed (refused, or not accepted within 5 s). */
    public long failedToConnect() {
        return failedToConnect.get();
    }

    @Override
    public synchronized void close() {
        closed = true;
        ticker.shutdownNow();
        clients.forEach(Slow::close);
    }

    /** {@code SlowClients HOST PORT COUNT SECONDS}: holds COUNT slow clients for SECONDS, then says what happened. */
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: SlowClients HOST PORT COUNT SECONDS");
            System.exit(2);
        }
        try (SlowClients s = open(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]))) {
            System.out.println("holding " + args[2] + " slow clients against " + args[0] + ":" + args[1]);
            System.out.flush();
            Thread.sleep(TimeUnit.SECONDS.toMillis(Long.parseLong(args[3])));
            System.out.println("slow clients: " + s.closedByServer() + " closed by the server (and reopened), "
                    + s.failedToConnect() + " connection attempts failed");
        }
    }
}
