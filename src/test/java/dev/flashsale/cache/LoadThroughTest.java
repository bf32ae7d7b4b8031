package dev.flashsale.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LoadThroughTest {

    private final ManualTicker ticker = new ManualTicker();
    private final TtlCache<String> cache = TtlCache.builder().ticker(ticker).build();

    @Test
    void aMissLoadsAndCachesForTheGivenTtl() {
        AtomicInteger calls = new AtomicInteger();
        assertEquals("v1", cache.get("price:1", Duration.ofSeconds(10), k -> "v" + calls.incrementAndGet()));
        assertEquals("v1", cache.get("price:1", Duration.ofSeconds(10), k -> "v" + calls.incrementAndGet()));
        ticker.advance(Duration.ofSeconds(10));
        assertEquals("v2", cache.get("price:1", Duration.ofSeconds(10), k -> "v" + calls.incrementAndGet()));
        CacheStats s = cache.stats();
        assertEquals(1, s.hits());
        assertEquals(2, s.misses());
        assertEquals(2, s.loads());
    }

    @Test
    void theLoaderChoosesEachValuesTtl() {
        cache.get("flash:products", key -> Loaded.of("list", Duration.ofSeconds(3)));
        ticker.advance(Duration.ofSeconds(3).minusNanos(1));
        assertEquals("list", cache.get("flash:products"));
        ticker.advanceNanos(1);
        assertNull(cache.get("flash:products"));
        assertEquals("now", cache.get("flash:status:1", key -> Loaded.of("now", Duration.ZERO)),
                "a zero TTL returns the value without caching it");
        assertEquals(0, cache.size());
    }

    @Test
    void loadTimeIsMeasuredOnTheTicker() {
        cache.get("price:1", Duration.ofSeconds(30), k -> {
            ticker.advance(Duration.ofMillis(40));
            return "v";
        });
        CacheStats s = cache.stats();
        assertEquals(Duration.ofMillis(40).toNanos(), s.totalLoadTimeNanos());
        assertEquals(Duration.ofMillis(40).toNanos(), s.averageLoadPenaltyNanos(), 1e-6);
    }

    @Test
    void aNullResultIsReturnedButNotCached() {
        AtomicInteger calls = new AtomicInteger();
        assertNull(cache.get("price:404", Duration.ofSeconds(30), k -> {
            calls.incrementAndGet();
            return null;
        }));
        assertNull(cache.get("price:404", Duration.ofSeconds(30), k -> {
            calls.incrementAndGet();
            return null;
        }));
        assertEquals(2, calls.get(), "no negative caching: the next call loads again");
        assertEquals(0, cache.size());
        assertEquals(2, cache.stats().loads());
    }

    @Test
    void aFailingLoaderCachesNothingAndReportsTheCause() {
        CacheLoadException e = assertThrows(CacheLoadException.class,
                () -> cache.get("price:1", Duration.ofSeconds(30), k -> {
                    throw new IOException("database is locked");
                }));
        assertEquals("price:1", e.key());
        assertTrue(e.getMessage().contains("database is locked"), e.getMessage());
        assertTrue(e.getCause() instanceof IOException);
        assertEquals(0, cache.size());
        assertEquals(1, cache.stats().loadFailures());
        assertEquals("ok", cache.get("price:1", Duration.ofSeconds(30), k -> "ok"), "the next call loads again");
    }

    @Test
    void twoHundredConcurrentMissesRunTheLoaderOnce() throws Exception {
        int threads = 200;
        AtomicInteger loaderRuns = new AtomicInteger();
        CountDownLatch loaderEntered = new CountDownLatch(1);
        CountDownLatch releaseLoader = new CountDownLatch(1);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return cache.get("flash:products", Duration.ofSeconds(30), k -> {
                        loaderRuns.incrementAndGet();
                        loaderEntered.countDown();
                        releaseLoader.await();
                        return "listing";
                    });
                }));
            }
            start.countDown();
            assertTrue(loaderEntered.await(10, TimeUnit.SECONDS));
            // Let the other 199 reach the cache while the load is still running.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (cache.stats().misses() < threads && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            releaseLoader.countDown();
            for (Future<String> f : results) {
                assertEquals("listing", f.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, loaderRuns.get(), "one loader run for 200 concurrent misses");
        assertEquals(threads, cache.stats().misses(), "all 200 missed together, none was a late hit");
        assertEquals(1, cache.stats().loads());
    }

    @Test
    void everyWaiterGetsTheLoadersError() throws Exception {
        int threads = 20;
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> cache.get("price:7", Duration.ofSeconds(30), k -> {
                    runs.incrementAndGet();
                    release.await();
                    throw new IllegalStateException("no such table: product");
                })));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (cache.stats().misses() < threads && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            release.countDown();
            for (Future<?> f : results) {
                Exception e = assertThrows(Exception.class, () -> f.get(10, TimeUnit.SECONDS));
                assertTrue(e.getCause() instanceof CacheLoadException, String.valueOf(e.getCause()));
                assertTrue(e.getCause().getMessage().contains("no such table"), e.getCause().getMessage());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, runs.get());
        assertEquals(0, cache.size());
        assertEquals(1, cache.stats().loadFailures());
    }

    @Test
    void aWaiterGivesUpInsteadOfWaitingForever() throws Exception {
        TtlCache<String> c = TtlCache.builder().ticker(ticker).loadWaitTimeout(Duration.ofMillis(50)).build();
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread slow = new Thread(() -> c.get("price:1", Duration.ofSeconds(30), k -> {
            loading.countDown();
            release.await();
            return "late";
        }));
        slow.start();
        assertTrue(loading.await(10, TimeUnit.SECONDS));
        CacheLoadException e = assertThrows(CacheLoadException.class,
                () -> c.get("price:1", Duration.ofSeconds(30), k -> "never runs"));
        assertTrue(e.getMessage().contains("waiting"), e.getMessage());
        release.countDown();
        slow.join(10_000);
        assertEquals("late", c.get("price:1"));
    }

    @Test
    void anInvalidationDuringALoadKeepsTheStaleResultOut() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> f = pool.submit(() -> cache.get("price:1", Duration.ofSeconds(30), k -> {
                loading.countDown();
                release.await();
                return "price read before the admin's write";
            }));
            assertTrue(loading.await(10, TimeUnit.SECONDS));
            cache.invalidate("price:1"); // the admin saved a new price meanwhile
            release.countDown();
            assertEquals("price read before the admin's write", f.get(10, TimeUnit.SECONDS),
                    "the caller still gets its answer");
        } finally {
            pool.shutdownNow();
        }
        assertNull(cache.get("price:1"), "but the stale value is not cached");
    }

    @Test
    void aPutDuringALoadWins() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> f = pool.submit(() -> cache.get("price:1", Duration.ofSeconds(30), k -> {
                loading.countDown();
                release.await();
                return "loaded";
            }));
            assertTrue(loading.await(10, TimeUnit.SECONDS));
            cache.put("price:1", "written");
            release.countDown();
            f.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertEquals("written", cache.get("price:1"));
    }

    @Test
    void aHitDoesNotRunTheLoader() {
        cache.put("price:1", "cached");
        String v = cache.get("price:1", Duration.ofSeconds(30), k -> {
            throw new AssertionError("loader must not run on a hit");
        });
        assertSame("cached", v);
    }
}
