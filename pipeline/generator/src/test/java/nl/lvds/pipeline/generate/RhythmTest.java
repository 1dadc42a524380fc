package nl.lvds.pipeline.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RhythmTest {

    @Test
    void shouldLayTheRhythmOnTheRealHoursOfDstDays() {
        Rhythm.DaySlots spring = Rhythm.slots(LocalDate.of(2024, 3, 31), DayGenerator.ZONE);
        Rhythm.DaySlots autumn = Rhythm.slots(LocalDate.of(2023, 10, 29), DayGenerator.ZONE);
        Rhythm.DaySlots ordinary = Rhythm.slots(LocalDate.of(2024, 4, 1), DayGenerator.ZONE);

        assertThat(spring.size()).isEqualTo(23);
        assertThat(autumn.size()).isEqualTo(25);
        assertThat(ordinary.size()).isEqualTo(24);
        for (Rhythm.DaySlots s : new Rhythm.DaySlots[] {spring, autumn, ordinary}) {
            assertThat(Arrays.stream(s.share()).sum()).isCloseTo(1.0, within(1e-9));
            SplittableRandom r = new SplittableRandom(1);
            for (int i = 0; i < 1000; i++) {
                assertThat(s.sampleTime(r)).isBetween(s.dayStart(), s.dayEnd() - 1);
            }
        }
    }

    @Test
    void shouldKeepTheWeeklyAverageAtOne() {
        double sum = 0;
        for (DayOfWeek d : DayOfWeek.values()) {
            sum += Rhythm.dayFactor(d);
        }
        assertThat(sum / 7).isCloseTo(1.0, within(1e-9));
        assertThat(Rhythm.dayFactor(DayOfWeek.SATURDAY))
                .isGreaterThan(Rhythm.dayFactor(DayOfWeek.TUESDAY));
        assertThat(Rhythm.hourWeight(DayOfWeek.WEDNESDAY, 21))
                .isGreaterThan(10 * Rhythm.hourWeight(DayOfWeek.WEDNESDAY, 4));
    }
}
