package dev.flashsale.cache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;

/** Padding so that two slots never share a cache line. */
abstract class CountersPadLeft {
    long p00, p01, p02, p03, p04, p05, p06, p07;
}

abstract class CountersFields extends CountersPadLeft {
    long hits;
    long misses;
    /** The id of the thread that owns this slot, 0 if none. */
    volatile long ownerId;
    WeakReference<Thread> owner;
}

/**
 * One slot of hit and miss counters, written by the one thread that owns it.
 *
 * <p>Why not a {@code LongAdder}: its increment is an atomic read-modify-write, which costs more
 * than the rest of a cache hit. A single writer needs no atomic instruction, only opaque stores
 * so that readers in other threads eventually see the counts; {@code stats()} sums every slot.
 * Threads beyond the number of slots get counters of their own, found through a
 * {@code ThreadLocal} on the slow path.
 */
final class ThreadCounters extends CountersFields {
    long p10, p11, p12, p13, p14, p15, p16, p17;

    private static final VarHandle HITS;
    private static final VarHandle MISSES;
    private static final VarHandle OWNER_ID;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HITS = l.findVarHandle(CountersFields.class, "hits", long.class);
            MISSES = l.findVarHandle(CountersFields.class, "misses", long.class);
            OWNER_ID = l.findVarHandle(CountersFields.class, "ownerId", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Counts one hit and returns this slot's running hit count (used for sampling). */
    long hit() {
        long n = hits + 1;
        HITS.setOpaque(this, n);
        return n;
    }

    void miss() {
        MISSES.setOpaque(this, misses + 1);
    }

    long hitsSeen() {
        return (long) HITS.getVolatile(this);
    }

    long missesSeen() {
        return (long) MISSES.getVolatile(this);
    }

    /**
     * Takes this slot for {@code thread} if it is free or its owner has died. A dead owner never
     * writes again, so the new owner simply goes on adding to its counts: nothing is lost.
     */
    boolean tryClaim(Thread thread, long id) {
        long current = ownerId;
        if (current != 0) {
            Thread previous = owner == null ? null : owner.get();
            if (previous != null && previous.isAlive()) {
                return false;
            }
        }
        if (OWNER_ID.compareAndSet(this, current, id)) {
            owner = new WeakReference<>(thread);
            return true;
        }
        return false;
    }
}
