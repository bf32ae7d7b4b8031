package dev.flashsale.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.sale.admin.DemoCatalog;
import dev.flashsale.store.Database;
import dev.flashsale.store.StoreRole;
import dev.flashsale.testing.NodeProcess;
import dev.flashsale.testing.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three roles on a real PostgreSQL, with a login each: the database itself refuses what a
 * role may not do (psql as an operator), and the commands say so before trying (exit 3, nothing
 * written), naming the role they need and the one the login has.
 */
class PostgresRolesTest {

    private static final String PASSWORD = "role-test-pw";

    @TempDir
    Path dir;
    private PostgresServer server;
    private String database;
    private String suffix;

    @BeforeEach
    void setUp() throws Exception {
        server = PostgresServer.shared();
        database = server.newDatabase();
        suffix = database; // roles are the server's: one set of logins per test database
        try (Database d = server.open(database)) { // the schema's owner migrates: the roles and grants
            DemoCatalog.seed(d, Clock.systemUTC());
        }
        for (StoreRole role : StoreRole.values()) {
            server.sql(database, "CREATE ROLE " + login(role) + " LOGIN PASSWORD '" + PASSWORD + "'",
                    "GRANT " + role.pgRole() + " TO " + login(role));
        }
        server.sql(database, "CREATE ROLE nobody_" + suffix + " LOGIN PASSWORD '" + PASSWORD + "'");
    }

    private String login(StoreRole role) {
        return role.label() + "_" + suffix;
    }

    private String url(String user) {
        return "postgresql://" + user + "@127.0.0.1:" + server.port() + "/" + database;
    }

    private NodeProcess.Result cli(String user, String... args) throws Exception {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--db";
        all[args.length + 1] = url(user);
        return NodeProcess.runMain(Duration.ofSeconds(60), Map.of("PGPASSWORD", PASSWORD), all);
    }

    private long count(String sql) throws Exception {
        try (Database d = server.open(database)) {
            return d.read(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
        }
    }

    @Test
    void theDatabaseRefusesAnOperatorsUpdateInPsql() throws Exception {
        String psql = server.psql();
        ProcessBuilder pb = new ProcessBuilder(psql, url(login(StoreRole.OPERATOR)), "-v", "ON_ERROR_STOP=1", "-c",
                "UPDATE flash_sale SET flash_price = '1.00'").redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", PASSWORD);
        Process run = pb.start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        assertNotEquals(0, run.exitValue(), out);
        assertTrue(out.contains("permission denied for table flash_sale"), out);
        assertEquals(0, count("SELECT COUNT(*) FROM flash_sale WHERE flash_price = '1.00'"), "nothing written");
    }

    @Test
    void aCommandTheRoleMayNotRunExitsWith3AndWritesNothing() throws Exception {
        Instant start = Instant.now().plus(Duration.ofDays(20)).truncatedTo(ChronoUnit.MINUTES);
        Path csv = dir.resolve("sale.csv");
        Files.writeString(csv, "sku,flash_price,starts_at,ends_at\nAUD-002,150.00," + start + ","
                + start.plus(Duration.ofDays(1)) + "\n");
        long sales = count("SELECT COUNT(*) FROM flash_sale");

        NodeProcess.Result operatorImport = cli(login(StoreRole.OPERATOR), "sales", "import", csv.toString());
        assertEquals(3, operatorImport.exit(), operatorImport.toString());
        assertEquals("flash-sale-console: sales import needs flashsale_admin; " + login(StoreRole.OPERATOR)
                + " has flashsale_operator", operatorImport.err().strip());
        assertEquals(sales, count("SELECT COUNT(*) FROM flash_sale"));

        NodeProcess.Result operatorInvalidate = cli(login(StoreRole.OPERATOR), "cache", "invalidate", "price:1");
        assertEquals(0, operatorInvalidate.exit(), "an operator acts on the cache: " + operatorInvalidate);
        assertTrue(operatorInvalidate.out().contains("audited as " + login(StoreRole.OPERATOR) + " ("
                + System.getProperty("user.name") + "@"), operatorInvalidate.out());
        assertEquals(1, count("SELECT COUNT(*) FROM cache_audit WHERE db_user = '" + login(StoreRole.OPERATOR)
                + "' AND os_user = '" + System.getProperty("user.name") + "' AND host IS NOT NULL"),
                "the audit names the database user as well as the OS user and host");

        long audited = count("SELECT COUNT(*) FROM cache_audit");
        NodeProcess.Result viewerInvalidate = cli(login(StoreRole.VIEWER), "cache", "invalidate", "price:1");
        assertEquals(3, viewerInvalidate.exit(), viewerInvalidate.toString());
        assertEquals("flash-sale-console: cache invalidate needs flashsale_operator; " + login(StoreRole.VIEWER)
                + " has flashsale_viewer", viewerInvalidate.err().strip());
        assertEquals(audited, count("SELECT COUNT(*) FROM cache_audit"), "nothing audited: nothing done");
        assertEquals(0, cli(login(StoreRole.VIEWER), "sales", "list").exit(), "a viewer reads");
        assertEquals(3, cli(login(StoreRole.VIEWER), "audit", "retention", "--days", "30").exit());
        assertEquals(0, cli(login(StoreRole.VIEWER), "audit", "retention").exit(), "showing it is reading");

        NodeProcess.Result nobody = cli("nobody_" + suffix, "sales", "list");
        assertEquals(3, nobody.exit(), nobody.toString());
        assertTrue(nobody.err().contains("has none of flashsale_admin, flashsale_operator, flashsale_viewer"),
                nobody.err());

        NodeProcess.Result adminImport = cli(login(StoreRole.ADMIN), "sales", "import", csv.toString());
        assertEquals(0, adminImport.exit(), adminImport.toString());
        assertEquals(sales + 1, count("SELECT COUNT(*) FROM flash_sale"));
        for (StoreRole role : List.of(StoreRole.ADMIN, StoreRole.OPERATOR, StoreRole.VIEWER)) {
            try (Database d = Database.open(Database.address(url(login(role))), Map.of("PGPASSWORD", PASSWORD))) {
                assertEquals(new Database.Access(login(role), role), d.access(), "the role read back from the store");
            }
        }
    }

    /**
     * A storefront node only reads the store (its writes go to Redis or nowhere): a viewer's login
     * serves it, and hears an operator's invalidation from the database as any node does.
     */
    @Test
    void aNodeRunsAsAViewerAndHearsAnOperatorsInvalidation() throws Exception {
        try (NodeProcess node = NodeProcess.start(url(login(StoreRole.VIEWER)), Map.of("PGPASSWORD", PASSWORD),
                "--ttl", "300")) {
            String path = "/api/products/1/price";
            assertEquals(200, node.get(path).statusCode());
            node.awaitXCache(path, "HIT");
            NodeProcess.Result inv = cli(login(StoreRole.OPERATOR), "cache", "invalidate", "price:1");
            assertEquals(0, inv.exit(), inv.toString());
            node.awaitXCache(path, "MISS");
            assertEquals(200, node.get(path).statusCode());
            assertFalse(node.output().contains("permission denied"), node.output());
        }
    }
}
