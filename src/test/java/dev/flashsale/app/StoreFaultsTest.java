package dev.flashsale.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.cache.TtlCache;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.admin.CatalogAdmin;
import dev.flashsale.store.Database;
import dev.flashsale.testing.FaultProxy;
import dev.flashsale.testing.NodeProcess;
import dev.flashsale.testing.OwnThread;
import dev.flashsale.testing.PostgresServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node on PostgreSQL behind a {@link FaultProxy}, as across a real network: a store that goes
 * silent (it accepts connections and never answers) and connections the network drops without a
 * word. The node is a process of its own; the writes come from this JVM straight to the server.
 */
@Tag("slow") // processes, real servers and failures: on one JDK in CI (see .ci/run)
@Timeout(180)
class StoreFaultsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private PostgresServer server;
    private String name;
    private FaultProxy proxy;
    private NodeProcess node;

    @BeforeEach
    void start() throws IOException {
        server = PostgresServer.shared();
        name = server.newDatabase();
        proxy = FaultProxy.to(server.port());
        node = NodeProcess.start("postgresql://" + PostgresServer.USER + "@127.0.0.1:" + proxy.port() + "/" + name,
                PostgresServer.env(), "--ttl", "300");
        node.url();
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    private HttpResponse<String> get(String path, Duration limit) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + path)).timeout(limit).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The store freezes: a cached answer is still served, and a load gives up within the request's
     * budget with a 503, for the request that loads and for one waiting on that load, instead of
     * holding storefront threads for the driver's 30 s.
     */
    @Test
    void aSilentStoreGivesLoadsA503WithinTheirBudgetAndCachedAnswersStill200() throws Exception {
        String cached = "/api/products/1/price";
        node.awaitXCache(cached, "HIT");
        proxy.freeze();

        assertEquals(200, get(cached, Duration.ofSeconds(5)).statusCode());
        String uncached = "/api/products/2/price";
        CompletableFuture<Integer> first = OwnThread.run("first", () -> status(uncached));
        CompletableFuture<Integer> second = OwnThread.run("second", () -> status(uncached));
        assertEquals(503, first.get(30, TimeUnit.SECONDS), "the loading request");
        assertEquals(503, second.get(30, TimeUnit.SECONDS), "a request waiting on that load");
        node.awaitOutput("catalog unavailable");

        proxy.thaw();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int status = 0;
        while (status != 200 && System.nanoTime() < end) {
            status = status(uncached);
            Thread.sleep(50);
        }
        assertEquals(200, status, "the node recovers once the store answers:\n" + node.output());
    }

    /** The status within 10 s (a node that holds the request 30 s fails here), or -1. */
    private int status(String path) {
        try {
            return get(path, Duration.ofSeconds(10)).statusCode();
        } catch (HttpTimeoutException e) {
            return -1;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The network drops every connection the node has open without a word (its listening
     * connection among them): the node notices within seconds, listens again, and serves the
     * write another process made meanwhile. Before, it stayed deaf until its TTLs ran out (300 s).
     */
    @Test
    void aListeningConnectionDroppedSilentlyIsNoticedAndWhatTheLogGainedIsApplied() throws Exception {
        String path = "/api/products/1/price";
        node.awaitXCache(path, "HIT");
        proxy.cutSilently();
        try (Database db = server.open(name)) {
            CatalogAdmin admin = new CatalogAdmin(db, TtlCache.builder().build(), Clock.systemUTC());
            Product p = admin.product(1).orElseThrow();
            admin.updateProduct(new Product(p.id(), p.sku(), p.name(), new BigDecimal("1234.50"), p.stock(), p.version()));
        }
        long start = System.nanoTime();
        String body = "";
        while (!body.contains("1234.50") && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(25)) {
            int s = status(path);
            body = s == 200 ? get(path, Duration.ofSeconds(10)).body() : "";
            Thread.sleep(100);
        }
        assertTrue(body.contains("1234.50"), "the node never heard the write:\n" + node.output());
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertTrue(seconds <= 20, "heard after " + seconds + " s; the promise is within 15 s of going deaf");
        node.awaitOutput("stopped answering; reconnecting");
    }
}
