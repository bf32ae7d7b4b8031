package dev.flashsale.cluster;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
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

    static String encode(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The value, or null when the bytes are not one (written by another version, say): then it is reloaded. */
    static <T> T decode(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
