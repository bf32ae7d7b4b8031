package dev.flashsale.cache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One cached value. 32 bytes with compressed oops: the value, one {@code long} and two
 * {@code int}s. Replacing a value replaces the node, so everything but {@code meta} is final.
 *
 * <p>{@code fastUntil} is the last instant at which the coarse clock may be trusted to say the
 * node is fresh: its deadline minus {@link TtlCache#FRESHNESS_GUARD_NANOS} (the deadline is not
 * stored; it is {@code fastUntil + guard}), or earlier for a node that should be refreshed.
 *
 * <p>{@code meta} packs the hit count (low 31 bits) and CLOCK's "not referenced since the hand
 * passed" flag (the sign bit). A reader writes to the node only while the flag is set or the count
 * is small; hot nodes are read-only on the hit path, so readers on other cores don't fight over
 * its cache line.
 */
class Node<V> {
    static final int UNREFERENCED = Integer.MIN_VALUE;
    static final int COUNT_MASK = Integer.MAX_VALUE;
    /** Hits are counted exactly up to this many; above it, sampled (see TtlCache). */
    static final int EXACT_HITS = 1024;
    static final int MAX_HITS = Integer.MAX_VALUE - 1024;

    private static final VarHandle META;

    static {
        try {
            META = MethodHandles.lookup().findVarHandle(Node.class, "meta", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final V value;
    final long fastUntil;
    /** The TTL in milliseconds (saturated), kept only to show when the node was written. */
    final int ttlMillis;
    int meta = UNREFERENCED;

    Node(V value, long deadline, long ttlNanos) {
        this.value = value;
        this.fastUntil = deadline - TtlCache.FRESHNESS_GUARD_NANOS;
        this.ttlMillis = (int) Math.min(Integer.MAX_VALUE, ttlNanos / 1_000_000L);
    }

    /** For subclasses that end the fast path earlier than the guard would. */
    Node(V value, long deadline, long ttlNanos, long fastUntil) {
        this.value = value;
        this.fastUntil = Math.min(fastUntil, deadline - TtlCache.FRESHNESS_GUARD_NANOS);
        this.ttlMillis = (int) Math.min(Integer.MAX_VALUE, ttlNanos / 1_000_000L);
    }

    long deadline() {
        return fastUntil + TtlCache.FRESHNESS_GUARD_NANOS;
    }

    long writtenAt() {
        return deadline() - ttlMillis * 1_000_000L;
    }

    int hits() {
        return ((int) META.getOpaque(this)) & COUNT_MASK;
    }

    boolean isReferenced() {
        return ((int) META.getOpaque(this)) >= 0;
    }

    /**
     * Records a hit. {@code threadHits} is the calling thread's running hit count: above
     * {@link #EXACT_HITS}, one hit in 64 adds 64, so the count stays an unbiased estimate while the
     * node's cache line is written once per 64 hits instead of every hit.
     */
    final void recordHit(long threadHits) {
        int m = meta;
        if (m < EXACT_HITS) {
            // Unreferenced (negative) or still counting exactly: clear the flag, add one.
            META.compareAndSet(this, m, (m & COUNT_MASK) + 1);
        } else if ((threadHits & 63) == 0 && m < MAX_HITS) {
            META.getAndAdd(this, 64);
        }
    }

    /** CLOCK's hand: returns true if the node was unreferenced (evict it), else clears the flag. */
    final boolean secondChance() {
        int m = (int) META.getOpaque(this);
        if (m < 0) {
            return true;
        }
        META.compareAndSet(this, m, m | UNREFERENCED);
        return false;
    }

    /** Hook for refresh-ahead nodes; plain nodes never need one. */
    boolean refreshDue(long now) {
        return false;
    }
}
