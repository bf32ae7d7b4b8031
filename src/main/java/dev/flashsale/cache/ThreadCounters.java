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
    /**
     * The id of the thread that owns this slot, 0 if none. Read plainly on the hit path: a thread
     * always sees its own claim, and any other value only sends it to the slow path, which reads
     * with {@link #ownerSeen()} and claims with a CAS.
     */
    long ownerId;
    /** Who owns the slot: the thread (weakly, so a dead one can be replaced) and its id, as one value. */
    volatile Owner owner;
}

/** A slot's owner: its thread, held weakly, and that thread's id. */
final class Owner extends WeakReference<Thread> {
    final long id;

    Owner(Thread thread, long id) {
        super(thread);
        this.id = id;
    }
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
    private static final VarHandle OWNER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HITS = l.findVarHandle(CountersFields.class, "hits", long.class);
            MISSES = l.findVarHandle(CountersFields.class, "misses", long.class);
            OWNER_ID = l.findVarHandle(CountersFields.class, "ownerId", long.class);
            OWNER = l.findVarHandle(CountersFields.class, "owner", Owner.class);
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

    /** The owner's thread id as other threads may rely on it (0: free). */
    long ownerSeen() {
        Owner o = owner;
        return o == null ? 0 : o.id;
    }

    /**
     * Takes this slot for {@code thread} if it is free or its owner has died. Thread and id change
     * together in one CAS, so two threads can never both believe they own the slot. A dead owner
     * never writes again (and {@code isAlive() == false} makes its last writes visible here), so the
     * new owner simply goes on adding to its counts: nothing is lost.
     */
    boolean tryClaim(Thread thread, long id) {
        Owner current = owner;
        if (current != null) {
            Thread previous = current.get();
            if (previous != null && previous.isAlive()) {
                return false;
            }
        }
        if (OWNER.compareAndSet(this, current, new Owner(thread, id))) {
            OWNER_ID.setVolatile(this, id);
            return true;
        }
        return false;
    }
}
