package dev.flashsale.sale;

import dev.flashsale.cache.ManualTicker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A wall clock and the cache's ticker, moved together by the test: time passes without sleeping. */
final class TestTime extends Clock {
    final ManualTicker ticker = new ManualTicker();
    private volatile Instant now;

    TestTime(Instant start) {
        this.now = start;
    }

    void advance(Duration d) {
        now = now.plus(d);
        ticker.advance(d);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
