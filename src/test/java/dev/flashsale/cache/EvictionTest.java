package dev.flashsale.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EvictionTest {

    private final ManualTicker ticker = new ManualTicker();

    @Test
    void theDefaultBoundIsOneHundredThousand() {
        assertEquals(100_000, TtlCache.builder().ticker(ticker).build().maxEntries());
    }

    @Test
    void neverHoldsMoreThanTheBoundAndCountsEvictions() {
        TtlCache<String> cache = TtlCache.builder().ticker(ticker).maxEntries(100).build();
        for (int i = 0; i < 1000; i++) {
            cache.put("price:" + i, "v");
            assertTrue(cache.size() <= 100, "size " + cache.size() + " after " + (i + 1) + " puts");
        }
        assertEquals(900, cache.stats().evictions());
    }

    @Test
    void entriesReadSinceTheHandPassedSurviveOthersGo() {
        TtlCache<String> cache = TtlCache.builder().ticker(ticker).maxEntries(100).build();
        for (int i = 0; i < 100; i++) {
            cache.put("price:" + i, "v");
        }
        Set<String> hot = new HashSet<>();
        for (int i = 0; i < 100; i += 2) {
            cache.get("price:" + i);
            hot.add("price:" + i);
        }
        for (int i = 0; i < 50; i++) {
            cache.put("new:" + i, "v");
        }
        for (String key : hot) {
            assertNotNull(cache.get(key), key + " was read and must survive");
        }
        // The 50 victims came from the 100 entries nobody read: 50 cold ones and 50 new ones.
        assertEquals(50, cache.stats().evictions());
        assertEquals(100, cache.size());
    }

    @Test
    void oneHitWondersGoBeforeARepeatedlyReadKey() {
        TtlCache<String> cache = TtlCache.builder().ticker(ticker).maxEntries(10).build();
        cache.put("flash:products", "listing");
        for (int round = 0; round < 200; round++) {
            cache.get("flash:products");
            cache.put("price:" + round, "v"); // a flood of keys read at most never
        }
        assertEquals("listing", cache.get("flash:products"));
        assertEquals(10, cache.size());
    }

    @Test
    void expiredEntriesAreRemovedBeforeLiveOnesAreEvicted() {
        TtlCache<String> cache = TtlCache.builder().ticker(ticker).maxEntries(10).build();
        for (int i = 0; i < 5; i++) {
            cache.put("old:" + i, "v", Duration.ofSeconds(1));
        }
        for (int i = 0; i < 5; i++) {
            cache.put("live:" + i, "v", Duration.ofMinutes(1));
        }
        ticker.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 5; i++) {
            cache.put("more:" + i, "v", Duration.ofMinutes(1));
        }
        for (int i = 0; i < 5; i++) {
            assertNotNull(cache.get("live:" + i));
            assertNotNull(cache.get("more:" + i));
        }
        assertEquals(0, cache.stats().evictions());
        assertEquals(5, cache.stats().expirations());
    }

    @Test
    void loweringTheBoundEvictsAtOnce() {
        TtlCache<String> cache = TtlCache.builder().ticker(ticker).build();
        List<CacheEvent> events = new ArrayList<>();
        cache.addListener(events::add);
        for (int i = 0; i < 50; i++) {
            cache.put("price:" + i, "v");
        }
        cache.setMaxEntries(20);
        assertEquals(20, cache.size());
        assertEquals(30, cache.stats().evictions());
        assertEquals(30, events.stream().filter(e -> e.type() == CacheEventType.EVICT).count());
        assertThrows(IllegalArgumentException.class, () -> cache.setMaxEntries(0));
    }

    @Test
    void loadedValuesRespectTheBoundToo() {
        TtlCache<String> cache = TtlCache.builder().ticker(ticker).maxEntries(5).build();
        for (int i = 0; i < 20; i++) {
            int id = i;
            cache.get("price:" + id, Duration.ofSeconds(30), k -> "p" + id);
        }
        assertEquals(5, cache.size());
        assertEquals(15, cache.stats().evictions());
    }
}
