package dev.flashsale.app;

import dev.flashsale.cluster.RedisAddress;
import dev.flashsale.cluster.RedisKeys;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --redis} and {@code --cluster}, as the console, a node and the commands that reach nodes take them (a picocli mixin). */
final class RedisOptions {

    @Option(names = "--redis", paramLabel = "URL", description = {
        "the cluster's Redis: redis://[USER[:PASSWORD]@]HOST[:PORT][/DB], rediss:// for TLS, or through Sentinel:",
        "redis-sentinel://[USER[:PASSWORD]@]HOST:PORT[,HOST:PORT...][/DB]#MASTER (failovers are followed); the",
        "password may come from REDISCLI_AUTH instead, a sentinel's own from REDIS_SENTINEL_AUTH (default: none;",
        "processes on one database stay coherent through it alone)"})
    String redis;

    @Option(names = "--cluster", paramLabel = "NAME",
            description = "the cluster's name, the prefix of its Redis keys (default: ${DEFAULT-VALUE})")
    String cluster = RedisKeys.DEFAULT_CLUSTER;

    /** The Redis named, or null without {@code --redis}; a password may come from {@code env}. */
    RedisAddress address(Map<String, String> env) {
        return redis == null ? null : RedisAddress.parse(redis, env);
    }

    /** The cluster's keys; throws with the rule for names. */
    RedisKeys keys() {
        return new RedisKeys(cluster);
    }

    /** True when the URL itself holds a password (visible in the process list). */
    boolean passwordInUrl() {
        return redis != null && RedisAddress.parse(redis, Map.of()).password() != null;
    }
}
