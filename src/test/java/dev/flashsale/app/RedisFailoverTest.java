package dev.flashsale.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.testing.CachedTraffic;
import dev.flashsale.testing.Closing;
import dev.flashsale.testing.NodeProcess;
import dev.flashsale.testing.RedisSentinels;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis through Sentinel, with real processes: a master, a replica, three sentinels and three
 * storefront nodes on one SQLite file. The master is killed under load; the sentinels promote the
 * replica, and every node follows by itself: no failed request for cached keys meanwhile, every
 * node back on the shared tier and the bus, and a change made after the failover is served by all.
 */
@Tag("slow") // processes, real servers and failures: on one JDK in CI (see .ci/run)
@Timeout(240)
class RedisFailoverTest {

    private static final int PRODUCTS = 12; // the demo catalog

    @TempDir
    Path dir;
    private RedisSentinels redis;
    private final List<NodeProcess> nodes = new ArrayList<>();
    private CachedTraffic traffic;
    private final Closing closing = new Closing();

    @AfterEach
    void stopAll() throws Exception {
        closing.close();
    }

    /** The master's machine dies: the sentinels notice after a second of silence and promote the replica. */
    @Test
    void theNodesFollowAFailoverByThemselvesAndServeThroughIt() throws Exception {
        failover("the master was killed", () -> redis.killMaster());
    }

    /**
     * A planned switch: the old master stays up as the new one's replica, so a node that keeps
     * talking to it hears READONLY. That is a failover to follow, not a refusal to count.
     */
    @Test
    void aMasterTurnedReplicaIsAFailoverToFollowNotAnOutage() throws Exception {
        failover("a failover was asked for", () -> redis.forceFailover());
    }

    interface Cause {
        void run() throws Exception;
    }

    private void failover(String what, Cause cause) throws Exception {
        redis = closing.add(RedisSentinels.start());
        for (int i = 0; i < 3; i++) {
            NodeProcess n = closing.add(NodeProcess.start(dir.resolve("shop.db"), "--redis", redis.url(), "--ttl",
                    "600"));
            nodes.add(n);
            n.url();
        }
        for (NodeProcess n : nodes) {
            assertTrue(n.body("/health").contains("\"redis\":\"UP\""), n.body("/health"));
            for (int id = 1; id <= PRODUCTS; id++) {
                n.body("/api/products/" + id + "/price"); // cached here for 10 minutes
            }
        }

        traffic = closing.add(CachedTraffic.start(nodes, PRODUCTS));
        Thread.sleep(500);

        long killed = System.nanoTime();
        cause.run();
        long promoted = redis.awaitPromotion(30);
        long[] upAfter = new long[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            NodeProcess n = nodes.get(i);
            long deadline = killed + TimeUnit.SECONDS.toNanos(30);
            String health = "";
            while (System.nanoTime() < deadline) {
                health = n.body("/health");
                // up again on the new master, and listening there (its cache dropped: it may have missed messages)
                if (health.contains("\"redis\":\"UP\"") && n.output().contains("is now at 127.0.0.1:"
                        + redis.replica().port()) && n.output().contains("this node's cache was dropped")) {
                    break;
                }
                Thread.sleep(20);
            }
            assertTrue(health.contains("\"redis\":\"UP\""), "node " + i + " back on Redis: " + health + "\n" + n.output());
            upAfter[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        }
        Thread.sleep(500);
        CachedTraffic.Seen seen = traffic.stop();
        System.out.printf("redis failover: the sentinels promoted the replica %d ms after %s;"
                + " nodes UP on the new master after %d, %d, %d ms; %d requests, none failed%n", promoted, what,
                upAfter[0], upAfter[1], upAfter[2], seen.answered());
        assertEquals(null, seen.firstFailure(), "every request for a cached key answered 200 through the failover");
        for (NodeProcess n : nodes) {
            // it may have missed bus messages while the master was gone: it drops its cache, once
            assertEquals(1, n.output().lines().filter(l -> l.contains("this node's cache was dropped")).count(),
                    n.output());
            assertEquals(1, n.output().lines().filter(l -> l.contains("is now at 127.0.0.1:")).count(), n.output());
        }

        // a change after the failover reaches every node through the new master (bus and shared tier)
        Instant start = Instant.now().plus(Duration.ofDays(20)).truncatedTo(ChronoUnit.MINUTES);
        NodeProcess.Result made = NodeProcess.runMain(Duration.ofSeconds(60), Map.of(), "campaigns", "create",
                "--db", dir.resolve("shop.db").toString(), "--redis", redis.url(), "--name", "After",
                "--starts", start.toString(), "--ends", start.plus(Duration.ofDays(1)).toString(), "--percent-off", "10",
                "AUD-002");
        assertEquals(0, made.exit(), made.toString());
        assertTrue(made.out().contains("invalidated on the whole cluster"), made.toString());
        for (NodeProcess n : nodes) {
            n.awaitBody("/api/products/2/flash-status", "\"status\":\"SCHEDULED\"");
        }
    }
}
