package dev.flashsale.sale.invalidation;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.Invalidation;
import dev.flashsale.sale.persistence.InvalidationLog;
import dev.flashsale.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;

/**
 * Where every invalidation of this process goes: into the invalidation log inside the writing
 * transaction ({@link #record}), then, after the commit, out of this process's cache and onto the
 * cluster's bus if there is one ({@link #apply}). Invalidations heard from other processes (the
 * log, the bus) only touch this process's cache ({@link #applyHeard}).
 */
public final class Invalidator {

    /** Carries an invalidation to the other processes at once; the log stays the durable path. */
    @FunctionalInterface
    public interface Bus {
        /** Best effort, never throws, never blocks for long: the write has already committed. */
        void publish(String origin, Invalidation invalidation);

        /**
         * An invalidation another process made, heard through the log: the shared tier must not
         * keep what it dropped, whether or not its writer could tell Redis (it may have no bus, or
         * Redis may have been out of its reach when it wrote). Deleting a value another node has
         * loaded since costs one store load; keeping a stale one would serve it until its TTL.
         */
        default void heardFromLog(Invalidation invalidation) {
        }

        Bus NONE = (origin, invalidation) -> { };
    }

    private final TtlCache<Object> cache;
    private final InvalidationLog log;
    private final Clock clock;
    private final String origin;
    private volatile Bus bus = Bus.NONE;

    public Invalidator(Database db, TtlCache<Object> cache, Clock clock, String origin) {
        this.cache = Objects.requireNonNull(cache);
        this.log = new InvalidationLog(db);
        this.clock = clock;
        this.origin = Objects.requireNonNull(origin);
    }

    /** This process's name on the log and the bus. */
    public String origin() {
        return origin;
    }

    public TtlCache<Object> cache() {
        return cache;
    }

    public void setBus(Bus bus) {
        this.bus = bus == null ? Bus.NONE : bus;
    }

    /** Inside the writing transaction: the log row(s), committed or rolled back with the write. */
    public void record(Connection c, Invalidation invalidation) throws SQLException {
        log.append(c, clock.instant(), origin, invalidation);
    }

    /**
     * After the commit: to the other processes (and out of the shared tier), then out of this
     * process's cache. In that order: dropped here first, a request in between would reload the
     * old value from the shared tier before the bus deleted it there, and keep it (this process
     * skips its own messages and log rows). Returns entries dropped here.
     */
    public int apply(Invalidation invalidation) {
        bus.publish(origin, invalidation);
        return dropFrom(cache, invalidation);
    }

    /** An invalidation another process made, heard on the bus: this process's cache only. */
    public int applyHeard(Invalidation invalidation) {
        return dropFrom(cache, invalidation);
    }

    /** An invalidation another process made, read from the log: this process's cache and the shared tier. */
    public int applyHeardFromLog(Invalidation invalidation) {
        // Redis first: a request served between the two then reloads from the store, never from a
        // shared value about to be deleted (and its fresh value is not deleted after it was written)
        bus.heardFromLog(invalidation);
        return dropFrom(cache, invalidation);
    }

    /** Drops what this process's own cache holds of {@code invalidation} (nothing else); returns entries dropped. */
    public int dropHere(Invalidation invalidation) {
        return dropFrom(cache, invalidation);
    }

    /** Drops what {@code invalidation} names from {@code cache}; returns how many entries went. */
    static int dropFrom(TtlCache<?> cache, Invalidation invalidation) {
        return switch (invalidation.kind()) {
            case KEY -> {
                int n = 0;
                for (String k : invalidation.targets()) {
                    if (cache.invalidate(k)) {
                        n++;
                    }
                }
                yield n;
            }
            case NAMESPACE -> {
                int n = 0;
                for (String ns : invalidation.targets()) {
                    n += cache.invalidateNamespace(ns);
                }
                yield n;
            }
            case ALL -> cache.invalidateAll();
        };
    }
}
