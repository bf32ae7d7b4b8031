package dev.flashsale.storefront;

import dev.flashsale.sale.read.CatalogService;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The storefront's read API over HTTP ({@link Routes}), served by Jetty: a server made for the open
 * internet. Jetty reads requests without holding a thread, so slow clients cost no worker; request
 * heads are bounded in size ({@value #MAX_REQUEST_HEADER_BYTES} bytes) and in time
 * ({@link SlowRequestGuard}), idle connections close after {@link #IDLE_TIMEOUT}, and at
 * {@value #MAX_CONNECTIONS} open connections the server stops accepting (the kernel's backlog holds
 * the rest: back-pressure, not refusal) and closes idle ones sooner. A stop lets requests in
 * progress finish.
 */
public final class StorefrontServer implements AutoCloseable {

    static final int MAX_REQUEST_HEADER_BYTES = 8 * 1024;
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** While the connection cap is reached, idle connections are closed after this instead. */
    static final Duration IDLE_TIMEOUT_AT_CAP = Duration.ofSeconds(5);
    static final int MAX_CONNECTIONS = 4_096;

    /** Kept strongly: a JUL logger's level is lost when the logger is collected. */
    private static final Logger JETTY_LOG = Logger.getLogger("org.eclipse.jetty");

    static {
        // Jetty announces every start and stop at INFO; the storefront's own line says where it listens.
        JETTY_LOG.setLevel(Level.WARNING);
    }

    /** The longest {@code max-age} of a cached answer unless told otherwise ({@code --http-max-age}). */
    public static final Duration DEFAULT_HTTP_MAX_AGE = Duration.ofSeconds(5);

    // Header fields every cached answer carries, encoded once instead of on every response.
    private static final HttpField JSON_TYPE = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, Reply.JSON);
    private static final HttpField X_CACHE_HIT = new PreEncodedHttpField("X-Cache", "HIT");
    private static final HttpField X_CACHE_MISS = new PreEncodedHttpField("X-Cache", "MISS");
    private static final HttpField VARY_ACCEPT_ENCODING = new PreEncodedHttpField(HttpHeader.VARY, "Accept-Encoding");
    private static final HttpField GZIP_ENCODING = new PreEncodedHttpField(HttpHeader.CONTENT_ENCODING, "gzip");
    private static final HttpField[] MAX_AGE_FIELDS = new HttpField[301];

    static {
        for (int i = 0; i < MAX_AGE_FIELDS.length; i++) {
            MAX_AGE_FIELDS[i] = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, Negotiation.cacheControl(i));
        }
    }

    private final Server server;
    private final ServerConnector connector;
    private final SlowRequestGuard guard;
    private final InetAddress address;
    private final Routes routes;
    private final StorefrontMetrics metrics;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder served = new LongAdder();
    private volatile boolean draining;

    private StorefrontServer(Server server, ServerConnector connector, InetAddress address, Routes routes,
                             StorefrontMetrics metrics) {
        this.server = server;
        this.connector = connector;
        this.address = address;
        this.routes = routes;
        this.metrics = metrics;
        this.guard = new SlowRequestGuard(connector);
    }

    /**
     * Binds to {@code address:port} (port 0 picks a free one) and starts serving.
     *
     * @throws java.net.BindException if the port is in use
     */
    public static StorefrontServer start(CatalogService catalog, LongSupplier dbQueries, InetAddress address, int port,
                                         Clock clock) throws IOException {
        return start(catalog, dbQueries, address, port, clock, null, DEFAULT_HTTP_MAX_AGE);
    }

    /**
     * As {@link #start(CatalogService, LongSupplier, InetAddress, int, Clock)}, every metric labelled
     * {@code node="NODE"}, cached answers sent with a {@code max-age} of at most {@code httpMaxAge}
     * (zero: {@code no-cache}).
     */
    public static StorefrontServer start(CatalogService catalog, LongSupplier dbQueries, InetAddress address, int port,
                                         Clock clock, String node, Duration httpMaxAge) throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        // A load may wait on the store (up to a few seconds when it is slow): enough threads that
        // hits keep being served meanwhile, few enough that cached hits do not thrash two cores.
        QueuedThreadPool threads = new QueuedThreadPool(Math.max(32, 8 * cores), 8, 60_000);
        threads.setName("storefront");
        threads.setDaemon(true);
        Server server = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // Jetty refuses ambiguous paths (an encoded '/', '..' segments) because a server that maps
        // paths to files could be tricked by them. Here no path names a file: the routes match raw
        // paths whose id is digits only, and refuse the rest with their own message ("product id
        // must be a positive whole number"), as a client of this API expects.
        http.setUriCompliance(UriCompliance.LEGACY);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(address.getHostAddress());
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        connector.setAcceptQueueSize(1_024);
        server.addConnector(connector);
        NetworkConnectionLimit cap = new NetworkConnectionLimit(MAX_CONNECTIONS, connector);
        cap.setEndPointIdleTimeout(IDLE_TIMEOUT_AT_CAP.toMillis());
        server.addBean(cap);
        server.setErrorHandler(new JsonErrorHandler());

        StorefrontMetrics metrics = new StorefrontMetrics(catalog.cache(), dbQueries, node);
        Routes routes = new Routes(catalog, metrics, clock, httpMaxAge);
        StorefrontServer s = new StorefrontServer(server, connector, address, routes, metrics);
        server.setHandler(s.new Serving());
        try {
            server.start();
        } catch (Exception e) {
            s.guard.close();
            try {
                server.stop();
            } catch (Exception ignored) {
                // it did not start
            }
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException be) {
                    throw be;
                }
            }
            throw new IOException(e.getMessage(), e);
        }
        return s;
    }

    /** Jetty's handler: reads the request's parts, asks {@link Routes}, writes the reply. */
    private final class Serving extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            inFlight.incrementAndGet();
            try {
                long start = System.nanoTime();
                String method = request.getMethod();
                String path = request.getHttpURI().getPath();
                path = path == null ? "" : path;
                String route = Routes.route(path);
                Reply reply;
                if (draining) {
                    reply = Reply.error(503, "the storefront is shutting down").withHeader("Connection", "close");
                } else {
                    String pathQuery = request.getHttpURI().getPathQuery();
                    HttpFields fields = request.getHeaders();
                    reply = routes.answer(new Routes.Request(method, path, pathQuery == null ? path : pathQuery,
                            fields.get(HttpHeader.CONTENT_LENGTH), all(fields, HttpHeader.ACCEPT_ENCODING),
                            all(fields, HttpHeader.IF_NONE_MATCH)), route);
                }
                if (request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
                    // No route reads a body. Its bytes may still be on their way when the answer
                    // leaves, and Jetty then closes the connection: say so, or the client reuses it
                    // for its next request and reads nothing back.
                    reply = reply.withHeader("Connection", "close");
                }
                send(method, reply, response, callback);
                metrics.record(route, reply.status(), System.nanoTime() - start);
                served.increment();
                return true;
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    /** A list-valued header sent on several lines, as one line (null when absent). */
    private static String all(HttpFields fields, HttpHeader header) {
        String first = fields.get(header);
        if (first == null) {
            return null; // most requests: nothing to join, nothing allocated
        }
        List<String> values = fields.getValuesList(header);
        return values.size() == 1 ? first : String.join(",", values);
    }

    private static void send(String method, Reply reply, Response response, Callback callback) {
        response.setStatus(reply.status());
        HttpFields.Mutable headers = response.getHeaders();
        headers.add(Reply.JSON.equals(reply.contentType()) ? JSON_TYPE
                : new HttpField(HttpHeader.CONTENT_TYPE, reply.contentType()));
        if (reply.xCache() != null) {
            headers.add(reply.xCache().equals("HIT") ? X_CACHE_HIT : X_CACHE_MISS);
        }
        Reply.Caching caching = reply.caching();
        if (caching != null) {
            headers.add(new HttpField(HttpHeader.ETAG, caching.etag()));
            long maxAge = caching.maxAge();
            headers.add(maxAge >= 0 && maxAge < MAX_AGE_FIELDS.length ? MAX_AGE_FIELDS[(int) maxAge]
                    : new HttpField(HttpHeader.CACHE_CONTROL, Negotiation.cacheControl(maxAge)));
            if (caching.compressible()) {
                headers.add(VARY_ACCEPT_ENCODING);
            }
            if (caching.gzip()) {
                headers.add(GZIP_ENCODING);
            }
        }
        reply.headers().forEach(headers::put);
        if (reply.status() == 304) {
            response.write(true, null, callback); // no body, and no length of one
            return;
        }
        headers.put(HttpHeader.CONTENT_LENGTH, reply.body().length);
        response.write(true, method.equals("HEAD") ? null : ByteBuffer.wrap(reply.body()), callback);
    }

    /** Adds a field to {@code /health} (e.g. {@code "redis": "UP"}), read at each request. */
    public void addHealthField(String name, Supplier<Object> value) {
        routes.addHealthField(name, value);
    }

    /** Adds a gauge to {@code /metrics}, read at each scrape. */
    public void addGauge(String name, String help, DoubleSupplier value) {
        metrics.gauge(name, help, value);
    }

    /** Adds a counter to {@code /metrics} (name without {@code _total}), read at each scrape. */
    public void addCounter(String name, String help, LongSupplier value) {
        metrics.counter(name, help, value);
    }

    /** Adds counters to {@code /metrics} (name without {@code _total}), one series per key, read at each scrape. */
    public void addCounters(String name, String help, String label, Supplier<Map<String, Long>> values) {
        metrics.counters(name, help, label, values);
    }

    /** Requests answered since start (every route). */
    public long requestsServed() {
        return served.sum();
    }

    /** Connections closed for taking too long over a request's head (slow or malicious clients). */
    public long slowRequestsClosed() {
        return guard.closed();
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        String host = address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port();
    }

    /**
     * Lets requests in progress finish (for up to {@code grace}; new ones get 503 meanwhile), then
     * closes the socket and stops the workers.
     */
    public void stop(Duration grace) {
        draining = true;
        long deadline = System.nanoTime() + grace.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        guard.close();
        try {
            server.stop();
        } catch (Exception e) {
            Logger.getLogger(StorefrontServer.class.getName()).log(Level.WARNING, "stopping the storefront", e);
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(2));
    }
}
