package dev.flashsale.cache;

/**
 * Receives cache events on the thread that caused them, so it must be quick and must not call
 * back into JavaFX directly (queue the event). An exception it throws is logged and ignored: a
 * listener never breaks the cache. Hits never produce events.
 */
@FunctionalInterface
public interface CacheListener {
    void onEvent(CacheEvent event);
}
