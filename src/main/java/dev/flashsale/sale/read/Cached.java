package dev.flashsale.sale.read;

import java.util.Objects;
import java.util.function.Function;

/**
 * A value as the catalog caches it, with room for one rendering of it (the storefront's JSON
 * bytes), made once per load and then served as is on every hit.
 */
public final class Cached<T> {
    private final T value;
    private volatile byte[] body;

    public Cached(T value) {
        this.value = Objects.requireNonNull(value);
    }

    public T value() {
        return value;
    }

    /** The rendering, made by {@code render} on first use; racing first uses render twice, harmlessly. */
    public byte[] body(Function<? super T, byte[]> render) {
        byte[] b = body;
        if (b == null) {
            b = render.apply(value);
            body = b;
        }
        return b;
    }

    /** The size of the rendering if made, else -1 (for the live panel's size estimate). */
    public long renderedSize() {
        byte[] b = body;
        return b == null ? -1 : b.length;
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
