package dev.flashsale.sale.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.ValidationException;
import dev.flashsale.store.Database;
import dev.flashsale.store.Dialect;
import dev.flashsale.testing.OwnThread;
import dev.flashsale.testing.TestStore;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import and a console edit of the same sale on PostgreSQL (READ COMMITTED), interleaved at the
 * worst moment: the import reads the sale's version, the edit commits, then the import updates.
 * The update matches no row; the import must see that and refuse the whole file, not commit the
 * rest and report the line as updated. (On SQLite writers take turns for the whole file.)
 */
@Timeout(60)
class ImportRaceTest {

    @TempDir
    Path dir;

    @Test
    void anEditCommittedBetweenTheImportsReadAndItsUpdateRefusesTheWholeImport() throws Exception {
        TestStore store = TestStore.create(Dialect.POSTGRESQL, dir);
        Clock clock = Clock.systemUTC();
        try (Database importing = store.open(); Database editing = store.open()) {
            CatalogAdmin admin = new CatalogAdmin(importing, TtlCache.builder().build(), clock);
            Product shoes = admin.createProduct("SPO-001", "Shoes", new BigDecimal("100.00"), 1);
            Product mat = admin.createProduct("SPO-002", "Mat", new BigDecimal("40.00"), 1);
            Instant start = clock.instant().plusSeconds(3600);
            FlashSale sale = admin.createSale(shoes.id(), new BigDecimal("80.00"), start, start.plusSeconds(3600));
            StringWriter exported = new StringWriter();
            SaleCsv.write(exported, admin.sales(), id -> id == shoes.id() ? "SPO-001" : "SPO-002");
            // the file lowers the price and adds a sale of another product
            String file = exported.toString().replace("80.00", "75.00") + "SPO-002,30.00," + start + ","
                    + start.plusSeconds(600) + ",,\n";
            List<SaleCsv.Line> lines = SaleCsv.read(new StringReader(file));

            // Another admin's edit holds the product row (as every sale write does) and has bumped
            // the sale's version, not yet committed.
            CountDownLatch editing2 = new CountDownLatch(1);
            CountDownLatch commit = new CountDownLatch(1);
            CompletableFuture<Object> edit = OwnThread.run("edit", () -> editing.write(c -> {
                editing.lockRow(c, "product", shoes.id());
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE flash_sale SET flash_price = '70.00', version = version + 1 WHERE id = ?")) {
                    ps.setLong(1, sale.id());
                    ps.executeUpdate();
                }
                editing2.countDown();
                try {
                    commit.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertTrue(editing2.await(10, TimeUnit.SECONDS));
            // The import reads version 1 (the edit is not committed), then waits for the product row.
            CompletableFuture<Object> imported = OwnThread.run("import", () -> {
                try {
                    return admin.importSales(lines);
                } catch (RuntimeException e) {
                    return e;
                }
            });
            awaitWaitingOnALock(store);
            commit.countDown();
            edit.get(10, TimeUnit.SECONDS);
            Object outcome = imported.get(10, TimeUnit.SECONDS);

            assertTrue(outcome instanceof ValidationException, "the import must be refused, got " + outcome);
            assertTrue(((ValidationException) outcome).getMessage().contains("sale #" + sale.id()),
                    ((ValidationException) outcome).getMessage());
            FlashSale now = admin.sale(sale.id()).orElseThrow();
            assertEquals(new BigDecimal("70.00"), now.flashPrice(), "the other admin's edit stands");
            assertEquals(2, now.version());
            assertEquals(1, admin.sales().size(), "all or nothing: the file's new sale was not written either");
            assertEquals(0, admin.sales().stream().filter(s -> s.productId() == mat.id()).count());
        }
    }

    /** Until some session of this test's database waits on a row lock (the import at the product row). */
    private static void awaitWaitingOnALock(TestStore store) throws InterruptedException {
        try (Database watcher = store.open()) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < end) {
                boolean waiting = watcher.read(c -> {
                    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity"
                            + " WHERE datname = current_database() AND wait_event_type = 'Lock'");
                         ResultSet rs = ps.executeQuery()) {
                        return rs.next() && rs.getLong(1) > 0;
                    }
                });
                if (waiting) {
                    return;
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("the import never waited for the product row");
    }
}
