package dev.flashsale.cluster;

/**
 * Every Redis key of one cluster starts with its name, so several clusters (or other programs)
 * can share a Redis: {@code NAME:v:KEY} a cached value, {@code NAME:lease:KEY} a load in progress,
 * {@code NAME:node:ID} a live node, {@code NAME:nodes} the set of their ids, and the channel
 * {@code NAME:invalidations}.
 */
public record RedisKeys(String cluster) {

    public static final String DEFAULT_CLUSTER = "flashsale";

    public RedisKeys {
        if (cluster == null || !cluster.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("--cluster must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
    }

    public String value(String key) {
        return cluster + ":v:" + key;
    }

    public String lease(String key) {
        return cluster + ":lease:" + key;
    }

    public String node(String id) {
        return cluster + ":node:" + id;
    }

    /** The set of node ids, so listing the nodes reads that set, not the whole keyspace (SCAN). */
    public String nodes() {
        return cluster + ":nodes";
    }

    public String channel() {
        return cluster + ":invalidations";
    }

    /** SCAN pattern of the values, optionally of one namespace; glob characters in it are escaped. */
    public String valuePattern(String namespace) {
        return cluster + ":v:" + (namespace == null ? "" : glob(namespace) + ":") + "*";
    }

    /** The cache key inside a value's Redis key. */
    public String cacheKeyOf(String redisKey) {
        return redisKey.substring(cluster.length() + 3);
    }

    private static String glob(String s) {
        return s.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }
}
