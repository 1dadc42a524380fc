package nl.lvds.pipeline.demo;

import java.time.Duration;
import java.time.Instant;

/**
 * The demo's accelerated clock: maps real (wall-clock) time to simulated event time and back, so
 * that {@code speed} simulated seconds pass per real second from a chosen pair of start instants.
 *
 * <p>Both directions are linear: {@code sim = simStart + (real - realStart) × speed}. Times are
 * epoch milliseconds; fractions of a millisecond are rounded down, so {@code realAt(simAt(t))} may
 * be up to one millisecond early, never late (a record is never held back past its real time).
 *
 * @param simStart the simulated instant that corresponds to {@code realStart} (epoch ms)
 * @param realStart the real instant the live stream starts (epoch ms)
 * @param speed simulated seconds per real second (&gt; 0; 60 = one simulated hour per real minute)
 */
public record SimClock(long simStart, long realStart, double speed) {

    /** Validates the speed. */
    public SimClock {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number: " + speed);
        }
    }

    /** A clock that maps {@code realStart} to {@code simStart}. */
    public static SimClock of(Instant simStart, Instant realStart, double speed) {
        return new SimClock(simStart.toEpochMilli(), realStart.toEpochMilli(), speed);
    }

    /** The simulated time at a real time (before {@code realStart}: earlier simulated times). */
    public long simAt(long realMillis) {
        return simStart + (long) Math.floor((realMillis - realStart) * speed);
    }

    /** The real time at which a simulated time is reached. */
    public long realAt(long simMillis) {
        return realStart + (long) Math.floor((simMillis - simStart) / speed);
    }

    /** How long in real time a simulated duration takes. */
    public Duration realDuration(Duration simulated) {
        return Duration.ofMillis((long) Math.ceil(simulated.toMillis() / speed));
    }

    /** How much simulated time passes in a real duration. */
    public Duration simDuration(Duration real) {
        return Duration.ofMillis((long) Math.floor(real.toMillis() * speed));
    }
}
