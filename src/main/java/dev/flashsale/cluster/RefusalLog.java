package dev.flashsale.cluster;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * What the log says while Redis answers with errors (a full Redis refusing writes with {@code
 * OOM}, a replica's {@code READONLY}): one line when it starts, at most one line per
 * {@link #PERIOD_NANOS} while it goes on (with how many were left unsaid), and one when it has
 * stopped for that long. Never a line per request.
 */
final class RefusalLog {
    static final long PERIOD_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String where;
    private final Logger log;
    private final LongSupplier nanos;
    private volatile boolean refusing;
    private long firstAt;
    private volatile long lastErrorAt;
    private long lastLineAt;
    private long unsaid;

    RefusalLog(String where, Logger log, LongSupplier nanos) {
        this.where = where;
        this.log = log;
        this.nanos = nanos;
    }

    boolean refusing() {
        return refusing;
    }

    /** Redis answered a call with an error reply. */
    synchronized void refused(String reason, String message) {
        long now = nanos.getAsLong();
        lastErrorAt = now;
        if (!refusing) {
            refusing = true;
            firstAt = now;
            lastLineAt = now;
            unsaid = 0;
            log.warning("Redis " + where + " refuses commands (" + reason + ": " + message + "); this node skips the"
                    + " shared tier for them and serves from its own cache and the store (Redis stays UP)");
            return;
        }
        unsaid++;
        if (now - lastLineAt >= PERIOD_NANOS) {
            log.warning("Redis " + where + " still refuses commands (" + reason + "): " + unsaid + " more in the last "
                    + TimeUnit.NANOSECONDS.toSeconds(now - lastLineAt) + " s");
            lastLineAt = now;
            unsaid = 0;
        }
    }

    /** A call went through; cheap while nothing is wrong (one volatile read), and no lock while refusals go on. */
    void answered() {
        if (refusing && nanos.getAsLong() - lastErrorAt >= PERIOD_NANOS) {
            tick();
        }
    }

    /** Ends the refusing state once no error has come for a whole period. */
    synchronized void tick() {
        if (refusing && nanos.getAsLong() - lastErrorAt >= PERIOD_NANOS) {
            refusing = false;
            log.info("Redis " + where + " has answered without errors for "
                    + TimeUnit.NANOSECONDS.toSeconds(PERIOD_NANOS) + " s (it refused commands for "
                    + TimeUnit.NANOSECONDS.toSeconds(lastErrorAt - firstAt) + " s)");
        }
    }
}
