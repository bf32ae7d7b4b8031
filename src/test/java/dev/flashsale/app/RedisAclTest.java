package dev.flashsale.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.cluster.NodeFigures;
import dev.flashsale.cluster.RedisLink;
import dev.flashsale.cluster.SharedEntry;
import dev.flashsale.sale.CatalogKeys;
import dev.flashsale.testing.Await;
import dev.flashsale.testing.LogLines;
import dev.flashsale.testing.NodeProcess;
import dev.flashsale.testing.RedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Redis ACL lines README's "Roles" gives an operator to paste, run as they are against a
 * real redis-server: nodes with the node login do all a node does, a console with the console
 * login looks, invalidates and serves (from the store), and whatever an ACL refuses is said in
 * words and is no outage.
 */
@Tag("slow") // processes and a real server: on one JDK in CI (see .ci/run)
class RedisAclTest {

    private static final String NODE_PASSWORD = "node-secret-1";
    private static final String CONSOLE_PASSWORD = "console-secret-2";

    @TempDir
    Path dir;
    private RedisServer redis;
    private final List<NodeProcess> nodes = new ArrayList<>();
    private AppRuntime console;
    /** Held: the log manager keeps loggers only weakly, and a collected one would lose the handler. */
    private final Logger linkLog = Logger.getLogger(RedisLink.class.getName());
    private final LogLines capture = new LogLines();
    private final List<String> logged = capture.lines();

    @BeforeEach
    void startRedisWithTheReadmesUsers() throws Exception {
        redis = RedisServer.start();
        List<String> lines = Files.readAllLines(Path.of("README.md")).stream()
                .filter(l -> l.startsWith("ACL SETUSER flashsale-")).collect(Collectors.toList());
        assertEquals(2, lines.size(), "README gives the node's and the console's ACL lines");
        for (String line : lines) {
            String reply = redis.command(line.replace(">NODE_PASSWORD", ">" + NODE_PASSWORD)
                    .replace(">CONSOLE_PASSWORD", ">" + CONSOLE_PASSWORD));
            assertTrue(reply.contains("+OK"), line + " -> " + reply);
        }
        linkLog.addHandler(capture);
    }

    @AfterEach
    void stopAll() throws Exception {
        linkLog.removeHandler(capture);
        for (NodeProcess n : nodes) {
            n.close();
        }
        if (console != null) {
            console.close();
        }
        redis.close();
    }

    private String url(String user, String password) {
        return "redis://" + user + ":" + password + "@127.0.0.1:" + redis.port();
    }

    private NodeProcess startNode(String redisUrl) throws IOException {
        NodeProcess n = NodeProcess.start(dir.resolve("shop.db"), "--redis", redisUrl, "--ttl", "300");
        nodes.add(n);
        n.url();
        return n;
    }

    private AppRuntime startConsole(String redisUrl) {
        console = AppRuntime.start(Options.parse("--db", dir.resolve("shop.db").toString(), "--port", "0",
                "--redis", redisUrl, "--ttl", "300"), Clock.systemUTC());
        return console;
    }

    @Test
    void nodesWithTheNodeLoginShareValuesAndAConsoleWithTheConsoleLoginLooksAndInvalidates() throws Exception {
        NodeProcess a = startNode(url("flashsale-node", NODE_PASSWORD));
        NodeProcess b = startNode(url("flashsale-node", NODE_PASSWORD));
        String path = "/api/products/1/price";
        String key = CatalogKeys.price(1);
        double shared = b.metric("flashsale_cluster_shared_hits_total");
        a.body(path); // loaded from the store and written to Redis under a lease
        assertTrue(redis.command("EXISTS flashsale:v:" + key).contains(":1"), "the node login writes values");
        b.body(path);
        assertEquals(shared + 1, b.metric("flashsale_cluster_shared_hits_total"), "the other node read it from Redis");
        for (NodeProcess n : List.of(a, b)) {
            assertTrue(n.body("/health").contains("\"redis\":\"UP\""), n.body("/health"));
            assertFalse(n.body("/metrics").contains("reason=\"NOPERM\""), "nothing refused a node");
        }

        AppRuntime c = startConsole(url("flashsale-console", CONSOLE_PASSWORD));
        assertTrue(c.cluster().redisUp());
        Await.until("the console lists both nodes, and itself", () -> c.cluster().nodes().stream().map(NodeFigures::id)
                .collect(Collectors.toSet()).size() == 3);
        assertTrue(c.cluster().nodes().stream().anyMatch(f -> f.id().equals(c.nodeId())), "its own figures count");
        assertTrue(redis.command("SISMEMBER flashsale:nodes " + c.nodeId()).contains(":0"),
                "a console's login may not enter the registry");
        assertTrue(c.cluster().sharedEntries(null, 100).stream().map(SharedEntry::key).anyMatch(key::equals),
                "the console sees the shared values");

        // what the console serves itself comes from the store: its login writes no value
        String other = CatalogKeys.price(2);
        assertTrue(c.catalog().price(2).isPresent());
        assertTrue(redis.command("EXISTS flashsale:v:" + other).contains(":0"), "the console wrote no value");
        assertTrue(c.cluster().redisUp(), "a refusal is no outage");
        assertEquals(Set.of("EVALSHA"), c.cluster().redisRefusedByAcl().stream().filter("EVALSHA"::equals)
                .collect(Collectors.toSet()));
        assertTrue(logged.stream().anyMatch(m -> m.startsWith("Redis login 'flashsale-console' may not use EVALSHA")
                && m.contains("Redis stays UP")), String.join("\n", logged));
        long said = logged.stream().filter(m -> m.contains("may not use EVALSHA")).count();
        assertTrue(c.catalog().price(3).isPresent());
        assertEquals(said, logged.stream().filter(m -> m.contains("may not use EVALSHA")).count(), "said once");

        // an operator's invalidation: gone from Redis, and from every node, heard on the channel
        a.awaitXCache(path, "HIT");
        b.awaitXCache(path, "HIT");
        double heard = b.metric("flashsale_cluster_bus_heard_total");
        c.cacheControl().invalidate(key);
        assertTrue(redis.command("EXISTS flashsale:v:" + key).contains(":0"), "the console login deletes values");
        b.awaitMetric("flashsale_cluster_bus_heard_total", heard + 1);
        a.awaitXCache(path, "MISS");
        b.awaitXCache(path, "MISS");
    }

    @Test
    void aLoginThatMayOnlyLookIsToldInWordsAndTheNodeKeepsServing() throws Exception {
        assertTrue(redis.command("ACL SETUSER peeker on >peek-3 resetkeys %R~flashsale:* -@all +ping +client|setname"
                + " +scan +pttl +strlen +mget +smembers").contains("+OK"));
        NodeProcess n = startNode(url("peeker", "peek-3"));
        n.awaitOutput("Redis login 'peeker' may not use");
        String health = n.body("/health");
        assertTrue(health.contains("\"redis\":\"UP\""), health);
        assertEquals(200, n.get("/api/products/1/price").statusCode(), "served from the store");
        n.awaitMetric("flashsale_redis_errors_total", 1);
        assertTrue(n.body("/metrics").contains("reason=\"NOPERM\""));

        AppRuntime c = startConsole(url("peeker", "peek-3"));
        c.cacheControl().invalidate(CatalogKeys.price(1)); // the store's log still carries it to every node
        Await.until("the console names what its login may not do", () -> c.cluster().redisRefusedByAcl()
                .containsAll(Set.of("DEL", "SUBSCRIBE")));
        assertTrue(c.cluster().redisUp(), "a refusal is no outage");
        assertFalse(c.cluster().listening());
        assertTrue(logged.stream().anyMatch(m -> m.startsWith("Redis login 'peeker' may not use SUBSCRIBE")),
                String.join("\n", logged));
    }
}
