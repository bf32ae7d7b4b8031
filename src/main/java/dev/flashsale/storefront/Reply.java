package dev.flashsale.storefront;

import java.util.Map;

/** What one request gets back: the status, the body and its type, {@code X-Cache} for cached answers, and other headers. */
record Reply(int status, byte[] body, String contentType, String xCache, Map<String, String> headers) {

    static final String JSON = "application/json; charset=utf-8";

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
