package dev.flashsale.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.cluster.RedisAddress;
import dev.flashsale.cluster.RedisBus;
import dev.flashsale.cluster.RedisKeys;
import dev.flashsale.cluster.RedisLink;
import dev.flashsale.sale.CatalogKeys;
import dev.flashsale.sale.Product;
import dev.flashsale.sale.invalidation.Invalidator;
import dev.flashsale.testing.NodeProcess;
import dev.flashsale.testing.RedisServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster as an operator runs it: a real redis-server, storefront nodes in processes of their
 * own with {@code --redis}, and this test's JVM as one more node (the console's runtime) making
 * the writes.
 */
@Tag("slow") // processes, real servers and failures: on one JDK in CI (see .ci/run)
class RedisClusterTest {

    @TempDir
    Path dir;
    private RedisServer redis;
    private final List<NodeProcess> nodes = new ArrayList<>();
    private AppRuntime console;

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (NodeProcess n : nodes) {
            n.close();
        }
        if (console != null) {
            console.close();
        }
        redis.close();
    }

    private Path db() {
        return dir.resolve("shop.db");
    }

    private void startNodes(int n, String... extra) {
        for (int i = 0; i < n; i++) {
            List<String> args = new ArrayList<>(List.of("--redis", redis.url(), "--ttl", "300"));
            args.addAll(List.of(extra));
            try {
                nodes.add(NodeProcess.start(db(), args.toArray(String[]::new)));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        nodes.forEach(NodeProcess::url);
    }

    private AppRuntime startConsoleRuntime() {
        console = AppRuntime.start(Options.parse("--db", db().toString(), "--port", "0", "--redis", redis.url(),
                "--ttl", "300"), Clock.systemUTC());
        return console;
    }

    /** Waits until every node has applied {@code rows} more log rows of other processes than {@code before}. */
    private void awaitHeard(double[] before, int rows) throws Exception {
        for (int i = 0; i < nodes.size(); i++) {
            nodes.get(i).awaitMetric("flashsale_invalidation_log_heard_total", before[i] + rows);
        }
    }

    @Test
    void aWriteOnOneNodeIsServedByEveryOtherNodeAndTheStoreIsLoadedOncePerKeyForTheCluster() throws Exception {
        startNodes(3);
        AppRuntime writer = startConsoleRuntime();
        for (NodeProcess n : nodes) {
            assertTrue(n.body("/health").contains("\"redis\":\"UP\""), n.body("/health"));
        }
        double[] heard = new double[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            heard[i] = nodes.get(i).metric("flashsale_invalidation_log_heard_total");
        }
        Product p = writer.admin().createProduct("KETTLE-9", "Kettle", new BigDecimal("30.00"), 5);
        String path = "/api/products/" + p.id() + "/flash-status";
        // every node has read the creation (one log row for its price and status keys) from the
        // log, and deleted those keys in Redis as every node does: from here on nothing invalidates them
        awaitHeard(heard, 1);

        double loadsBefore = 0;
        double sharedBefore = 0;
        for (NodeProcess n : nodes) {
            loadsBefore += n.metric("flashsale_cluster_store_loads_total");
            sharedBefore += n.metric("flashsale_cluster_shared_hits_total");
        }
        for (NodeProcess n : nodes) { // one after the other: the first loads, the others find it in Redis
            n.awaitBody(path, "\"NONE\"");
        }
        double loads = -loadsBefore;
        double shared = -sharedBefore;
        for (NodeProcess n : nodes) {
            loads += n.metric("flashsale_cluster_store_loads_total");
            shared += n.metric("flashsale_cluster_shared_hits_total");
        }
        assertEquals(1, loads, "one store load for the whole cluster");
        assertEquals(2, shared, "the other two nodes took it from Redis");

        Instant now = Instant.now();
        writer.admin().createSale(p.id(), new BigDecimal("19.00"), now.minusSeconds(60), now.plusSeconds(3600));
        for (NodeProcess n : nodes) {
            n.awaitBody(path, "\"ACTIVE\"");
        }
    }

    /**
     * A listing one node loaded and another took from Redis is the same answer on both: gzipped
     * by each node once, with the same bytes and the same tag, so a CDN or a browser revalidating
     * against any node gets 304.
     */
    @Test
    void theListingFromRedisIsGzippedAndTaggedAlikeOnEveryNode() throws Exception {
        startNodes(2);
        AppRuntime writer = startConsoleRuntime();
        Instant now = Instant.now();
        for (int i = 1; i <= 12; i++) { // with the demo's active sales, well over the 1 KB worth compressing
            Product p = writer.admin().createProduct("BULK-" + i, "Bulk product " + i + " for the listing",
                    new BigDecimal("50.00"), 5);
            writer.admin().createSale(p.id(), new BigDecimal("40.00"), now.minusSeconds(60), now.plusSeconds(3600));
        }
        String path = "/api/flash-sales/active";
        for (NodeProcess n : nodes) {
            n.awaitBody(path, "Bulk product 12 for");
        }
        double[] heard = new double[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            heard[i] = nodes.get(i).metric("flashsale_invalidation_log_heard_total");
        }
        writer.cacheControl().invalidate(CatalogKeys.ACTIVE_LISTING); // gone from every node and from Redis
        awaitHeard(heard, 1);
        double shared = nodes.get(1).metric("flashsale_cluster_shared_hits_total");

        HttpClient http = HttpClient.newHttpClient();
        List<HttpResponse<byte[]>> answers = new ArrayList<>();
        for (NodeProcess n : nodes) { // the first loads from the store, the second finds it in Redis
            answers.add(http.send(HttpRequest.newBuilder(URI.create(n.url() + path)).header("Accept-Encoding", "gzip")
                    .build(), HttpResponse.BodyHandlers.ofByteArray()));
        }
        assertEquals(shared + 1, nodes.get(1).metric("flashsale_cluster_shared_hits_total"),
                "the second node took the listing from Redis");
        for (HttpResponse<byte[]> a : answers) {
            assertEquals(200, a.statusCode());
            assertEquals("gzip", a.headers().firstValue("Content-Encoding").orElse(null));
        }
        String tag = answers.get(0).headers().firstValue("ETag").orElseThrow();
        assertEquals(tag, answers.get(1).headers().firstValue("ETag").orElseThrow(), "one tag for the cluster");
        assertTrue(Arrays.equals(answers.get(0).body(), answers.get(1).body()), "the same gzipped bytes");
        HttpResponse<byte[]> revalidated = http.send(HttpRequest.newBuilder(URI.create(nodes.get(1).url() + path))
                .header("If-None-Match", tag).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(304, revalidated.statusCode(), "a copy from one node is current on the other");
    }

    @Test
    void operatorInvalidationsReachEveryNodeAndTheSharedTierAndAreAuditedAsClusterWide() throws Exception {
        startNodes(2);
        AppRuntime writer = startConsoleRuntime();
        String path = "/api/products/1/price";
        for (NodeProcess n : nodes) {
            n.body(path);
            n.awaitXCache(path, "HIT");
        }
        assertTrue(redis.command("EXISTS flashsale:v:" + CatalogKeys.price(1)).contains(":1"));
        var audit = writer.cacheControl().invalidate(CatalogKeys.price(1));
        assertTrue(audit.target().contains("cluster flashsale"), audit.target());
        assertTrue(redis.command("EXISTS flashsale:v:" + CatalogKeys.price(1)).contains(":0"), "gone from Redis too");
        for (NodeProcess n : nodes) {
            n.awaitXCache(path, "MISS");
        }
        writer.cacheControl().clear();
        for (NodeProcess n : nodes) {
            n.awaitXCache(path, "MISS");
        }
    }

    @Test
    void redisStoppedMidTrafficFailsNoRequestAndNoStaleAnswerAfterItReturns() throws Exception {
        startNodes(2);
        AppRuntime writer = startConsoleRuntime();
        Product p = writer.admin().createProduct("LAMP-1", "Lamp", new BigDecimal("50.00"), 5);
        String path = "/api/products/" + p.id() + "/price";
        AtomicBoolean go = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        ExecutorService traffic = Executors.newFixedThreadPool(4);
        List<Future<?>> loops = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            NodeProcess n = nodes.get(t % nodes.size());
            String[] paths = {path, "/api/flash-sales/active", "/api/products/1/flash-status"};
            loops.add(traffic.submit(() -> {
                int i = 0;
                while (go.get()) {
                    try {
                        HttpResponse<String> r = n.get(paths[i++ % paths.length]);
                        if (r.statusCode() != 200) {
                            failure.compareAndSet(null, r.statusCode() + " " + r.body());
                        }
                        ok.incrementAndGet();
                    } catch (Exception e) {
                        failure.compareAndSet(null, e.toString());
                    }
                }
                return null;
            }));
        }
        try {
            Thread.sleep(300);
            redis.stopProcess();
            for (NodeProcess n : nodes) {
                n.awaitBody("/health", "\"redis\":\"DOWN\"");
            }
            // a write while Redis is away: the nodes hear it from the database's log
            writer.admin().updateProduct(new Product(p.id(), p.sku(), p.name(), new BigDecimal("45.00"), p.stock(),
                    p.version()));
            for (NodeProcess n : nodes) {
                n.awaitBody(path, "45.00");
            }
            redis.startProcess();
            for (NodeProcess n : nodes) {
                n.awaitBody("/health", "\"redis\":\"UP\"");
            }
            Thread.sleep(300);
        } finally {
            go.set(false);
            for (Future<?> f : loops) {
                f.get(30, TimeUnit.SECONDS);
            }
            traffic.shutdown();
        }
        assertEquals(null, failure.get(), "every request answered 200 while Redis went away and came back");
        assertTrue(ok.get() > 100, "traffic ran: " + ok.get());
        for (NodeProcess n : nodes) {
            assertTrue(n.body(path).contains("45.00"), "no stale price after Redis returned: " + n.body(path));
        }
        String log = nodes.get(0).output();
        assertEquals(1, count(log, " is DOWN ("), "one line per state change:\n" + log);
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aKilledNodeLeavesTheRegistryWithinSeconds() throws Exception {
        startNodes(2);
        AppRuntime me = startConsoleRuntime();
        awaitNodes(me, 3);
        var listed = me.cluster().nodes();
        assertTrue(listed.stream().anyMatch(f -> f.url().equals(nodes.get(0).url()) && f.pid() == nodes.get(0).pid()),
                listed.toString());
        assertFalse(listed.toString().contains(db().toString()), "no database path in the registry");
        // listing the nodes (the console does it every second) reads the set of node ids, never
        // a SCAN of the whole keyspace
        assertTrue(redis.command("CONFIG RESETSTAT").contains("OK"));
        for (int i = 0; i < 5; i++) {
            assertEquals(3, me.cluster().nodes().size());
        }
        assertFalse(redis.command("INFO commandstats").contains("cmdstat_scan:"), redis.command("INFO commandstats"));
        assertTrue(listed.stream().allMatch(f -> f.id().matches(".+-[0-9]+-[0-9a-f]{16}")),
                "host, pid and 64 random bits: " + listed);
        nodes.get(0).kill();
        long killed = System.nanoTime();
        awaitNodes(me, 2);
        System.out.printf("a kill -9'd node left the registry after %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
    }

    private static void awaitNodes(AppRuntime r, int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            if (r.cluster().nodes().size() == n) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("expected " + n + " nodes, registry lists " + r.cluster().nodes());
    }

    @Test
    void tenThousandInvalidationsInABurstLeaveEveryNodeServingTheStore() throws Exception {
        startNodes(3);
        AppRuntime writer = startConsoleRuntime();
        List<Product> products = writer.admin().products();
        for (NodeProcess n : nodes) {
            for (Product p : products) {
                n.body("/api/products/" + p.id() + "/price");
            }
        }
        int burst = 10_000;
        for (int i = 0; i < burst; i++) {
            Product p = products.get(i % products.size());
            if (i % 1_000 == 999) {
                Product now = writer.admin().product(p.id()).orElseThrow();
                writer.admin().updateProduct(new Product(now.id(), now.sku(), now.name(),
                        now.regularPrice().add(BigDecimal.ONE), now.stock(), now.version()));
            } else {
                writer.cacheControl().invalidate(CatalogKeys.price(p.id()));
            }
        }
        for (Product p : writer.admin().products()) {
            BigDecimal expected = writer.catalog().price(p.id()).orElseThrow().value().price();
            for (NodeProcess n : nodes) {
                n.awaitBody("/api/products/" + p.id() + "/price",
                        "\"price\":\"" + expected.toPlainString() + "\"");
            }
        }
    }

    @Test
    void aWrongPasswordIsOneLineAndExit2AndNeverShowsThePassword() throws Exception {
        try (RedisServer locked = RedisServer.start("s3cret-Pa55")) {
            NodeProcess.Result wrong = NodeProcess.runMain(Duration.ofSeconds(60), Map.of(), "--headless", "--port", "0",
                    "--db", db().toString(), "--redis", "redis://:wrong-guess@127.0.0.1:" + locked.port());
            assertEquals(2, wrong.exit(), wrong.toString());
            assertTrue(wrong.err().contains("refused the login"), wrong.toString());
            assertFalse((wrong.out() + wrong.err()).contains("wrong-guess"), wrong.toString());
            assertEquals(1, wrong.err().strip().lines().count(), wrong.toString());

            NodeProcess.Result none = NodeProcess.runMain(Duration.ofSeconds(60), Map.of(), "--headless", "--port", "0",
                    "--db", db().toString(), "--redis", locked.url());
            assertEquals(2, none.exit(), none.toString());

            try (NodeProcess good = NodeProcess.start(db(), Map.of("REDISCLI_AUTH", "s3cret-Pa55"), "--redis", locked.url());
                 NodeProcess inUrl = NodeProcess.start(db(), "--redis", "redis://default:s3cret-Pa55@127.0.0.1:" + locked.port())) {
                for (NodeProcess n : List.of(good, inUrl)) {
                    String health = n.body("/health");
                    assertTrue(health.contains("\"redis\":\"UP\""), health);
                    assertFalse((health + n.output()).contains("s3cret"), n.output());
                }
                assertTrue(inUrl.output().contains("redis://default:***@127.0.0.1:" + locked.port()), inUrl.output());
                inUrl.awaitOutput("the --redis URL holds a password"); // anyone can read it in ps
                assertFalse(good.output().contains("holds a password"), good.output());
            }
        }
    }

    @Test
    void aNodeStartedWhileRedisIsDownServesSaysSoOnceAndJoinsWhenItComesUp() throws Exception {
        redis.stopProcess();
        try (NodeProcess node = NodeProcess.start(db(), "--redis", redis.url())) {
            assertTrue(node.body("/health").contains("\"redis\":\"DOWN\""));
            assertEquals(200, node.get("/api/products/1/price").statusCode(), "serves from the store meanwhile");
            assertTrue(node.output().contains("(Redis DOWN)"), node.output());
            redis.startProcess();
            node.awaitBody("/health", "\"redis\":\"UP\"");
            node.awaitOutput(" is UP"); // the line comes right after the state changes
            assertEquals(1, count(node.output(), " is DOWN ("), "said once, with the reason:\n" + node.output());
        }
    }

    @Test
    void aWriteWhileRedisHangsLeavesNoStaleValueInRedisWhenItAnswersAgain() throws Exception {
        startNodes(2);
        AppRuntime writer = startConsoleRuntime();
        double[] heard = new double[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            heard[i] = nodes.get(i).metric("flashsale_invalidation_log_heard_total");
        }
        Product p = writer.admin().createProduct("MUG-7", "Mug", new BigDecimal("12.00"), 5);
        String path = "/api/products/" + p.id() + "/price";
        awaitHeard(heard, 1); // the creation (one row), read from the log by every node: nothing deletes the price after this
        for (NodeProcess n : nodes) {
            n.awaitBody(path, "\"price\":\"12.00\"");
        }
        assertTrue(redis.command("EXISTS flashsale:v:" + CatalogKeys.price(p.id())).contains(":1"), "in the shared tier");

        redis.freeze(); // hung, not gone: it still holds the old price
        try {
            writer.admin().updateProduct(new Product(p.id(), p.sku(), p.name(), new BigDecimal("9.00"), p.stock(),
                    p.version()));
            for (NodeProcess n : nodes) { // heard through the database's log meanwhile
                n.awaitBody(path, "\"price\":\"9.00\"");
            }
        } finally {
            redis.thaw();
        }
        for (NodeProcess n : nodes) {
            n.awaitBody("/health", "\"redis\":\"UP\"");
        }
        assertTrue(writer.cluster().redisUp());
        // the writer deleted in Redis what it could not delete while Redis hung, and the nodes
        // dropped their own caches on resubscribing: nobody may serve 12.00 again
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < end) {
            for (NodeProcess n : nodes) {
                String body = n.body(path);
                assertTrue(body.contains("\"price\":\"9.00\""), "stale after Redis came back: " + body);
            }
            Thread.sleep(50);
        }
        String shared = redis.command("GET flashsale:v:" + CatalogKeys.price(p.id()));
        assertFalse(shared.contains("12.00"), "the shared tier holds the old price: " + shared);
    }

    /**
     * The writer's own cache, between its commit and the shared tier hearing of it: a request
     * served there must not put the old value back from Redis (this process skips its own bus
     * messages and log rows, so nothing would remove it until its TTL). The bus is wrapped to
     * serve one request at the worst moment, just before the real bus deletes in Redis.
     */
    @Test
    void aRequestOnTheWritingNodeDuringItsInvalidationDoesNotRefillTheOldValueFromRedis() throws Exception {
        AppRuntime writer = startConsoleRuntime();
        Product p = writer.admin().createProduct("VASE-2", "Vase", new BigDecimal("80.00"), 5);
        String path = writer.storefrontUrl() + "/api/products/" + p.id() + "/price";
        HttpClient http = HttpClient.newHttpClient();
        Supplier<String> get = () -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(path)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        assertTrue(get.get().contains("\"80.00\""));
        assertTrue(redis.command("EXISTS flashsale:v:" + CatalogKeys.price(p.id())).contains(":1"), "in the shared tier");

        Invalidator invalidator = writer.invalidator();
        RedisLink link = new RedisLink(
                RedisAddress.parse(redis.url(), Map.of()), "test-bus");
        link.connect();
        try {
            RedisBus realBus = new RedisBus(link,
                    new RedisKeys("flashsale"));
            invalidator.setBus((origin, invalidation) -> {
                get.get(); // a shopper's request, just before the shared tier hears of the write
                realBus.publish(origin, invalidation);
            });
            writer.admin().updateProduct(new Product(p.id(), p.sku(), p.name(), new BigDecimal("60.00"), p.stock(),
                    p.version()));
            assertTrue(get.get().contains("\"60.00\""), "the writer serves its own write: " + get.get());
        } finally {
            link.close();
        }
    }
}
