package dev.flashsale.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.admin.CatalogAdmin;
import dev.flashsale.sale.admin.DemoCatalog;
import dev.flashsale.store.Database;
import dev.flashsale.store.Dialect;
import dev.flashsale.testing.NodeProcess;
import dev.flashsale.testing.OnBothStores;
import dev.flashsale.testing.TestStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three storefront nodes, each a process of its own, started at the same moment on a database
 * that has no schema yet (a new SQLite file, or an empty PostgreSQL database), with no Redis: one
 * migrates and seeds, the others wait and go on; and a write made by yet another process (this
 * test's JVM, as a console would) is what every node serves on its next requests, long before
 * the cached answers' TTL (SQLite: each node polls data_version; PostgreSQL: LISTEN/NOTIFY).
 */
class SharedDatabaseNodesTest {

    @TempDir
    Path dir;

    @OnBothStores
    void nodesStartedTogetherOnANewDatabaseShareItAndFollowEachOthersWrites(Dialect store) throws Exception {
        TestStore shop = TestStore.create(store, dir, "shop.db");
        List<NodeProcess> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(NodeProcess.start(shop, "--ttl", "300"));
            }
            for (NodeProcess n : nodes) {
                n.url();
            }
            Clock clock = Clock.systemUTC();
            try (Database db = shop.open()) {
                CatalogAdmin admin = new CatalogAdmin(db, TtlCache.builder().build(), clock);
                int seededOnce;
                int salesOnce;
                try (Database scratch = Database.open(dir.resolve("scratch.db"))) {
                    seededOnce = DemoCatalog.seed(scratch, clock);
                    salesOnce = new CatalogAdmin(scratch, TtlCache.builder().build(), clock).sales().size();
                }
                assertEquals(seededOnce, admin.products().size(), "the demo catalog was seeded once");
                assertEquals(salesOnce, admin.sales().size(), "the demo sales were seeded once");

                Product p = admin.createProduct("KETTLE-9", "Kettle", new BigDecimal("30.00"), 5);
                String path = "/api/products/" + p.id() + "/flash-status";
                for (NodeProcess n : nodes) {
                    n.awaitBody(path, "\"NONE\"");
                    n.awaitXCache(path, "HIT"); // (the product's creation, heard from the log, may drop it once)
                }

                Instant now = clock.instant();
                admin.createSale(p.id(), new BigDecimal("19.00"), now.minusSeconds(60), now.plusSeconds(3600));
                long written = System.nanoTime();
                for (NodeProcess n : nodes) {
                    long ms = n.awaitBody(path, "\"ACTIVE\"");
                    System.out.printf("node %d served the new status %d ms after the commit%n", n.pid(),
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - written));
                    assertTrue(ms < 5_000); // generous: the figure that matters is in the benchmark
                }
            }
        } finally {
            for (NodeProcess n : nodes) {
                n.close();
            }
        }
    }
}
