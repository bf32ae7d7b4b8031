package dev.flashsale.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.testing.PostgresServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.Driver;

/**
 * The PostgreSQL store against a real server: the schema and its one-row version table, the
 * same refusals as a SQLite file (another application's database, a newer schema, no permission,
 * no server, a wrong password), each one line, nothing changed, and never a password in a
 * message. What both stores share is tested on both by the sale and storefront tests.
 */
@Timeout(60)
class PostgresDatabaseTest {

    @TempDir
    Path dir;

    private PostgresServer server;
    private String name;

    @BeforeEach
    void newDatabase() throws IOException {
        server = PostgresServer.shared();
        name = server.newDatabase();
    }

    private Database open() {
        return server.open(name);
    }

    /** Reads one value as the superuser, outside the code under test. */
    private String query(String sql) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", PostgresServer.USER);
        p.setProperty("password", PostgresServer.PASSWORD);
        try (Connection c = new Driver().connect("jdbc:postgresql://127.0.0.1:" + server.port() + "/"
                + name, p); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void insertProduct(Database db, String sku) {
        db.write(c -> {
            try (PreparedStatement ps = db.prepare(c, "INSERT INTO product (sku, name, regular_price, stock,"
                    + " created_at, updated_at) VALUES (?, 'n', '1.00', 0, 0, 0)")) {
                ps.setString(1, sku);
                return ps.executeUpdate();
            }
        });
    }

    private static long countProducts(Database db) {
        return db.read(c -> {
            try (PreparedStatement ps = db.prepare(c, "SELECT COUNT(*) FROM product"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void aNewDatabaseGetsTheSchemaAndItsVersionInAOneRowTable() throws Exception {
        try (Database db = open()) {
            assertTrue(db.isNew());
            assertEquals(Dialect.POSTGRESQL, db.dialect());
            assertFalse(db.address().display().contains(PostgresServer.PASSWORD));
        }
        assertEquals("1", query("SELECT COUNT(*) FROM flashsale_schema"));
        assertEquals(String.valueOf(Migrations.latestVersion()), query("SELECT version FROM flashsale_schema"));
        assertEquals("cache_audit, cache_invalidation, campaign, flash_sale, flashsale_schema, flashsale_setting, product",
                query("SELECT string_agg(table_name, ', ' ORDER BY table_name) FROM information_schema.tables"
                        + " WHERE table_schema = 'public'"));
        SQLException second = assertThrows(SQLException.class,
                () -> query("INSERT INTO flashsale_schema (one_row, version) VALUES (FALSE, 1) RETURNING 1"));
        assertTrue(second.getMessage().contains("check"), "the table holds one row only: " + second.getMessage());
    }

    @Test
    void reopeningKeepsEveryRowAndIsNotNew() {
        try (Database db = open()) {
            for (int i = 0; i < 20; i++) {
                insertProduct(db, "SKU-" + i);
            }
        }
        try (Database db = open()) {
            assertFalse(db.isNew());
            assertEquals(20, countProducts(db));
        }
    }

    @Test
    void migratesAnOlderDatabaseKeepingItsRows() throws Exception {
        List<String> v1 = new ArrayList<>(Migrations.ALL.get(0).statements(Dialect.POSTGRESQL));
        v1.add("CREATE TABLE flashsale_schema (one_row BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one_row),"
                + " version INTEGER NOT NULL)");
        v1.add("INSERT INTO flashsale_schema (version) VALUES (1)");
        v1.add("INSERT INTO product (sku, name, regular_price, stock, created_at, updated_at)"
                + " VALUES ('OLD-1', 'Old product', '9.99', 1, 0, 0)");
        server.sql(name, v1.toArray(String[]::new));
        try (Database db = open()) {
            assertFalse(db.isNew());
            assertEquals(1, countProducts(db));
        }
        assertEquals(String.valueOf(Migrations.latestVersion()), query("SELECT version FROM flashsale_schema"));
        assertEquals("1", query("SELECT version FROM product WHERE sku = 'OLD-1'"), "migration 3's column, filled");
    }

    @Test
    void anotherApplicationsDatabaseIsRefusedAndLeftUntouched() throws Exception {
        server.sql(name, "CREATE TABLE orders (id INT PRIMARY KEY, total NUMERIC)", "INSERT INTO orders VALUES (1, 9.5)");
        StoreException e = assertThrows(StoreException.class, this::open);
        assertTrue(e.getMessage().contains("another application (tables: orders)"), e.getMessage());
        assertTrue(e.getMessage().contains("left untouched"), e.getMessage());
        assertEquals("orders", query("SELECT string_agg(table_name, ',') FROM information_schema.tables"
                + " WHERE table_schema = 'public'"), "no table of ours was created");
    }

    @Test
    void aDatabaseFromANewerVersionIsRefusedAndLeftUntouched() throws Exception {
        open().close();
        server.sql(name, "UPDATE flashsale_schema SET version = 99");
        StoreException e = assertThrows(StoreException.class, this::open);
        assertTrue(e.getMessage().contains("newer Flash Sale Console (schema version 99"), e.getMessage());
        assertEquals("99", query("SELECT version FROM flashsale_schema"));
    }

    @Test
    void aUserWithoutThePermissionToCreateTablesGetsOneClearLineAndNothingIsCreated() throws Exception {
        // PostgreSQL 15 grants CREATE on schema public to the database's owner only
        server.sql(name, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'clerk') THEN"
                + " CREATE ROLE clerk LOGIN PASSWORD 'clerk-pw'; END IF; END $$",
                "REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        StoreAddress clerk = Database.address("postgresql://clerk@127.0.0.1:" + server.port() + "/" + name);
        StoreException e = assertThrows(StoreException.class,
                () -> Database.open(clerk, Map.of("PGPASSWORD", "clerk-pw")));
        assertTrue(e.getMessage().contains("may not create the tables"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was changed"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertEquals("0", query("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'"));
    }

    @Test
    void aWrongPasswordIsOneLineThatNeverShowsThePassword() {
        String secret = "not-the-password-7f3a";
        StoreException fromEnv = assertThrows(StoreException.class,
                () -> Database.open(server.address(name), Map.of("PGPASSWORD", secret)));
        assertTrue(fromEnv.getMessage().contains("refused user \"fsc\""), fromEnv.getMessage());
        assertTrue(fromEnv.getMessage().contains("PGPASSWORD or ~/.pgpass"), fromEnv.getMessage());
        assertFalse(fromEnv.getMessage().contains(secret), fromEnv.getMessage());

        StoreAddress inUrl = Database.address("postgresql://fsc:" + secret + "@127.0.0.1:" + server.port() + "/" + name
                + "?sslmode=disable");
        assertFalse(inUrl.display().contains(secret), inUrl.display());
        assertTrue(inUrl.display().contains("sslmode=disable"), "other parameters are shown: " + inUrl.display());
        StoreException fromUrl = assertThrows(StoreException.class, () -> Database.open(inUrl, Map.of()));
        assertFalse(fromUrl.getMessage().contains(secret), fromUrl.getMessage());
        for (Throwable t = fromUrl; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(secret), "nor in a cause: " + t);
        }
    }

    @Test
    void noPasswordAtAllSaysWhereOneComesFrom() {
        StoreException e = assertThrows(StoreException.class, () -> Database.open(server.address(name), Map.of()));
        assertTrue(e.getMessage().contains("wants a password") || e.getMessage().contains("refused user"),
                e.getMessage());
        assertTrue(e.getMessage().contains("PGPASSWORD"), e.getMessage());
    }

    @Test
    void thePasswordFileIsReadAsLibpqDoes() throws Exception {
        Path pgpass = dir.resolve("pgpass");
        Files.writeString(pgpass, "127.0.0.1:" + server.port() + ":*:" + PostgresServer.USER + ":"
                + PostgresServer.PASSWORD + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        // PGPASSFILE's system-property twin: the JVM's own environment cannot be changed from a test
        System.setProperty("org.postgresql.pgpassfile", pgpass.toString());
        try (Database db = Database.open(server.address(name), Map.of())) {
            assertTrue(db.isNew());
        } finally {
            System.clearProperty("org.postgresql.pgpassfile");
        }
    }

    @Test
    void aServerThatDoesNotExistIsOneLine() {
        StoreException e = assertThrows(StoreException.class,
                () -> Database.open(server.address(name + "_missing"), PostgresServer.env()));
        assertTrue(e.getMessage().contains("has no database \"" + name + "_missing\""), e.getMessage());
    }

    @Test
    void anUnreachableServerIsOneLine() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        StoreException e = assertThrows(StoreException.class, () -> Database.open(
                Database.address("postgresql://fsc@127.0.0.1:" + closed + "/shop"), PostgresServer.env()));
        assertTrue(e.getMessage().startsWith("the PostgreSQL server 127.0.0.1:" + closed + " cannot be reached"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    /** A server that accepts the connection and never answers: the login timeout ends the wait. */
    @Test
    void aSilentServerTimesOutInsteadOfHanging() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            StoreException e = assertThrows(StoreException.class, () -> Database.open(Database.address(
                    "postgresql://fsc@127.0.0.1:" + silent.getLocalPort() + "/shop?loginTimeout=2"), PostgresServer.env()));
            assertTrue(e.getMessage().contains("cannot be reached"), e.getMessage());
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    /**
     * Every connection lent out is a busy pool, not a server out of reach: the caller who waited is
     * told so, and the next caller is not failed in advance (it was, for 500 ms, as if the server
     * were down).
     */
    @Test
    void aFullPoolIsBusyNotUnreachableAndFailsNobodyInAdvance() throws Exception {
        try (Database db = open()) {
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService holders = Executors.newFixedThreadPool(PostgresEngine.POOL_SIZE);
            CountDownLatch held = new CountDownLatch(PostgresEngine.POOL_SIZE);
            for (int i = 0; i < PostgresEngine.POOL_SIZE; i++) {
                holders.submit(() -> db.read(c -> {
                    held.countDown();
                    try {
                        return release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }));
            }
            assertTrue(held.await(10, TimeUnit.SECONDS));
            StoreException busy = assertThrows(StoreException.class, () -> countProducts(db));
            assertTrue(busy.getMessage().startsWith("the database is busy"), busy.getMessage());
            assertFalse(busy.getMessage().contains("cannot be reached"), busy.getMessage());
            release.countDown();
            holders.shutdown();
            assertTrue(holders.awaitTermination(10, TimeUnit.SECONDS));
            assertEquals(0, countProducts(db), "the next caller gets a connection at once");
        }
    }

    @Test
    void openersRacingOnANewDatabaseMigrateItOnceAndOnlyOneOfThemSeesItNew() throws Exception {
        int openers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(openers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < openers; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    try (Database db = open()) {
                        return db.isNew();
                    }
                }));
            }
            go.countDown();
            int fresh = 0;
            for (Future<Boolean> f : results) {
                fresh += f.get() ? 1 : 0;
            }
            assertEquals(1, fresh, "exactly one opener created the schema");
            assertEquals(String.valueOf(Migrations.latestVersion()), query("SELECT version FROM flashsale_schema"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedTransactionWritesNothing() {
        try (Database db = open()) {
            assertThrows(StoreException.class, () -> db.write(c -> {
                try (PreparedStatement ps = db.prepare(c, "INSERT INTO product (sku, name, regular_price, stock,"
                        + " created_at, updated_at) VALUES ('A', 'n', '1', 0, 0, 0)")) {
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = db.prepare(c, "INSERT INTO product (sku, name, regular_price, stock,"
                        + " created_at, updated_at) VALUES ('A', 'n', '1', 0, 0, 0)")) {
                    return ps.executeUpdate(); // the same sku: unique constraint
                }
            }));
            assertEquals(0, countProducts(db));
        }
    }
}
