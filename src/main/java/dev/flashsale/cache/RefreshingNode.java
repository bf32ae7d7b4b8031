package dev.flashsale.cache;

import java.util.concurrent.atomic.AtomicBoolean;

/** A loaded node that knows how to reload itself once it enters the last part of its TTL. */
final class RefreshingNode<V> extends Node<V> {
    private final long deadline;
    final long refreshAt;
    final ValueLoader<? extends V> loader;
    final AtomicBoolean refreshing = new AtomicBoolean();

    RefreshingNode(V value, long deadline, long ttlNanos, long refreshAt, ValueLoader<? extends V> loader) {
        super(value, deadline, ttlNanos, refreshAt);
        this.deadline = deadline;
        this.refreshAt = refreshAt;
        this.loader = loader;
    }

    @Override
    long deadline() {
        return deadline;
    }

    @Override
    boolean refreshDue(long now) {
        return now >= refreshAt && refreshing.compareAndSet(false, true);
    }
}
