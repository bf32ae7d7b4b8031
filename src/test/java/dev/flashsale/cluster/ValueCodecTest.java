package dev.flashsale.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.sale.PriceQuote;
import dev.flashsale.sale.read.Cached;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The shared tier's JSON: a value, or a value with the one after its sale boundary, read back as written. */
class ValueCodecTest {

    private static final Instant NOW = Instant.parse("2026-12-02T09:59:40Z");
    private static final Instant START = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void aValueWithTheOneAfterItsBoundaryGoesThroughRedisWhole() {
        PriceQuote regular = new PriceQuote(7, new BigDecimal("119.95"), new BigDecimal("119.95"), false, null, NOW);
        PriceQuote flash = new PriceQuote(7, new BigDecimal("79.95"), new BigDecimal("119.95"), true, 3L, START);
        String json = ValueCodec.encode(Cached.until(regular, START, flash));
        Cached<Object> back = ValueCodec.decodeCached(json, PriceQuote.class);
        assertEquals(regular, back.value());
        assertTrue(back.hasNext(), "another node loading it from Redis gets the start's price too");
        assertEquals(START, back.nextAt());
        assertEquals(flash, back.next().value());
        assertEquals(flash, back.at(START).value());
        assertEquals(regular, back.at(START.minusMillis(1)).value());

        Cached<Object> plain = ValueCodec.decodeCached(ValueCodec.encode(new Cached<>(regular)), PriceQuote.class);
        assertEquals(regular, plain.value());
        assertFalse(plain.hasNext());
        assertNull(ValueCodec.decodeCached("{\"$now\": 1, \"$next\": [], \"$nextAt\": \"x\"}", PriceQuote.class),
                "unreadable: reloaded from the store, never served");
        assertNull(ValueCodec.decodeCached("not json", PriceQuote.class));
    }
}
