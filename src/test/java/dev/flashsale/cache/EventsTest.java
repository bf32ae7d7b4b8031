package dev.flashsale.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flashsale.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventsTest {

    private final ManualTicker ticker = new ManualTicker();
    private final TestClock wall = new TestClock(Instant.parse("2026-11-25T14:02:00Z"));
    private final TtlCache<String> cache = TtlCache.builder().ticker(ticker).wallClock(wall).maxEntries(3).build();
    private final List<CacheEvent> events = new ArrayList<>();

    @Test
    void reportsEachKindOfChange() {
        cache.addListener(events::add);
        cache.put("price:1", "a");
        cache.put("price:2", "b", Duration.ofSeconds(1));
        cache.invalidate("price:1");
        cache.invalidate("price:1"); // nothing there: no event
        ticker.advance(Duration.ofSeconds(1));
        cache.get("price:2");
        cache.put("flash:status:1", "x");
        cache.put("flash:status:2", "y");
        cache.invalidateNamespace("flash");
        assertThrows(CacheLoadException.class, () -> cache.get("price:3", Duration.ofSeconds(1), k -> {
            throw new IllegalStateException("boom");
        }));
        for (int i = 0; i < 4; i++) {
            cache.put("price:" + (10 + i), "v");
        }
        cache.invalidateAll();

        List<String> seen = events.stream().map(e -> e.type() + " " + e.key() + " " + e.count()).toList();
        assertEquals(List.of(
                "PUT price:1 1",
                "PUT price:2 1",
                "INVALIDATE price:1 1",
                "EXPIRE price:2 1",
                "PUT flash:status:1 1",
                "PUT flash:status:2 1",
                "INVALIDATE_NAMESPACE flash 2",
                "LOAD_FAILURE price:3 0",
                "PUT price:10 1",
                "PUT price:11 1",
                "PUT price:12 1",
                "PUT price:13 1",
                "EVICT price:10 1",
                "CLEAR null 3"), seen);
        assertEquals("boom", events.get(7).detail());
        assertEquals(Instant.parse("2026-11-25T14:02:00Z"), events.get(0).at());
    }

    @Test
    void aThrowingListenerNeverBreaksTheCacheOrOtherListeners() {
        cache.addListener(e -> {
            throw new IllegalStateException("listener bug");
        });
        cache.addListener(events::add);
        cache.put("price:1", "a");
        assertEquals("a", cache.get("price:1"));
        assertEquals("b", cache.get("price:2", Duration.ofSeconds(5), k -> "b"));
        cache.invalidate("price:1");
        assertEquals(3, events.size(), "the second listener still hears everything");
        assertEquals(3, cache.listenerFailures());
    }

    @Test
    void hitsProduceNoEvents() {
        cache.put("price:1", "a");
        cache.addListener(events::add);
        for (int i = 0; i < 100; i++) {
            cache.get("price:1");
        }
        assertEquals(List.of(), events);
    }

    @Test
    void aRemovedListenerHearsNothingMore() {
        cache.addListener(events::add);
        cache.put("price:1", "a");
        cache.removeListener(events::add); // a different method reference: not the same object
        CacheListener l = events::add;
        cache.addListener(l);
        cache.removeListener(l);
        cache.put("price:2", "b");
        assertEquals(2, events.size(), "the first listener still hears, the removed one did not add a third");
    }
}
