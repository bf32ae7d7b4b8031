package dev.flashsale.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.admin.CatalogAdmin;
import dev.flashsale.store.Database;
import dev.flashsale.testing.NodeProcess;
import dev.flashsale.testing.OwnThread;
import dev.flashsale.testing.PostgresServer;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storefront nodes on PostgreSQL, each a process of its own, against a real server: the server
 * restarted under traffic (cached answers keep coming, loads answer 503, then it recovers by
 * itself and hears writes again), a wrong password and an unreachable server (one line each,
 * exit 2, no password shown), and two processes importing overlapping sales at once.
 */
@Timeout(180)
class PostgresNodesTest {

    @TempDir
    Path dir;

    @Test
    void aServerRestartUnderTrafficServesCachedAnswersGives503ForLoadsAndRecoversByItself() throws Exception {
        try (PostgresServer server = PostgresServer.start()) {
            String name = server.newDatabase();
            try (NodeProcess node = NodeProcess.start(server.url(name), PostgresServer.env(), "--ttl", "300")) {
                node.url();
                String cached = "/api/products/1/price";
                String uncached = "/api/products/2/price";
                node.awaitXCache(cached, "HIT");
                assertTrue(node.body("/health").contains("\"store\":\"PostgreSQL\""), node.body("/health"));

                server.stopProcess();
                for (int i = 0; i < 5; i++) {
                    HttpResponse<String> hit = node.get(cached);
                    assertEquals(200, hit.statusCode(), "a cached answer is served while the store is down");
                    assertEquals("HIT", hit.headers().firstValue("X-Cache").orElse(""));
                }
                HttpResponse<String> load = node.get(uncached);
                assertEquals(503, load.statusCode(), load.body());
                assertTrue(load.body().contains("unavailable right now"), load.body());
                assertFalse(load.body().contains("127.0.0.1:" + server.port()), "the store's address is the operator's: "
                        + load.body());
                for (int i = 0; i < 20; i++) {
                    assertEquals(503, node.get(uncached).statusCode());
                }
                node.awaitOutput("the PostgreSQL server 127.0.0.1:" + server.port() + " cannot be reached");
                assertTrue(node.output().lines().filter(l -> l.contains("catalog unavailable")).count() <= 2,
                        "one warning line, not one per request:\n" + node.output());
                assertFalse(load.body().contains(PostgresServer.PASSWORD));
                assertFalse(node.output().contains(PostgresServer.PASSWORD));

                server.startProcess();
                long back = System.nanoTime();
                int status = 0;
                while (status != 200 && System.nanoTime() - back < TimeUnit.SECONDS.toNanos(15)) {
                    status = node.get(uncached).statusCode(); // 503 until the pool reaches the server again
                    Thread.sleep(20);
                }
                assertEquals(200, status, "the node recovered by itself:\n" + node.output());
                // and the node hears writes again: its listening connection came back by itself
                try (Database db = server.open(name)) {
                    Clock clock = Clock.systemUTC();
                    CatalogAdmin admin = new CatalogAdmin(db, TtlCache.builder().build(), clock);
                    Product p = admin.createProduct("AFTER-1", "After the restart", new BigDecimal("20.00"), 3);
                    String flash = "/api/products/" + p.id() + "/flash-status";
                    node.awaitBody(flash, "\"NONE\"");
                    node.awaitXCache(flash, "HIT");
                    Instant now = clock.instant();
                    admin.createSale(p.id(), new BigDecimal("15.00"), now.minusSeconds(1), now.plusSeconds(600));
                    node.awaitBody(flash, "\"ACTIVE\"");
                }
            }
        }
    }

    @Test
    void aWrongPasswordIsOneLineAndExit2AndNeverShowsThePassword() throws Exception {
        PostgresServer server = PostgresServer.shared();
        String name = server.newDatabase();
        String secret = "wrong-secret-91c2";
        NodeProcess.Result headless = NodeProcess.runMain(Duration.ofSeconds(60), Map.of("PGPASSWORD", secret),
                "--headless", "--port", "0", "--db", server.url(name));
        assertEquals(2, headless.exit(), headless.toString());
        assertEquals(1, headless.err().strip().lines().count(), "one line: " + headless);
        assertTrue(headless.err().contains("refused user \"fsc\""), headless.toString());
        assertFalse(headless.err().contains(secret) || headless.out().contains(secret), headless.toString());

        String inUrl = "postgresql://fsc:" + secret + "@127.0.0.1:" + server.port() + "/" + name;
        NodeProcess.Result cli = NodeProcess.runMain(Duration.ofSeconds(60), Map.of(), "sales", "list", "--db", inUrl);
        assertEquals(2, cli.exit(), cli.toString());
        assertEquals(1, cli.err().strip().lines().count(), "one line: " + cli);
        assertFalse(cli.err().contains(secret) || cli.out().contains(secret), cli.toString());
    }

    @Test
    void anUnreachableServerIsOneLineAndExit2() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        NodeProcess.Result r = NodeProcess.runMain(Duration.ofSeconds(60), PostgresServer.env(),
                "--headless", "--port", "0", "--db", "postgresql://fsc@127.0.0.1:" + closed + "/shop");
        assertEquals(2, r.exit(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r);
        assertTrue(r.err().contains("the PostgreSQL server 127.0.0.1:" + closed + " cannot be reached"), r.toString());
    }

    @Test
    void twoProcessesImportingOverlappingSalesAtOnceCannotBothSucceed() throws Exception {
        PostgresServer server = PostgresServer.shared();
        String name = server.newDatabase();
        try (Database db = server.open(name)) {
            CatalogAdmin admin = new CatalogAdmin(db, TtlCache.builder().build(), Clock.systemUTC());
            admin.createProduct("RACE-1", "Racer", new BigDecimal("50.00"), 1);
        }
        Instant start = Instant.now().plusSeconds(86_400);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path csv = dir.resolve("sales-" + i + ".csv");
            Instant from = start.plusSeconds(1800L * i);
            Files.writeString(csv, "sku,flash_price,starts_at,ends_at\nRACE-1,4" + i + ".00,"
                    + from + "," + from.plusSeconds(7200) + "\n");
            files.add(csv);
        }
        List<CompletableFuture<NodeProcess.Result>> runs = new ArrayList<>();
        for (Path csv : files) {
            runs.add(OwnThread.run("import " + csv.getFileName(), () -> {
                try {
                    return NodeProcess.runMain(Duration.ofSeconds(60), PostgresServer.env(), "sales", "import",
                            "--db", server.url(name), csv.toString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<NodeProcess.Result> results = new ArrayList<>();
        for (CompletableFuture<NodeProcess.Result> r : runs) {
            results.add(r.get(90, TimeUnit.SECONDS));
        }
        assertEquals(1, results.stream().filter(r -> r.exit() == 0).count(), "exactly one import wins: " + results);
        NodeProcess.Result lost = results.stream().filter(r -> r.exit() != 0).findFirst().orElseThrow();
        assertEquals(1, lost.exit(), lost.toString());
        assertTrue(lost.err().contains("overlaps sale #"), lost.toString());
        try (Database db = server.open(name)) {
            CatalogAdmin admin = new CatalogAdmin(db, TtlCache.builder().build(), Clock.systemUTC());
            long racer = admin.products().stream().filter(p -> p.sku().equals("RACE-1")).findFirst().orElseThrow().id();
            assertEquals(1, admin.sales().stream().filter(s -> s.productId() == racer).count());
        }
    }
}
