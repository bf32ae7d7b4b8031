package dev.flashsale.cache;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * The cache's counters: hits and misses in per-thread slots (the hot path), the rest on
 * {@code LongAdder}s (they happen at the rate of writes and loads, where an atomic add is noise).
 *
 * <p>A thread finds its slot by its id, a final field of {@code Thread}: cheaper than a
 * {@code ThreadLocal} lookup, which costs as much as the rest of a hit.
 */
final class StatsRecorder {

    static final int SLOTS = 64;
    static final int MASK = SLOTS - 1;

    /** Read directly by the cache's hit path (see {@link TtlCache#get(String)}). */
    final ThreadCounters[] slots = new ThreadCounters[SLOTS];
    /** For threads beyond the slots: counters of their own, kept here so stats() can sum them. */
    private final ConcurrentLinkedQueue<ThreadCounters> overflow = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<ThreadCounters> overflowLocal = ThreadLocal.withInitial(() -> {
        ThreadCounters c = new ThreadCounters();
        overflow.add(c);
        return c;
    });

    final LongAdder loads = new LongAdder();
    final LongAdder loadFailures = new LongAdder();
    final LongAdder loadTime = new LongAdder();
    final LongAdder evictions = new LongAdder();
    final LongAdder expirations = new LongAdder();
    final LongAdder invalidations = new LongAdder();

    StatsRecorder() {
        for (int i = 0; i < SLOTS; i++) {
            slots[i] = new ThreadCounters();
        }
    }

    /** Slow path of the cache's slot lookup: this thread's slot is elsewhere, or it has none yet. */
    ThreadCounters find(Thread t, long id) {
        int start = (int) id & MASK;
        for (int i = 0; i < SLOTS; i++) {
            ThreadCounters s = slots[(start + i) & MASK];
            if (s.ownerSeen() == id) {
                return s;
            }
        }
        for (int i = 0; i < SLOTS; i++) {
            ThreadCounters s = slots[(start + i) & MASK];
            if (s.tryClaim(t, id)) {
                return s;
            }
        }
        return overflowLocal.get();
    }

    void recordLoad(long nanos, boolean failed) {
        (failed ? loadFailures : loads).increment();
        loadTime.add(nanos);
    }

    CacheStats snapshot() {
        long hits = 0;
        long misses = 0;
        for (ThreadCounters c : overflow) {
            hits += c.hitsSeen();
            misses += c.missesSeen();
        }
        for (ThreadCounters c : slots) {
            hits += c.hitsSeen();
            misses += c.missesSeen();
        }
        return new CacheStats(hits, misses, loads.sum(), loadFailures.sum(), loadTime.sum(),
                evictions.sum(), expirations.sum(), invalidations.sum());
    }
}
