package dev.flashsale.sale.read;

import java.time.Duration;
import java.time.Instant;
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
    /** The answer from {@link #nextAt} on (a sale starts or ends then), or null. */
    private final Cached<T> next;
    private final Instant nextAt;
    private volatile Rendering rendering;

    /** A value whose end is not known (never said to last: {@link #remainingNanos} is 0). */
    public Cached(T value) {
        this(value, Long.MIN_VALUE);
    }

    /** A value true until {@code expiresAtNanos} on the cache's ticker. */
    public Cached(T value, long expiresAtNanos) {
        this(value, expiresAtNanos, null, null);
    }

    private Cached(T value, long expiresAtNanos, Cached<T> next, Instant nextAt) {
        this.value = Objects.requireNonNull(value);
        this.expiresAtNanos = expiresAtNanos;
        this.next = next;
        this.nextAt = nextAt;
    }

    /**
     * {@code value} until {@code at}, then {@code then}: a sale boundary known when the answer is
     * loaded. One cache entry holds both, so the boundary costs no miss (every node missing every
     * product's price at once when a campaign starts); the switch is made on the store's clock, as
     * the boundary itself was computed.
     */
    public static <T> Cached<T> until(T value, Instant at, T then) {
        return new Cached<>(value, Long.MIN_VALUE, new Cached<>(then), Objects.requireNonNull(at));
    }

    public T value() {
        return value;
    }

    /** Whether another answer takes over at {@link #nextAt()}. */
    public boolean hasNext() {
        return next != null;
    }

    /** When the next answer takes over, or null. */
    public Instant nextAt() {
        return nextAt;
    }

    /** The next answer, or null. */
    public Cached<T> next() {
        return next;
    }

    /** The answer true at {@code now}: this one, or the next once its time has come. */
    public Cached<T> at(Instant now) {
        return next != null && !now.isBefore(nextAt) ? next : this;
    }

    /** The same value, true until {@code expiresAtNanos} (its rendering is made again, once). */
    public Cached<T> expiringAt(long expiresAtNanos) {
        return new Cached<>(value, expiresAtNanos);
    }

    /**
     * Stamped on the cache's ticker when stored: {@code nowNanos} is that ticker now and
     * {@code wallNow} the clock now; the entry lives {@code ttl}. A value with a next one is true
     * until the next one's time, and the next one until the entry's end.
     */
    public Cached<T> stamped(long nowNanos, Duration ttl, Instant wallNow) {
        long end = nowNanos + ttl.toNanos();
        if (next == null) {
            return new Cached<>(value, end);
        }
        long untilNext = Math.max(0, Duration.between(wallNow, nextAt).toNanos());
        return new Cached<>(value, Math.min(end, nowNanos + untilNext), new Cached<>(next.value, end), nextAt);
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
