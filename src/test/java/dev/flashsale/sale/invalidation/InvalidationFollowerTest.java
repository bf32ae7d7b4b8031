package dev.flashsale.sale.invalidation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.CatalogKeys;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.ValidationException;
import dev.flashsale.sale.admin.CacheControl;
import dev.flashsale.sale.admin.CatalogAdmin;
import dev.flashsale.sale.persistence.InvalidationLog;
import dev.flashsale.sale.read.CatalogService;
import dev.flashsale.store.Database;
import dev.flashsale.store.Dialect;
import dev.flashsale.testing.OnBothStores;
import dev.flashsale.testing.TestStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two "processes" on one file: each has its own {@link Database} (its own connections), cache and
 * origin, as two processes would. What one writes, the other's follower drops, exactly.
 * (Separate JVMs are covered by {@code SharedDatabaseNodesTest}.)
 */
class InvalidationFollowerTest {

    @TempDir
    Path dir;
    private Database dbA;
    private Database dbB;
    private TtlCache<Object> cacheA;
    private TtlCache<Object> cacheB;
    private CatalogAdmin adminA;
    private CacheControl controlA;
    private CatalogService catalogB;
    private InvalidationFollower followerB;
    private final Clock clock = Clock.systemUTC();

    void open(Dialect store) {
        TestStore shared = TestStore.create(store, dir, "shared.db");
        dbA = shared.open();
        dbB = shared.open();
        cacheA = TtlCache.builder().defaultTtl(Duration.ofMinutes(5)).build();
        cacheB = TtlCache.builder().defaultTtl(Duration.ofMinutes(5)).build();
        Invalidator a = new Invalidator(dbA, cacheA, clock, "A");
        Invalidator b = new Invalidator(dbB, cacheB, clock, "B");
        adminA = new CatalogAdmin(dbA, a, clock);
        controlA = new CacheControl(dbA, a, new CatalogService(dbA, cacheA, clock), clock, "tester");
        catalogB = new CatalogService(dbB, cacheB, clock);
        followerB = new InvalidationFollower(dbB, b);
    }

    @AfterEach
    void close() {
        followerB.close();
        dbA.close();
        dbB.close();
    }

    @OnBothStores
    void aSaleSavedByOneProcessIsServedFreshByTheOtherAfterItsNextPoll(Dialect store) {
        open(store);
        Product p = adminA.createProduct("SKU-1", "Kettle", new BigDecimal("30.00"), 5);
        Product q = adminA.createProduct("SKU-2", "Toaster", new BigDecimal("40.00"), 5);
        pollAfterWrite();
        assertEquals("NONE", catalogB.flashStatus(p.id()).orElseThrow().value().status());
        catalogB.flashStatus(q.id());
        assertTrue(catalogB.flashStatus(p.id()).orElseThrow().fromCache(), "B caches the answer");

        Instant now = clock.instant();
        adminA.createSale(p.id(), new BigDecimal("20.00"), now.minusSeconds(60), now.plusSeconds(3600));
        assertEquals("NONE", catalogB.flashStatus(p.id()).orElseThrow().value().status(),
                "before B polls, B still holds its entry (this is what the poll fixes)");

        InvalidationFollower.Heard heard = pollAfterWrite();
        assertEquals(1, heard.rows(), "one log row for the listing, the status and the price of the product");
        assertEquals("ACTIVE", catalogB.flashStatus(p.id()).orElseThrow().value().status());
        assertNotNull(cacheB.get(CatalogKeys.flashStatus(q.id())), "another product's entry is untouched");
    }

    @OnBothStores
    void aPollWithNoCommitElsewhereReadsNothing(Dialect store) {
        open(store);
        adminA.createProduct("SKU-1", "Kettle", new BigDecimal("30.00"), 5);
        pollAfterWrite();
        long queries = dbB.queryCount();
        assertEquals(0, followerB.poll().rows());
        assertEquals(queries, dbB.queryCount(), "only PRAGMA data_version, no query of the log");
    }

    @OnBothStores
    void aProcessSkipsTheRowsItWroteItself(Dialect store) {
        open(store);
        Invalidator b = new Invalidator(dbB, cacheB, clock, "B");
        CatalogAdmin adminB = new CatalogAdmin(dbB, b, clock);
        Product p = adminB.createProduct("SKU-1", "Kettle", new BigDecimal("30.00"), 5);
        catalogB.flashStatus(p.id());
        controlA.invalidate("sentinel:after-b-wrote");
        assertEquals(1, pollAfterWrite().rows(), "only A's sentinel: B's own rows are skipped");
        assertNotNull(cacheB.get(CatalogKeys.flashStatus(p.id())));
    }

    @OnBothStores
    void operatorInvalidationsReachTheOtherProcessKeyNamespaceAndAll(Dialect store) {
        open(store);
        Product p = adminA.createProduct("SKU-1", "Kettle", new BigDecimal("30.00"), 5);
        pollAfterWrite();
        catalogB.flashStatus(p.id());
        catalogB.price(p.id());
        catalogB.activeSales();
        controlA.invalidate(CatalogKeys.price(p.id()));
        pollAfterWrite();
        assertNull(cacheB.get(CatalogKeys.price(p.id())));
        assertNotNull(cacheB.get(CatalogKeys.flashStatus(p.id())));

        controlA.invalidateNamespace("flash");
        pollAfterWrite();
        assertNull(cacheB.get(CatalogKeys.flashStatus(p.id())));
        assertNull(cacheB.get(CatalogKeys.ACTIVE_LISTING));

        catalogB.price(p.id());
        controlA.clear();
        pollAfterWrite();
        assertEquals(0, cacheB.size());
        assertEquals(3, controlA.recentAudit(10).size(), "each is audited once, by the process that made it");
    }

    @OnBothStores
    void aReaderThatFellBehindTheTrimmedLogDropsEverything(Dialect store) {
        open(store);
        Product p = adminA.createProduct("SKU-1", "Kettle", new BigDecimal("30.00"), 5);
        pollAfterWrite();
        catalogB.price(p.id());
        catalogB.activeSales();
        // more log rows than the log keeps (other writers' single keys), none of them for B's keys;
        // A's next write trims the log to its bound
        dbA.write(c -> {
            try (var ps = c.prepareStatement("INSERT INTO cache_invalidation (at, origin, kind, target)"
                    + " VALUES (?, 'C', 'key', ?)")) {
                for (int i = 0; i < InvalidationLog.KEEP + 10; i++) {
                    ps.setLong(1, clock.millis());
                    ps.setString(2, "other:" + i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        controlA.invalidate(List.of("other:last"));
        InvalidationFollower.Heard heard = pollAfterWrite();
        assertTrue(heard.fellBehind());
        assertEquals(0, cacheB.size(), "a hole in the log: B cannot know what it missed, so it keeps nothing");
        assertEquals(InvalidationLog.KEEP, (long) dbA.read(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM cache_invalidation")) {
                rs.next();
                return rs.getLong(1);
            }
        }), "the log is trimmed to its bound");
        catalogB.price(p.id());
        assertFalse(followerB.poll().fellBehind());
        assertNotNull(cacheB.get(CatalogKeys.price(p.id())));
    }

    @OnBothStores
    void aWriteOfManyKeysIsOneLogRowAndTheOtherProcessDropsEveryKey(Dialect store) {
        open(store);
        List<String> keys = IntStream.range(0, 4_001).mapToObj(i -> "price:" + i).toList();
        pollAfterWrite();
        keys.forEach(k -> cacheB.put(k, "old"));
        cacheB.put("flash:1", "kept");
        long before = rowCount();
        controlA.invalidate(keys);
        assertEquals(before + 1, rowCount(), "a campaign's 4,001 keys take one row of the log, not 4,001");
        InvalidationFollower.Heard heard = pollAfterWrite();
        assertEquals(1, heard.rows());
        assertEquals(1, cacheB.size(), "every one of the keys dropped, nothing else");
        assertNotNull(cacheB.get("flash:1"));
    }

    private long rowCount() {
        return dbA.read(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM cache_invalidation")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @OnBothStores
    void aRefusedWriteLogsNothing(Dialect store) {
        open(store);
        Product p = adminA.createProduct("SKU-1", "Kettle", new BigDecimal("30.00"), 5);
        pollAfterWrite();
        catalogB.price(p.id());
        Instant now = clock.instant();
        try {
            adminA.createSale(p.id(), new BigDecimal("99.00"), now.plusSeconds(60), now.plusSeconds(3600));
        } catch (ValidationException expected) {
            // a flash price above the regular price is refused
        }
        controlA.invalidate("sentinel:after-the-refusal");
        assertEquals(1, pollAfterWrite().rows(), "only the sentinel: the refused write logged nothing");
        assertNotNull(cacheB.get(CatalogKeys.price(p.id())));
    }

    /**
     * A poll that saw the change but could not read the log (every connection busy, the pool timed
     * out) must not consume the notice: the next poll reads those rows, not only after some later write.
     */
    @OnBothStores
    void aPollThatCouldNotReadTheLogLeavesTheRowsForTheNextPoll(Dialect store) throws Exception {
        open(store);
        Product p = adminA.createProduct("SKU-1", "Kettle", new BigDecimal("30.00"), 5);
        pollAfterWrite();
        catalogB.price(p.id());
        assertNotNull(cacheB.get(CatalogKeys.price(p.id())));

        CountDownLatch release = new CountDownLatch(1);
        ExecutorService holders = Executors.newFixedThreadPool(16);
        try {
            for (int i = 0; i < 16; i++) { // more than either store lends: B has none left for its follower
                holders.submit(() -> dbB.read(c -> awaitQuietly(release)));
            }
            controlA.invalidate(CatalogKeys.price(p.id()));
            // poll until a poll sees the change and fails on the log read
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            boolean failed = false;
            while (!failed && System.nanoTime() < deadline) {
                try {
                    followerB.poll();
                } catch (RuntimeException noConnection) {
                    failed = true;
                }
            }
            assertTrue(failed, "a poll should have failed to read the log with every connection taken");
        } finally {
            release.countDown();
            holders.shutdown();
            assertTrue(holders.awaitTermination(30, TimeUnit.SECONDS));
        }
        InvalidationFollower.Heard h = followerB.poll();
        assertEquals(1, h.rows(), "the next poll reads what the failed one could not");
        assertNull(cacheB.get(CatalogKeys.price(p.id())));
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Polls until B hears the write just committed elsewhere. On SQLite the first poll does;
     * on PostgreSQL the commit's NOTIFY reaches B's listening connection a moment later.
     */
    private InvalidationFollower.Heard pollAfterWrite() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            InvalidationFollower.Heard h = followerB.poll();
            if (h.rows() > 0 || h.fellBehind() || System.nanoTime() > deadline) {
                return h;
            }
            Thread.onSpinWait();
        }
    }
}
