package nl.lvds.dashboards.briefing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand. */
public final class MutableClock extends Clock {
    private volatile Instant now;

    /** Starting at {@code start}. */
    public MutableClock(Instant start) {
        this.now = start;
    }

    /** Moves forward. */
    public void advance(Duration d) {
        now = now.plus(d);
    }

    /** Sets the time. */
    public void set(Instant t) {
        now = t;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
