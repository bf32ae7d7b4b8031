package dev.flashsale.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.FlashSale;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.admin.CatalogAdmin;
import dev.flashsale.store.Database;
import dev.flashsale.store.Dialect;
import dev.flashsale.testing.PostgresServer;
import dev.flashsale.testing.TestClock;
import dev.flashsale.testing.TestStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The application's start-up: what it must have in place before it serves, and what it leaves behind when it cannot start. */
@Timeout(60)
class AppRuntimeTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private AppRuntime runtime;

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private static String get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Another process writes while this one is starting, after its storefront began serving (and
     * caching). The node records where it starts reading the invalidation log before it serves,
     * so that write is applied here; recorded after, it was never applied (stale until the TTL).
     */
    @Test
    void aWriteCommittedWhileTheStorefrontStartsIsAppliedHere() throws Exception {
        Path file = dir.resolve("shop.db");
        runtime = AppRuntime.start(Options.parse("--db", file.toString(), "--port", "0", "--ttl", "300"),
                Clock.systemUTC(), url -> {
                    assertTrue(get(url + "/api/products/1/price").contains("\"productId\":1")); // cached now
                    try (Database other = Database.open(file)) { // another process's write, committed now
                        CatalogAdmin admin = new CatalogAdmin(other, TtlCache.builder().build(), Clock.systemUTC());
                        Product p = admin.product(1).orElseThrow();
                        admin.updateProduct(new Product(p.id(), p.sku(), p.name(), new BigDecimal("777.00"), p.stock(),
                                p.version()));
                    }
                });
        runtime.follower().poll();
        String price = get(runtime.storefrontUrl() + "/api/products/1/price");
        assertTrue(price.contains("\"regularPrice\":\"777.00\""), "the write made during start-up is served: " + price);
    }

    /** Start-up failing after the storefront started must not leave it listening (a console stays open after). */
    @Test
    void aStartThatFailsAfterTheStorefrontServesLeavesNothingListening() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        StartupException e = assertThrows(StartupException.class, () -> AppRuntime.start(Options.parse("--db",
                dir.resolve("shop.db").toString(), "--port", Integer.toString(port)), Clock.systemUTC(), url -> {
                    throw new IllegalStateException("a later step failed");
                }));
        assertTrue(e.getMessage().contains("a later step failed"), e.getMessage());
        try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort(), "the port is free again");
        }
    }

    /**
     * A node whose host clock is 40 s slow, on PostgreSQL: a sale that ended 20 s ago (by the
     * store's clock) must not be served as active by it, nor shared so with other nodes. The
     * node decides with the store's time, and its offset is a metric.
     */
    @Test
    void aNodeWithASlowClockDecidesSalesWithTheStoresTime() throws Exception {
        TestStore store = TestStore.create(Dialect.POSTGRESQL, dir);
        Instant now = Instant.now();
        long saleId;
        try (Database db = store.open()) {
            TestClock earlier = new TestClock(now.minus(Duration.ofHours(2))); // an admin two hours ago
            CatalogAdmin admin = new CatalogAdmin(db, TtlCache.builder().build(), earlier);
            Product p = admin.createProduct("CLOCK-1", "Clock", new BigDecimal("50.00"), 1);
            FlashSale s = admin.createSale(p.id(), new BigDecimal("40.00"), now.minus(Duration.ofHours(1)),
                    now.minusSeconds(20));
            saleId = s.id();
            // the password in the URL: this JVM's environment cannot carry PGPASSWORD
            String url = store.dbArgument().replace("postgresql://" + PostgresServer.USER + "@",
                    "postgresql://" + PostgresServer.USER + ":" + PostgresServer.PASSWORD + "@");
            runtime = AppRuntime.start(Options.parse("--db", url, "--port", "0", "--no-demo"),
                    Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-40)));
            String status = get(runtime.storefrontUrl() + "/api/products/" + p.id() + "/flash-status");
            assertTrue(status.contains("\"status\":\"ENDED\"") && status.contains("\"saleId\":" + saleId),
                    "the sale ended 20 s ago by the store's clock: " + status);
            String metrics = get(runtime.storefrontUrl() + "/metrics");
            Matcher m = Pattern.compile("flashsale_clock_offset_seconds\\{[^}]*} (\\S+)")
                    .matcher(metrics);
            assertTrue(m.find(), metrics);
            double offset = Double.parseDouble(m.group(1));
            assertTrue(Math.abs(offset - 40) < 1, "measured offset " + offset + " s");
        }
    }

    /**
     * The clock the application is started with times the administration's writes too (the audit
     * trail, the sales' edits), not only the storefront: a test moves it and the audit follows.
     * (The application reads the store's time through it, so the entries carry today's date plus
     * whatever the clock was moved by.)
     */
    @Test
    void theClockTheApplicationStartsWithTimesItsAuditTrail() {
        TestClock clock = new TestClock(Instant.parse("2031-05-06T07:08:09Z"));
        runtime = AppRuntime.start(Options.parse("--db", dir.resolve("shop.db").toString(), "--port", "0"), clock);
        Instant first = runtime.cacheControl().invalidate("price:1").at();
        clock.advanceWall(Duration.ofDays(3));
        Instant second = runtime.cacheControl().invalidate("price:2").at();
        Duration apart = Duration.between(first, second);
        assertTrue(apart.compareTo(Duration.ofDays(3)) >= 0 && apart.compareTo(Duration.ofDays(3).plusMinutes(1)) < 0,
                "the audit entries are as far apart as the clock was moved: " + first + ", " + second);
        assertEquals(second, runtime.cacheControl().recentAudit(1).get(0).at(), "and stored so");
    }
}
