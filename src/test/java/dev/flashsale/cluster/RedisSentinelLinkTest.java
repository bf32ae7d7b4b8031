package dev.flashsale.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.testing.Await;
import dev.flashsale.testing.RedisSentinels;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The link through real sentinels: it finds the master, and a master that turned replica is a failover. */
@Tag("slow") // processes, real servers and failures: on one JDK in CI (see .ci/run)
@Timeout(90)
class RedisSentinelLinkTest {

    private RedisSentinels redis;
    private RedisLink link;

    @BeforeEach
    void start() throws Exception {
        redis = RedisSentinels.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (link != null) {
            link.close();
        }
        redis.close();
    }

    @Test
    void theMasterIsWhereTheSentinelsSayAndAReadOnlyReplyIsAFailoverNotARefusal() throws Exception {
        link = new RedisLink(RedisAddress.parse(redis.url(), Map.of()), "test");
        link.connect();
        assertTrue(link.isUp());
        assertEquals(new RedisAddress.Endpoint("127.0.0.1", redis.master().port()), link.master());
        assertTrue(link.run(j -> j.set("k", "v")));

        // the master turns replica behind the sentinels' back (as in the moments of a failover)
        assertTrue(redis.master().command("REPLICAOF 127.0.0.1 " + redis.replica().port()).contains("OK"));
        assertFalse(link.run(j -> j.set("k", "w")), "the write is refused");
        assertFalse(link.isUp(), "READONLY through Sentinel: down, looking for the master, not 'refusing commands'");
        assertFalse(link.refusing());
        assertEquals(1L, link.errorCounts().get("READONLY"));

        // while the sentinels still name it, a server that answers as a replica is not taken back
        Thread.sleep(1_500);
        assertFalse(link.isUp(), "a replica is no master, even though it answers PING");
        assertTrue(redis.master().command("REPLICAOF NO ONE").contains("OK"));
        Await.until("the link comes back once the server is a master again", link::isUp);
        assertTrue(link.run(j -> j.set("k", "x")));
    }

    @Test
    void withoutAnySentinelTheLinkStartsDownAndSaysWhy() throws Exception {
        String url = "redis-sentinel://127.0.0.1:1#" + RedisSentinels.MASTER_NAME;
        link = new RedisLink(RedisAddress.parse(url, Map.of()), "test");
        link.connect();
        assertFalse(link.isUp());
        assertEquals(null, link.master(), "no master known: nothing to talk to");
        assertFalse(link.run(j -> j.set("k", "v")));

        link.close();
        link = new RedisLink(RedisAddress.parse(redis.url().replace("#shop", "#nope"), Map.of()), "test");
        link.connect();
        assertFalse(link.isUp(), "sentinels that know no such master: down, asking again in the background");
    }
}
