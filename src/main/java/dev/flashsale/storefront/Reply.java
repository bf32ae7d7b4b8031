package dev.flashsale.storefront;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one request gets back: the status, the body and its type, {@code X-Cache} for cached answers,
 * what HTTP caches may do with it, and other headers.
 */
record Reply(int status, byte[] body, String contentType, String xCache, Caching caching, Map<String, String> headers) {

    static final String JSON = "application/json; charset=utf-8";
    static final byte[] NO_BODY = new byte[0];

    /**
     * A cached answer's validator and freshness: its {@code ETag}, its {@code max-age} in seconds
     * ({@link #NO_CACHE} when clients must ask every time), whether it has a gzipped form (then it
     * is sent with {@code Vary: Accept-Encoding}: what a cache keeps depends on that header) and
     * whether this body is the gzipped one.
     */
    record Caching(String etag, long maxAge, boolean compressible, boolean gzip) {
        static final long NO_CACHE = -1;
    }

    Reply(int status, byte[] body, String contentType, String xCache, Map<String, String> headers) {
        this(status, body, contentType, xCache, null, headers);
    }

    static Reply json(int status, byte[] body, String xCache) {
        return new Reply(status, body, JSON, xCache, Map.of());
    }

    /** An error: never kept by a browser or a CDN (the next request may well succeed). */
    static Reply error(int status, String message) {
        return new Reply(status, JsonViews.error(message), JSON, null, Map.of("Cache-Control", "no-store"));
    }

    Reply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, body, contentType, xCache, caching, more);
    }
}
