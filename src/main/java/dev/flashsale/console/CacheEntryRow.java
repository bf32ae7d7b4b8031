package dev.flashsale.console;

import java.time.Instant;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One row of the live cache table. Updated in place (never replaced) so a row's cells and its
 * invalidate button stay attached while the table refreshes. Age and remaining TTL are not stored:
 * cells compute them from the panel's ticking "now", so countdowns move without any row changing.
 */
public final class CacheEntryRow {
    private final String key;
    private final String namespace;
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Instant> writtenAt = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Instant> expiresAt = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyLongWrapper hits = new ReadOnlyLongWrapper();
    private Object value;

    CacheEntryRow(String key, String namespace, Object value, String preview, Instant writtenAt, Instant expiresAt,
                  long hits) {
        this.key = key;
        this.namespace = namespace;
        update(value, preview, writtenAt, expiresAt, hits);
    }

    /** FX thread only (or before the row is shown). */
    void update(Object newValue, String newPreview, Instant newWrittenAt, Instant newExpiresAt, long newHits) {
        value = newValue;
        preview.set(newPreview);
        writtenAt.set(newWrittenAt);
        expiresAt.set(newExpiresAt);
        hits.set(newHits);
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

    public ReadOnlyStringProperty previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> writtenAtProperty() {
        return writtenAt.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> expiresAtProperty() {
        return expiresAt.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty hitsProperty() {
        return hits.getReadOnlyProperty();
    }

    public Instant writtenAt() {
        return writtenAt.get();
    }

    public Instant expiresAt() {
        return expiresAt.get();
    }

    public long hits() {
        return hits.get();
    }

    /** Milliseconds left at {@code now}, never negative. */
    public long remainingMillis(Instant now) {
        return Math.max(0, expiresAt.get().toEpochMilli() - now.toEpochMilli());
    }

    /** The fraction of the TTL left at {@code now}, 0..1. */
    public double remainingFraction(Instant now) {
        long total = expiresAt.get().toEpochMilli() - writtenAt.get().toEpochMilli();
        return total <= 0 ? 0 : Math.min(1, remainingMillis(now) / (double) total);
    }

    public long ageMillis(Instant now) {
        return Math.max(0, now.toEpochMilli() - writtenAt.get().toEpochMilli());
    }

    @Override
    public String toString() {
        return key;
    }
}
