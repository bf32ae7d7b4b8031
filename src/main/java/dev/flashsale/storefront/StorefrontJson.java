package dev.flashsale.storefront;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flashsale.sale.read.Cached;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The storefront's JSON for a cached value, for the console: the entries table and the preview
 * show exactly the bytes the storefront answers, not a Java {@code toString}.
 */
public final class StorefrontJson {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StorefrontJson() {
    }

    /** The storefront's answer for a catalog value, or for a {@link Cached} one (its rendering, made once). */
    public static String of(Object value) {
        if (value instanceof Cached<?> c) {
            // an entry that holds the answer after a sale boundary shows the one served now
            Cached<?> shown = c.hasNext() ? c.at(Instant.now()) : c;
            return new String(shown.rendering(Rendered::of).whole().json(), StandardCharsets.UTF_8);
        }
        if (value instanceof String s) {
            return s; // not a catalog value: shown as it is, and not copied
        }
        return new String(Rendered.json(value), StandardCharsets.UTF_8);
    }

    /** The same JSON, indented for reading. */
    public static String pretty(String json) {
        try {
            return PRETTY.writeValueAsString(PRETTY.readTree(json));
        } catch (JsonProcessingException e) {
            return json; // not JSON (a value the storefront does not serve): shown as it is
        }
    }
}
