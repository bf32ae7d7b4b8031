package dev.flashsale.cache;

/**
 * Loads one key's value for a fixed TTL. It receives the key, so a loader can be a constant
 * (non-capturing) lambda and load-through hits allocate nothing. Null and failures: see
 * {@link ValueLoader}.
 */
@FunctionalInterface
public interface KeyLoader<V> {
    V load(String key) throws Exception;
}
