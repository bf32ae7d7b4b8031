package dev.flashsale.console.cache;

import dev.flashsale.cache.CacheEntrySnapshot;
import dev.flashsale.cache.CacheListener;
import dev.flashsale.cache.CacheStats;
import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.AuditEntry;
import dev.flashsale.sale.admin.CacheControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;

/**
 * The Cache page's state, in three parts: the entries table ({@link EntryTable}), the figures and
 * charts ({@link CacheFigures}) and the event log ({@link CacheEventLog}). A refresh is split in two:
 * {@link #prepare()} runs off the FX thread (the O(entries) snapshot and the diff against what is
 * shown), {@link #apply(Plan)} runs on it and only applies the diff. Countdowns need no row
 * changes: cells read {@link #nowProperty()}.
 *
 * <p>Commands (invalidate, clear, warm-up, settings) run on the given executor and report in the
 * event log; the view never touches the cache itself.
 */
public final class CachePanelModel {

    private final CacheControl control;
    private final TtlCache<Object> cache;
    private final Clock clock;
    private final Executor commands;
    private final EntryTable entries = new EntryTable();
    private final CacheFigures figures;
    private final CacheEventLog log;
    private final CacheListener listener;
    /** Where the figures come from; null: this process's cache. */
    private volatile Supplier<CacheFigures.Totals> figureSource;
    private final ReadOnlyObjectWrapper<Instant> now = new ReadOnlyObjectWrapper<>();
    private final FxTimings fxTimings = new FxTimings(10_000);
    private final FxTimings tickTimings = new FxTimings(10_000);
    /** Off-FX cost of each refresh (written by the refresh thread; read by benchmarks after it). */
    private final FxTimings prepareTimings = new FxTimings(10_000);

    public CachePanelModel(CacheControl control, Clock clock, ZoneId zone, Executor commands) {
        this.control = control;
        this.cache = control.cache();
        this.clock = clock;
        this.commands = commands;
        this.figures = new CacheFigures(clock);
        this.log = new CacheEventLog(clock, zone);
        this.listener = log::queue;
        now.set(clock.instant());
        cache.addListener(listener);
    }

    /** Stops listening to the cache. */
    public void dispose() {
        cache.removeListener(listener);
    }

    /** What one refresh changes on screen. */
    public record Plan(Instant now, CacheStats stats, long size, EntryTable.Diff diff, List<String> newEvents,
                       double[] chartPoint, long prepareNanos) {
    }

    /**
     * Any thread: the figures and charts show what {@code source} gives (a node of the cluster, or
     * the cluster's sums) instead of this process's cache; null: this process's cache again.
     */
    public void showFiguresOf(Supplier<CacheFigures.Totals> source) {
        figureSource = source;
        figures.restart();
    }

    /** Off the FX thread: snapshot the cache and diff it against what is shown. One caller thread at a time. */
    public Plan prepare() {
        long t0 = System.nanoTime();
        List<CacheEntrySnapshot> snapshot = cache.snapshot();
        Supplier<CacheFigures.Totals> source = figureSource;
        CacheFigures.Totals shown = source == null ? new CacheFigures.Totals(cache.stats(), snapshot.size())
                : source.get();
        EntryTable.Diff diff = entries.diff(snapshot, clock.millis());
        List<String> newEvents = log.drain();
        double[] point = figures.point(shown);
        long took = System.nanoTime() - t0;
        synchronized (prepareTimings) {
            prepareTimings.record(took);
        }
        return new Plan(clock.instant(), shown.stats(), shown.entries(), diff, newEvents, point, took);
    }

    /** On the FX thread: show a prepared refresh. */
    public void apply(Plan plan) {
        long t0 = System.nanoTime();
        now.set(plan.now());
        figures.show(plan.stats(), plan.size(), plan.chartPoint());
        entries.show(plan.diff());
        if (!plan.newEvents().isEmpty()) {
            log.add(plan.newEvents());
        }
        fxTimings.record(System.nanoTime() - t0);
    }

    /** Moves the countdowns without a full refresh (between refreshes, if the view wants more ticks). */
    public void tick() {
        long t0 = System.nanoTime();
        now.set(clock.instant());
        tickTimings.record(System.nanoTime() - t0);
    }

    /** How often background changes may re-order the table (tests use 0: every refresh). */
    void setViewPeriod(Duration period) {
        entries.setViewPeriod(period);
    }

    // ------------------------------------------------------------------ commands

    /** Loads the audit trail so earlier sessions' invalidations show in the log. */
    public void loadAuditTrail(Consumer<Runnable> fx) {
        commands.execute(() -> {
            try {
                List<String> lines = control.recentAudit(50).stream().map(log::describe).toList();
                fx.accept(() -> log.add(lines));
            } catch (RuntimeException e) {
                fx.accept(() -> log.add(List.of("could not read the audit trail: " + e.getMessage())));
            }
        });
    }

    public void invalidate(CacheEntryRow row, Consumer<Runnable> fx) {
        run(() -> control.invalidate(row.key()), fx);
    }

    public void invalidate(List<CacheEntryRow> selected, Consumer<Runnable> fx) {
        invalidateKeys(selected.stream().map(CacheEntryRow::key).toList(), fx);
    }

    /** Invalidates {@code keys} (rows of this process or of the shared tier), audited, off the FX thread. */
    public void invalidateKeys(List<String> keys, Consumer<Runnable> fx) {
        if (!keys.isEmpty()) {
            run(() -> control.invalidate(keys), fx);
        }
    }

    public void invalidateNamespace(String namespace, Consumer<Runnable> fx) {
        if (namespace != null && !namespace.isBlank()) {
            run(() -> control.invalidateNamespace(namespace), fx);
        }
    }

    public void clear(Consumer<Runnable> fx) {
        run(control::clear, fx);
    }

    public void warmUp(Consumer<Runnable> fx) {
        commands.execute(() -> {
            String line;
            try {
                line = log.now("warm-up: " + control.warmUp() + " keys loaded");
            } catch (RuntimeException e) {
                line = log.now("warm-up failed: " + e.getMessage());
            }
            String said = line;
            fx.accept(() -> log.add(List.of(said)));
        });
    }

    public void setTtlSeconds(long seconds, Consumer<Runnable> fx) {
        commands.execute(() -> {
            cache.setDefaultTtl(Duration.ofSeconds(seconds));
            String line = log.now("default TTL set to " + seconds + " s" + (seconds == 0 ? " (cache off)" : ""));
            fx.accept(() -> log.add(List.of(line)));
        });
    }

    public void setMaxEntries(int max, Consumer<Runnable> fx) {
        commands.execute(() -> {
            cache.setMaxEntries(max);
            String line = log.now("max entries set to " + CacheFigures.count(max));
            fx.accept(() -> log.add(List.of(line)));
        });
    }

    private void run(Supplier<AuditEntry> action, Consumer<Runnable> fx) {
        commands.execute(() -> {
            String line;
            try {
                AuditEntry a = action.get();
                entries.touched(); // show the effect of the user's action on the next refresh
                line = log.describe(a);
            } catch (RuntimeException e) {
                line = log.now("failed: " + e.getMessage());
            }
            String said = line;
            fx.accept(() -> log.add(List.of(said)));
        });
    }

    // ------------------------------------------------------------------ read-only state

    /** The entries table: its rows, namespaces, sort and filter, and the impact of a bulk invalidation. */
    public EntryTable entries() {
        return entries;
    }

    /** The figures and the two charts. */
    public CacheFigures figures() {
        return figures;
    }

    /** The event log's lines, oldest first. */
    public ObservableList<String> events() {
        return log.lines();
    }

    public ReadOnlyObjectProperty<Instant> nowProperty() {
        return now.getReadOnlyProperty();
    }

    public TtlCache<Object> cache() {
        return cache;
    }

    /** FX-thread time of applied refreshes (median and p99 in nanoseconds), for the benchmark. */
    public long fxNanosPercentile(double p) {
        return fxTimings.percentile(p);
    }

    public int refreshesApplied() {
        return fxTimings.count();
    }

    /** FX-thread time of the countdown ticks between refreshes (redrawing the visible cells). */
    public long tickNanosPercentile(double p) {
        return tickTimings.percentile(p);
    }

    /** Off-FX prepare time (snapshot and diff) of recent refreshes, in nanoseconds. */
    public long prepareNanosPercentile(double p) {
        synchronized (prepareTimings) {
            return prepareTimings.percentile(p);
        }
    }

    public void resetTimings() {
        fxTimings.reset();
        tickTimings.reset();
        synchronized (prepareTimings) {
            prepareTimings.reset();
        }
    }
}
