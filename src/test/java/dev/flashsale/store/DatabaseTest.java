package dev.flashsale.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class DatabaseTest {

    @TempDir
    Path dir;

    private static String pragma(Path file, String pragma) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + pragma)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static long countProducts(Database db) {
        return db.read(c -> {
            try (PreparedStatement ps = db.prepare(c, "SELECT COUNT(*) FROM product"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static void insertProduct(Database db, Connection c, String sku) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "INSERT INTO product (sku, name, regular_price, stock, created_at,"
                + " updated_at) VALUES (?, 'n', '1.00', 0, 0, 0)")) {
            ps.setString(1, sku);
            ps.executeUpdate();
        }
    }

    @Test
    void aNewFileGetsTheSchemaInWalModeWithForeignKeys() throws Exception {
        Path file = dir.resolve("sub/folder/store.db");
        try (Database db = Database.open(file)) {
            assertTrue(db.isNew());
            assertEquals(Migrations.latestVersion(), db.schemaVersion());
            assertEquals("1", db.read(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA foreign_keys")) {
                    rs.next();
                    return rs.getString(1);
                }
            }));
            assertThrows(StoreException.class, () -> db.write(c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO flash_sale (product_id, flash_price, starts_at, ends_at, created_at,"
                            + " updated_at) VALUES (999, '1.00', 0, 1, 0, 0)");
                }
                return null;
            }), "a sale of a missing product violates the foreign key");
        }
        assertEquals("wal", pragma(file, "journal_mode"));
        assertEquals(String.valueOf(Migrations.latestVersion()), pragma(file, "user_version"));
        assertEquals("ok", pragma(file, "integrity_check"));
    }

    @Test
    void reopeningKeepsEveryRowAndIsNotNew() {
        Path file = dir.resolve("store.db");
        try (Database db = Database.open(file)) {
            db.write(c -> {
                for (int i = 0; i < 50; i++) {
                    insertProduct(db, c, "SKU-" + i);
                }
                return null;
            });
        }
        try (Database db = Database.open(file)) {
            assertFalse(db.isNew());
            assertEquals(50, countProducts(db));
        }
    }

    @Test
    void migratesAnExistingOlderFileKeepingItsRows() throws Exception {
        Path file = dir.resolve("v1.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            for (String sql : Migrations.ALL.get(0).statements(Dialect.SQLITE)) {
                st.executeUpdate(sql);
            }
            st.executeUpdate("INSERT INTO product (sku, name, regular_price, stock, created_at, updated_at)"
                    + " VALUES ('OLD-1', 'Old product', '9.99', 1, 0, 0)");
            st.executeUpdate("PRAGMA user_version = 1");
        }
        try (Database db = Database.open(file)) {
            assertFalse(db.isNew());
            assertEquals(1, countProducts(db));
        }
        assertEquals(String.valueOf(Migrations.latestVersion()), pragma(file, "user_version"));
        assertEquals("cache_audit", pragma(file, "table_info(cache_audit)") == null ? null : "cache_audit");
    }

    @Test
    void theInvalidationLogKeepsItsSequenceAcrossTheStepThatRebuildsIt() throws Exception {
        // a follower remembers the last seq it read: the copied table must neither restart nor skip
        Path file = dir.resolve("v6.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            for (Migration m : Migrations.ALL.subList(0, 6)) {
                for (String sql : m.statements(Dialect.SQLITE)) {
                    st.executeUpdate(sql);
                }
            }
            for (int i = 0; i < 5; i++) {
                st.executeUpdate("INSERT INTO cache_invalidation (at, origin, kind, target) VALUES (0, 'x', 'key', 'a:" + i
                        + "')");
            }
            st.executeUpdate("DELETE FROM cache_invalidation WHERE seq <= 3"); // trimmed, as the writers do
            st.executeUpdate("PRAGMA user_version = 6");
        }
        try (Database db = Database.open(file)) {
            db.write(c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO cache_invalidation (at, origin, kind, target)"
                            + " VALUES (0, 'y', 'keys', 'a:1\na:2')");
                }
                return null;
            });
            assertEquals(List.of(4L, 5L, 6L), db.read(c -> {
                List<Long> seqs = new ArrayList<>();
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT seq FROM cache_invalidation ORDER BY seq")) {
                    while (rs.next()) {
                        seqs.add(rs.getLong(1));
                    }
                }
                return seqs;
            }));
        }
    }

    @Test
    void aFileThatIsNotSqliteIsRefusedAndLeftByteForByteUnchanged() throws Exception {
        Path file = dir.resolve("random.db");
        byte[] junk = new byte[65536];
        new Random(1).nextBytes(junk);
        Files.write(file, junk);
        StoreException e = assertThrows(StoreException.class, () -> Database.open(file));
        assertTrue(e.getMessage().contains("is not a SQLite database"), e.getMessage());
        assertTrue(e.getMessage().contains("left untouched"), e.getMessage());
        assertArrayEquals(junk, Files.readAllBytes(file));
        assertFalse(Files.exists(dir.resolve("random.db-wal")), "no WAL file was created beside it");
    }

    @Test
    void aDamagedSqliteFileIsRefusedAndLeftUnchanged() throws Exception {
        Path good = dir.resolve("good.db");
        try (Database db = Database.open(good)) {
            db.write(c -> {
                for (int i = 0; i < 500; i++) {
                    insertProduct(db, c, "SKU-" + i);
                }
                return null;
            });
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + good); Statement st = c.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            st.execute("PRAGMA journal_mode=DELETE");
        }
        byte[] bytes = Files.readAllBytes(good);
        // Keep the header, wreck the pages after it.
        for (int i = 4096; i < bytes.length; i += 7) {
            bytes[i] = (byte) (bytes[i] ^ 0x5A);
        }
        Path damaged = dir.resolve("damaged.db");
        Files.write(damaged, bytes);
        StoreException e = assertThrows(StoreException.class, () -> Database.open(damaged));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(damaged));
    }

    @Test
    void anotherApplicationsDatabaseIsRefused() throws Exception {
        Path file = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
        }
        byte[] before = Files.readAllBytes(file);
        StoreException e = assertThrows(StoreException.class, () -> Database.open(file));
        assertTrue(e.getMessage().contains("another application") && e.getMessage().contains("invoices"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void aDatabaseFromANewerVersionIsRefused() throws Exception {
        Path file = dir.resolve("newer.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE product (id INTEGER PRIMARY KEY)");
            st.executeUpdate("PRAGMA user_version = 99");
        }
        StoreException e = assertThrows(StoreException.class, () -> Database.open(file));
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
        assertEquals("99", pragma(file, "user_version"));
    }

    /** A file the user may only read (even root: no owner write bit) is a viewer's: it reads, and writes nothing. */
    @Test
    void aReadOnlyFileOpensForAViewerAndRefusesWritesInWords() throws Exception {
        Path file = dir.resolve("ro.db");
        try (Database db = Database.open(file)) {
            db.write(c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO product (sku, name, regular_price, stock, created_at, updated_at) "
                            + "VALUES ('RO-1', 'Kept', '9.00', 1, 0, 0)");
                }
                return null;
            });
        }
        byte[] before = Files.readAllBytes(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        try (Database db = Database.open(file)) {
            Database.Access access = db.access();
            assertEquals(StoreRole.VIEWER, access.role());
            assertEquals(file, access.readOnlyFile());
            assertTrue(access.toString().endsWith("viewer (read-only file)"), access.toString());
            assertEquals("Kept", db.read(c -> {
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT name FROM product WHERE sku = 'RO-1'")) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }));
            StoreException e = assertThrows(StoreException.class, () -> db.write(c -> {
                try (Statement st = c.createStatement()) {
                    return st.executeUpdate("DELETE FROM product");
                }
            }));
            assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        }
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void aReadOnlyFileOfAnOlderSchemaIsRefusedUntouched() throws Exception {
        Path file = dir.resolve("old-ro.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE product (id INTEGER PRIMARY KEY)");
            st.executeUpdate("PRAGMA user_version = 1");
        }
        byte[] before = Files.readAllBytes(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        StoreException e = assertThrows(StoreException.class, () -> Database.open(file));
        assertTrue(e.getMessage().contains("read-only") && e.getMessage().contains("upgrade"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void aFolderIsNotADatabase() {
        StoreException e = assertThrows(StoreException.class, () -> Database.open(dir));
        assertTrue(e.getMessage().contains("folder"), e.getMessage());
    }

    @Test
    void aFailedTransactionWritesNothing() {
        try (Database db = Database.open(dir.resolve("tx.db"))) {
            assertThrows(IllegalStateException.class, () -> db.write(c -> {
                insertProduct(db, c, "A");
                insertProduct(db, c, "B");
                throw new IllegalStateException("second step failed");
            }));
            assertThrows(StoreException.class, () -> db.write(c -> {
                insertProduct(db, c, "C");
                insertProduct(db, c, "C"); // unique SKU violated
                return null;
            }));
            assertEquals(0, countProducts(db));
        }
    }

    @Test
    void twoConnectionsWritingAtOnceLoseNothing() throws Exception {
        Path file = dir.resolve("concurrent.db");
        Database.open(file).close();
        int writers = 4;
        int rowsEach = 100;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Database> dbs = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                Database db = Database.open(file); // separate Database objects: separate connections
                dbs.add(db);
                int writer = w;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < rowsEach; i++) {
                        int row = i;
                        db.write(c -> {
                            insertProduct(db, c, "W" + writer + "-" + row);
                            return null;
                        });
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertEquals(writers * rowsEach, countProducts(dbs.get(0)));
        } finally {
            pool.shutdownNow();
            dbs.forEach(Database::close);
        }
    }

    @Test
    void countsTheQueriesItRuns() {
        try (Database db = Database.open(dir.resolve("count.db"))) {
            long before = db.queryCount();
            countProducts(db);
            countProducts(db);
            assertEquals(before + 2, db.queryCount());
        }
    }

    @Test
    void openersArrivingWhileAnotherMigratesNeverTakeTheFileForAnotherApplications() throws Exception {
        // The window: an opener's read-only look read the schema version (0) before the migrating
        // process committed and the table list after it, and refused our own new file as "a SQLite
        // database of another application". Openers here keep arriving during the migration.
        for (int round = 0; round < 300; round++) {
            Path file = dir.resolve("arriving-" + round + ".db");
            Files.createFile(file); // an empty file: the migrator's first write makes it a database
            ExecutorService pool = Executors.newFixedThreadPool(9);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> lookers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                lookers.add(pool.submit(() -> {
                    go.await();
                    for (int tries = 0; tries < 2_000; tries++) {
                        try (Database db = Database.open(file)) {
                            if (db.schemaVersion() == Migrations.latestVersion() && !db.isNew()) {
                                return null;
                            }
                        } catch (StoreException e) {
                            if (e.getMessage().contains("another application")) {
                                return e.getMessage();
                            }
                        }
                    }
                    return null;
                }));
            }
            Future<?> migrator = pool.submit(() -> {
                go.await();
                Database.open(file).close();
                return null;
            });
            go.countDown();
            migrator.get(30, TimeUnit.SECONDS);
            for (Future<String> f : lookers) {
                String refused = f.get(30, TimeUnit.SECONDS);
                assertEquals(null, refused, "round " + round + ": an opener refused our own file");
            }
            pool.shutdown();
        }
    }

    @Test
    void openersRacingOnANewFileMigrateItOnceAndOnlyOneOfThemSeesItNew() throws Exception {
        for (int round = 0; round < 5; round++) {
            Path file = dir.resolve("race-" + round + ".db");
            int openers = 6;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(openers);
            List<Future<Database>> opened = new ArrayList<>();
            for (int i = 0; i < openers; i++) {
                opened.add(pool.submit(() -> {
                    go.await();
                    return Database.open(file);
                }));
            }
            go.countDown();
            int fresh = 0;
            for (Future<Database> f : opened) {
                try (Database db = f.get(30, TimeUnit.SECONDS)) {
                    if (db.isNew()) {
                        fresh++;
                    }
                }
            }
            pool.shutdown();
            assertEquals(1, fresh, "exactly one opener created the schema (and would seed it)");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                rs.next();
                assertEquals(Migrations.latestVersion(), rs.getInt(1));
            }
        }
    }
}
