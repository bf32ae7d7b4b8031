package dev.flashsale.cluster;

/** One value in the shared tier, as the console lists it: its cache key, time left, size of its JSON. */
public record SharedEntry(String key, long ttlMillis, long bytes) {
}
