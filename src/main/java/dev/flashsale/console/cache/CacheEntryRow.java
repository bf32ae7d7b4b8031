package dev.flashsale.console.cache;

import java.time.Instant;

/**
 * One row of the live cache table. Its fields are written by the panel's refresh thread and read
 * by the table's cells, which redraw on every tick of the panel's clock: so a hit count or a new
 * value costs the FX thread nothing until the row is on screen, and countdowns move without any
 * row changing. Rows are updated in place, never replaced, so a row's invalidate button stays
 * attached while the table refreshes.
 */
public final class CacheEntryRow {
    private final String key;
    private final String namespace;
    private volatile Object value;
    private volatile String preview;
    private volatile Instant writtenAt;
    private volatile Instant expiresAt;
    private volatile long hits;
    private volatile long recentHits;

    CacheEntryRow(String key, String namespace, Object value, String preview, Instant writtenAt, Instant expiresAt,
                  long hits) {
        this.key = key;
        this.namespace = namespace;
        this.value = value;
        this.preview = preview;
        this.writtenAt = writtenAt;
        this.expiresAt = expiresAt;
        this.hits = hits;
    }

    /** Refresh thread only. A null argument leaves that field as it was. */
    void update(Object newValue, String newPreview, Instant newWrittenAt, Instant newExpiresAt, long newHits) {
        value = newValue;
        if (newPreview != null) {
            preview = newPreview;
        }
        if (newWrittenAt != null) {
            writtenAt = newWrittenAt;
            expiresAt = newExpiresAt;
        }
        hits = newHits;
    }

    public String key() {
        return key;
    }

    public String namespace() {
        return namespace;
    }

    public Object value() {
        return value;
    }

    public String preview() {
        return preview;
    }

    public Instant writtenAt() {
        return writtenAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public long hits() {
        return hits;
    }

    /** Hits in about the last minute (50 to 60 s, in 10 s steps), for the impact of an invalidation. */
    public long recentHits() {
        return recentHits;
    }

    /** Refresh thread only. */
    void setRecentHits(long n) {
        recentHits = n;
    }

    /** Milliseconds left at {@code now}, never negative. */
    public long remainingMillis(Instant now) {
        return Math.max(0, expiresAt.toEpochMilli() - now.toEpochMilli());
    }

    /** The fraction of the TTL left at {@code now}, 0..1. */
    public double remainingFraction(Instant now) {
        long total = expiresAt.toEpochMilli() - writtenAt.toEpochMilli();
        return total <= 0 ? 0 : Math.min(1, remainingMillis(now) / (double) total);
    }

    public long ageMillis(Instant now) {
        return Math.max(0, now.toEpochMilli() - writtenAt.toEpochMilli());
    }

    @Override
    public String toString() {
        return key;
    }
}
