package dev.flashsale.sale.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.ValidationException;
import dev.flashsale.store.Database;
import dev.flashsale.store.Dialect;
import dev.flashsale.testing.OnBothStores;
import dev.flashsale.testing.TestStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes, each with its own connections to the store (two {@link Database}s, as two
 * processes have), save overlapping sales of one product at the same moment, many times over:
 * every time exactly one wins and the other is told which sale it overlaps. A check-then-insert
 * without a lock lets both through on PostgreSQL (READ COMMITTED); the product row lock stops it.
 * Processes racing through the command line are in {@code PostgresNodesTest}.
 */
@Timeout(120)
class OverlapRaceTest {

    @TempDir
    Path dir;

    private static final int ROUNDS = 40;

    @OnBothStores
    void twoNodesSavingOverlappingSalesAtOnceNeverBothWin(Dialect store) throws Exception {
        TestStore shared = TestStore.create(store, dir);
        Clock clock = Clock.systemUTC();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Database nodeA = shared.open(); Database nodeB = shared.open()) {
            CatalogAdmin adminA = new CatalogAdmin(nodeA, TtlCache.builder().build(), clock);
            CatalogAdmin adminB = new CatalogAdmin(nodeB, TtlCache.builder().build(), clock);
            CyclicBarrier together = new CyclicBarrier(2);
            Instant start = clock.instant().plusSeconds(3600);
            for (int round = 0; round < ROUNDS; round++) {
                Product p = adminA.createProduct("RACE-" + round, "Racer " + round, new BigDecimal("50.00"), 1);
                // overlapping, not identical: A from start for 2 h, B from start + 1 h for 2 h
                Future<Object> a = pool.submit(() -> attempt(together, () -> adminA.createSale(p.id(),
                        new BigDecimal("40.00"), start, start.plusSeconds(7200))));
                Future<Object> b = pool.submit(() -> attempt(together, () -> adminB.createSale(p.id(),
                        new BigDecimal("41.00"), start.plusSeconds(3600), start.plusSeconds(10800))));
                List<Object> outcomes = List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));
                long won = outcomes.stream().filter(FlashSale.class::isInstance).count();
                assertEquals(1, won, "round " + round + ": exactly one of two overlapping sales is saved: " + outcomes);
                ValidationException lost = (ValidationException) outcomes.stream()
                        .filter(ValidationException.class::isInstance).findFirst().orElseThrow();
                assertTrue(lost.messageFor("start").contains("overlaps sale #"), lost.errors().toString());
                assertEquals(1, adminA.sales().stream().filter(s -> s.productId() == p.id()).count(),
                        "round " + round + ": one sale of the product in the store");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Object attempt(CyclicBarrier together, Callable<FlashSale> save)
            throws Exception {
        together.await(10, TimeUnit.SECONDS);
        try {
            return save.call();
        } catch (ValidationException refused) {
            return refused;
        }
    }
}
