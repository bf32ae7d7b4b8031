package dev.flashsale.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class TtlCacheTest {

    private final ManualTicker ticker = new ManualTicker(1_000_000_000L);
    private final TestClock wall = new TestClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final TtlCache<String> cache = TtlCache.builder().ticker(ticker).wallClock(wall).build();

    @Test
    void returnsWhatWasPut() {
        cache.put("price:1", "39.00");
        assertEquals("39.00", cache.get("price:1"));
        assertNull(cache.get("price:2"));
    }

    @Test
    void defaultTtlIsThirtySecondsAndGoneExactlyAtTheDeadline() {
        assertEquals(Duration.ofSeconds(30), cache.defaultTtl());
        cache.put("price:1", "39.00");
        ticker.advance(Duration.ofSeconds(30).minusNanos(1));
        assertEquals("39.00", cache.get("price:1"), "fresh one nanosecond before the deadline");
        ticker.advanceNanos(1);
        assertNull(cache.get("price:1"), "gone at exactly the deadline");
        assertEquals(0, cache.size(), "the expired entry was removed on read");
    }

    @Test
    void perKeyTtlOverridesTheDefault() {
        cache.put("price:1", "short", Duration.ofSeconds(2));
        cache.put("price:2", "long", Duration.ofMinutes(5));
        ticker.advance(Duration.ofSeconds(2));
        assertNull(cache.get("price:1"));
        ticker.advance(Duration.ofMinutes(4));
        assertEquals("long", cache.get("price:2"));
        ticker.advance(Duration.ofMinutes(1).minusSeconds(2));
        assertNull(cache.get("price:2"));
    }

    @Test
    void configurableDefaultTtlAppliesToLaterPuts() {
        TtlCache<String> c = TtlCache.builder().ticker(ticker).defaultTtl(Duration.ofSeconds(5)).build();
        c.put("price:1", "a");
        c.setDefaultTtl(Duration.ofSeconds(60));
        c.put("price:2", "b");
        ticker.advance(Duration.ofSeconds(5));
        assertNull(c.get("price:1"));
        assertEquals("b", c.get("price:2"));
    }

    @Test
    void aTtlOfZeroCachesNothing() {
        cache.put("price:1", "old");
        cache.put("price:1", "new", Duration.ZERO);
        assertNull(cache.get("price:1"), "a zero TTL also drops the older value");
        cache.setDefaultTtl(Duration.ZERO);
        cache.put("price:2", "x");
        assertNull(cache.get("price:2"));
        assertEquals(0, cache.size());
        assertThrows(IllegalArgumentException.class, () -> cache.setDefaultTtl(Duration.ofSeconds(-1)));
    }

    @Test
    void wallClockJumpsNeitherExpireNorImmortaliseEntries() {
        cache.put("price:1", "a", Duration.ofSeconds(30));
        wall.advanceWall(Duration.ofDays(1));
        assertEquals("a", cache.get("price:1"), "a wall clock jump forward expires nothing");
        wall.setWall(Instant.parse("2000-01-01T00:00:00Z"));
        ticker.advance(Duration.ofSeconds(30));
        assertNull(cache.get("price:1"), "a wall clock jump back keeps nothing alive");
    }

    @Test
    void rejectsKeysOutsideTheNamespaceConvention() {
        for (String bad : new String[] {"price", ":1", "price:", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cache.put(bad, "x"));
            assertTrue(e.getMessage().contains("namespace:rest"), e.getMessage());
        }
        assertThrows(NullPointerException.class, () -> cache.put("price:1", null));
        assertNull(cache.get("no-namespace"), "reading a malformed key simply misses");
    }

    @Test
    void invalidateRemovesOneKey() {
        cache.put("price:1", "a");
        cache.put("price:2", "b");
        assertTrue(cache.invalidate("price:1"));
        assertFalse(cache.invalidate("price:1"));
        assertNull(cache.get("price:1"));
        assertEquals("b", cache.get("price:2"));
        assertEquals(1, cache.stats().invalidations());
    }

    @Test
    void invalidateNamespaceRemovesOnlyThatNamespace() {
        cache.put("price:1", "a");
        cache.put("price:2", "b");
        cache.put("flash:status:1", "s");
        cache.put("flash:products", "list");
        cache.put("pricey:1", "not the price namespace");
        assertEquals(2, cache.invalidateNamespace("price"));
        assertNull(cache.get("price:1"));
        assertNull(cache.get("price:2"));
        assertEquals("s", cache.get("flash:status:1"));
        assertEquals("not the price namespace", cache.get("pricey:1"));
        assertEquals(2, cache.invalidateNamespace("flash"));
        assertEquals(0, cache.invalidateNamespace("nothing"));
        assertThrows(IllegalArgumentException.class, () -> cache.invalidateNamespace("a:b"));
        assertEquals(4, cache.stats().invalidations());
    }

    @Test
    void invalidateAllClearsAndCounts() {
        cache.put("price:1", "a");
        cache.put("price:2", "b");
        assertEquals(2, cache.invalidateAll());
        assertEquals(0, cache.size());
        assertNull(cache.get("price:1"));
        assertEquals(2, cache.stats().invalidations());
    }

    @Test
    void deadEntriesArePurgedByWritesWithoutAnyReader() {
        for (int i = 0; i < 100; i++) {
            cache.put("price:" + i, "v", Duration.ofSeconds(1));
        }
        ticker.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 200; i++) {
            cache.put("other:" + i, "v", Duration.ofMinutes(1));
        }
        // Writes step a hand over two entries each on average (16 at a time, at random), so 200
        // writes visit far more than the 100 dead entries; every dead one visited is gone.
        long dead = cache.snapshot().stream().filter(r -> r.namespace().equals("price")).count();
        assertEquals(0, dead, "snapshot never shows dead entries");
        assertTrue(cache.size() < 300, "writes purged dead entries: size " + cache.size());
        assertEquals(300 - cache.size(), cache.stats().expirations());
    }

    @Test
    void cleanUpPurgesEveryDeadEntry() {
        for (int i = 0; i < 50; i++) {
            cache.put("price:" + i, "v", Duration.ofSeconds(i < 20 ? 1 : 10));
        }
        ticker.advance(Duration.ofSeconds(1));
        assertEquals(20, cache.cleanUp());
        assertEquals(30, cache.size());
        assertEquals(20, cache.stats().expirations());
    }

    @Test
    void statisticsCountHitsMissesAndHitRate() {
        cache.put("price:1", "a");
        cache.get("price:1");
        cache.get("price:1");
        cache.get("price:1");
        cache.get("price:2");
        CacheStats s = cache.stats();
        assertEquals(3, s.hits());
        assertEquals(1, s.misses());
        assertEquals(0.75, s.hitRate(), 1e-9);
        assertEquals(1.0, CacheStats.EMPTY.hitRate(), "no requests: nothing missed");
        CacheStats later = new CacheStats(10, 2, 1, 1, 100, 0, 0, 0);
        assertEquals(new CacheStats(7, 1, 1, 1, 100, 0, 0, 0), later.minus(s));
        assertEquals(50.0, later.averageLoadPenaltyNanos(), 1e-9);
    }

    @Test
    void statisticsAddUpAcrossThreadsIncludingDeadOnes() throws Exception {
        cache.put("price:1", "a");
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    cache.get(i % 2 == 0 ? "price:1" : "price:2");
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(new CacheStats(2000, 2000, 0, 0, 0, 0, 0, 0), cache.stats());
        assertEquals(cache.stats(), cache.stats(), "folding dead threads' counters changes no figure");
    }

    @Test
    void countsSurviveThreadsComingAndGoingAndMoreThreadsThanSlots() throws Exception {
        cache.put("price:1", "a");
        for (int round = 0; round < 300; round++) { // short-lived threads reuse dead threads' slots
            Thread t = new Thread(() -> {
                cache.get("price:1");
                cache.get("price:0");
            });
            t.start();
            t.join();
        }
        CountDownLatch hold = new CountDownLatch(1);
        List<Thread> alive = new ArrayList<>();
        for (int i = 0; i < 150; i++) { // more live threads than slots: the rest share one slot
            Thread t = new Thread(() -> {
                cache.get("price:1");
                try {
                    hold.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            alive.add(t);
        }
        hold.countDown();
        for (Thread t : alive) {
            t.join();
        }
        assertEquals(new CacheStats(450, 300, 0, 0, 0, 0, 0, 0), cache.stats());
    }

    @Test
    void snapshotRowsDescribeEachFreshEntry() {
        cache.put("price:1", "39.00", Duration.ofSeconds(30));
        ticker.advance(Duration.ofSeconds(10));
        wall.advanceWall(Duration.ofSeconds(10));
        cache.put("flash:products", "[...]", Duration.ofSeconds(5));
        cache.put("price:9", "gone soon", Duration.ofSeconds(1));
        cache.get("price:1");
        cache.get("price:1");
        ticker.advance(Duration.ofSeconds(1));
        wall.advanceWall(Duration.ofSeconds(1));

        List<CacheEntrySnapshot> rows = cache.snapshot();
        rows = rows.stream().sorted(Comparator.comparing(CacheEntrySnapshot::key)).toList();
        assertEquals(2, rows.size(), "the expired price:9 is not shown");
        CacheEntrySnapshot listing = rows.get(0);
        assertEquals("flash:products", listing.key());
        assertEquals("flash", listing.namespace());
        assertEquals(Duration.ofSeconds(4), listing.remainingTtl());
        CacheEntrySnapshot price = rows.get(1);
        assertEquals("price", price.namespace());
        assertEquals("39.00", price.value());
        assertEquals(Instant.parse("2026-11-25T12:00:00Z"), price.writtenAt());
        assertEquals(Instant.parse("2026-11-25T12:00:30Z"), price.expiresAt());
        assertEquals(Duration.ofSeconds(19), price.remainingTtl());
        assertEquals(2, price.hits());
        assertTrue(price.estimatedBytes() > "39.00".length(), "size includes the entry's own cost");
    }

    @Test
    void perEntryHitCountsAreExactWhileSmall() {
        cache.put("price:1", "a");
        for (int i = 0; i < 500; i++) {
            cache.get("price:1");
        }
        assertEquals(500, cache.snapshot().get(0).hits());
    }

    @Test
    void perEntryHitCountsStayCloseWhenSampled() {
        cache.put("price:1", "a");
        int reads = 100_000;
        for (int i = 0; i < reads; i++) {
            cache.get("price:1");
        }
        long counted = cache.snapshot().get(0).hits();
        assertTrue(Math.abs(counted - reads) <= 64, "sampled count " + counted + " vs " + reads);
    }

    @Test
    void theSystemTickerKeepsEntriesForTheirTtl() {
        TtlCache<String> real = TtlCache.builder().build();
        real.put("price:1", "a", Duration.ofMinutes(5));
        assertEquals("a", real.get("price:1"));
        real.put("price:2", "b", Duration.ofNanos(1));
        // One nanosecond is long gone by the time we read, however fast the machine.
        long spin = System.nanoTime();
        while (System.nanoTime() == spin) {
            Thread.onSpinWait();
        }
        assertNull(real.get("price:2"));
    }

    @Test
    void theSystemTickersCoarseReadingNeverRunsAhead() {
        Ticker t = Ticker.system();
        TtlCache.builder().build(); // starts the clock thread
        for (int i = 0; i < 100_000; i++) {
            long coarse = t.approximate();
            assertTrue(coarse <= t.read(), "coarse time must never be ahead of the precise time");
        }
    }
}
