package dev.flashsale.cache;

/** What happened to the cache, for the console's event log. */
public enum CacheEventType {
    /** A value was stored (by put, a load or a refresh). */
    PUT,
    /** One key was invalidated by hand. */
    INVALIDATE,
    /** Every key of one namespace was invalidated; {@code count} says how many. */
    INVALIDATE_NAMESPACE,
    /** The whole cache was cleared; {@code count} says how many entries went. */
    CLEAR,
    /** An entry was removed because its TTL had passed. */
    EXPIRE,
    /** An entry was removed because the cache was over its {@code maxEntries} bound. */
    EVICT,
    /** A loader threw; nothing was cached. */
    LOAD_FAILURE
}
