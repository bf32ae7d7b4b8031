package dev.flashsale.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several threads mix every operation on the real system ticker, so the coarse-clock fast path and
 * the precise near-deadline path both run; the invariants are checked afterwards.
 */
@Timeout(60)
class ConcurrencyStressTest {

    /** A value that records when its put returned, so a reader can prove it was not served late. */
    static final class Stamped {
        final long ttlNanos;
        volatile long putReturnedAt;

        Stamped(long ttlNanos) {
            this.ttlNanos = ttlNanos;
        }
    }

    private static final long[] TTLS_NANOS = {
            TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(20),
            TimeUnit.MILLISECONDS.toNanos(250), TimeUnit.MILLISECONDS.toNanos(400)};

    @Test
    void invariantsHoldUnderAMixOfEveryOperation() throws Exception {
        int threads = 6;
        int keys = 64;
        int maxEntries = 48;
        long runNanos = TimeUnit.MILLISECONDS.toNanos(1500);
        TtlCache<Stamped> cache = TtlCache.builder().maxEntries(maxEntries).refreshAhead(0.25, Runnable::run)
                .sweepInterval(Duration.ofMillis(50)).build();
        LongAdder reads = new LongAdder();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                start.await();
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                long end = System.nanoTime() + runNanos;
                while (System.nanoTime() < end) {
                    String key = "k" + (rnd.nextInt(4)) + ":" + rnd.nextInt(keys);
                    int op = rnd.nextInt(100);
                    long ttl = TTLS_NANOS[rnd.nextInt(TTLS_NANOS.length)];
                    if (op < 60) {
                        long before = System.nanoTime();
                        Stamped s = cache.get(key);
                        reads.increment();
                        check(s, before, key, violations);
                    } else if (op < 80) {
                        long before = System.nanoTime();
                        try {
                            Stamped s = cache.get(key, Duration.ofNanos(ttl), k -> {
                                if (rnd.nextInt(20) == 0) {
                                    throw new IllegalStateException("simulated database error");
                                }
                                Stamped fresh = new Stamped(ttl);
                                fresh.putReturnedAt = Long.MAX_VALUE; // stored after the loader returns
                                return fresh;
                            });
                            check(s, before, key, violations);
                        } catch (CacheLoadException expected) {
                            // a failure is reported to every waiter; the invariants below still hold
                        }
                        reads.increment();
                    } else if (op < 95) {
                        Stamped s = new Stamped(ttl);
                        cache.put(key, s, Duration.ofNanos(ttl));
                        s.putReturnedAt = System.nanoTime();
                    } else if (op < 99) {
                        cache.invalidate(key);
                    } else {
                        cache.invalidateNamespace("k" + rnd.nextInt(4));
                    }
                }
                return null;
            }));
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "a thread is stuck");
        for (Future<?> f : done) {
            f.get(); // rethrows anything unexpected
        }
        cache.close();

        CacheStats s = cache.stats();
        assertEquals(reads.sum(), s.hits() + s.misses(), "hits + misses = reads");
        assertTrue(violations.isEmpty(), "served after its TTL: " + violations.stream().limit(5).toList());
        assertTrue(cache.size() <= maxEntries + threads, "size " + cache.size());
        assertTrue(s.hits() > 0 && s.misses() > 0 && s.loads() > 0 && s.loadFailures() > 0
                && s.evictions() > 0 && s.expirations() > 0 && s.invalidations() > 0, "every path ran: " + s);
    }

    private static void check(Stamped s, long readStartedAt, String key, ConcurrentLinkedQueue<String> violations) {
        if (s == null) {
            return;
        }
        long putAt = s.putReturnedAt;
        // The entry's deadline is at most putReturnedAt + ttl; starting the read after that means
        // it was already expired.
        if (putAt != 0 && putAt != Long.MAX_VALUE && readStartedAt >= putAt + s.ttlNanos) {
            violations.add(key + " read " + (readStartedAt - putAt - s.ttlNanos) / 1000 + " us after its deadline");
        }
    }
}
