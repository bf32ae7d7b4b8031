package dev.flashsale.testing;

import dev.flashsale.cache.ManualTicker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Test time: a wall clock and the cache's monotonic ticker. {@link #advance} moves both, as real
 * time does; {@link #setWall} and {@link #advanceWall} move only the wall clock, as a user or NTP
 * changing the time would. Tests never sleep.
 */
public final class TestClock extends Clock {
    private final ManualTicker ticker = new ManualTicker(1_000_000_000L);
    private volatile Instant wall;

    public TestClock(Instant start) {
        this.wall = start;
    }

    public ManualTicker ticker() {
        return ticker;
    }

    /** Time passes: the wall clock and the ticker move together. */
    public void advance(Duration d) {
        wall = wall.plus(d);
        ticker.advance(d);
    }

    public void advanceWall(Duration d) {
        wall = wall.plus(d);
    }

    public void setWall(Instant instant) {
        wall = instant;
    }

    @Override
    public Instant instant() {
        return wall;
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
