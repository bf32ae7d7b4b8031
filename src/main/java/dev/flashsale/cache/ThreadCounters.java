package dev.flashsale.cache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** Padding so that two threads' counters never share a cache line. */
abstract class CountersPadLeft {
    long p00, p01, p02, p03, p04, p05, p06, p07;
}

abstract class CountersFields extends CountersPadLeft {
    long hits;
    long misses;
}

/**
 * Hit and miss counters written by exactly one thread.
 *
 * <p>Why not a {@code LongAdder}: its increment is an atomic read-modify-write, which costs more
 * than the rest of a cache hit. A single writer needs no atomic instruction, only opaque stores
 * so that readers in other threads eventually see the counts; readers sum all threads' counters.
 */
final class ThreadCounters extends CountersFields {
    long p10, p11, p12, p13, p14, p15, p16, p17;

    private static final VarHandle HITS;
    private static final VarHandle MISSES;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HITS = l.findVarHandle(CountersFields.class, "hits", long.class);
            MISSES = l.findVarHandle(CountersFields.class, "misses", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final java.lang.ref.WeakReference<Thread> owner = new java.lang.ref.WeakReference<>(Thread.currentThread());

    /** Counts one hit and returns this thread's running hit count (used for sampling). */
    long hit() {
        long n = hits + 1;
        HITS.setOpaque(this, n);
        return n;
    }

    void miss() {
        MISSES.setOpaque(this, misses + 1);
    }

    long hitsSeen() {
        return (long) HITS.getOpaque(this);
    }

    long missesSeen() {
        return (long) MISSES.getOpaque(this);
    }
}
