package dev.flashsale.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}: one short command on the hot path), sent whole
 * only when Redis does not know it yet (after a restart, or on a replica just promoted).
 */
final class RedisScript {
    private final String text;
    private final String sha;

    RedisScript(String text) {
        this.text = text;
        try {
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    Object run(Jedis j, List<String> keys, List<String> args) {
        try {
            return j.evalsha(sha, keys, args);
        } catch (JedisNoScriptException e) {
            return j.eval(text, keys, args); // loads it too
        }
    }
}
