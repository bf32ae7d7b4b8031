package dev.flashsale.console.cache;


import dev.flashsale.cache.CacheEntrySnapshot;
import dev.flashsale.cache.CacheEvent;
import dev.flashsale.cache.CacheStats;
import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.AuditEntry;
import dev.flashsale.sale.CacheControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

/**
 * The live cache panel's state. Work is split in two: {@link #prepare()} runs off the FX thread
 * (the O(entries) snapshot and the diff against what is shown), {@link #apply(Plan)} runs on it
 * and only applies the diff: rows added and removed, rows whose hits or value changed, figures,
 * new events. Countdowns need no row changes: cells read {@link #nowProperty()}.
 *
 * <p>Commands (invalidate, clear, warm-up, settings) run on the given executor and report in the
 * event log; the view never touches the cache itself.
 */
public final class CachePanelModel {

    static final int MAX_EVENTS = 500;
    static final int MAX_PENDING_EVENTS = 2_000;
    static final int CHART_POINTS = 300; // 5 minutes at one point a second
    static final int PREVIEW_CHARS = 400; // a price or status answer whole; a long listing cut
    static final int MARK_SLOTS = 6;
    static final long SLOT_MILLIS = 10_000;

    private final CacheControl control;
    private final TtlCache<Object> cache;
    private final Clock clock;
    private final Executor commands;
    private final DateTimeFormatter timeFormat;

    // ---- FX-thread state
    /** What the table shows: the rows filtered and sorted off the FX thread. */
    private final ObservableList<CacheEntryRow> view = FXCollections.observableArrayList();
    private final ObservableList<String> namespaces = FXCollections.observableArrayList();
    private final ObservableList<String> events = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Instant> now = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper hitRate = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper hits = new ReadOnlyStringWrapper("0");
    private final ReadOnlyStringWrapper misses = new ReadOnlyStringWrapper("0");
    private final ReadOnlyStringWrapper entries = new ReadOnlyStringWrapper("0");
    private final ReadOnlyStringWrapper loads = new ReadOnlyStringWrapper("0");
    private final ReadOnlyStringWrapper loadFailures = new ReadOnlyStringWrapper("0");
    private final ReadOnlyStringWrapper evictions = new ReadOnlyStringWrapper("0");
    private final ReadOnlyStringWrapper expirations = new ReadOnlyStringWrapper("0");
    private final ReadOnlyStringWrapper averageLoad = new ReadOnlyStringWrapper("–");
    /**
     * The hit-rate line in pieces: a second without requests has no hit rate, so it ends a piece
     * and the chart shows a gap there instead of a line drawn across (or a 0 %).
     */
    private final ObservableList<XYChart.Series<Number, Number>> hitRateSegments = FXCollections.observableArrayList();
    private boolean hitRateGap = true;
    private final XYChart.Series<Number, Number> requestRateSeries = new XYChart.Series<>();
    private final FxTimings fxTimings = new FxTimings(10_000);
    private final FxTimings tickTimings = new FxTimings(10_000);
    /** Off-FX cost of each refresh (written by the refresh thread; read by benchmarks after it). */
    private final FxTimings prepareTimings = new FxTimings(10_000);

    /** The columns the table can be sorted by. */
    public enum SortColumn { KEY, NAMESPACE, VALUE, AGE, TTL, HITS }

    /** How the table is sorted: a column and a direction, or none (insertion order). */
    public record Sort(SortColumn column, boolean ascending) {
    }

    // ---- set from the FX thread, read by the refresh thread
    private volatile Sort sort;
    private volatile String filter = "";
    private volatile boolean viewDirty = true;

    // ---- refresh-thread state (touched only by the one thread calling prepare())
    private static final class Shown {
        final CacheEntryRow row;
        final String key;
        final String namespace;
        Object value;
        String preview;
        Instant writtenAt;
        Instant expiresAt;
        long hits;
        int generation;
        final long order;
        /**
         * Hits gained in each of the last six 10-second slots, indexed by slot % 6; made on the
         * entry's first recent hit, so entries nobody reads cost nothing here.
         */
        int[] gains;
        long gainSlot;

        Shown(CacheEntryRow row, CacheEntrySnapshot e, String preview, long order) {
            this.row = row;
            this.key = e.key();
            this.namespace = e.namespace();
            this.value = e.value();
            this.preview = preview;
            this.writtenAt = e.writtenAt();
            this.expiresAt = e.expiresAt();
            this.hits = e.hits();
            this.order = order;
        }
    }

    private long insertionCounter;
    private boolean firstPrepare = true;
    /** Every row, published with each new view, for the impact of a bulk invalidation (read on the FX thread). */
    private volatile CacheEntryRow[] allRows = new CacheEntryRow[0];
    private boolean viewStale;
    private long lastViewNanos;
    private volatile long viewPeriodNanos = 1_000_000_000L;

    /** How often background changes may re-order the table (tests use 0: every refresh). */
    void setViewPeriod(Duration period) {
        viewPeriodNanos = period.toNanos();
    }

    private final Map<String, Shown> shown = new HashMap<>();
    private int generation;
    private List<String> lastNamespaces = List.of();
    /** The chart's x axis counts seconds on the model's clock (so tests can move it) from the panel's start. */
    private final long startMillis;
    private long lastChartSecond = -1;
    private CacheStats lastChartStats;

    // ---- events from any thread
    private final ConcurrentLinkedQueue<String> pendingEvents = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();

    public CachePanelModel(CacheControl control, Clock clock, ZoneId zone, Executor commands) {
        this.control = control;
        this.cache = control.cache();
        this.clock = clock;
        this.commands = commands;
        this.timeFormat = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(zone);
        requestRateSeries.setName("requests/s");
        now.set(clock.instant());
        startMillis = clock.millis();
        cache.addListener(listener);
    }

    private final dev.flashsale.cache.CacheListener listener = this::queue;

    /** Stops listening to the cache. */
    public void dispose() {
        cache.removeListener(listener);
    }

    private void queue(CacheEvent e) {
        // Cheap and on the caller's thread: format later, drop the oldest beyond a bound.
        String text = timeFormat.format(e.at()) + "  " + describe(e);
        pendingEvents.add(text);
        if (pendingCount.incrementAndGet() > MAX_PENDING_EVENTS && pendingEvents.poll() != null) {
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

    // ------------------------------------------------------------------ refresh

    /** What one refresh changes on screen. */
    public record Plan(Instant now, CacheStats stats, int size, List<String> namespaces, List<String> newEvents,
                       double[] chartPoint, CacheEntryRow[] view, long prepareNanos) {
    }

    /**
     * Snapshots convert the cache's monotonic times to instants with two clock reads, so the same
     * entry's instants jitter by microseconds between snapshots: only a real change counts.
     */
    private static boolean moved(Instant shown, Instant now) {
        return Math.abs(Duration.between(shown, now).toNanos()) > 2_000_000L;
    }

    /** Filtered and sorted here, off the FX thread: the table only gets the finished order. */
    private CacheEntryRow[] view(Sort s, String text) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        List<Shown> list = new ArrayList<>(shown.size());
        for (Shown x : shown.values()) {
            if (needle.isEmpty() || x.key.toLowerCase(Locale.ROOT).contains(needle)) {
                list.add(x);
            }
        }
        list.sort(comparator(s));
        CacheEntryRow[] out = new CacheEntryRow[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i).row;
        }
        return out;
    }

    private static Comparator<Shown> comparator(Sort s) {
        Comparator<Shown> byOrder = Comparator.comparingLong(x -> x.order);
        if (s == null) {
            return byOrder;
        }
        Comparator<Shown> c = switch (s.column()) {
            case KEY -> Comparator.comparing(x -> x.key);
            case NAMESPACE -> Comparator.comparing(x -> x.namespace);
            case VALUE -> Comparator.comparing(x -> x.preview);
            case AGE -> Comparator.comparing((Shown x) -> x.writtenAt).reversed();
            case TTL -> Comparator.comparing(x -> x.expiresAt);
            case HITS -> Comparator.comparingLong(x -> x.hits);
        };
        return (s.ascending() ? c : c.reversed()).thenComparing(byOrder);
    }

    private Runnable beforeViewChange = () -> { };
    private Runnable afterViewChange = () -> { };

    /** Hooks around a replacement of the view, for the table to keep its selection. */
    public void setBeforeViewChange(Runnable r) {
        beforeViewChange = r;
    }

    public void setAfterViewChange(Runnable r) {
        afterViewChange = r;
    }

    /** FX thread: the table's sort changed (null: unsorted). Applied on the next refresh. */
    public void setSort(Sort s) {
        sort = s;
        viewDirty = true;
    }

    /** FX thread: show only keys containing {@code text}. Applied on the next refresh. */
    public void setFilter(String text) {
        filter = text == null ? "" : text;
        viewDirty = true;
    }


    /** Off the FX thread: snapshot the cache and diff it against what is shown. One caller thread at a time. */
    public Plan prepare() {
        long t0 = System.nanoTime();
        List<CacheEntrySnapshot> snapshot = cache.snapshot();
        CacheStats stats = cache.stats();
        int gen = ++generation;
        long slot = clock.millis() / SLOT_MILLIS;
        boolean structural = false;
        boolean orderTouched = false;
        Set<String> nsSeen = new TreeSet<>();
        for (CacheEntrySnapshot e : snapshot) {
            nsSeen.add(e.namespace());
            Shown s = shown.get(e.key());
            if (s == null) {
                String preview = preview(e.value());
                CacheEntryRow row = new CacheEntryRow(e.key(), e.namespace(), e.value(), preview,
                        e.writtenAt(), e.expiresAt(), e.hits());
                s = new Shown(row, e, preview, insertionCounter++);
                // Hits before the panel's first look are of unknown age: not recent. Later, an entry's
                // hits before its first refresh (a fraction of a second) are.
                gained(s, firstPrepare ? 0 : e.hits(), slot);
                shown.put(e.key(), s);
                structural = true;
            } else if (s.value != e.value() || moved(s.writtenAt, e.writtenAt()) || s.hits != e.hits()) {
                // A rewritten entry counts its hits from 0 again.
                gained(s, e.hits() >= s.hits ? e.hits() - s.hits : e.hits(), slot);
                // A new value object means the entry was written again, even within the same instant.
                boolean rewritten = s.value != e.value();
                if (rewritten) {
                    s.value = e.value();
                    s.preview = preview(e.value());
                }
                boolean timesMoved = rewritten || moved(s.writtenAt, e.writtenAt());
                // Written here, read by the cells on their next tick: no FX-thread work per row.
                s.row.update(e.value(), rewritten ? s.preview : null, timesMoved ? e.writtenAt() : null,
                        timesMoved ? e.expiresAt() : null, e.hits());
                if (timesMoved) {
                    s.writtenAt = e.writtenAt();
                    s.expiresAt = e.expiresAt();
                }
                s.hits = e.hits();
                orderTouched = true;
            } else {
                gained(s, 0, slot); // no new hits: older ones still slide out of the minute
            }
            s.generation = gen;
        }
        firstPrepare = false;
        for (Iterator<Shown> it = shown.values().iterator(); it.hasNext(); ) {
            if (it.next().generation != gen) {
                it.remove();
                structural = true;
            }
        }
        CacheEntryRow[] view = null;
        Sort currentSort = sort;
        boolean sortByChangingColumn = currentSort != null && currentSort.column() != SortColumn.KEY
                && currentSort.column() != SortColumn.NAMESPACE;
        viewStale |= structural || (orderTouched && sortByChangingColumn);
        // Replacing the table's 100,000-row list is the costliest thing the FX thread does here, so
        // background churn re-orders it at most once a second; a user's action does so at once.
        long nowNanos = System.nanoTime();
        if (viewDirty || (viewStale && nowNanos - lastViewNanos >= viewPeriodNanos)) {
            viewDirty = false;
            viewStale = false;
            lastViewNanos = nowNanos;
            view = view(currentSort, filter);
            CacheEntryRow[] all = new CacheEntryRow[shown.size()];
            int i = 0;
            for (Shown x : shown.values()) {
                all[i++] = x.row;
            }
            allRows = all;
        }
        List<String> ns = new ArrayList<>(nsSeen);
        List<String> nsChange = ns.equals(lastNamespaces) ? null : ns;
        lastNamespaces = ns;
        List<String> newEvents = new ArrayList<>();
        String ev;
        while (newEvents.size() < MAX_EVENTS && (ev = pendingEvents.poll()) != null) {
            pendingCount.decrementAndGet();
            newEvents.add(ev);
        }
        double[] chart = chartPoint(stats);
        long took = System.nanoTime() - t0;
        synchronized (prepareTimings) {
            prepareTimings.record(took);
        }
        return new Plan(clock.instant(), stats, snapshot.size(), nsChange, newEvents, chart, view, took);
    }

    /** Adds {@code delta} hits to the current 10 s slot and publishes the hits of the last six slots. */
    private static void gained(Shown s, long delta, long slot) {
        if (s.gains == null) {
            if (delta <= 0) {
                return;
            }
            s.gains = new int[MARK_SLOTS];
            s.gainSlot = slot;
        }
        if (slot > s.gainSlot) {
            for (long k = Math.max(s.gainSlot + 1, slot - MARK_SLOTS + 1); k <= slot; k++) {
                s.gains[(int) Math.floorMod(k, (long) MARK_SLOTS)] = 0; // a slot that starts again
            }
            s.gainSlot = slot;
        }
        int i = (int) Math.floorMod(slot, (long) MARK_SLOTS);
        s.gains[i] = (int) Math.min(Integer.MAX_VALUE, s.gains[i] + delta);
        long sum = 0;
        for (int g : s.gains) {
            sum += g;
        }
        s.row.setRecentHits(sum);
    }

    /** One point a second: the hit rate and request rate over the last second. */
    private double[] chartPoint(CacheStats stats) {
        long second = (clock.millis() - startMillis) / 1000L;
        if (second <= lastChartSecond) {
            return null; // the same second, or the wall clock stepped back: wait for it
        }
        CacheStats previous = lastChartStats;
        long elapsed = lastChartSecond < 0 ? 1 : second - lastChartSecond;
        lastChartSecond = second;
        lastChartStats = stats;
        if (previous == null) {
            return null;
        }
        CacheStats delta = stats.minus(previous);
        double requests = delta.requestCount();
        double rate = requests == 0 ? Double.NaN : 100.0 * delta.hits() / requests;
        return new double[] {second, rate, requests / Math.max(1, elapsed)};
    }

    /** The value as the storefront serves it (its JSON), on one line. */
    static String preview(Object value) {
        String s = dev.flashsale.storefront.StorefrontJson.of(value).replace('\n', ' ');
        return s.length() <= PREVIEW_CHARS ? s : s.substring(0, PREVIEW_CHARS) + "…";
    }

    /** On the FX thread: show a prepared refresh. */
    public void apply(Plan plan) {
        long t0 = System.nanoTime();
        now.set(plan.now());
        CacheStats s = plan.stats();
        hitRate.set(s.requestCount() == 0 ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * s.hitRate()));
        hits.set(count(s.hits()));
        misses.set(count(s.misses()));
        entries.set(count(plan.size()));
        loads.set(count(s.loads()));
        loadFailures.set(count(s.loadFailures()));
        evictions.set(count(s.evictions()));
        expirations.set(count(s.expirations()));
        averageLoad.set(s.loads() + s.loadFailures() == 0 ? "–"
                : String.format(Locale.ROOT, "%.2f ms", s.averageLoadPenaltyNanos() / 1e6));
        if (plan.view() != null) {
            beforeViewChange.run();
            view.setAll(Arrays.asList(plan.view()));
            afterViewChange.run();
        }
        if (plan.namespaces() != null) {
            namespaces.setAll(plan.namespaces());
        }
        if (!plan.newEvents().isEmpty()) {
            log(plan.newEvents());
        }
        double[] p = plan.chartPoint();
        if (p != null) {
            addHitRate(p[0], p[1]);
            addPoint(requestRateSeries, p[0], p[2]);
        }
        fxTimings.record(System.nanoTime() - t0);
    }

    /** Moves the countdowns without a full refresh (between refreshes, if the view wants more ticks). */
    public void tick() {
        long t0 = System.nanoTime();
        now.set(clock.instant());
        tickTimings.record(System.nanoTime() - t0);
    }

    /** FX-thread time of the countdown ticks between refreshes (redrawing the visible cells). */
    public long tickNanosPercentile(double p) {
        return tickTimings.percentile(p);
    }

    private void addHitRate(double x, double rate) {
        if (Double.isNaN(rate)) {
            hitRateGap = true;
            return;
        }
        if (hitRateGap || hitRateSegments.isEmpty()) {
            XYChart.Series<Number, Number> piece = new XYChart.Series<>();
            piece.setName("hit rate %");
            hitRateSegments.add(piece);
            hitRateGap = false;
        }
        hitRateSegments.get(hitRateSegments.size() - 1).getData().add(new XYChart.Data<>(x, rate));
        // The same window as the request rate: drop the oldest points, then pieces left empty.
        double oldest = x - CHART_POINTS;
        while (!hitRateSegments.isEmpty()) {
            var first = hitRateSegments.get(0).getData();
            while (!first.isEmpty() && first.get(0).getXValue().doubleValue() <= oldest) {
                first.remove(0);
            }
            if (!first.isEmpty()) {
                break;
            }
            hitRateSegments.remove(0);
        }
    }

    private static void addPoint(XYChart.Series<Number, Number> series, double x, double y) {
        series.getData().add(new XYChart.Data<>(x, y));
        if (series.getData().size() > CHART_POINTS) {
            series.getData().remove(0, series.getData().size() - CHART_POINTS);
        }
    }

    private void log(Collection<String> lines) {
        events.addAll(lines);
        if (events.size() > MAX_EVENTS) {
            events.remove(0, events.size() - MAX_EVENTS);
        }
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    // ------------------------------------------------------------------ impact of an invalidation

    /** What a bulk invalidation would remove: entries, and the hits they served in about the last minute. */
    public record Impact(int entries, long recentHits) {
        /** The sentence a confirmation shows. */
        public String describe() {
            return String.format(Locale.ROOT, "%,d %s will go; %s served %,d %s in the last minute. The next requests"
                    + " for %s will go to the store (the database).", entries, entries == 1 ? "entry" : "entries",
                    entries == 1 ? "it" : "they", recentHits, recentHits == 1 ? "hit" : "hits", entries == 1 ? "it" : "them");
        }
    }

    /** The impact of clearing the cache, as of the last refresh. */
    public Impact impactOfAll() {
        return impact(r -> true);
    }

    public Impact impactOfNamespace(String namespace) {
        return impact(r -> r.namespace().equals(namespace));
    }

    public Impact impactOf(List<CacheEntryRow> rows) {
        long hits = 0;
        for (CacheEntryRow r : rows) {
            hits += r.recentHits();
        }
        return new Impact(rows.size(), hits);
    }

    /** Shared-tier keys: how many go, and the hits this process's entries of those keys served lately. */
    public Impact impactOfKeys(List<String> keys) {
        java.util.Set<String> set = new java.util.HashSet<>(keys);
        long hits = 0;
        for (CacheEntryRow r : allRows) {
            if (set.contains(r.key())) {
                hits += r.recentHits();
            }
        }
        return new Impact(keys.size(), hits);
    }

    private Impact impact(java.util.function.Predicate<CacheEntryRow> which) {
        int n = 0;
        long hits = 0;
        for (CacheEntryRow r : allRows) {
            if (which.test(r)) {
                n++;
                hits += r.recentHits();
            }
        }
        return new Impact(n, hits);
    }

    // ------------------------------------------------------------------ commands

    /** Loads the audit trail so earlier sessions' invalidations show in the log. */
    public void loadAuditTrail(Consumer<Runnable> fx) {
        commands.execute(() -> {
            try {
                List<String> lines = control.recentAudit(50).stream().map(this::describe).toList();
                fx.accept(() -> log(lines));
            } catch (RuntimeException e) {
                fx.accept(() -> log(List.of("could not read the audit trail: " + e.getMessage())));
            }
        });
    }

    private String describe(AuditEntry a) {
        String when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
                .withZone(timeFormat.getZone()).format(a.at());
        return when + "  [audit] " + a.osUser() + ": " + a.action() + (a.target() == null ? "" : " " + a.target())
                + " (" + a.entries() + (a.entries() == 1 ? " entry)" : " entries)");
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
            try {
                int n = control.warmUp();
                fx.accept(() -> log(List.of(timeFormat.format(clock.instant()) + "  warm-up: " + n + " keys loaded")));
            } catch (RuntimeException e) {
                fx.accept(() -> log(List.of(timeFormat.format(clock.instant()) + "  warm-up failed: " + e.getMessage())));
            }
        });
    }

    public void setTtlSeconds(long seconds, Consumer<Runnable> fx) {
        commands.execute(() -> {
            cache.setDefaultTtl(Duration.ofSeconds(seconds));
            fx.accept(() -> log(List.of(timeFormat.format(clock.instant()) + "  default TTL set to " + seconds
                    + " s" + (seconds == 0 ? " (cache off)" : ""))));
        });
    }

    public void setMaxEntries(int max, Consumer<Runnable> fx) {
        commands.execute(() -> {
            cache.setMaxEntries(max);
            fx.accept(() -> log(List.of(timeFormat.format(clock.instant()) + "  max entries set to " + count(max))));
        });
    }

    private void run(java.util.function.Supplier<AuditEntry> action, Consumer<Runnable> fx) {
        commands.execute(() -> {
            try {
                AuditEntry a = action.get();
                viewDirty = true; // show the effect of the user's action on the next refresh
                fx.accept(() -> log(List.of(describe(a))));
            } catch (RuntimeException e) {
                fx.accept(() -> log(List.of(timeFormat.format(clock.instant()) + "  failed: " + e.getMessage())));
            }
        });
    }

    // ------------------------------------------------------------------ read-only state

    /** The rows shown (all entries unless a filter is set). */
    public ObservableList<CacheEntryRow> rows() {
        return view();
    }

    /** The table's items: filtered and sorted as last requested. */
    public ObservableList<CacheEntryRow> view() {
        return FXCollections.unmodifiableObservableList(view);
    }

    public ObservableList<String> namespaces() {
        return FXCollections.unmodifiableObservableList(namespaces);
    }

    public ObservableList<String> events() {
        return FXCollections.unmodifiableObservableList(events);
    }

    public ReadOnlyObjectProperty<Instant> nowProperty() {
        return now.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty hitRateProperty() {
        return hitRate.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty hitsProperty() {
        return hits.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty missesProperty() {
        return misses.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty entriesProperty() {
        return entries.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty loadsProperty() {
        return loads.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty loadFailuresProperty() {
        return loadFailures.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty evictionsProperty() {
        return evictions.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty expirationsProperty() {
        return expirations.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty averageLoadProperty() {
        return averageLoad.getReadOnlyProperty();
    }

    /** The hit-rate line's pieces, oldest first; a gap between two pieces is time without requests. */
    public ObservableList<XYChart.Series<Number, Number>> hitRateSegments() {
        return hitRateSegments;
    }

    public XYChart.Series<Number, Number> requestRateSeries() {
        return requestRateSeries;
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
