package dev.flashsale.cluster;

import java.time.Instant;

/**
 * What a node says about itself in the registry, about every second: who and where it is, and its
 * live figures. Never a password or a database path.
 */
public record NodeFigures(String id, String url, String host, long pid, String version, Instant startedAt,
                          double hitRate, long hits, long misses, long entries, double requestsPerSecond,
                          String redis) {
}
