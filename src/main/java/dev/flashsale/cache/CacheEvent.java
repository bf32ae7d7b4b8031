package dev.flashsale.cache;

import java.time.Instant;

/**
 * One cache event. {@code key} is the namespace for {@link CacheEventType#INVALIDATE_NAMESPACE}
 * and {@code null} for {@link CacheEventType#CLEAR}; {@code count} is the number of entries
 * affected; {@code detail} carries a failure's message.
 */
public record CacheEvent(Instant at, CacheEventType type, String key, long count, String detail) {
}
