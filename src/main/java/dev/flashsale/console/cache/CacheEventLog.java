package dev.flashsale.console.cache;

import dev.flashsale.cache.CacheEvent;
import dev.flashsale.sale.AuditEntry;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Cache page's event log: the cache's events (queued cheaply on whichever thread fired them,
 * the oldest dropped beyond a bound, formatted and shown with the next refresh), the audit trail of
 * invalidations, and what the operator's commands did.
 */
final class CacheEventLog {

    static final int MAX_EVENTS = 500;
    static final int MAX_PENDING_EVENTS = 2_000;

    private final Clock clock;
    private final DateTimeFormatter timeFormat;
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();

    CacheEventLog(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.timeFormat = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(zone);
    }

    /** Any thread (the cache's listener): cheap, formatted later, the oldest dropped beyond a bound. */
    void queue(CacheEvent e) {
        pending.add(timeFormat.format(e.at()) + "  " + describe(e));
        if (pendingCount.incrementAndGet() > MAX_PENDING_EVENTS && pending.poll() != null) {
            pendingCount.decrementAndGet();
        }
    }

    private static String describe(CacheEvent e) {
        return switch (e.type()) {
            case PUT -> "put " + e.key();
            case INVALIDATE -> "invalidated " + e.key();
            case INVALIDATE_NAMESPACE -> "invalidated namespace " + e.key() + " (" + e.count() + " entries)";
            case CLEAR -> "cleared the cache (" + e.count() + " entries)";
            case EXPIRE -> "expired " + e.key();
            case EVICT -> "evicted " + e.key() + " (over the size bound)";
            case LOAD_FAILURE -> "load failed for " + e.key() + ": " + e.detail();
        };
    }

    /** Off the FX thread: the events queued since the last call, at most {@link #MAX_EVENTS}. */
    List<String> drain() {
        List<String> out = new ArrayList<>();
        String ev;
        while (out.size() < MAX_EVENTS && (ev = pending.poll()) != null) {
            pendingCount.decrementAndGet();
            out.add(ev);
        }
        return out;
    }

    /** An audited invalidation, as the log shows it (with its date: it may be from an earlier session). */
    String describe(AuditEntry a) {
        String when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
                .withZone(timeFormat.getZone()).format(a.at());
        return when + "  [audit] " + a.who() + ": " + a.action() + (a.target() == null ? "" : " " + a.target())
                + " (" + a.entries() + (a.entries() == 1 ? " entry)" : " entries)");
    }

    /** A line about something that happened now (a command's outcome). */
    String now(String what) {
        return timeFormat.format(clock.instant()) + "  " + what;
    }

    /** On the FX thread: adds lines, keeping the newest {@link #MAX_EVENTS}. */
    void add(Collection<String> more) {
        lines.addAll(more);
        if (lines.size() > MAX_EVENTS) {
            lines.remove(0, lines.size() - MAX_EVENTS);
        }
    }

    public ObservableList<String> lines() {
        return FXCollections.unmodifiableObservableList(lines);
    }
}
