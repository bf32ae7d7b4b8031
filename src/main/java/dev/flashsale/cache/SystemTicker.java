package dev.flashsale.cache;

import dev.flashsale.concurrent.Daemons;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link System#nanoTime()} plus a coarse copy refreshed by one daemon thread.
 *
 * <p>Why: on the machines this product runs on, one {@code nanoTime()} call costs more than a
 * whole {@code ConcurrentHashMap.get}. Reading a {@code volatile long} costs almost nothing, so the
 * cache's hit path compares against this coarse copy, which lags real time by about one
 * millisecond (the thread's park interval). The cache only trusts it for entries whose deadline
 * is more than {@link TtlCache#FRESHNESS_GUARD_NANOS} away; see that constant.
 *
 * <p><b>Resting.</b> A clock ticking 1,000 times a second keeps a laptop's core awake in a console
 * left open all day with no traffic. So about once a second the clock rests: it publishes
 * {@link #RESTING} (later than any real time) and parks. A reader that sees it fails the hit path's
 * {@code now < fastUntil} test, takes the precise clock (exact, as in an entry's last 200 ms) and
 * wakes the clock. Under traffic that costs one precise read and one unpark a second; with no
 * reads the clock sleeps. The hit path itself is unchanged: still one volatile read.
 */
final class SystemTicker implements Ticker, Runnable {

    static final SystemTicker INSTANCE = new SystemTicker();
    static final long TICK_NANOS = 1_000_000L;
    /** Ticks between two rests: about a second. */
    static final int TICKS_BETWEEN_RESTS = 1_000;
    /** While resting, the clock still looks about this often whether a wake-up was missed. */
    static final long REST_CHECK_NANOS = 1_000_000_000L;
    /** The coarse time while the clock rests: never below a deadline, so every reader goes precise. */
    static final long RESTING = Long.MAX_VALUE;

    // Static so the cache's hit path reads it from a constant address, one load.
    static volatile long coarse = System.nanoTime();
    private static final AtomicBoolean resting = new AtomicBoolean();
    private volatile boolean started;
    private volatile Thread thread;

    private SystemTicker() {
    }

    @Override
    public long read() {
        return System.nanoTime();
    }

    @Override
    public long approximate() {
        long c = coarse;
        return c == RESTING ? System.nanoTime() : c;
    }

    /** Starts the clock thread once; called by every cache built on this ticker. */
    void ensureStarted() {
        if (!started) {
            synchronized (this) {
                if (!started) {
                    coarse = System.nanoTime();
                    Thread t = Daemons.thread("flashsale-coarse-clock", this);
                    t.setPriority(Thread.MAX_PRIORITY);
                    thread = t;
                    t.start();
                    started = true;
                }
            }
        }
    }

    /** Called from the cache's precise (slow) path: if the clock rests, a reader is back, so wake it. */
    static void readerSeen() {
        if (coarse == RESTING && resting.compareAndSet(true, false)) {
            Thread t = INSTANCE.thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    /** True while the clock rests (for tests and the idle-CPU measurement). */
    static boolean isResting() {
        return resting.get();
    }

    @Override
    public void run() {
        int ticks = 0;
        while (true) {
            coarse = System.nanoTime();
            LockSupport.parkNanos(TICK_NANOS);
            if (++ticks < TICKS_BETWEEN_RESTS) {
                continue;
            }
            ticks = 0;
            resting.set(true);
            coarse = RESTING; // after the flag: a reader that sees RESTING finds the flag set
            while (resting.get()) {
                LockSupport.parkNanos(REST_CHECK_NANOS);
            }
        }
    }
}
