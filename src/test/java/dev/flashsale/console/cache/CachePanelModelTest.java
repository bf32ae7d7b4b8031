package dev.flashsale.console.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.cache.CacheStats;
import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.admin.CacheControl;
import dev.flashsale.sale.read.CatalogService;
import dev.flashsale.store.Database;
import dev.flashsale.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The panel's view-model, driven directly: no window, a manual clock, commands run inline. */
class CachePanelModelTest {

    @TempDir
    Path dir;

    private final TestClock time = new TestClock(Instant.parse("2026-11-25T14:00:00Z"));
    private final Consumer<Runnable> inline = Runnable::run;
    private Database db;
    private TtlCache<Object> cache;
    private CacheControl control;
    private CachePanelModel model;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("store.db"));
        cache = TtlCache.builder().ticker(time.ticker()).wallClock(time).build();
        control = new CacheControl(db, cache, new CatalogService(db, cache, time), time, "alice");
        model = new CachePanelModel(control, time, ZoneOffset.UTC, Runnable::run);
        model.setViewPeriod(Duration.ZERO);
    }

    @AfterEach
    void close() {
        model.dispose();
        db.close();
    }

    private void refresh() {
        model.apply(model.prepare());
    }

    private CacheEntryRow row(String key) {
        return model.entries().rows().stream().filter(r -> r.key().equals(key)).findFirst().orElse(null);
    }

    @Test
    void entriesBecomeRowsThatUpdateInPlaceAndGo() {
        cache.put("price:1", "39.00", Duration.ofSeconds(30));
        cache.put("flash:products", "[listing]", Duration.ofSeconds(10));
        refresh();
        assertEquals(2, model.entries().rows().size());
        CacheEntryRow price = row("price:1");
        assertEquals("price", price.namespace());
        assertEquals("39.00", price.preview());
        assertEquals(List.of("flash", "price"), model.entries().namespaces());

        cache.get("price:1");
        cache.get("price:1");
        refresh();
        assertEquals(2, price.hits(), "the same row object, updated in place");
        assertTrue(price == row("price:1"));

        cache.put("price:1", "29.00", Duration.ofSeconds(30));
        refresh();
        assertEquals("29.00", row("price:1").preview());

        cache.invalidate("flash:products");
        refresh();
        assertNull(row("flash:products"));
        assertEquals(List.of("price"), model.entries().namespaces());
    }

    @Test
    void countdownsFollowTheClockWithoutARefresh() {
        cache.put("price:1", "39.00", Duration.ofSeconds(30));
        refresh();
        CacheEntryRow r = row("price:1");
        assertEquals(30_000, r.remainingMillis(model.nowProperty().get()));
        time.advance(Duration.ofSeconds(12));
        model.tick();
        assertEquals(18_000, r.remainingMillis(model.nowProperty().get()));
        assertEquals(12_000, r.ageMillis(model.nowProperty().get()));
        assertEquals(0.6, r.remainingFraction(model.nowProperty().get()), 1e-9);
        time.advance(Duration.ofSeconds(18));
        refresh();
        assertNull(row("price:1"), "expired entries leave the table");
    }

    @Test
    void figuresAreTheCachesOwn() {
        assertEquals("–", model.figures().hitRateProperty().get(), "no requests yet: no rate to show");
        cache.put("price:1", "a");
        cache.get("price:1");
        cache.get("price:1");
        cache.get("price:1");
        cache.get("price:2");
        cache.get("price:3");
        cache.get("price:4", Duration.ofSeconds(5), k -> {
            time.advance(Duration.ofMillis(3));
            return "loaded";
        });
        refresh();
        // 3 hits, 3 misses
        assertEquals(String.format(Locale.ROOT, "%.1f%%", 100 * cache.stats().hitRate()), model.figures().hitRateProperty().get());
        assertEquals("50.0%", model.figures().hitRateProperty().get());
        assertEquals("3", model.figures().hitsProperty().get());
        assertEquals("3", model.figures().missesProperty().get());
        assertEquals("2", model.figures().entriesProperty().get());
        assertEquals("1", model.figures().loadsProperty().get());
        assertEquals("3.00 ms", model.figures().averageLoadProperty().get());
    }

    @Test
    void cacheEventsReachTheBoundedLog() {
        cache.put("price:1", "a");
        cache.invalidate("price:1");
        refresh();
        assertEquals(List.of("14:00:00  put price:1", "14:00:00  invalidated price:1"), model.events());
        for (int i = 0; i < CacheEventLog.MAX_EVENTS + 50; i++) {
            cache.put("price:" + i, "v");
        }
        refresh();
        refresh();
        assertEquals(CacheEventLog.MAX_EVENTS, model.events().size());
    }

    @Test
    void manualInvalidationsAreAuditedAndSurviveARestart() {
        cache.put("price:1", "a");
        cache.put("price:2", "b");
        cache.put("price:3", "c");
        cache.put("flash:status:1", "s");
        refresh();
        model.invalidate(row("price:1"), inline);
        model.invalidate(List.of(row("price:2"), row("price:3")), inline);
        model.invalidateNamespace("flash", inline);
        model.clear(inline);
        refresh();
        assertEquals(0, model.entries().rows().size());
        List<String> audit = model.events().stream().filter(l -> l.contains("[audit]")).toList();
        assertEquals(4, audit.size(), String.join("\n", model.events()));
        assertTrue(audit.get(0).endsWith("alice: invalidate price:1 (1 entry)"), audit.get(0));
        assertTrue(audit.get(1).endsWith("alice: invalidate selection price:2, price:3 (2 entries)"), audit.get(1));
        assertTrue(audit.get(2).endsWith("alice: invalidate namespace flash (1 entry)"), audit.get(2));
        assertTrue(audit.get(3).endsWith("alice: clear (0 entries)"), audit.get(3));

        CachePanelModel afterRestart = new CachePanelModel(control, time, ZoneOffset.UTC, Runnable::run);
        afterRestart.loadAuditTrail(inline);
        assertEquals(audit, afterRestart.events(), "the audit trail is read back from SQLite");
        afterRestart.dispose();
    }

    @Test
    void settingsChangeTheRunningCache() {
        model.setTtlSeconds(5, inline);
        model.setMaxEntries(2, inline);
        assertEquals(Duration.ofSeconds(5), cache.defaultTtl());
        assertEquals(2, cache.maxEntries());
        cache.put("price:1", "a");
        cache.put("price:2", "a");
        cache.put("price:3", "a");
        assertEquals(2, cache.size());
    }

    @Test
    void aBulkInvalidationSaysHowManyEntriesGoAndTheHitsTheyServedInTheLastMinute() {
        cache.put("price:1", "a", Duration.ofMinutes(10));
        cache.put("price:2", "b", Duration.ofMinutes(10));
        cache.put("flash:status:1", "c", Duration.ofMinutes(10));
        refresh();
        for (int i = 0; i < 5; i++) {
            cache.get("price:1");
        }
        cache.get("flash:status:1");
        refresh();
        assertEquals(new EntryTable.Impact(2, 5), model.entries().impactOfNamespace("price"));
        assertEquals(new EntryTable.Impact(3, 6), model.entries().impactOfAll());
        assertEquals(new EntryTable.Impact(1, 1), model.entries().impactOf(List.of(row("flash:status:1"))));
        assertEquals("2 entries will go; they served 5 hits in the last minute. The next requests for them will go to"
                + " the store (the database).", model.entries().impactOfNamespace("price").describe());

        // A minute and more later, those hits are no longer recent; new ones are.
        for (int s = 0; s < 7; s++) {
            time.advance(Duration.ofSeconds(10));
            refresh();
        }
        cache.get("price:2");
        refresh();
        assertEquals(new EntryTable.Impact(2, 1), model.entries().impactOfNamespace("price"));
        assertEquals(new EntryTable.Impact(0, 0), model.entries().impactOfNamespace("nothing"));
    }

    @Test
    void secondsWithoutRequestsAreAGapInTheHitRateChartNotZero() {
        cache.put("price:1", "a", Duration.ofHours(1));
        refresh();
        for (int s = 0; s < 3; s++) { // three seconds of traffic
            time.advance(Duration.ofSeconds(1));
            cache.get("price:1");
            cache.get("price:9");
            refresh();
        }
        for (int s = 0; s < 60; s++) { // a quiet minute
            time.advance(Duration.ofSeconds(1));
            refresh();
        }
        for (int s = 0; s < 2; s++) { // traffic again
            time.advance(Duration.ofSeconds(1));
            cache.get("price:1");
            refresh();
        }
        var pieces = model.figures().hitRateSegments();
        assertEquals(2, pieces.size(), "two runs of traffic, one gap");
        List<Number> rates = pieces.stream().flatMap(p -> p.getData().stream()).map(d -> d.getYValue()).toList();
        assertTrue(rates.stream().noneMatch(r -> r.doubleValue() == 0), "no 0 % for the quiet minute: " + rates);
        double lastOfFirst = pieces.get(0).getData().get(pieces.get(0).getData().size() - 1).getXValue().doubleValue();
        double firstOfSecond = pieces.get(1).getData().get(0).getXValue().doubleValue();
        assertTrue(firstOfSecond - lastOfFirst > 60, "the gap spans the quiet minute");
        assertEquals(100.0, pieces.get(1).getData().get(0).getYValue().doubleValue());
    }

    /** ADR-006's alert: the hit rate turns to a warning after a minute below 90 %, not at the first bad second. */
    @Test
    void theHitRateIsAWarningOnceItHasBeenBelowTheTargetForAMinute() {
        cache.put("price:1", "a", Duration.ofHours(1));
        refresh();
        for (int s = 1; s <= 70; s++) {
            time.advance(Duration.ofSeconds(1));
            cache.get("price:1"); // one hit, two misses a second: 33 %
            cache.get("price:8");
            cache.get("price:9");
            refresh();
            if (s == 30) {
                assertEquals("", model.figures().hitRateWarningProperty().get(), "half a minute is not yet an alert");
            }
        }
        assertTrue(model.figures().hitRateWarningProperty().get().startsWith("Below the 90 % target for 1 min"),
                model.figures().hitRateWarningProperty().get());
        for (int s = 0; s < 2; s++) { // quiet seconds neither end nor start a run
            time.advance(Duration.ofSeconds(1));
            refresh();
        }
        assertFalse(model.figures().hitRateWarningProperty().get().isEmpty());
        time.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 20; i++) {
            cache.get("price:1");
        }
        refresh();
        assertEquals("", model.figures().hitRateWarningProperty().get(), "one good second ends it");
    }

    /** In a cluster the figures are another source's (the cluster's sums, a node's): shown as given, charts restarted. */
    @Test
    void theFiguresMayBeOfAnotherSource() {
        cache.put("price:1", "a", Duration.ofHours(1));
        cache.get("price:1");
        refresh();
        CacheStats[] cluster = {new CacheStats(900, 100, 100, 0, 0, 0, 0, 0)};
        model.showFiguresOf(() -> new CacheFigures.Totals(cluster[0], 4_321));
        time.advance(Duration.ofSeconds(1));
        refresh();
        assertEquals("90.0%", model.figures().hitRateProperty().get());
        assertEquals("900", model.figures().hitsProperty().get());
        assertEquals("4,321", model.figures().entriesProperty().get());
        assertEquals(0, model.figures().requestRateSeries().getData().size(),
                "no point drawn from this cache's counters to the cluster's");
        cluster[0] = new CacheStats(1_900, 100, 100, 0, 0, 0, 0, 0);
        time.advance(Duration.ofSeconds(1));
        refresh();
        assertEquals(1_000.0, model.figures().requestRateSeries().getData().get(0).getYValue().doubleValue());

        // a reading made once a second (the registry): a second without a new reading draws no point,
        // the next one spreads what came over both seconds
        long[] update = {1};
        model.showFiguresOf(() -> new CacheFigures.Totals(cluster[0], 4_321, update[0]));
        time.advance(Duration.ofSeconds(1));
        refresh(); // restarts
        cluster[0] = new CacheStats(3_900, 100, 100, 0, 0, 0, 0, 0);
        update[0] = 2;
        time.advance(Duration.ofSeconds(1));
        refresh();
        int points = model.figures().requestRateSeries().getData().size();
        time.advance(Duration.ofSeconds(1));
        refresh();
        assertEquals(points, model.figures().requestRateSeries().getData().size(), "no new reading: no point");
        cluster[0] = new CacheStats(5_900, 100, 100, 0, 0, 0, 0, 0);
        update[0] = 3;
        time.advance(Duration.ofSeconds(1));
        refresh();
        var data = model.figures().requestRateSeries().getData();
        assertEquals(1_000.0, data.get(data.size() - 1).getYValue().doubleValue(), "2,000 requests over two seconds");

        model.showFiguresOf(null);
        time.advance(Duration.ofSeconds(1));
        refresh();
        assertEquals("1", model.figures().hitsProperty().get(), "this process's own again");
    }
}
