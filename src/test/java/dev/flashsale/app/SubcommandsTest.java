package dev.flashsale.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.AuditEntry;
import dev.flashsale.sale.admin.CacheControl;
import dev.flashsale.sale.admin.CatalogAdmin;
import dev.flashsale.sale.admin.DemoCatalog;
import dev.flashsale.sale.read.CatalogService;
import dev.flashsale.store.Database;
import dev.flashsale.testing.NodeProcess;
import dev.flashsale.testing.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar's commands for scripts, each run as its own process, as an operator's script runs them. */
class SubcommandsTest {

    @TempDir
    Path dir;
    private Path db;
    private RedisServer redis;

    @BeforeEach
    void seed() throws Exception {
        db = dir.resolve("shop.db");
        try (Database d = Database.open(db)) {
            DemoCatalog.seed(d, Clock.systemUTC());
        }
        redis = RedisServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        redis.close();
    }

    private static NodeProcess.Result cli(String... args) throws Exception {
        return NodeProcess.runMain(Duration.ofSeconds(60), Map.of(), args);
    }

    private List<AuditEntry> audit() {
        try (Database d = Database.open(db)) {
            TtlCache<Object> c = TtlCache.builder().build();
            return new CacheControl(d, c, new CatalogService(d, c, Clock.systemUTC()), Clock.systemUTC(), "x").recentAudit(10);
        }
    }

    @Test
    void invalidateThroughRedisReachesARunningNodeAtOnceAndIsAudited() throws Exception {
        try (NodeProcess node = NodeProcess.start(db, "--redis", redis.url(), "--ttl", "300")) {
            String path = "/api/products/1/price";
            node.body(path);
            assertEquals("HIT", node.get(path).headers().firstValue("X-Cache").orElse(""));

            NodeProcess.Result r = cli("cache", "invalidate", "--db", db.toString(), "--redis", redis.url(), "price:1");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.out().contains("the whole cluster flashsale"), r.out());
            assertEquals("MISS", node.get(path).headers().firstValue("X-Cache").orElse(""),
                    "the bus delivered it before the command returned");
            AuditEntry last = audit().get(audit().size() - 1);
            assertEquals(System.getProperty("user.name"), last.osUser());
            assertTrue(last.target().contains("price:1") && last.target().contains("cluster flashsale"), last.target());

            // the node also reads the command's invalidation from the database's log (and deletes the
            // key in Redis again); once it has, a request puts the value back for the listing
            node.awaitMetric("flashsale_invalidation_log_heard_total", 1);
            node.body(path);
            NodeProcess.Result list = cli("cache", "list", "--db", db.toString(), "--redis", redis.url());
            assertEquals(0, list.exit(), list.toString());
            assertTrue(list.out().contains("price:1"), list.out());

            NodeProcess.Result clear = cli("cache", "clear", "--db", db.toString(), "--redis", redis.url());
            assertEquals(0, clear.exit(), clear.toString());
            assertEquals("MISS", node.get(path).headers().firstValue("X-Cache").orElse(""));
        }
    }

    @Test
    void withoutRedisANodeOnTheDatabaseHearsItFromTheLog() throws Exception {
        try (NodeProcess node = NodeProcess.start(db, "--ttl", "300")) {
            String path = "/api/products/2/flash-status";
            node.body(path);
            NodeProcess.Result r = cli("cache", "invalidate", "--db", db.toString(), "--namespace", "flash");
            assertEquals(0, r.exit(), r.toString());
            node.awaitXCache(path, "MISS");
        }
    }

    @Test
    void refusalsAreOneLineEachWithTheRightExitCodeAndChangeNothing() throws Exception {
        int audited = audit().size();
        NodeProcess.Result badKeys = cli("cache", "invalidate", "--db", db.toString(), "nokey", "price:1", "a\u0001:b");
        assertEquals(1, badKeys.exit(), badKeys.toString());
        assertTrue(badKeys.err().contains("nokey: not a cache key"), badKeys.err());
        assertFalse(badKeys.err().contains("price:1:"), "a good key is not listed as bad");

        NodeProcess.Result noDb = cli("cache", "clear", "--db", dir.resolve("missing.db").toString());
        assertEquals(2, noDb.exit(), noDb.toString());
        assertFalse(Files.exists(dir.resolve("missing.db")), "never creates a database");

        NodeProcess.Result noRedis = cli("cache", "clear", "--db", db.toString(), "--redis", "redis://127.0.0.1:1");
        assertEquals(2, noRedis.exit(), noRedis.toString());
        assertTrue(noRedis.err().contains("does not answer"), noRedis.err());

        NodeProcess.Result unknown = cli("cache", "invalidate", "--db", db.toString(), "--bogus");
        assertEquals(2, unknown.exit(), unknown.toString());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());

        Path notSqlite = dir.resolve("notes.db");
        Files.writeString(notSqlite, "hello");
        NodeProcess.Result damaged = cli("sales", "list", "--db", notSqlite.toString());
        assertEquals(2, damaged.exit(), damaged.toString());
        assertEquals("hello", Files.readString(notSqlite));

        NodeProcess.Result badDays = cli("audit", "retention", "--db", db.toString(), "--days", "0");
        assertEquals(1, badDays.exit(), badDays.toString());
        assertTrue(badDays.err().contains("1 to 3650 days"), badDays.err());

        assertEquals(audited, audit().size(), "nothing was audited, so nothing was done");
        for (String[] help : List.of(new String[] {"cache", "invalidate", "--help"}, new String[] {"sales", "import", "--help"},
                new String[] {"cache", "--help"}, new String[] {"sales", "export", "--help"})) {
            NodeProcess.Result h = cli(help);
            assertEquals(0, h.exit(), h.toString());
            assertTrue(h.out().contains("Usage:"), h.out());
        }
    }

    @Test
    void salesExportEditImportRoundTripAndAllOrNothingRefusal() throws Exception {
        NodeProcess.Result list = cli("sales", "list", "--db", db.toString());
        assertEquals(0, list.exit(), list.toString());
        int sales;
        try (Database d = Database.open(db)) {
            sales = new CatalogAdmin(d, TtlCache.builder().build(), Clock.systemUTC()).sales().size();
        }
        assertTrue(list.out().contains(sales + " sales"), list.out());

        NodeProcess.Result export = cli("sales", "export", "--db", db.toString());
        assertEquals(0, export.exit(), export.toString());
        List<String> lines = export.out().lines().toList();
        assertEquals(sales + 1, lines.size(), export.out());

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, lines.get(0) + "\nNO-SUCH-SKU,1.00,2030-01-01T10:00:00Z,2030-01-01T12:00:00Z,,\n"
                + "also bad\n");
        NodeProcess.Result refused = cli("sales", "import", "--db", db.toString(), bad.toString());
        assertEquals(1, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("line 2") && refused.err().contains("line 3"), refused.err());
        assertTrue(refused.err().contains("Nothing was imported."), refused.err());

        Path image = dir.resolve("photo.csv"); // a picture saved under a .csv name
        Files.write(image, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});
        NodeProcess.Result binary = cli("sales", "import", "--db", db.toString(), image.toString());
        assertEquals(1, binary.exit(), binary.toString());
        assertTrue(binary.err().contains("photo.csv: the file is not UTF-8 text: byte 0x89 on line 1"), binary.err());
        assertFalse(binary.err().contains("Input length"), binary.err());

        Path file = dir.resolve("sales.csv");
        assertEquals(0, cli("sales", "export", "--db", db.toString(), file.toString()).exit());
        NodeProcess.Result again = cli("sales", "import", "--db", db.toString(), "--redis", redis.url(), file.toString());
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.out().contains(": " + sales + " lines, 0 created, 0 updated, " + sales + " unchanged"),
                again.out());
    }

    @Test
    void theAuditsRetentionIsShownAndSetForTheStore() throws Exception {
        NodeProcess.Result shown = cli("audit", "retention", "--db", db.toString());
        assertEquals(0, shown.exit(), shown.toString());
        assertEquals("The audit keeps 90 days.", shown.out().strip());
        NodeProcess.Result set = cli("audit", "retention", "--db", db.toString(), "--days", "30");
        assertEquals(0, set.exit(), set.toString());
        assertTrue(set.out().startsWith("The audit now keeps 30 days"), set.out());
        assertEquals("The audit keeps 30 days.", cli("audit", "retention", "--db", db.toString()).out().strip());
    }

    /** The audit for a range, as a file or on standard output; a bound that is no day is exit 1, nothing written. */
    @Test
    void theAuditIsExportedForARange() throws Exception {
        NodeProcess.Result inv = cli("cache", "invalidate", "--db", db.toString(), "price:1");
        assertEquals(0, inv.exit(), inv.toString());
        String today = LocalDate.now().toString();
        Path file = dir.resolve("audit.csv");
        NodeProcess.Result r = cli("audit", "export", "--db", db.toString(), "--from", today, "--to", today,
                file.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("Exported 1 audit row to " + file), r.err());
        List<String> lines = Files.readAllLines(file);
        assertEquals("at,db_user,os_user,host,action,target,entries", lines.get(0));
        assertTrue(lines.get(1).contains(",invalidate,price:1,"), lines.get(1));

        NodeProcess.Result before = cli("audit", "export", "--db", db.toString(), "--to", "2000-01-01");
        assertEquals(0, before.exit(), before.toString());
        assertEquals("at,db_user,os_user,host,action,target,entries", before.out().strip(), "nothing that old");

        NodeProcess.Result bad = cli("audit", "export", "--db", db.toString(), "--from", "2026-13-01", file.toString());
        assertEquals(1, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("--from must be a day like 2026-11-30"), bad.err());
        assertEquals(lines, Files.readAllLines(file), "the earlier file is as it was");
    }

    /** A file its user may only read: the commands that read run, those that write exit 3 and write nothing. */
    @Test
    void onAReadOnlyFileCommandsReadAndRefuseToWrite() throws Exception {
        Path csv = dir.resolve("new.csv");
        Files.writeString(csv, "sku,flash_price,starts_at,ends_at\nSPO-001,1.00,2030-01-01T00:00:00Z,2030-01-02T00:00:00Z\n");
        byte[] before = Files.readAllBytes(db);
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--r--r--"));
        NodeProcess.Result list = cli("sales", "list", "--db", db.toString());
        assertEquals(0, list.exit(), list.toString());
        NodeProcess.Result imported = cli("sales", "import", "--db", db.toString(), csv.toString());
        assertEquals(3, imported.exit(), imported.toString());
        assertTrue(imported.err().contains("sales import needs to write, and " + db + " is read-only for "
                + System.getProperty("user.name") + "; nothing was written"), imported.err());
        NodeProcess.Result cleared = cli("cache", "clear", "--db", db.toString());
        assertEquals(3, cleared.exit(), cleared.toString());
        assertEquals(0, cli("audit", "export", "--db", db.toString()).exit(), "the audit is a viewer's to read");
        assertTrue(Arrays.equals(before, Files.readAllBytes(db)), "the file is as it was");
    }
}
