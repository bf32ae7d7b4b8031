package dev.flashsale.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A ticker moved only by hand: tests advance time instead of sleeping. Thread-safe. */
public final class ManualTicker implements Ticker {

    private final AtomicLong nanos;

    public ManualTicker() {
        this(0L);
    }

    public ManualTicker(long startNanos) {
        this.nanos = new AtomicLong(startNanos);
    }

    @Override
    public long read() {
        return nanos.get();
    }

    public ManualTicker advance(Duration d) {
        nanos.addAndGet(d.toNanos());
        return this;
    }

    public ManualTicker advanceNanos(long n) {
        nanos.addAndGet(n);
        return this;
    }
}
