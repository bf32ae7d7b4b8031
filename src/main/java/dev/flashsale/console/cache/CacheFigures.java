package dev.flashsale.console.cache;

import dev.flashsale.cache.CacheStats;
import java.time.Clock;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

/**
 * The Cache page's figures (hit rate, hits, misses, entries, loads...) and its two charts, the hit
 * rate and requests per second over the last five minutes. A chart point is made off the FX thread
 * once a second ({@link #point}); the figures and points are shown on it ({@link #show}).
 */
final class CacheFigures {

    static final int CHART_POINTS = 300; // 5 minutes at one point a second
    /** ADR-006's target: an alert when the hit rate stays below it. */
    static final double HIT_RATE_TARGET = 90.0;
    /** How long below the target before the figure turns to a warning (as Prometheus's {@code for: 1m}). */
    static final long ALERT_AFTER_SECONDS = 60;

    /**
     * What the figures are of: a cache's counters and its entries (one process, one node, or a
     * cluster's sums). {@code update} numbers the reading they come from: the registry is read
     * once a second, so the chart waits for a new reading rather than draw a second of nothing
     * and then two seconds at once; -1 for a cache read on the spot.
     */
    record Totals(CacheStats stats, long entries, long update) {
        Totals(CacheStats stats, long entries) {
            this(stats, entries, -1);
        }
    }

    private final ReadOnlyStringWrapper hitRate = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper hits = new ReadOnlyStringWrapper("0");
    private final ReadOnlyStringWrapper misses = new ReadOnlyStringWrapper("0");
    private final ReadOnlyStringWrapper entries = new ReadOnlyStringWrapper("0");
    private final ReadOnlyStringWrapper loads = new ReadOnlyStringWrapper("0");
    private final ReadOnlyStringWrapper loadFailures = new ReadOnlyStringWrapper("0");
    private final ReadOnlyStringWrapper evictions = new ReadOnlyStringWrapper("0");
    private final ReadOnlyStringWrapper expirations = new ReadOnlyStringWrapper("0");
    private final ReadOnlyStringWrapper averageLoad = new ReadOnlyStringWrapper("–");
    /** Empty, or why the hit rate is a warning: below the target for a minute or more. */
    private final ReadOnlyStringWrapper hitRateWarning = new ReadOnlyStringWrapper("");
    /**
     * The hit-rate line in pieces: a second without requests has no hit rate, so it ends a piece
     * and the chart shows a gap there instead of a line drawn across (or a 0 %).
     */
    private final ObservableList<XYChart.Series<Number, Number>> hitRateSegments = FXCollections.observableArrayList();
    private boolean hitRateGap = true;
    private final XYChart.Series<Number, Number> requestRateSeries = new XYChart.Series<>();

    // ---- refresh-thread state
    private final Clock clock;
    /** The chart's x axis counts seconds on the model's clock (so tests can move it) from the panel's start. */
    private final long startMillis;
    private long lastChartSecond = -1;
    private CacheStats lastChartStats;
    /** The first second of the current run below the target, or -1. */
    private long belowSince = -1;
    private long lastUpdate = Long.MIN_VALUE;
    private volatile boolean restart;

    CacheFigures(Clock clock) {
        this.clock = clock;
        this.startMillis = clock.millis();
        requestRateSeries.setName("requests/s");
    }

    /**
     * Any thread: the figures are about something else from now on (another node, the cluster):
     * the next second starts the charts' deltas and the alert's clock afresh instead of drawing
     * the difference between two caches.
     */
    void restart() {
        restart = true;
    }

    /**
     * Off the FX thread, once a second: the hit rate and request rate over the last second, and
     * how many seconds the hit rate has been below the target (0 when it is not), or null.
     */
    double[] point(CacheStats stats) {
        return point(new Totals(stats, 0));
    }

    /** As {@link #point(CacheStats)}, waiting for a new reading when {@code t} comes from one. */
    double[] point(Totals t) {
        CacheStats stats = t.stats();
        long second = (clock.millis() - startMillis) / 1000L;
        if (second <= lastChartSecond) {
            return null; // the same second, or the wall clock stepped back: wait for it
        }
        if (restart) {
            restart = false;
            lastChartStats = null;
            belowSince = -1;
            lastUpdate = Long.MIN_VALUE;
        }
        if (t.update() >= 0 && t.update() == lastUpdate) {
            return null; // the same reading as the last point: the next one covers both seconds
        }
        lastUpdate = t.update();
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
        // a second without requests neither starts nor ends a run below the target
        if (!Double.isNaN(rate)) {
            if (rate >= HIT_RATE_TARGET) {
                belowSince = -1;
            } else if (belowSince < 0) {
                belowSince = second - elapsed; // below since the start of this second
            }
        }
        return new double[] {second, rate, requests / Math.max(1, elapsed), belowSince < 0 ? 0 : second - belowSince};
    }

    /** On the FX thread: the figures of {@code s} and {@code size} entries, and a chart point if one was made. */
    void show(CacheStats s, long size, double[] point) {
        hitRate.set(s.requestCount() == 0 ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * s.hitRate()));
        hits.set(count(s.hits()));
        misses.set(count(s.misses()));
        entries.set(count(size));
        loads.set(count(s.loads()));
        loadFailures.set(count(s.loadFailures()));
        evictions.set(count(s.evictions()));
        expirations.set(count(s.expirations()));
        averageLoad.set(s.loads() + s.loadFailures() == 0 ? "–"
                : String.format(Locale.ROOT, "%.2f ms", s.averageLoadPenaltyNanos() / 1e6));
        if (point != null) {
            addHitRate(point[0], point[1]);
            addPoint(requestRateSeries, point[0], point[2]);
            long below = (long) point[3];
            hitRateWarning.set(below < ALERT_AFTER_SECONDS ? "" : String.format(Locale.ROOT,
                    "Below the %.0f %% target for %d min %02d s (ADR-006's alert)", HIT_RATE_TARGET, below / 60,
                    below % 60));
        }
    }

    /** Empty, or why the hit rate shows as a warning (below 90 % for a minute or more). */
    public ReadOnlyStringProperty hitRateWarningProperty() {
        return hitRateWarning.getReadOnlyProperty();
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

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
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
}
