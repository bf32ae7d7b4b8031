package dev.flashsale.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.testing.NodeProcess;
import dev.flashsale.testing.RedisServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Redis that answers with errors instead of going away, against storefront nodes in processes
 * of their own: it is not an outage, and a node waiting for another's load stays polite.
 */
@Tag("slow") // processes, real servers and failures: on one JDK in CI (see .ci/run)
@Timeout(180)
class RedisFaultsTest {

    private static final int PRODUCTS = 12; // the demo catalog

    @TempDir
    Path dir;
    private RedisServer redis;
    private final List<NodeProcess> nodes = new ArrayList<>();

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (NodeProcess n : nodes) {
            n.close();
        }
        redis.close();
    }

    private NodeProcess node(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--redis", redis.url()));
        all.addAll(List.of(args));
        NodeProcess n = NodeProcess.start(dir.resolve("shop.db"), all.toArray(String[]::new));
        nodes.add(n);
        n.url();
        return n;
    }

    /**
     * Redis's default policy when full is {@code noeviction}: every write is refused with {@code
     * OOM}. Reads still work, the connection is fine: the nodes must not call that an outage, drop
     * their caches or hammer the store. (Before: 92-171 DOWN/UP lines in 10 s, each one emptying
     * the node's cache, and 18x the store queries.)
     */
    @Test
    void aRedisThatRefusesWritesIsNoOutageAndEmptiesNoCache() throws Exception {
        NodeProcess busy = node("--ttl", "2");
        NodeProcess other = node("--ttl", "2");
        for (int id = 1; id <= PRODUCTS; id++) {
            busy.body("/api/products/" + id + "/price");
        }
        assertTrue(redis.command("CONFIG SET maxmemory 1").contains("OK"));
        double loadsBefore = busy.metric("flashsale_cluster_store_loads_total");
        long seconds = 6;
        traffic(busy, seconds);

        for (NodeProcess n : List.of(busy, other)) {
            assertFalse(n.output().contains("is DOWN"), "an error reply is not an outage:\n" + n.output());
            assertFalse(n.output().contains("cache was dropped"), "nor a reason to drop the cache:\n" + n.output());
            assertTrue(n.body("/health").contains("\"redis\":\"UP\""), n.body("/health"));
        }
        assertTrue(errors(busy, "OOM") > 0, busy.body("/metrics"));
        assertEquals(1, busy.output().lines().filter(l -> l.contains("refuses commands (OOM")).count(),
                "one line when it starts:\n" + busy.output());
        // about one store load per key per TTL, as with a healthy Redis (the lease is refused, so
        // every miss loads; but only misses do, and the node's own cache keeps serving)
        double loads = busy.metric("flashsale_cluster_store_loads_total") - loadsBefore;
        double perKeyPerTtl = loads / ((PRODUCTS + 1) * (seconds / 2.0 + 1));
        assertTrue(perKeyPerTtl <= 1.5, "store loads per key per TTL: " + perKeyPerTtl + " (" + loads + " loads)");

        assertTrue(redis.command("CONFIG SET maxmemory 0").contains("OK"));
        busy.awaitBody("/api/products/1/price", "\"productId\":1");
    }

    /** Sends requests for every product's price and the listing from two threads for {@code seconds}. */
    private static void traffic(NodeProcess n, long seconds) throws Exception {
        AtomicBoolean go = new AtomicBoolean(true);
        AtomicReference<String> failure = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> loops = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int offset = t;
            loops.add(pool.submit(() -> {
                int i = offset;
                while (go.get()) {
                    int id = i++ % (PRODUCTS + 1);
                    String path = id == 0 ? "/api/flash-sales/active" : "/api/products/" + id + "/price";
                    try {
                        HttpResponse<String> r = n.get(path);
                        if (r.statusCode() != 200) {
                            failure.compareAndSet(null, path + " " + r.statusCode() + " " + r.body());
                        }
                    } catch (Exception e) {
                        failure.compareAndSet(null, e.toString());
                    }
                }
                return null;
            }));
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        go.set(false);
        for (Future<?> f : loops) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(null, failure.get(), "every request answered 200");
    }

    private static double errors(NodeProcess n, String reason) throws Exception {
        Matcher m = Pattern.compile("flashsale_redis_errors_total\\{[^}]*reason=\"" + reason + "\"[^}]*} (\\S+)")
                .matcher(n.body("/metrics"));
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /**
     * Another node holds the key's lease and never writes (it crashed, or is slow): a request here
     * waits for it up to half a second, then loads itself, and sends Redis a handful of commands
     * meanwhile. (Before: a GET, a PTTL and a SET NX every half millisecond, about 3,000.)
     */
    @Test
    void aRequestWaitingForAnotherNodesLoadSendsAHandfulOfCommands() throws Exception {
        NodeProcess n = node("--ttl", "300");
        assertTrue(redis.command("SET flashsale:lease:price:3 another-node PX 5000").contains("OK"));
        assertTrue(redis.command("CONFIG RESETSTAT").contains("OK"));
        long start = System.nanoTime();
        assertTrue(n.body("/api/products/3/price").contains("\"productId\":3"));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        String stats = redis.command("INFO commandstats");
        // Redis counts the commands a script calls too: each look by script runs one GET and one
        // SET NX inside it, which the node did not send
        long scripts = calls(stats, "evalsha") + calls(stats, "eval");
        long sent = scripts + Math.max(0, calls(stats, "get") - scripts) + Math.max(0, calls(stats, "set") - scripts)
                + calls(stats, "pttl");
        assertTrue(sent <= 20, sent + " commands sent while waiting " + waited + " ms:\n" + stats);
        assertTrue(waited >= 400, "it waited for the lease holder first (" + waited + " ms)");
    }

    private static long calls(String commandStats, String command) {
        Matcher m = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(commandStats);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
