package dev.flashsale.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.flashsale.testing.TypedInput;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisAddressTest {

    @Test
    void readsTheFormsOperatorsWrite() {
        RedisAddress plain = RedisAddress.parse("redis://127.0.0.1", Map.of());
        assertEquals("127.0.0.1", plain.host());
        assertEquals(6379, plain.port());
        assertEquals(0, plain.database());
        assertNull(plain.password());
        assertFalse(plain.tls());

        RedisAddress acl = RedisAddress.parse("rediss://shop:p%40ss@cache.internal:6380/3", Map.of());
        assertTrue(acl.tls());
        assertEquals("shop", acl.user());
        assertEquals("p@ss", acl.password());
        assertEquals(3, acl.database());
        assertEquals("rediss://shop:***@cache.internal:6380/3", acl.toString());

        assertEquals("only-pass", RedisAddress.parse("redis://only-pass@h:1", Map.of()).password());
        assertEquals("from-env", RedisAddress.parse("redis://h:1", Map.of("REDISCLI_AUTH", "from-env")).password());
        assertEquals("in-url", RedisAddress.parse("redis://:in-url@h:1", Map.of("REDISCLI_AUTH", "env")).password());
    }

    @Test
    void readsTheSentinelFormLettuceUses() {
        RedisAddress a = RedisAddress.parse("redis-sentinel://shop:s%40cret@10.0.0.1:26379,10.0.0.2,[::1]:26380/2"
                + "?sentinelPassword=watch#shop-master", Map.of());
        assertTrue(a.viaSentinel());
        assertEquals("shop-master", a.master());
        assertEquals(List.of(new RedisAddress.Endpoint("10.0.0.1", 26379), new RedisAddress.Endpoint("10.0.0.2", 26379),
                new RedisAddress.Endpoint("::1", 26380)), a.sentinels());
        assertEquals(2, a.database());
        assertEquals("shop", a.user());
        assertEquals("s@cret", a.password());
        assertEquals("watch", a.sentinelPassword());
        assertEquals("redis-sentinel://shop:***@10.0.0.1:26379,10.0.0.2:26379,[::1]:26380/2?sentinelPassword=***"
                + "#shop-master", a.toString());

        RedisAddress env = RedisAddress.parse("redis-sentinel://h:1#m",
                Map.of("REDISCLI_AUTH", "data", "REDIS_SENTINEL_AUTH", "watch"));
        assertEquals("data", env.password());
        assertEquals("watch", env.sentinelPassword());
        assertFalse(RedisAddress.parse("redis://h:1", Map.of()).viaSentinel());

        for (String bad : new String[] {"redis-sentinel://h:1", "redis-sentinel://h:1#", "redis-sentinel://#m",
                "redis-sentinel://h:1,,h:2#m", "redis-sentinel://h:99999#m", "redis-sentinel://h:1/x#m",
                "redis-sentinel://h:1?timeout=3#m", "redis-sentinel://[::1#m", "redis-sentinel://h h:1#m"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RedisAddress.parse(bad, Map.of()), bad);
            assertTrue(e.getMessage().startsWith("--redis"), e.getMessage());
        }
    }

    /** Every prefix and mangling an operator might type is a one-line refusal or an address, never a crash. */
    @Test
    void anySentinelUrlIsAnAddressOrARefusalThatNeverShowsThePassword() {
        qt().withExamples(500).forAll(TypedInput.anyText(0, 60)).checkAssert(tail -> {
            String url = "redis-sentinel://u:pw%21secret@" + tail;
            try {
                RedisAddress a = RedisAddress.parse(url, Map.of());
                assertFalse(a.toString().contains("pw!secret"), a.toString());
                assertFalse(a.sentinels().isEmpty());
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().startsWith("--redis"), e.getMessage());
                assertFalse(e.getMessage().contains("pw!secret"), e.getMessage());
            }
        });
    }

    @Test
    void refusesWhatIsNotARedisUrlInOneLine() {
        for (String bad : new String[] {"", "127.0.0.1:6379", "http://h:1", "redis://", "redis://h:1/x", "redis://h:70000"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RedisAddress.parse(bad, Map.of()), bad);
            assertTrue(e.getMessage().startsWith("--redis"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void aPasswordIsNeverShown() {
        qt().withExamples(300).forAll(TypedInput.anyText(4, 40))
                .checkAssert(RedisAddressTest::passwordNeverShown);
    }

    private static void passwordNeverShown(String password) {
        String enc = URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20");
        String url = "redis://user:" + enc + "@127.0.0.1:6379/1";
        try {
            RedisAddress a = RedisAddress.parse(url, Map.of());
            assertEquals(password, a.password());
            assertEquals("redis://user:***@127.0.0.1:6379/1", a.toString());
        } catch (IllegalArgumentException e) {
            assertFalse(e.getMessage().contains(password), e.getMessage());
        }
    }
}
