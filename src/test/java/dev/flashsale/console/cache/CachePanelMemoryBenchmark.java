package dev.flashsale.console.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.admin.CacheControl;
import dev.flashsale.sale.read.CatalogService;
import dev.flashsale.store.Database;
import dev.flashsale.testing.TestClock;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache panel's own memory for 100,000 entries, measured in a quiet JVM: no console running,
 * just the cache and the panel's view-model (its rows and diff state). Not part of
 * {@code mvn verify}; run it with {@code mvn test -Dtest=CachePanelMemoryBenchmark}.
 */
class CachePanelMemoryBenchmark {

    @TempDir
    Path dir;

    private static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    @Test
    void panelMemoryForOneHundredThousandEntries() {
        int entries = 100_000;
        TestClock time = new TestClock(Instant.parse("2026-11-25T12:00:00Z"));
        try (Database db = Database.open(dir.resolve("m.db"))) {
            TtlCache<Object> cache = TtlCache.builder().ticker(time.ticker()).wallClock(time).build();
            for (int i = 0; i < entries; i++) {
                cache.put("price:" + i, "PriceQuote[productId=" + i + ", price=39.00]", Duration.ofSeconds(60 + i % 240));
            }
            CacheControl control = new CacheControl(db, cache, new CatalogService(db, cache, time), time, "bench");
            double[] samples = new double[3];
            for (int s = 0; s < samples.length; s++) {
                long before = usedAfterGc();
                CachePanelModel model = new CachePanelModel(control, time, ZoneOffset.UTC, Runnable::run);
                model.apply(model.prepare());
                long after = usedAfterGc();
                assertEquals(entries, model.entries().rows().size());
                samples[s] = after - before;
                Reference.reachabilityFence(model);
                model.dispose();
            }
            Arrays.sort(samples);
            System.out.printf(Locale.ROOT, "cache panel memory for %,d rows (rows + diff state + view): %.1f MB,"
                    + " %.0f bytes per entry (median of 3: %s)%n", entries, samples[1] / 1e6, samples[1] / entries,
                    Arrays.toString(Arrays.stream(samples).mapToLong(x -> (long) x).toArray()));
        }
    }
}
