package dev.flashsale.cluster;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flashsale.sale.read.Cached;
import java.io.IOException;
import java.time.Instant;

/** The catalog's values (records of strings, numbers, money and instants) as JSON in the shared tier. */
final class ValueCodec {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
            .registerModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(Instant v, JsonGenerator g, SerializerProvider p) throws IOException {
                            g.writeString(v.toString());
                        }
                    })
                    .addDeserializer(Instant.class, new JsonDeserializer<>() {
                        @Override
                        public Instant deserialize(JsonParser p, DeserializationContext c) throws IOException {
                            return Instant.parse(p.getValueAsString());
                        }
                    }));

    private ValueCodec() {
    }

    /** Field names no catalog value has: a value with the one after its sale boundary. */
    private static final String NOW = "$now";
    private static final String NEXT = "$next";
    private static final String NEXT_AT = "$nextAt";

    /**
     * A cached answer as JSON: its value, or (when it holds the answer after a sale boundary)
     * {@code {"$now": value, "$next": value, "$nextAt": instant}}. A node of an older version reads
     * the latter as no value of its type and loads from the store, as for any value it cannot read.
     */
    static String encode(Cached<?> c) {
        if (!c.hasNext()) {
            return json(c.value());
        }
        ObjectNode o = JSON.createObjectNode();
        o.set(NOW, JSON.valueToTree(c.value()));
        o.set(NEXT, JSON.valueToTree(c.next().value()));
        o.put(NEXT_AT, c.nextAt().toString());
        return o.toString();
    }

    /** What {@link #encode(Cached)} wrote, or null when it is not a {@code type} (then it is reloaded). */
    static Cached<Object> decodeCached(String json, Class<?> type) {
        try {
            JsonNode tree = JSON.readTree(json);
            if (tree.has(NOW) && tree.has(NEXT) && tree.has(NEXT_AT)) {
                Object now = JSON.treeToValue(tree.get(NOW), type);
                Object next = JSON.treeToValue(tree.get(NEXT), type);
                return now == null || next == null ? null
                        : Cached.until(now, Instant.parse(tree.get(NEXT_AT).asText()), next);
            }
            Object value = JSON.treeToValue(tree, type);
            return value == null ? null : new Cached<>(value);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
