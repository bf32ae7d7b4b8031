package dev.flashsale.store;

import dev.flashsale.concurrent.Daemons;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * One time for every process on a store: this host's clock corrected by how far it is from the
 * store's own clock, measured at start and every {@link #REMEASURE}. Whether a sale is on, and
 * until when an answer may be cached, are decided by whichever node loads the answer, and in a
 * cluster that answer is shared through Redis: a host 40 s slow would keep a flash price on every
 * node 20 s after the sale ended. So those decisions take this clock. A host off by more than
 * {@link #WARN_ABOVE} is said in the log (once per change), as it also shows in the console.
 *
 * <p>The offset is the store's reading minus this host's at the midpoint of the round trip
 * (NTP's estimate; its error is at most half the round trip), the best of a few readings.
 */
public final class StoreClock extends Clock implements AutoCloseable {

    static final Duration REMEASURE = Duration.ofSeconds(60);
    static final Duration WARN_ABOVE = Duration.ofSeconds(1);
    private static final int READINGS = 3;
    private static final Duration BUDGET = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(StoreClock.class.getName());

    private final Database db;
    private final Clock base;
    private final ScheduledExecutorService timer;
    private volatile long offsetMillis;
    private boolean warned;

    private StoreClock(Database db, Clock base, ScheduledExecutorService timer, long offsetMillis) {
        this.db = db;
        this.base = base;
        this.timer = timer;
        this.offsetMillis = offsetMillis;
    }

    /**
     * Measures {@code base} against the store now (failing as the store fails) and again every
     * {@link #REMEASURE} on a daemon thread.
     */
    public static StoreClock start(Database db, Clock base) {
        ScheduledExecutorService timer = Daemons.timer("store-clock");
        StoreClock clock = new StoreClock(db, base, timer, 0);
        try {
            clock.measure();
        } catch (RuntimeException e) {
            timer.shutdownNow();
            throw e;
        }
        timer.scheduleWithFixedDelay(clock::measureQuietly, REMEASURE.toMillis(), REMEASURE.toMillis(),
                TimeUnit.MILLISECONDS);
        return clock;
    }

    /** How far the store's clock is ahead of this host's (negative: behind). */
    public Duration offset() {
        return Duration.ofMillis(offsetMillis);
    }

    void measure() {
        long best = Long.MAX_VALUE;
        long offset = 0;
        for (int i = 0; i < READINGS; i++) {
            Database.ClockReading r = db.readClock(BUDGET, System::nanoTime);
            long hostMillis = base.millis();
            long roundTrip = r.answeredNanos() - r.sentNanos();
            // this host's clock at the midpoint of the round trip
            long hostAtMidpoint = hostMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - r.answeredNanos())
                    - TimeUnit.NANOSECONDS.toMillis(roundTrip / 2);
            if (roundTrip < best) {
                best = roundTrip;
                offset = r.storeMillis() - hostAtMidpoint;
            }
        }
        offsetMillis = offset;
        say(offset);
    }

    private void measureQuietly() {
        try {
            measure();
        } catch (RuntimeException e) {
            // the store is away: keep the last offset; the store's own lines say it is away
        }
    }

    private synchronized void say(long offset) {
        boolean off = Math.abs(offset) > WARN_ABOVE.toMillis();
        if (off && !warned) {
            LOG.warning(String.format(Locale.ROOT, "this host's clock is %.1f s %s the store's (%s); when sales start"
                    + " and end, and how long answers are cached, follow the store's clock. Set this host's time"
                    + " (NTP) to make them agree", Math.abs(offset) / 1000.0, offset > 0 ? "behind" : "ahead of",
                    db.dialect()));
        } else if (!off && warned) {
            LOG.info(String.format(Locale.ROOT, "this host's clock agrees with the store's again (%.3f s apart)",
                    Math.abs(offset) / 1000.0));
        }
        warned = off;
    }

    @Override
    public Instant instant() {
        return base.instant().plusMillis(offsetMillis);
    }

    @Override
    public long millis() {
        return base.millis() + offsetMillis;
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    /** The same corrected time, shown in {@code zone} (the offset keeps following the measurements). */
    @Override
    public Clock withZone(ZoneId zone) {
        StoreClock corrected = this;
        Clock zoned = base.withZone(zone);
        return new Clock() {
            @Override
            public Instant instant() {
                return zoned.instant().plusMillis(corrected.offsetMillis);
            }

            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return corrected.withZone(other);
            }
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
