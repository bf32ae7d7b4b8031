package dev.flashsale.storefront;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One warning per period for a failure that repeats on every request (the store down under
 * traffic), with how many were left out; a new message is logged at once.
 */
final class ThrottledLog {
    private final Logger log;
    private final String what;
    private final long periodNanos;
    private final LongSupplier nanos;
    private long lastAt;
    private String lastMessage;
    private long suppressed;

    ThrottledLog(Logger log, String what, Duration period) {
        this(log, what, period, System::nanoTime);
    }

    ThrottledLog(Logger log, String what, Duration period, LongSupplier nanos) {
        this.log = log;
        this.what = what;
        this.periodNanos = period.toNanos();
        this.nanos = nanos;
    }

    /** Returns true when this call wrote a line. */
    synchronized boolean log(String message) {
        long now = nanos.getAsLong();
        boolean same = message != null && message.equals(lastMessage);
        if (same && now - lastAt < periodNanos) {
            suppressed++;
            return false;
        }
        String more = suppressed > 0 ? " (" + suppressed + " more like it since the last line)" : "";
        log.log(Level.WARNING, what + ": " + message + more);
        lastAt = now;
        lastMessage = message;
        suppressed = 0;
        return true;
    }
}
