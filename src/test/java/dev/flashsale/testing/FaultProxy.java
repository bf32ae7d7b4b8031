package dev.flashsale.testing;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy between a node and a real server (PostgreSQL, Redis) that misbehaves on command, the
 * way networks do: {@link #freeze()} stops every byte in both directions on every connection, new
 * ones included (a hung server or a dead link: no reset, no close); {@link #cutSilently()} black-holes
 * the connections open now and lets new ones through (a NAT or firewall that forgot idle flows, a
 * host lost without a reset); {@link #slowDown} delays every chunk. Nothing is ever closed while
 * misbehaving, so only the node's own timeouts can notice.
 *
 * <p>Usable from a shell too (the fault benchmark): {@code java -cp test-classes
 * dev.flashsale.testing.FaultProxy LISTEN_PORT TARGET_PORT} reads commands ({@code freeze}, {@code
 * thaw}, {@code cut}, {@code slow MILLIS}, {@code pass}) from standard input, one per line.
 */
public final class FaultProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean frozen;
    private volatile long delayMillis;
    private volatile boolean closed;

    /** One proxied connection: two sockets and the pumps between them. */
    private final class Link {
        final Socket client;
        final Socket upstream;
        volatile boolean blackHoled;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            pump(client, upstream, "client->server");
            pump(upstream, client, "server->client");
        }

        private void pump(Socket from, Socket to, String direction) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[16 * 1024];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        holdWhileFrozenOrBlackHoled();
                        long delay = delayMillis;
                        if (delay > 0) {
                            Thread.sleep(delay);
                        }
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // one side went away, or the proxy closes
                } finally {
                    if (!blackHoled) {
                        close();
                    }
                }
            }, "fault-proxy " + direction);
            t.setDaemon(true);
            t.start();
        }

        /** Bytes read while frozen or black-holed wait here: they are never passed on, and nothing closes. */
        private void holdWhileFrozenOrBlackHoled() throws InterruptedException {
            while ((frozen || blackHoled) && !closed) {
                Thread.sleep(20);
            }
        }

        void close() {
            quietly(client);
            quietly(upstream);
            links.remove(this);
        }
    }

    private FaultProxy(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
        this.acceptor = new Thread(this::acceptLoop, "fault-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy on a free port of 127.0.0.1 to {@code 127.0.0.1:targetPort}, passing everything. */
    public static FaultProxy to(int targetPort) throws IOException {
        return on(0, targetPort);
    }

    static FaultProxy on(int listenPort, int targetPort) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort), 512);
        return new FaultProxy(s, targetPort);
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            Thread t = new Thread(() -> connect(client), "fault-proxy-connect");
            t.setDaemon(true);
            t.start();
        }
    }

    private void connect(Socket client) {
        try {
            // A frozen link answers nothing: the connection is accepted (the kernel did that) and waits.
            while (frozen && !closed) {
                Thread.sleep(20);
            }
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            Link link = new Link(client, upstream);
            links.add(link);
            link.start();
        } catch (IOException | InterruptedException e) {
            quietly(client);
        }
    }

    /** Every byte stops, in both directions, on every connection, new ones included; nothing is closed. */
    public void freeze() {
        frozen = true;
    }

    /** Bytes flow again (what was held is passed on). */
    public void thaw() {
        frozen = false;
    }

    /**
     * The connections open now are black-holed for good (never closed, never passed another byte);
     * new connections work. What a node sees when a NAT or firewall drops its idle flows.
     */
    public void cutSilently() {
        for (Link l : links) {
            l.blackHoled = true;
        }
    }

    /** Every chunk waits this long before it is passed on (0: at once). */
    public void slowDown(long millis) {
        delayMillis = millis;
    }

    /** Back to passing everything at once (black-holed connections stay dead). */
    public void pass() {
        frozen = false;
        delayMillis = 0;
    }

    /** Connections open through the proxy now. */
    public int openConnections() {
        return links.size();
    }

    @Override
    public void close() {
        closed = true;
        quietly(server);
        for (Link l : links) {
            l.close();
        }
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void quietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** For scripts: {@code FaultProxy LISTEN_PORT TARGET_PORT}, commands on standard input. */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: FaultProxy LISTEN_PORT TARGET_PORT   (then: freeze|thaw|cut|slow MILLIS|pass|quit)");
            System.exit(2);
        }
        try (FaultProxy p = on(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in))) {
            System.out.println("fault proxy on " + p.port() + " -> " + args[1]);
            System.out.flush();
            String line;
            while ((line = in.readLine()) != null) {
                String[] cmd = line.strip().split("\\s+");
                switch (cmd[0]) {
                    case "freeze" -> p.freeze();
                    case "thaw" -> p.thaw();
                    case "cut" -> p.cutSilently();
                    case "slow" -> p.slowDown(Long.parseLong(cmd[1]));
                    case "pass" -> p.pass();
                    case "quit" -> {
                        return;
                    }
                    default -> System.err.println("unknown command: " + line);
                }
                System.out.println("ok " + line.strip());
                System.out.flush();
            }
        }
    }
}
