package dev.flashsale.sale.invalidation;

import dev.flashsale.concurrent.Daemons;
import dev.flashsale.sale.Invalidation;
import dev.flashsale.sale.persistence.InvalidationLog;
import dev.flashsale.store.Database;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps this process's cache coherent with the other processes on the same database, with no
 * other server: it polls {@link Database#dataVersion()} (free when nothing changed; on PostgreSQL
 * it waits on the {@code LISTEN}ing connection instead, so a commit's {@code NOTIFY} wakes it at
 * once) and, when another connection has committed, reads the invalidation log past the last row
 * it saw and drops those keys. Rows this process wrote are skipped (it applied them when it wrote them). A reader that
 * fell behind the trimmed part of the log drops its whole cache rather than read a hole.
 */
public final class InvalidationFollower implements AutoCloseable {

    /** What one poll found: rows from other processes, and whether the whole cache was dropped. */
    public record Heard(int rows, boolean fellBehind) {
    }

    private static final Logger LOG = Logger.getLogger(InvalidationFollower.class.getName());
    private static final int BATCH = 2_000;

    private final Database db;
    private final Invalidator invalidator;
    private final InvalidationLog log;
    private final List<Consumer<Heard>> listeners = new CopyOnWriteArrayList<>();
    /** How long after a change the follower keeps polling at its full rate. */
    static final Duration BUSY_FOR = Duration.ofSeconds(10);

    private ScheduledExecutorService timer;
    private long busyMillis = 100;
    private long busyUntilNanos;
    private long lastSeq;
    private final LongAdder heardTotal = new LongAdder();
    private long lastDataVersion = Long.MIN_VALUE;
    private boolean failing;

    public InvalidationFollower(Database db, Invalidator invalidator) {
        this.db = db;
        this.invalidator = invalidator;
        this.log = new InvalidationLog(db);
        // Nothing is cached yet, so nothing written before now needs dropping.
        this.lastSeq = db.read(log::newest);
    }

    /** Called, off the FX thread, after a poll that heard other processes' invalidations. */
    public void addListener(Consumer<Heard> listener) {
        listeners.add(listener);
    }

    /** Polls every {@code interval} on a daemon thread of its own. */
    public synchronized void start(Duration interval) {
        if (timer != null) {
            return;
        }
        timer = Daemons.timer("invalidation-log-follower");
        busyMillis = Math.max(1, interval.toMillis());
        timer.schedule(this::pollAndReschedule, busyMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Polls at the given interval while other processes are writing, and at twice that after
     * {@link #BUSY_FOR} without a change: a console left open does half the wake-ups, and a
     * change is still noticed within two intervals.
     */
    private void pollAndReschedule() {
        pollQuietly();
        synchronized (this) {
            if (timer != null && !timer.isShutdown()) {
                long delay = System.nanoTime() < busyUntilNanos ? busyMillis : 2 * busyMillis;
                if (db.announcesChanges() && !failing) {
                    // PostgreSQL: wait on the listening connection, woken by the commit's NOTIFY
                    timer.execute(() -> waitThenPoll(delay));
                } else {
                    timer.schedule(this::pollAndReschedule, delay, TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    private void waitThenPoll(long timeoutMillis) {
        try {
            db.awaitChange(Duration.ofMillis(timeoutMillis));
        } catch (RuntimeException e) {
            // the poll that follows meets the same failure, logs it once and falls back to waiting
        }
        pollAndReschedule();
    }

    private void pollQuietly() {
        try {
            poll();
            if (failing) {
                failing = false;
                LOG.info("invalidation log readable again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true; // one line per state change, not one per poll
                LOG.log(Level.WARNING, "cannot read the invalidation log: " + e.getMessage());
            }
        }
    }

    /** One poll; returns what it heard (rows 0 when no other connection committed). */
    public synchronized Heard poll() {
        long version = db.dataVersion();
        if (version == lastDataVersion) {
            return new Heard(0, false);
        }
        if (lastDataVersion != Long.MIN_VALUE) {
            busyUntilNanos = System.nanoTime() + BUSY_FOR.toNanos();
        }
        int heard = 0;
        boolean fellBehind = false;
        while (true) {
            long from = lastSeq;
            List<InvalidationLog.Entry> rows = db.read(c -> {
                OptionalLong oldest = log.oldest(c);
                if (oldest.isPresent() && oldest.getAsLong() > from + 1) {
                    return null; // rows after ours were trimmed before we read them
                }
                return log.after(c, from, BATCH);
            });
            if (rows == null) {
                long newest = db.read(log::newest);
                invalidator.applyHeardFromLog(Invalidation.all());
                fellBehind = true;
                lastSeq = newest;
                continue;
            }
            for (InvalidationLog.Entry e : rows) {
                if (!e.origin().equals(invalidator.origin())) {
                    invalidator.applyHeardFromLog(e.invalidation());
                    heard++;
                    heardTotal.increment();
                }
                lastSeq = e.seq();
            }
            if (rows.size() < BATCH) {
                break;
            }
        }
        // Only now is the notice consumed: a read that failed above (the pool timed out, the store
        // went away) leaves the version unseen, so the next poll reads those rows again.
        lastDataVersion = version;
        Heard h = new Heard(heard, fellBehind);
        if (heard > 0 || fellBehind) {
            for (Consumer<Heard> l : listeners) {
                try {
                    l.accept(h);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "an invalidation listener failed", e);
                }
            }
        }
        return h;
    }

    /** Log rows of other processes applied here since start. */
    public long heardTotal() {
        return heardTotal.sum();
    }

    /** The last log row this process has seen. */
    public synchronized long lastSeq() {
        return lastSeq;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
