package dev.flashsale.console.cache;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.console.ConsoleFxTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The live panel with 100,000 entries under traffic: FX-thread time per refresh (median, p99),
 * the off-FX work and refreshes per second. Not part of {@code mvn verify}
 * (its name does not end in Test); run it with:
 * {@code mvn test -Dtest=CachePanelBenchmark}
 */
@Timeout(300)
class CachePanelBenchmark extends ConsoleFxTest {

    static final int ENTRIES = 100_000;
    static final int SECONDS = Integer.getInteger("panel.seconds", 20);

    @TempDir
    Path dir;

    @BeforeEach
    @Timeout(60)
    void start() throws Exception {
        startConsole("--db", dir.resolve("b.db").toString(),
                "--port", "0", "--no-demo", "--max-entries", "200000");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.page(CacheTab.class).model() != null);
        clickOn("Cache");
    }


    @Test
    void panelWithOneHundredThousandEntries() throws Exception {
        TtlCache<Object> cache = app.backend().cache();
        for (int i = 0; i < ENTRIES; i++) {
            cache.put("price:" + i, "PriceQuote[productId=" + i + ", price=39.00, regularPrice=59.00, flashSale=true]",
                    Duration.ofSeconds(60 + i % 240));
        }
        CachePanelModel model = app.page(CacheTab.class).model();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.entries().rows().size() == ENTRIES);

        // Traffic: hits on a skewed key set (hit counts change every refresh), rewrites, invalidations.
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong ops = new AtomicLong();
        Thread traffic = new Thread(() -> {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            while (running.get()) {
                for (int i = 0; i < 1000; i++) {
                    int k = (int) Math.min(ENTRIES - 1, Math.abs(rnd.nextGaussian()) * 5000);
                    cache.get("price:" + k);
                }
                int k = rnd.nextInt(ENTRIES);
                cache.put("price:" + k, "rewritten " + k, Duration.ofSeconds(120));
                if (rnd.nextInt(10) == 0) {
                    cache.invalidate("price:" + rnd.nextInt(ENTRIES));
                }
                ops.addAndGet(1001);
                LockSupport.parkNanos(1_000_000); // about a million reads a second
            }
        }, "benchmark-traffic");
        WaitForAsyncUtils.sleep(2, TimeUnit.SECONDS); // settle after the initial 100,000-row fill
        model.resetTimings();
        traffic.start();
        long t0 = System.nanoTime();
        WaitForAsyncUtils.sleep(SECONDS, TimeUnit.SECONDS); // a measurement window, not a TTL wait
        double elapsed = (System.nanoTime() - t0) / 1e9;
        int refreshes = model.refreshesApplied();
        long fxMedian = model.fxNanosPercentile(50);
        long fxP99 = model.fxNanosPercentile(99);
        long fxMax = model.fxNanosPercentile(100);
        long tickMedian = model.tickNanosPercentile(50);
        long tickP99 = model.tickNanosPercentile(99);
        long prepMedian = model.prepareNanosPercentile(50);
        long prepP99 = model.prepareNanosPercentile(99);
        running.set(false);
        traffic.join();

        String report = String.format(Locale.ROOT, """
                cache panel, %,d entries, %.0f s of traffic (%,.0f cache ops/s), JDK %s, %d cores
                refreshes applied: %d (%.1f per second; countdowns move on each)
                FX-thread time per refresh: median %.2f ms, p99 %.2f ms, max %.2f ms (target <= 4 ms)
                FX-thread time per countdown tick (4/s, visible cells redraw): median %.2f ms, p99 %.2f ms
                off the FX thread (cache-panel-refresh: snapshot + diff) per refresh: median %.1f ms, p99 %.1f ms
                (the panel's memory is measured alone, in a quiet JVM: CachePanelMemoryBenchmark)
                """, ENTRIES, elapsed, ops.get() / elapsed, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), refreshes, refreshes / elapsed, fxMedian / 1e6, fxP99 / 1e6,
                fxMax / 1e6, tickMedian / 1e6, tickP99 / 1e6, prepMedian / 1e6, prepP99 / 1e6);
        System.out.println(report);
        assertTrue(refreshes > 0, "the panel refreshed");
    }
}
