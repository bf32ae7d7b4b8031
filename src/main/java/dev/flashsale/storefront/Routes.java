package dev.flashsale.storefront;

import dev.flashsale.cache.CacheLoadException;
import dev.flashsale.sale.ActiveSales;
import dev.flashsale.sale.read.CatalogService;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The storefront's API, apart from any HTTP server: a request's method, raw path and declared body
 * length in, a {@link Reply} out, and the route it took for the metrics. Cached answers are the
 * bytes rendered when they were loaded, so a hit costs no serialisation.
 */
final class Routes {

    static final int MAX_URI_LENGTH = 2048;
    static final long MAX_BODY_BYTES = 16 * 1024;
    static final String UNMATCHED = "unmatched";
    private static final Pattern PRODUCT_ROUTE = Pattern.compile("^/api/products/([^/]*)/(price|flash-status)$");
    private static final Pattern ID = Pattern.compile("^[0-9]{1,19}$");
    private static final Logger LOG = Logger.getLogger(StorefrontServer.class.getName());

    private final CatalogService catalog;
    private final StorefrontMetrics metrics;
    private final Clock clock;
    private final Duration httpMaxAge;
    private final Instant startedAt;
    private final ThrottledLog unavailableLog = new ThrottledLog(LOG, "catalog unavailable", Duration.ofSeconds(10));
    private final Map<String, Supplier<Object>> healthFields = new ConcurrentHashMap<>();

    /** One request as the routes see it: the raw path, and the headers a cached answer depends on. */
    record Request(String method, String path, String pathAndQuery, String contentLength, String acceptEncoding,
                   String ifNoneMatch) {
        static Request get(String pathAndQuery) {
            int q = pathAndQuery.indexOf('?');
            return new Request("GET", q < 0 ? pathAndQuery : pathAndQuery.substring(0, q), pathAndQuery, null, null,
                    null);
        }

        String query() {
            int q = pathAndQuery.indexOf('?');
            return q < 0 ? null : pathAndQuery.substring(q + 1);
        }
    }

    /** {@code httpMaxAge}: the longest {@code max-age} a cached answer is sent with (zero: {@code no-cache}). */
    Routes(CatalogService catalog, StorefrontMetrics metrics, Clock clock, Duration httpMaxAge) {
        this.catalog = catalog;
        this.metrics = metrics;
        this.clock = clock;
        this.httpMaxAge = httpMaxAge;
        this.startedAt = clock.instant();
    }

    void addHealthField(String name, Supplier<Object> value) {
        healthFields.put(name, value);
    }

    /** The route a raw path takes (the metric's label), or {@link #UNMATCHED}. */
    static String route(String path) {
        if (path.equals("/health") || path.equals("/metrics") || path.equals("/api/flash-sales/active")) {
            return path;
        }
        Matcher product = PRODUCT_ROUTE.matcher(path);
        return product.matches() ? "/api/products/{id}/" + product.group(2) : UNMATCHED;
    }

    /** Answers one request that took {@code route}. */
    Reply answer(Request request, String route) {
        try {
            Reply refused = checkRequest(request.method(), request.pathAndQuery(), request.contentLength());
            if (refused != null) {
                return refused;
            }
            return route.equals(UNMATCHED) ? Reply.error(404, "no such path: " + truncate(request.path()))
                    : dispatch(route, request);
        } catch (CacheLoadException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            unavailableLog.log(cause.getMessage());
            // no detail for the client: it would name the store's host or file to whoever asks
            return Reply.error(503, "the catalog is unavailable right now; try again shortly");
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "request failed: " + truncate(request.pathAndQuery()), e);
            return Reply.error(500, "internal error: " + e.getClass().getSimpleName());
        }
    }

    /** Refuses requests no route should see: wrong method, oversized URI or body. */
    private static Reply checkRequest(String method, String pathAndQuery, String length) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Reply.error(405, "method " + truncate(method) + " is not allowed: this API is read-only (GET)")
                    .withHeader("Allow", "GET, HEAD");
        }
        if (pathAndQuery.length() > MAX_URI_LENGTH) {
            return Reply.error(414, "the request URI is longer than " + MAX_URI_LENGTH + " characters");
        }
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

    private Reply dispatch(String route, Request request) {
        switch (route) {
            case "/health":
                return Reply.json(200, health(), null).withHeader("Cache-Control", "no-store");
            case "/metrics":
                return new Reply(200, metrics.scrape(), metrics.contentType(), null, Map.of("Cache-Control", "no-store"));
            case "/api/flash-sales/active": {
                Rendered.Page page;
                try {
                    page = ListingQuery.parse(request.query());
                } catch (IllegalArgumentException e) {
                    return Reply.error(400, e.getMessage());
                }
                CatalogService.Answer<ActiveSales> a = catalog.activeSales();
                Rendered rendered = a.cached().rendering(Rendered::of);
                return cachedReply(a, page == null ? rendered.whole() : rendered.page(page), request);
            }
            default:
                break;
        }
        String path = request.path();
        Matcher product = PRODUCT_ROUTE.matcher(path);
        if (!product.matches()) {
            return Reply.error(404, "no such path: " + truncate(path));
        }
        String rawId = product.group(1);
        if (!ID.matcher(rawId).matches()) {
            return Reply.error(400, "product id must be a positive whole number, got '" + truncate(decode(rawId)) + "'");
        }
        long id;
        try {
            id = Long.parseLong(rawId);
        } catch (NumberFormatException e) {
            return Reply.error(400, "product id " + rawId + " is too large");
        }
        if (id <= 0) {
            return Reply.error(400, "product id must be a positive whole number, got " + rawId);
        }
        Optional<? extends CatalogService.Answer<?>> answer = product.group(2).equals("price") ? catalog.price(id)
                : catalog.flashStatus(id);
        return answer.map(a -> cachedReply(a, a.cached().rendering(Rendered::of).whole(), request))
                .orElseGet(() -> Reply.error(404, "no product with id " + id));
    }

    /**
     * A cached answer as HTTP says it: gzipped when the client takes it and it is large enough,
     * tagged, {@code 304} with no body when the client's copy is current, and {@code max-age} no
     * longer than the answer stays true (nor than {@code --http-max-age}).
     */
    private Reply cachedReply(CatalogService.Answer<?> answer, Body body, Request request) {
        boolean gzip = body.gzip() != null && Negotiation.acceptsGzip(request.acceptEncoding());
        Reply.Caching caching = new Reply.Caching(gzip ? body.gzipTag() : body.tag(),
                Negotiation.maxAge(answer.cached().remainingNanos(catalog.cache().ticker().read()), httpMaxAge),
                body.gzip() != null, gzip);
        String xCache = answer.fromCache() ? "HIT" : "MISS";
        if (Negotiation.notModified(request.ifNoneMatch(), body)) {
            return new Reply(304, Reply.NO_BODY, Reply.JSON, xCache, caching, Map.of());
        }
        return new Reply(200, gzip ? body.gzip() : body.json(), Reply.JSON, xCache, caching, Map.of());
    }

    private byte[] health() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("status", "UP");
        // No database path here: with --bind beyond loopback it would tell strangers about the
        // machine. The console's status bar and the start-up line name it.
        h.put("cacheEntries", catalog.cache().size());
        h.put("cacheHitRate", catalog.cache().stats().hitRate());
        h.put("uptimeSeconds", Duration.between(startedAt, clock.instant()).toSeconds());
        new TreeMap<>(healthFields).forEach((k, v) -> h.put(k, v.get()));
        return JsonViews.bytes(h);
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    static String truncate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
