package dev.flashsale.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flashsale.testing.RedisSentinels;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sentinels that ask for a password of their own (their {@code requirepass}), as real ones
 * exposed beyond one host do: the right one finds the master, from the URL or the environment;
 * a missing or wrong one is a refused login said at start, never the password, not an outage to
 * wait out.
 */
@Tag("slow") // processes and real servers: on one JDK in CI (see .ci/run)
@Timeout(90)
class RedisSentinelAuthTest {

    private static final String SECRET = "sentinel-s3cret";
    private RedisSentinels redis;
    private RedisLink link;

    @BeforeEach
    void start() throws Exception {
        redis = RedisSentinels.start(SECRET);
    }

    @AfterEach
    void stop() throws Exception {
        if (link != null) {
            link.close();
        }
        redis.close();
    }

    @Test
    void theSentinelsPasswordFindsTheMasterFromTheUrlOrTheEnvironment() {
        String url = redis.url().replace("#", "?sentinelPassword=" + SECRET + "#");
        link = new RedisLink(RedisAddress.parse(url, Map.of()), "test");
        link.connect();
        assertTrue(link.isUp());
        assertEquals(new RedisAddress.Endpoint("127.0.0.1", redis.master().port()), link.master());
        assertTrue(link.run(j -> j.set("k", "v")));
        link.close();

        link = new RedisLink(RedisAddress.parse(redis.url(), Map.of("REDIS_SENTINEL_AUTH", SECRET)), "test");
        link.connect();
        assertTrue(link.isUp());
    }

    @Test
    void aMissingOrWrongSentinelPasswordIsARefusedLoginThatNeverShowsIt() {
        RedisLink.AccessRefused missing = assertThrows(RedisLink.AccessRefused.class, () -> {
            link = new RedisLink(RedisAddress.parse(redis.url(), Map.of()), "test");
            link.connect();
        });
        assertTrue(missing.getMessage().contains("refused the login") && missing.getMessage().contains("sentinelPassword"),
                missing.getMessage());
        link.close();

        String wrong = "not-the-" + SECRET;
        RedisLink.AccessRefused refused = assertThrows(RedisLink.AccessRefused.class, () -> {
            link = new RedisLink(RedisAddress.parse(redis.url().replace("#", "?sentinelPassword=" + wrong + "#"),
                    Map.of()), "test");
            link.connect();
        });
        assertFalse(refused.getMessage().contains(wrong), refused.getMessage());
        assertFalse(refused.getMessage().contains(SECRET), refused.getMessage());
    }
}
