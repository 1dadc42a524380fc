package nl.lvds.dashboards.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BriefingSchedulerTest {

    private static final ZoneId AMS = ZoneId.of("Europe/Amsterdam");

    /** Ticks every 5 minutes from {@code start} to {@code end}; returns the fire times. */
    private static List<Instant> fires(
            LocalTime at, Instant start, Instant end, Path state, List<Instant[]> periods)
            throws Exception {
        MutableClock clock = new MutableClock(start);
        List<Instant> fired = new ArrayList<>();
        BriefingScheduler s =
                new BriefingScheduler(
                        at,
                        AMS,
                        state,
                        clock,
                        ms -> {},
                        (from, to) -> {
                            fired.add(to);
                            periods.add(new Instant[] {from, to});
                        });
        while (clock.instant().isBefore(end)) {
            s.tick();
            clock.advance(Duration.ofMinutes(5));
        }
        return fired;
    }

    @Test
    void shouldFireOnceAtLocalTimeAroundSpringForward(@TempDir Path state) throws Exception {
        List<Instant[]> periods = new ArrayList<>();
        // Sunday 31 March 2024: clocks go from 02:00 CET to 03:00 CEST.
        List<Instant> fired =
                fires(
                        LocalTime.of(7, 30),
                        Instant.parse("2024-03-29T12:00:00Z"),
                        Instant.parse("2024-04-01T12:00:00Z"),
                        state,
                        periods);
        assertThat(fired)
                .containsExactly(
                        Instant.parse("2024-03-30T06:30:00Z"), // 07:30 CET
                        Instant.parse("2024-03-31T05:30:00Z"), // 07:30 CEST
                        Instant.parse("2024-04-01T05:30:00Z"));
        // Each briefing covers the period since the previous one: 23 h on the short night.
        assertThat(Duration.between(periods.get(1)[0], periods.get(1)[1])).hasHours(23);
        assertThat(periods.get(0)[0]).isEqualTo(Instant.parse("2024-03-29T06:30:00Z"));
    }

    @Test
    void shouldFireOnceAtLocalTimeAroundFallBack(@TempDir Path state) throws Exception {
        List<Instant[]> periods = new ArrayList<>();
        // Sunday 27 October 2024: clocks go from 03:00 CEST back to 02:00 CET.
        List<Instant> fired =
                fires(
                        LocalTime.of(7, 30),
                        Instant.parse("2024-10-26T12:00:00Z"),
                        Instant.parse("2024-10-28T12:00:00Z"),
                        state,
                        periods);
        assertThat(fired)
                .containsExactly(
                        Instant.parse("2024-10-27T06:30:00Z"), // 07:30 CET
                        Instant.parse("2024-10-28T06:30:00Z"));
        assertThat(Duration.between(periods.get(0)[0], periods.get(0)[1])).hasHours(25);
    }

    @Test
    void shouldHandleATimeInsideTheDaylightSavingGapOrOverlap(@TempDir Path a, @TempDir Path b)
            throws Exception {
        List<Instant[]> periods = new ArrayList<>();
        // 02:30 does not exist on 31 March: it fires at 03:30 CEST, once.
        assertThat(
                        fires(
                                LocalTime.of(2, 30),
                                Instant.parse("2024-03-30T12:00:00Z"),
                                Instant.parse("2024-03-31T12:00:00Z"),
                                a,
                                periods))
                .containsExactly(Instant.parse("2024-03-31T01:30:00Z"));
        // 02:30 happens twice on 27 October: it fires once, at the first (CEST) occurrence.
        assertThat(
                        fires(
                                LocalTime.of(2, 30),
                                Instant.parse("2024-10-26T12:00:00Z"),
                                Instant.parse("2024-10-27T12:00:00Z"),
                                b,
                                periods))
                .containsExactly(Instant.parse("2024-10-27T00:30:00Z"));
    }

    @Test
    void shouldRememberTheLastBriefingAcrossRestartsAndCatchUpOnce(@TempDir Path state)
            throws Exception {
        List<Instant[]> periods = new ArrayList<>();
        fires(
                LocalTime.of(7, 30),
                Instant.parse("2024-03-05T12:00:00Z"),
                Instant.parse("2024-03-06T12:00:00Z"),
                state,
                periods);
        assertThat(periods).hasSize(1);
        // "Restart" two days later at 10:00 local: the missed briefings become one, covering
        // everything since the last one.
        List<Instant> fired =
                fires(
                        LocalTime.of(7, 30),
                        Instant.parse("2024-03-08T09:00:00Z"),
                        Instant.parse("2024-03-08T12:00:00Z"),
                        state,
                        periods);
        assertThat(fired).containsExactly(Instant.parse("2024-03-08T09:00:00Z"));
        assertThat(periods.get(1)[0]).isEqualTo(Instant.parse("2024-03-06T06:30:00Z"));
    }
}
