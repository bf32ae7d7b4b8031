package dev.flashsale.cache;

import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * The cache's counters: hits and misses per thread (the hot path), the rest on {@code LongAdder}s
 * (they happen at the rate of writes and loads, where an atomic add is noise).
 */
final class StatsRecorder {

    private final ThreadLocal<ThreadCounters> local = ThreadLocal.withInitial(this::register);
    private final ConcurrentLinkedQueue<ThreadCounters> all = new ConcurrentLinkedQueue<>();
    // Counts of threads that have died, folded in so their counters can be dropped.
    private final LongAdder retiredHits = new LongAdder();
    private final LongAdder retiredMisses = new LongAdder();

    final LongAdder loads = new LongAdder();
    final LongAdder loadFailures = new LongAdder();
    final LongAdder loadTime = new LongAdder();
    final LongAdder evictions = new LongAdder();
    final LongAdder expirations = new LongAdder();
    final LongAdder invalidations = new LongAdder();

    private ThreadCounters register() {
        ThreadCounters c = new ThreadCounters();
        all.add(c);
        return c;
    }

    ThreadCounters counters() {
        return local.get();
    }

    void recordLoad(long nanos, boolean failed) {
        (failed ? loadFailures : loads).increment();
        loadTime.add(nanos);
    }

    CacheStats snapshot() {
        long hits = 0;
        long misses = 0;
        for (Iterator<ThreadCounters> it = all.iterator(); it.hasNext(); ) {
            ThreadCounters c = it.next();
            long h = c.hitsSeen();
            long m = c.missesSeen();
            Thread owner = c.owner.get();
            if (owner == null || !owner.isAlive()) {
                // A dead thread never writes again, so its final counts can be folded once.
                if (all.remove(c)) {
                    retiredHits.add(h);
                    retiredMisses.add(m);
                }
                continue;
            }
            hits += h;
            misses += m;
        }
        hits += retiredHits.sum();
        misses += retiredMisses.sum();
        return new CacheStats(hits, misses, loads.sum(), loadFailures.sum(), loadTime.sum(),
                evictions.sum(), expirations.sum(), invalidations.sum());
    }
}
