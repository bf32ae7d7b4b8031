package dev.flashsale.cache;

/**
 * A monotonic time source in nanoseconds, the only clock the cache uses for expiry.
 *
 * <p>It is never the wall clock: a wall-clock jump (NTP, a user changing the time) must neither
 * expire nor immortalise entries. Tests inject a {@link ManualTicker} so they never sleep.
 */
public interface Ticker {

    /** Current time in nanoseconds; only differences between two readings are meaningful. */
    long read();

    /**
     * A reading that may lag {@link #read()} by a small, bounded amount but is much cheaper.
     *
     * <p>The cache uses it only to decide that an entry is <em>certainly</em> still fresh (its
     * deadline is further away than the lag bound); near a deadline it calls {@link #read()}.
     * It must never run ahead of {@link #read()}.
     */
    default long approximate() {
        return read();
    }

    /**
     * The system's monotonic clock ({@link System#nanoTime()}), with a cheap approximate reading
     * published by a daemon thread about once a millisecond.
     */
    static Ticker system() {
        return SystemTicker.INSTANCE;
    }
}
