package dev.flashsale.cluster;

import dev.flashsale.cache.CacheStats;
import java.time.Instant;

/**
 * What a node says about itself in the registry, about every second: who and where it is, and its
 * live figures (its cache's counters as they are, so a console can add several nodes up). Never a
 * password or a database path.
 */
public record NodeFigures(String id, String url, String host, long pid, String version, Instant startedAt,
                          CacheStats stats, long entries, double requestsPerSecond, String redis) {

    public double hitRate() {
        return stats.hitRate();
    }

    public long hits() {
        return stats.hits();
    }

    public long misses() {
        return stats.misses();
    }
}
