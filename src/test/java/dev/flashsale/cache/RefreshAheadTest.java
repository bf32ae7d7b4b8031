package dev.flashsale.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RefreshAheadTest {

    private final ManualTicker ticker = new ManualTicker();
    /** Holds refresh tasks until the test runs them, so the test decides when "background" happens. */
    private final Queue<Runnable> background = new ArrayDeque<>();
    private final Executor executor = background::add;
    private final AtomicInteger loads = new AtomicInteger();

    private String load() {
        return "v" + loads.incrementAndGet();
    }

    private void runBackground() {
        Runnable r;
        while ((r = background.poll()) != null) {
            r.run();
        }
    }

    @Test
    void aHotKeyReadNearItsEndIsReloadedOnceAndStaysCached() {
        TtlCache<String> cache = TtlCache.builder().ticker(ticker).refreshAhead(0.2, executor).build();
        assertEquals("v1", cache.get("flash:products", Duration.ofSeconds(30), k -> load()));
        ticker.advance(Duration.ofSeconds(23));
        assertEquals("v1", cache.get("flash:products"));
        assertEquals(0, background.size(), "not yet in the last 20 %");
        ticker.advance(Duration.ofSeconds(2));
        assertEquals("v1", cache.get("flash:products"), "the reader is served the current value at once");
        assertEquals("v1", cache.get("flash:products"));
        assertEquals(1, background.size(), "one refresh however many reads");
        runBackground();
        assertEquals(2, loads.get());
        ticker.advance(Duration.ofSeconds(10)); // past the first value's deadline
        assertEquals("v2", cache.get("flash:products"), "the refreshed value is served with a new TTL");
        assertEquals(2, cache.stats().loads());
        assertEquals(1, cache.stats().misses(), "only the very first read missed");
    }

    @Test
    void aFailedRefreshKeepsTheOldValueUntilItsDeadline() {
        TtlCache<String> cache = TtlCache.builder().ticker(ticker).refreshAhead(0.2, executor).build();
        AtomicInteger calls = new AtomicInteger();
        cache.get("price:1", Duration.ofSeconds(10), k -> {
            if (calls.incrementAndGet() > 1) {
                throw new IllegalStateException("database unavailable");
            }
            return "old";
        });
        ticker.advance(Duration.ofSeconds(9));
        assertEquals("old", cache.get("price:1"));
        runBackground();
        assertEquals(1, cache.stats().loadFailures());
        assertEquals("old", cache.get("price:1"));
        ticker.advance(Duration.ofSeconds(1));
        assertNull(cache.get("price:1"));
    }

    @Test
    void aRefreshDoesNotOverwriteANewerWrite() {
        TtlCache<String> cache = TtlCache.builder().ticker(ticker).refreshAhead(0.2, executor).build();
        cache.get("price:1", Duration.ofSeconds(10), k -> load());
        ticker.advance(Duration.ofSeconds(9));
        cache.get("price:1");
        cache.put("price:1", "admin wrote this");
        runBackground();
        assertEquals("admin wrote this", cache.get("price:1"));
    }

    @Test
    void withoutTheSwitchNothingIsRefreshed() {
        TtlCache<String> cache = TtlCache.builder().ticker(ticker).build();
        cache.get("price:1", Duration.ofSeconds(10), k -> load());
        ticker.advance(Duration.ofSeconds(9));
        cache.get("price:1");
        ticker.advance(Duration.ofSeconds(1));
        assertNull(cache.get("price:1"));
        assertEquals(1, loads.get());
    }
}
