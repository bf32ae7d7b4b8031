package dev.flashsale.cache;

import java.time.Duration;
import java.time.Instant;

/** One row of the live panel: an entry as it was when the snapshot was taken. */
public record CacheEntrySnapshot(String key, String namespace, Object value, Instant writtenAt,
                                 Instant expiresAt, Duration remainingTtl, long hits, long estimatedBytes) {
}
