package nl.lvds.pipeline.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BaselineTest {
    private static final int DAY = Buckets.PER_DAY;

    @Test
    void shouldHaveNoBaselineBeforeMinDaysOfHistory() {
        Baseline b = Baseline.create(28);
        long first = 10_000;
        b.record(first - 3, 0); // history starts 3 slots before: the first 1 h window is known
        for (int d = 0; d < 7; d++) {
            b.record(first + d * DAY, 5);
        }
        // window of 4 slots ending right after the 7th day's slot: 6 earlier days known
        long end = first + 6 * DAY + 1;
        assertThat(b.stats(end, 4, 28, 7)).isNull();
        assertThat(b.stats(end, 4, 28, 6)).isNotNull();
    }

    @Test
    void shouldSkipSamplesThatReachBeforeTheFirstSlot() {
        Baseline b = Baseline.create(28);
        for (int d = 0; d < 8; d++) {
            b.record(d * DAY, 1);
        }
        // a 1 h window needs 3 slots before each sample's last one: day 0 is not usable
        assertThat(b.stats(7 * DAY + 1, 4, 28, 1).samples()).isEqualTo(6);
        assertThat(b.stats(7 * DAY + 1, 1, 28, 1).samples()).isEqualTo(7);
    }

    @Test
    void shouldAverageTheSameTimeOfDayOverEarlierDays() {
        Baseline b = Baseline.create(28);
        long first = 10_000;
        b.record(first - 3, 0);
        int[] perDay = {2, 4, 4, 4, 5, 5, 7, 9, 100};
        for (int d = 0; d < perDay.length; d++) {
            b.record(first + d * DAY, perDay[d]);
            b.record(first + d * DAY + 10, 1000); // outside the 1 h window
        }
        // the 1 h window ending after the last day's slot: samples are days 0..7
        Baseline.Stats s = b.stats(first + 8 * DAY + 1, 4, 28, 7);
        assertThat(s.samples()).isEqualTo(8);
        assertThat(s.mean()).isEqualTo(5.0);
        assertThat(s.std()).isCloseTo(2.0, within(1e-9));
        assertThat(s.total()).isEqualTo(40);
    }

    @Test
    void shouldCountSilentSlotsAsZeroAndUseAtMostTheConfiguredDays() {
        Baseline b = Baseline.create(28);
        long first = 0;
        b.record(first, 3);
        b.record(first + 40 * DAY, 1); // 40 days later; days in between were silent
        Baseline.Stats s = b.stats(first + 40 * DAY + 1, 4, 28, 7);
        assertThat(s.samples()).isEqualTo(28);
        assertThat(s.mean()).isZero();
        assertThat(s.std()).isZero();
    }

    @Test
    void shouldSumTheDailyTotalsForTheDayWindow() {
        Baseline b = Baseline.create(28);
        for (long slot = 0; slot < 10 * DAY; slot++) {
            b.record(slot, (int) (slot / DAY)); // day d has d per slot
        }
        Baseline.Stats s = b.stats(10 * DAY, DAY, 28, 7);
        // samples: days 8, 7, ..., 0 → totals 96*d
        assertThat(s.samples()).isEqualTo(9);
        assertThat(s.mean()).isCloseTo(96 * 4.0, within(1e-9));
    }

    @Test
    void shouldReplaceARecordedSlotOnACorrection() {
        Baseline b = Baseline.create(28);
        for (int d = 0; d < 8; d++) {
            b.record(d * DAY, 5);
        }
        b.record(0, 13);
        Baseline.Stats s = b.stats(7 * DAY + 1, 1, 28, 7);
        assertThat(s.mean()).isEqualTo((13 + 6 * 5) / 7.0);
    }

    @Test
    void shouldForgetSlotsTheRingNoLongerHolds() {
        Baseline b = Baseline.create(2); // ring of 4 days
        b.record(0, 7);
        b.record(5 * DAY, 1);
        b.record(0, 9); // older than the ring: ignored
        assertThat(b.stats(5 * DAY + 1, 1, 2, 1).mean()).isZero();
        assertThat(b.lastActivityEnd()).isEqualTo((5L * DAY + 1) * Buckets.SIZE_MS);
    }
}
