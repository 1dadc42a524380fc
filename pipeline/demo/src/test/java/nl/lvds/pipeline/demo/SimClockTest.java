package nl.lvds.pipeline.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The demo's simulated ↔ real time mapping. */
class SimClockTest {

    static final Instant SIM = Instant.parse("2024-03-07T15:46:00Z");
    static final Instant REAL = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void shouldRunOneSimulatedHourPerRealMinuteAtSpeed60() {
        SimClock c = SimClock.of(SIM, REAL, 60);
        assertThat(c.simAt(REAL.toEpochMilli())).isEqualTo(SIM.toEpochMilli());
        assertThat(c.simAt(REAL.plusSeconds(60).toEpochMilli()))
                .isEqualTo(SIM.plusSeconds(3600).toEpochMilli());
        assertThat(c.realAt(SIM.plusSeconds(3600).toEpochMilli()))
                .isEqualTo(REAL.plusSeconds(60).toEpochMilli());
        assertThat(c.realDuration(Duration.ofHours(24))).isEqualTo(Duration.ofMinutes(24));
        assertThat(c.simDuration(Duration.ofSeconds(45))).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void shouldMapBothWaysConsistentlyAndNeverLate() {
        for (double speed : new double[] {1, 7, 60, 600, 3600, 0.5}) {
            SimClock c = SimClock.of(SIM, REAL, speed);
            for (long offset = -86_400_000L; offset <= 86_400_000L; offset += 12_345_677L) {
                long sim = SIM.toEpochMilli() + offset;
                long real = c.realAt(sim);
                // at the real moment a record is due, its simulated time has come (≤ 1 ms early)
                assertThat(c.simAt(real)).isLessThanOrEqualTo(sim);
                assertThat(c.simAt(real + 1)).isGreaterThanOrEqualTo(sim);
            }
        }
    }

    @Test
    void shouldBeMonotonic() {
        SimClock c = SimClock.of(SIM, REAL, 60);
        long prev = Long.MIN_VALUE;
        for (long r = REAL.toEpochMilli() - 5_000; r < REAL.toEpochMilli() + 5_000; r += 7) {
            long s = c.simAt(r);
            assertThat(s).isGreaterThanOrEqualTo(prev);
            prev = s;
        }
    }

    @Test
    void shouldRefuseNonPositiveSpeeds() {
        assertThatThrownBy(() -> SimClock.of(SIM, REAL, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimClock.of(SIM, REAL, -60))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimClock.of(SIM, REAL, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldPlaceTheScriptedEventLeadRealSecondsAfterTheLiveStart() {
        Instant event = Instant.parse("2024-03-07T16:31:00Z"); // 17:31 in Rotterdam
        Instant simStart = Demo.simStart(event, Duration.ofSeconds(45), 60);
        assertThat(simStart).isEqualTo(Instant.parse("2024-03-07T15:46:00Z"));
        SimClock c = SimClock.of(simStart, REAL, 60);
        assertThat(c.realAt(event.toEpochMilli())).isEqualTo(REAL.plusSeconds(45).toEpochMilli());
    }
}
