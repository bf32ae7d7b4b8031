package dev.flashsale.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.cache.Loaded;
import dev.flashsale.sale.Invalidation;
import dev.flashsale.sale.read.Cached;
import dev.flashsale.testing.Await;
import dev.flashsale.testing.RedisServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bus and the shared tier against a real redis-server: what happens to a deletion Redis could
 * not make (it was away, coming back, or refused it), and that nobody reads the stale value
 * meanwhile.
 */
@Timeout(60)
class RedisBusTest {

    private RedisServer redis;
    private RedisLink link;
    private final RedisKeys keys = new RedisKeys("t");

    @BeforeEach
    void start() throws Exception {
        redis = RedisServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (link != null) {
            link.close();
        }
        redis.close();
    }

    private RedisLink connect(String url) {
        link = new RedisLink(RedisAddress.parse(url, Map.of()), "test");
        link.connect();
        assertTrue(link.isUp());
        return link;
    }

    /**
     * An invalidation made while the link is coming back (after what was pending was replayed, before
     * calls go through) went to the pending set and waited there for the next outage, leaving the
     * stale value in Redis for everyone else. It must be deleted as soon as the link is up.
     */
    @Test
    void anInvalidationMadeWhileTheLinkRecoversReachesRedisOnceItIsUp() throws Exception {
        connect(redis.url());
        RedisBus bus = new RedisBus(link, keys);
        AtomicBoolean recovering = new AtomicBoolean();
        // runs after the bus's own replay, while the link is still not up: the window
        link.addListener(up -> {
            if (up && recovering.compareAndSet(false, true)) {
                bus.publish("writer", Invalidation.keys(List.of("price:1")));
            }
        });
        assertTrue(redis.command("SET t:v:price:1 old-price PX 60000").contains("OK"));
        redis.freeze();
        try {
            link.call(j -> j.ping()); // times out: the probe looks, and the link goes down
            Await.until("the link should go down while Redis hangs", () -> !link.isUp());
        } finally {
            redis.thaw();
        }
        Await.until("the link should come back", link::isUp);
        assertTrue(recovering.get(), "the invalidation was made during the recovery");
        Await.until("the stale value is still in Redis after the link came back", () -> {
            try {
                return redis.command("EXISTS t:v:price:1").contains(":0");
            } catch (IOException e) {
                return false;
            }
        });
        // The first try after the recovery may fail on a connection that went bad while Redis hung
        // (the DEL can even be carried out while its reply is lost): the key stays blocked until a
        // try succeeds. A node retries about once a second (Cluster); this wait retries as it polls.
        Await.until("the key stays blocked although its deletion went through", () -> {
            bus.retryPending();
            return !bus.blocks("price:1");
        });
    }

    /**
     * Redis refuses the deletion (an ACL without DEL: NOPERM). The link stays up, the deletion stays
     * pending, and meanwhile the shared tier neither serves the stale value nor writes over it;
     * once Redis takes the deletion, all is as before.
     */
    @Test
    void aRefusedDeletionStaysPendingAndTheStaleValueIsNeverServed() throws Exception {
        redis.command("ACL SETUSER node on >node-pw ~* &* +@all -del");
        connect("redis://node:node-pw@127.0.0.1:" + redis.port());
        RedisBus bus = new RedisBus(link, keys);
        RedisSharedTier tier = new RedisSharedTier(link, keys, bus);
        String stale = ValueCodec.encode(new Cached<>(Map.of("price", "80.00")));
        assertTrue(redis.command("SET t:v:price:1 " + quoted(stale) + " PX 60000").contains("OK"));

        bus.publish("writer", Invalidation.keys(List.of("price:1")));
        assertTrue(link.isUp(), "a refusal is not an outage");
        assertTrue(link.errorCounts().getOrDefault("NOPERM", 0L) > 0, link.errorCounts().toString());
        assertTrue(bus.blocks("price:1"));
        assertFalse(bus.blocks("price:2"), "other keys are read as usual");

        AtomicInteger storeLoads = new AtomicInteger();
        Loaded<Object> loaded = tier.load("price:1", Map.class, () -> {
            storeLoads.incrementAndGet();
            return Loaded.of(new Cached<>(Map.of("price", "60.00")), Duration.ofSeconds(30));
        });
        assertEquals(1, storeLoads.get(), "a key whose deletion is pending is loaded from the store");
        assertEquals(Map.of("price", "60.00"), ((Cached<?>) loaded.value()).value());
        assertTrue(redis.command("GET t:v:price:1").contains("80.00"), "and not written to Redis meanwhile");

        bus.retryPending(); // still refused
        assertTrue(bus.blocks("price:1"));

        redis.command("ACL SETUSER node +del");
        bus.retryPending(); // what the heartbeat does every second
        assertFalse(bus.blocks("price:1"));
        assertTrue(redis.command("EXISTS t:v:price:1").contains(":0"), "deleted once Redis took it");
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
