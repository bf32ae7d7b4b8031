package dev.flashsale.console.cache;

import dev.flashsale.cache.CacheKeys;

/**
 * A row of the shared-tier table: a value in the cluster's Redis, with the time it had left when
 * it was read ({@code readAtNanos}), so its countdown moves between reads.
 */
record SharedEntryRow(String key, long ttlMillis, long bytes, long readAtNanos) {
    public String namespace() {
        return CacheKeys.namespaceOf(key);
    }

    /** Milliseconds left at {@code nowNanos}, never below zero. */
    public long ttlLeftMillis(long nowNanos) {
        return Math.max(0, ttlMillis - (nowNanos - readAtNanos) / 1_000_000);
    }
}
