package dev.flashsale.cache;

import java.util.concurrent.atomic.LongAdder;

/**
 * The cache's counters: hits and misses in per-thread slots (the hot path), the rest on
 * {@code LongAdder}s (they happen at the rate of writes and loads, where an atomic add is noise).
 *
 * <p>A thread finds its slot by its id, a final field of {@code Thread}: cheaper than a
 * {@code ThreadLocal} lookup, which costs as much as the rest of a hit.
 */
final class StatsRecorder {

    private static final int SLOTS = Math.max(64, Integer.highestOneBit(Runtime.getRuntime().availableProcessors() * 16 - 1) << 1);
    private static final int MASK = SLOTS - 1;

    private final ThreadCounters[] slots = new ThreadCounters[SLOTS];
    /** For the rare moment when more threads than slots use the cache at once. */
    private final ThreadCounters shared = new ThreadCounters(true);

    final LongAdder loads = new LongAdder();
    final LongAdder loadFailures = new LongAdder();
    final LongAdder loadTime = new LongAdder();
    final LongAdder evictions = new LongAdder();
    final LongAdder expirations = new LongAdder();
    final LongAdder invalidations = new LongAdder();

    StatsRecorder() {
        for (int i = 0; i < SLOTS; i++) {
            slots[i] = new ThreadCounters(false);
        }
    }

    @SuppressWarnings("deprecation") // Thread.threadId() exists only from Java 19; getId() is the same value.
    ThreadCounters counters() {
        Thread t = Thread.currentThread();
        long id = t.getId();
        ThreadCounters home = slots[(int) id & MASK];
        return home.ownerId == id ? home : find(t, id);
    }

    /** Slow path: this thread's slot is elsewhere, or it has none yet. */
    private ThreadCounters find(Thread t, long id) {
        int start = (int) id & MASK;
        for (int i = 0; i < SLOTS; i++) {
            ThreadCounters s = slots[(start + i) & MASK];
            if (s.ownerId == id) {
                return s;
            }
        }
        for (int i = 0; i < SLOTS; i++) {
            ThreadCounters s = slots[(start + i) & MASK];
            if (s.tryClaim(t, id)) {
                return s;
            }
        }
        return shared;
    }

    void recordLoad(long nanos, boolean failed) {
        (failed ? loadFailures : loads).increment();
        loadTime.add(nanos);
    }

    CacheStats snapshot() {
        long hits = shared.hitsSeen();
        long misses = shared.missesSeen();
        for (ThreadCounters c : slots) {
            hits += c.hitsSeen();
            misses += c.missesSeen();
        }
        return new CacheStats(hits, misses, loads.sum(), loadFailures.sum(), loadTime.sum(),
                evictions.sum(), expirations.sum(), invalidations.sum());
    }
}
