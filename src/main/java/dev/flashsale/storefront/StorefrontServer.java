package dev.flashsale.storefront;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.flashsale.cache.CacheLoadException;
import dev.flashsale.sale.CatalogService;
import dev.flashsale.sale.Cached;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The storefront's read API over HTTP (the JDK's server, a bounded pool of worker threads),
 * answering through the shared cache. Cached answers are served as the bytes rendered when they
 * were loaded, so a hit costs no serialisation.
 */
public final class StorefrontServer implements AutoCloseable {

    static final int MAX_URI_LENGTH = 2048;
    static final long MAX_BODY_BYTES = 16 * 1024;
    /** A refused body is still read up to this much, so that the client hears the 413. */
    static final long MAX_DRAIN_BYTES = 1024 * 1024;
    private static final String JSON = "application/json; charset=utf-8";
    private static final Pattern PRODUCT_ROUTE = Pattern.compile("^/api/products/([^/]*)/(price|flash-status)$");
    private static final Pattern ID = Pattern.compile("^[0-9]{1,19}$");
    private static final System.Logger LOG = System.getLogger(StorefrontServer.class.getName());

    private final HttpServer server;
    private final ThreadPoolExecutor workers;
    private final CatalogService catalog;
    private final StorefrontMetrics metrics;
    private final Clock clock;
    private final Instant startedAt;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;

    private final ThrottledLog unavailableLog = new ThrottledLog(LOG, "catalog unavailable", Duration.ofSeconds(10));
    private final Map<String, java.util.function.Supplier<Object>> healthFields = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.LongAdder served = new java.util.concurrent.atomic.LongAdder();

    private StorefrontServer(HttpServer server, ThreadPoolExecutor workers, CatalogService catalog,
                             LongSupplier dbQueries, Clock clock, String node) {
        this.server = server;
        this.workers = workers;
        this.catalog = catalog;
        this.metrics = new StorefrontMetrics(catalog.cache(), dbQueries, node);
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /**
     * Binds to {@code address:port} (port 0 picks a free one) and starts serving.
     *
     * @throws java.net.BindException if the port is in use
     */
    public static StorefrontServer start(CatalogService catalog, LongSupplier dbQueries, InetAddress address, int port,
                                         Clock clock) throws IOException {
        return start(catalog, dbQueries, address, port, clock, null);
    }

    /** As {@link #start(CatalogService, LongSupplier, InetAddress, int, Clock)}, every metric labelled {@code node="NODE"}. */
    public static StorefrontServer start(CatalogService catalog, LongSupplier dbQueries, InetAddress address, int port,
                                         Clock clock, String node) throws IOException {
        // Without TCP_NODELAY, a keep-alive client waits for the delayed ACK (about 40 ms) on every
        // response the JDK server writes in two parts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer http = HttpServer.create(new InetSocketAddress(address, port), 128);
        int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1024), r -> {
                    Thread t = new Thread(r, "storefront-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy()); // a full queue slows the acceptor down
        StorefrontServer s = new StorefrontServer(http, pool, catalog, dbQueries, clock, node);
        http.createContext("/", s::handle);
        http.setExecutor(pool);
        http.start();
        return s;
    }

    /** Adds a field to {@code /health} (e.g. {@code "redis": "UP"}), read at each request. */
    public void addHealthField(String name, java.util.function.Supplier<Object> value) {
        healthFields.put(name, value);
    }

    /** Adds a gauge to {@code /metrics}, read at each scrape. */
    public void addGauge(String name, String help, java.util.function.DoubleSupplier value) {
        metrics.gauge(name, help, value);
    }

    /** Adds a counter to {@code /metrics} (name without {@code _total}), read at each scrape. */
    public void addCounter(String name, String help, LongSupplier value) {
        metrics.counter(name, help, value);
    }

    /** Adds counters to {@code /metrics} (name without {@code _total}), one series per key, read at each scrape. */
    public void addCounters(String name, String help, String label,
                            java.util.function.Supplier<java.util.Map<String, Long>> values) {
        metrics.counters(name, help, label, values);
    }

    /** Requests answered since start (every route). */
    public long requestsServed() {
        return served.sum();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        InetAddress a = server.getAddress().getAddress();
        String host = a.isAnyLocalAddress() ? "127.0.0.1" : a.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port();
    }

    /**
     * Lets requests in progress finish (for up to {@code grace}; new ones get 503 meanwhile), then
     * closes the socket and stops the workers. (The JDK server's own {@code stop(delay)} waits the
     * whole delay on Java 17 even when nothing is in progress.)
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
        server.stop(0);
        workers.shutdown();
        try {
            workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(2));
    }

    // ------------------------------------------------------------------ request handling

    /** What one request gets back. */
    private record Reply(int status, byte[] body, String contentType, String xCache, Map<String, String> headers) {
        static Reply json(int status, byte[] body, String xCache) {
            return new Reply(status, body, JSON, xCache, Map.of());
        }

        static Reply error(int status, String message) {
            return new Reply(status, JsonViews.error(message), JSON, null, Map.of());
        }

        Reply withHeader(String name, String value) {
            return new Reply(status, body, contentType, xCache, Map.of(name, value));
        }
    }

    private void handle(HttpExchange ex) {
        inFlight.incrementAndGet();
        try {
            handleCounted(ex);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void handleCounted(HttpExchange ex) {
        long start = System.nanoTime();
        String route = "unmatched";
        Reply reply;
        if (draining) {
            send(ex, Reply.error(503, "the storefront is shutting down").withHeader("Connection", "close"));
            return;
        }
        try {
            URI uri = ex.getRequestURI();
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            Matcher product = PRODUCT_ROUTE.matcher(path);
            if (path.equals("/health") || path.equals("/metrics") || path.equals("/api/flash-sales/active")) {
                route = path;
            } else if (product.matches()) {
                route = "/api/products/{id}/" + product.group(2);
            }
            reply = checkRequest(ex, uri);
            if (reply == null) {
                reply = route.equals("unmatched")
                        ? Reply.error(404, "no such path: " + truncate(path))
                        : dispatch(route, product);
            }
        } catch (CacheLoadException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            unavailableLog.log(cause.getMessage());
            // no detail for the client: it would name the store's host or file to whoever asks
            reply = Reply.error(503, "the catalog is unavailable right now; try again shortly");
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "request failed: " + ex.getRequestURI(), e);
            reply = Reply.error(500, "internal error: " + e.getClass().getSimpleName());
        }
        send(ex, reply);
        metrics.record(route, reply.status(), System.nanoTime() - start);
        served.increment();
    }

    /** Refuses requests no route should see: wrong method, oversized URI or body. */
    private Reply checkRequest(HttpExchange ex, URI uri) {
        String method = ex.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Reply.error(405, "method " + truncate(method) + " is not allowed: this API is read-only (GET)")
                    .withHeader("Allow", "GET, HEAD");
        }
        if (uri.toString().length() > MAX_URI_LENGTH) {
            return Reply.error(414, "the request URI is longer than " + MAX_URI_LENGTH + " characters");
        }
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                return Reply.error(400, "malformed Content-Length header");
            }
            if (n > MAX_BODY_BYTES) {
                return Reply.error(413, "request body too large (" + n + " bytes; a GET needs none)");
            }
        }
        return null;
    }

    private Reply dispatch(String route, Matcher product) {
        switch (route) {
            case "/health":
                return Reply.json(200, health(), null);
            case "/metrics":
                return new Reply(200, metrics.scrape(), metrics.contentType(), null, Map.of());
            case "/api/flash-sales/active": {
                CatalogService.Answer<dev.flashsale.sale.ActiveSales> a = catalog.activeSales();
                return cachedReply(a.cached(), a.fromCache(), JsonViews::listing);
            }
            default:
                break;
        }
        String rawId = product.group(1);
        long id;
        if (!ID.matcher(rawId).matches()) {
            return Reply.error(400, "product id must be a positive whole number, got '" + truncate(decode(rawId)) + "'");
        }
        try {
            id = Long.parseLong(rawId);
        } catch (NumberFormatException e) {
            return Reply.error(400, "product id " + rawId + " is too large");
        }
        if (id <= 0) {
            return Reply.error(400, "product id must be a positive whole number, got " + rawId);
        }
        if (product.group(2).equals("price")) {
            return catalog.price(id).map(a -> cachedReply(a.cached(), a.fromCache(), JsonViews::price))
                    .orElseGet(() -> Reply.error(404, "no product with id " + id));
        }
        return catalog.flashStatus(id).map(a -> cachedReply(a.cached(), a.fromCache(), JsonViews::status))
                .orElseGet(() -> Reply.error(404, "no product with id " + id));
    }

    private static <T> Reply cachedReply(Cached<T> cached, boolean hit, Function<? super T, byte[]> render) {
        return Reply.json(200, cached.body(render), hit ? "HIT" : "MISS");
    }

    private byte[] health() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("status", "UP");
        // No database path here: with --bind beyond loopback it would tell strangers about the
        // machine. The console's status bar and the start-up line name it.
        h.put("cacheEntries", catalog.cache().size());
        h.put("cacheHitRate", catalog.cache().stats().hitRate());
        h.put("uptimeSeconds", Duration.between(startedAt, clock.instant()).toSeconds());
        new java.util.TreeMap<>(healthFields).forEach((k, v) -> h.put(k, v.get()));
        return JsonViews.bytes(h);
    }

    private static void send(HttpExchange ex, Reply reply) {
        try (ex) {
            drain(ex.getRequestBody());
            var headers = ex.getResponseHeaders();
            headers.set("Content-Type", reply.contentType());
            if (reply.xCache() != null) {
                headers.set("X-Cache", reply.xCache());
            }
            reply.headers().forEach(headers::set);
            boolean head = ex.getRequestMethod().equals("HEAD");
            if (head) {
                ex.sendResponseHeaders(reply.status(), -1);
            } else {
                ex.sendResponseHeaders(reply.status(), reply.body().length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        } catch (IOException e) {
            // The client went away: nothing to answer to.
            LOG.log(Level.DEBUG, "could not send a response: " + e.getMessage());
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        long total = 0;
        int n;
        while (total <= MAX_DRAIN_BYTES && (n = in.read(buf)) > 0) {
            total += n;
        }
    }

    private static String decode(String raw) {
        try {
            return java.net.URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    private static String truncate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
