package dev.flashsale.cache;

/**
 * Loads the value for a key on a miss, and says how long it may be cached.
 *
 * <p>Returning {@code null} means "there is no value": nothing is cached, every caller waiting on
 * this load receives {@code null}, and the next call loads again. Throwing caches nothing either;
 * every waiting caller receives a {@link CacheLoadException} with the cause.
 */
@FunctionalInterface
public interface ValueLoader<V> {
    Loaded<V> load(String key) throws Exception;
}
