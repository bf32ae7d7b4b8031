package dev.flashsale.cache;

/**
 * An immutable snapshot of a cache's counters.
 *
 * @param hits               reads that found a fresh entry
 * @param misses             reads that found nothing fresh (including those that then loaded)
 * @param loads              loader runs that returned (a value or null), refreshes included
 * @param loadFailures       loader runs that threw
 * @param totalLoadTimeNanos time spent in loaders, successful or not
 * @param evictions          entries removed because the cache was over {@code maxEntries}
 * @param expirations        entries removed because their TTL had passed
 * @param invalidations      entries removed by invalidate, namespace invalidation or clear
 */
public record CacheStats(long hits, long misses, long loads, long loadFailures, long totalLoadTimeNanos,
                         long evictions, long expirations, long invalidations) {

    public static final CacheStats EMPTY = new CacheStats(0, 0, 0, 0, 0, 0, 0, 0);

    public long requestCount() {
        return hits + misses;
    }

    /** hits / (hits + misses); 1.0 before the first request, as in Caffeine's {@code CacheStats}. */
    public double hitRate() {
        long requests = requestCount();
        return requests == 0 ? 1.0 : (double) hits / requests;
    }

    public double missRate() {
        long requests = requestCount();
        return requests == 0 ? 0.0 : (double) misses / requests;
    }

    /** Mean time per loader run in nanoseconds; 0 before the first load. */
    public double averageLoadPenaltyNanos() {
        long runs = loads + loadFailures;
        return runs == 0 ? 0.0 : (double) totalLoadTimeNanos / runs;
    }

    /** The counters of two caches together (e.g. every node of a cluster). */
    public CacheStats plus(CacheStats other) {
        return new CacheStats(hits + other.hits, misses + other.misses, loads + other.loads,
                loadFailures + other.loadFailures, totalLoadTimeNanos + other.totalLoadTimeNanos,
                evictions + other.evictions, expirations + other.expirations, invalidations + other.invalidations);
    }

    /** The counters accumulated since {@code earlier} (never negative). */
    public CacheStats minus(CacheStats earlier) {
        return new CacheStats(
                Math.max(0, hits - earlier.hits),
                Math.max(0, misses - earlier.misses),
                Math.max(0, loads - earlier.loads),
                Math.max(0, loadFailures - earlier.loadFailures),
                Math.max(0, totalLoadTimeNanos - earlier.totalLoadTimeNanos),
                Math.max(0, evictions - earlier.evictions),
                Math.max(0, expirations - earlier.expirations),
                Math.max(0, invalidations - earlier.invalidations));
    }
}
