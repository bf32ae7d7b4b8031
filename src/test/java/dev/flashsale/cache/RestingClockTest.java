package dev.flashsale.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.testing.Await;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The system clock's coarse copy rests when nobody reads the cache (so an idle console does not
 * keep a core awake) and the cache stays exact while it rests. This drives the real clock thread:
 * it waits for states, bounded, and asserts no durations.
 */
@Timeout(30)
class RestingClockTest {

    @Test
    void theClockRestsWithoutReadersAndTheCacheStaysExact() throws Exception {
        try (TtlCache<String> cache = TtlCache.<String>builder().ticker(Ticker.system()).build()) {
            cache.put("price:1", "39.00", Duration.ofMinutes(5));
            cache.put("price:2", "29.00", Duration.ofMillis(300));
            Await.until("the clock rests", SystemTicker::isResting);
            assertEquals(SystemTicker.RESTING, SystemTicker.coarse, "readers see the resting mark");

            // While it rests, a hit takes the precise clock: still the value, never a stale one.
            assertEquals("39.00", cache.get("price:1"));
            Await.until("a reader wakes the clock", () -> !SystemTicker.isResting() && SystemTicker.coarse != SystemTicker.RESTING);
            long coarse = SystemTicker.coarse;
            long precise = System.nanoTime();
            assertTrue(coarse <= precise, "the coarse time never runs ahead");

            Await.until("the clock rests again", SystemTicker::isResting);
            long expiredAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            Await.until("price:2's deadline has passed", () -> System.nanoTime() > expiredAt);
            assertTrue(SystemTicker.isResting(), "nobody read meanwhile");
            assertNull(cache.get("price:2"), "an entry past its deadline is gone, resting clock or not");
        }
    }
}
