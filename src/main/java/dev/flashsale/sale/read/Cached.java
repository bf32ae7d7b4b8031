package dev.flashsale.sale.read;

import java.util.Objects;
import java.util.function.Function;

/**
 * A value as the catalog caches it: until when it stays true, and room for its rendering (the
 * storefront's JSON, compressed and tagged), made once per load and then served as is on every hit.
 */
public final class Cached<T> {

    /** A rendering of a cached value, and what it costs in memory (for the live panel's size estimate). */
    public interface Rendering {
        long bytes();
    }

    private final T value;
    private final long expiresAtNanos;
    private volatile Rendering rendering;

    /** A value whose end is not known (never said to last: {@link #remainingNanos} is 0). */
    public Cached(T value) {
        this(value, Long.MIN_VALUE);
    }

    /** A value true until {@code expiresAtNanos} on the cache's ticker. */
    public Cached(T value, long expiresAtNanos) {
        this.value = Objects.requireNonNull(value);
        this.expiresAtNanos = expiresAtNanos;
    }

    public T value() {
        return value;
    }

    /** The same value, true until {@code expiresAtNanos} (its rendering is made again, once). */
    public Cached<T> expiringAt(long expiresAtNanos) {
        return new Cached<>(value, expiresAtNanos);
    }

    /** How long the value stays true from {@code nowNanos} (the cache's ticker), never negative. */
    public long remainingNanos(long nowNanos) {
        return expiresAtNanos == Long.MIN_VALUE ? 0 : Math.max(0, expiresAtNanos - nowNanos);
    }

    /**
     * The rendering, made by {@code render} on first use; racing first uses render twice,
     * harmlessly. Every caller of one value must ask for the same kind of rendering.
     */
    @SuppressWarnings("unchecked")
    public <R extends Rendering> R rendering(Function<? super T, R> render) {
        Rendering r = rendering;
        if (r == null) {
            r = render.apply(value);
            rendering = r;
        }
        return (R) r;
    }

    /** The size of the rendering if made, else -1 (for the live panel's size estimate). */
    public long renderedSize() {
        Rendering r = rendering;
        return r == null ? -1 : r.bytes();
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
