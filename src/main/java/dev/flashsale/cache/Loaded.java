package dev.flashsale.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * A loaded value and how long it may be cached. A TTL of zero or less means "return it but do
 * not cache it" (used when the value changes at once, e.g. a sale boundary now).
 */
public record Loaded<V>(V value, Duration ttl) {
    public Loaded {
        Objects.requireNonNull(ttl, "ttl");
    }

    public static <V> Loaded<V> of(V value, Duration ttl) {
        return new Loaded<>(value, ttl);
    }
}
