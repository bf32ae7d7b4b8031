package dev.flashsale.sale.read;

import dev.flashsale.cache.Loaded;

/**
 * A cache tier shared by every node of a cluster, between a node's own cache and the store: a
 * miss here loads from the store once for the whole cluster. The catalog goes through it on every
 * load of its own cache; {@link #NONE} (one process alone) goes straight to the store.
 */
public interface SharedTier {

    /** The store's load of one key: a {@link Cached} value and its TTL, or null for "nothing there". */
    @FunctionalInterface
    interface StoreLoad {
        Loaded<Object> load() throws Exception;
    }

    /**
     * The value of {@code key} (of type {@code valueType}, wrapped in {@link Cached}) from the shared
     * tier if another node loaded it, with the TTL it has left there; else from {@code store},
     * written to the shared tier for the others. Never fails because the shared tier does.
     */
    Loaded<Object> load(String key, Class<?> valueType, StoreLoad store) throws Exception;

    SharedTier NONE = (key, valueType, store) -> store.load();
}
