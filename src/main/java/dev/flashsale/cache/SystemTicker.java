package dev.flashsale.cache;

import java.util.concurrent.locks.LockSupport;

/**
 * {@link System#nanoTime()} plus a coarse copy refreshed by one daemon thread.
 *
 * <p>Why: on the machines this product runs on, one {@code nanoTime()} call costs more than a
 * whole {@code ConcurrentHashMap.get}. Reading a {@code volatile long} costs almost nothing, so the
 * cache's hit path compares against this coarse copy, which lags real time by about one
 * millisecond (the thread's park interval). The cache only trusts it for entries whose deadline
 * is more than {@link TtlCache#FRESHNESS_GUARD_NANOS} away; see that constant.
 */
final class SystemTicker implements Ticker, Runnable {

    static final SystemTicker INSTANCE = new SystemTicker();
    static final long TICK_NANOS = 1_000_000L;

    // Static so the cache's hit path reads it from a constant address, one load.
    static volatile long coarse = System.nanoTime();
    private volatile boolean started;

    private SystemTicker() {
    }

    @Override
    public long read() {
        return System.nanoTime();
    }

    @Override
    public long approximate() {
        return coarse;
    }

    /** Starts the clock thread once; called by every cache built on this ticker. */
    void ensureStarted() {
        if (!started) {
            synchronized (this) {
                if (!started) {
                    coarse = System.nanoTime();
                    Thread t = new Thread(this, "flashsale-coarse-clock");
                    t.setDaemon(true);
                    t.setPriority(Thread.MAX_PRIORITY);
                    t.start();
                    started = true;
                }
            }
        }
    }

    @Override
    public void run() {
        while (true) {
            coarse = System.nanoTime();
            LockSupport.parkNanos(TICK_NANOS);
        }
    }
}
