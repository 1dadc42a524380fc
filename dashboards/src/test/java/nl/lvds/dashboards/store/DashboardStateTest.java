package nl.lvds.dashboards.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.lvds.dashboards.DashboardFixture;
import nl.lvds.dashboards.store.DashboardState.CellKey;
import nl.lvds.models.event.TensionIndicator;
import org.junit.jupiter.api.Test;

class DashboardStateTest {

    private static final long HOUR = 3_600_000L;
    private static final long T0 = 1_709_800_000_000L - Math.floorMod(1_709_800_000_000L, HOUR);

    @Test
    void shouldKeepLatestPerCellAndWindowSize() {
        DashboardState s = new DashboardState(Duration.ofDays(28));
        s.apply(
                List.of(
                        DashboardFixture.indicator("Charlois", "Charlois", "all", 1, T0, 10),
                        DashboardFixture.indicator("Charlois", "Charlois", "all", 1, T0 + HOUR, 20),
                        DashboardFixture.indicator("Charlois", "Charlois", "all", 24, T0, 30)),
                List.of(),
                List.of(),
                List.of(),
                0,
                1);
        assertThat(s.latest(new CellKey("Charlois", "all", 1)).map(TensionIndicator::tensionIndex))
                .contains(20.0);
        assertThat(
                        s.previous(new CellKey("Charlois", "all", 1))
                                .map(TensionIndicator::tensionIndex))
                .contains(10.0);
        assertThat(s.latest(new CellKey("Charlois", "all", 24)).map(TensionIndicator::tensionIndex))
                .contains(30.0);
        assertThat(s.seriesCount()).isEqualTo(2);
    }

    @Test
    void shouldBoundHistoryInEventTime() {
        DashboardState s = new DashboardState(Duration.ofDays(1));
        s.apply(
                List.of(
                        DashboardFixture.indicator("Noord", "Noord", "all", 1, T0, 10),
                        DashboardFixture.indicator("Centrum", "Centrum", "all", 1, T0, 10)),
                List.of(DashboardFixture.alert("old", "Noord", T0, List.of())),
                List.of(DashboardFixture.incident("i-old", "Noord", T0)),
                List.of(T0),
                0,
                1);
        s.apply(
                List.of(DashboardFixture.indicator("Noord", "Noord", "all", 1, T0 + 48 * HOUR, 50)),
                List.of(),
                List.of(),
                List.of(),
                0,
                2);
        s.prune();
        CellKey noord = new CellKey("Noord", "all", 1);
        assertThat(s.series(noord, 0, Long.MAX_VALUE)).hasSize(1);
        assertThat(s.latest(new CellKey("Centrum", "all", 1))).isEmpty();
        assertThat(s.alerts()).isEmpty();
        assertThat(s.incidents(0, Long.MAX_VALUE)).isEmpty();
        assertThat(s.health().indicatorsConsumed()).isEqualTo(3);
    }

    @Test
    void shouldNotifyOnlyNewAlertsWhenReplayedTwice() {
        DashboardState s = new DashboardState(Duration.ofDays(28));
        List<DashboardState.Update> updates = new ArrayList<>();
        s.addListener(updates::add);
        var alert = DashboardFixture.alert("a-1", "Charlois", T0, List.of("x"));
        s.apply(List.of(), List.of(alert), List.of(), List.of(), 0, 1);
        s.apply(List.of(), List.of(alert), List.of(), List.of(), 0, 2);
        assertThat(s.alerts()).hasSize(1);
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).alerts()).extracting(a -> a.id()).containsExactly("a-1");
    }

    private static final long QUARTER = HOUR / 4;

    private static void applyEarly(DashboardState s, TensionIndicator... early) {
        s.apply(List.of(), List.of(early), List.of(), List.of(), List.of(), 0, 1);
    }

    private static void applyFinal(DashboardState s, TensionIndicator... finals) {
        s.apply(List.of(finals), List.of(), List.of(), List.of(), List.of(), 0, 1);
    }

    private static Integer earlySignals(DashboardState s, String area) {
        return s.early(new CellKey(area, "all", 1)).map(TensionIndicator::signals).orElse(null);
    }

    @Test
    void shouldKeepOnlyTheNewestProvisionalPerCell() {
        DashboardState s = new DashboardState(Duration.ofDays(28));
        applyFinal(s, DashboardFixture.indicator("Noord", "Noord", "all", 1, T0, 40));
        long open = T0 + QUARTER;
        applyEarly(s, DashboardFixture.early("Noord", "Noord", "all", open, 5, 20));
        assertThat(earlySignals(s, "Noord")).isEqualTo(5);
        // The same window re-published with more signals: the newest record wins.
        applyEarly(s, DashboardFixture.early("Noord", "Noord", "all", open, 9, 25));
        assertThat(earlySignals(s, "Noord")).isEqualTo(9);
        // The next bucket's window replaces it; a late record of the older window does not.
        applyEarly(s, DashboardFixture.early("Noord", "Noord", "all", open + QUARTER, 3, 10));
        applyEarly(s, DashboardFixture.early("Noord", "Noord", "all", open, 11, 30));
        assertThat(s.early(new CellKey("Noord", "all", 1)).map(TensionIndicator::windowEnd))
                .contains(open + QUARTER);
        assertThat(earlySignals(s, "Noord")).isEqualTo(3);
        // Many re-publications of many windows: still one per cell.
        for (int i = 0; i < 100; i++) {
            applyEarly(
                    s,
                    DashboardFixture.early("Noord", "Noord", "all", open + QUARTER, 3 + i, 10),
                    DashboardFixture.early("Centrum", "Centrum", "all", open + QUARTER, i, 10));
        }
        assertThat(s.earlyCount()).isEqualTo(2);
        assertThat(earlySignals(s, "Noord")).isEqualTo(102);
        // Provisional values are not part of the final series, its counters or its event time.
        assertThat(s.series(new CellKey("Noord", "all", 1), 0, Long.MAX_VALUE)).hasSize(1);
        assertThat(s.latest(new CellKey("Noord", "all", 1)).map(TensionIndicator::windowEnd))
                .contains(T0);
        assertThat(s.maxEventTime()).isEqualTo(T0);
        assertThat(s.health().indicatorsConsumed()).isEqualTo(1);
        assertThat(s.health().earlyConsumed()).isEqualTo(204);
        assertThat(s.health().earlyHeld()).isEqualTo(2);
    }

    @Test
    void shouldDropProvisionalWhenItsFinalArrives() {
        DashboardState s = new DashboardState(Duration.ofDays(28));
        long open = T0 + QUARTER;
        applyEarly(
                s,
                DashboardFixture.early("Noord", "Noord", "all", open, 5, 20),
                DashboardFixture.early("Centrum", "Centrum", "all", open, 5, 20),
                DashboardFixture.early("Delfshaven", "Delfshaven", "all", open, 5, 20));
        // A final of an older window leaves it; the final of its window or a later one drops it.
        applyFinal(
                s,
                DashboardFixture.indicator("Noord", "Noord", "all", 1, T0, 40),
                DashboardFixture.indicator("Centrum", "Centrum", "all", 1, open, 40),
                DashboardFixture.indicator(
                        "Delfshaven", "Delfshaven", "all", 1, open + QUARTER, 40));
        assertThat(s.early(new CellKey("Noord", "all", 1))).isPresent();
        assertThat(s.early(new CellKey("Centrum", "all", 1))).isEmpty();
        assertThat(s.early(new CellKey("Delfshaven", "all", 1))).isEmpty();
        // The 24 h final of the same area and topic is another cell: it drops nothing.
        applyFinal(s, DashboardFixture.indicator("Noord", "Noord", "all", 24, open, 40));
        assertThat(s.early(new CellKey("Noord", "all", 1))).isPresent();
        // A provisional record that arrives after its final (at-least-once, re-published) is
        // ignored, also in the same batch as its final.
        applyEarly(s, DashboardFixture.early("Centrum", "Centrum", "all", open, 7, 20));
        assertThat(s.early(new CellKey("Centrum", "all", 1))).isEmpty();
        s.apply(
                List.of(DashboardFixture.indicator("Noord", "Noord", "all", 1, open, 40)),
                List.of(DashboardFixture.early("Noord", "Noord", "all", open, 8, 20)),
                List.of(),
                List.of(),
                List.of(),
                0,
                2);
        assertThat(s.early(new CellKey("Noord", "all", 1))).isEmpty();
        assertThat(s.earlyCount()).isZero();
    }

    @Test
    void shouldKeepSuppressedProvisionalWithoutCounts() {
        DashboardState s = new DashboardState(Duration.ofDays(28));
        long open = T0 + QUARTER;
        applyEarly(s, DashboardFixture.early("Pernis", "Pernis", "all", open, 12, 50));
        applyEarly(s, DashboardFixture.earlySuppressed("Pernis", "Pernis", "all", open));
        TensionIndicator held = s.early(new CellKey("Pernis", "all", 1)).orElseThrow();
        assertThat(held.suppressed()).isTrue();
        assertThat(held.signals()).isNull();
        assertThat(held.tensionIndex()).isNull();
    }

    @Test
    void shouldIgnoreProvisionalDayWindows() {
        DashboardState s = new DashboardState(Duration.ofDays(28));
        TensionIndicator day =
                new TensionIndicator(
                        1,
                        "Noord",
                        "Noord",
                        "all",
                        T0 - 24 * HOUR,
                        T0,
                        10,
                        10,
                        null,
                        5,
                        3,
                        2,
                        20.0,
                        null,
                        null,
                        null,
                        0,
                        false,
                        "m");
        applyEarly(s, day);
        assertThat(s.earlyCount()).isZero();
        assertThat(s.early(new CellKey("Noord", "all", 24))).isEmpty();
    }

    @Test
    void shouldDropProvisionalLongBehindTheNewestData() {
        DashboardState s = new DashboardState(Duration.ofDays(28));
        applyEarly(
                s,
                DashboardFixture.early("Noord", "Noord", "all", T0 + QUARTER, 5, 20),
                DashboardFixture.early("Centrum", "Centrum", "all", T0 + 2 * QUARTER, 5, 20));
        // Newest data at T0 + 45 min: 15 min behind is kept, more is dropped (its final is long
        // overdue: the pipeline was stopped or is behind).
        applyEarly(
                s,
                DashboardFixture.early("Charlois", "Charlois", "all", T0 + HOUR - QUARTER, 5, 20));
        assertThat(s.early(new CellKey("Noord", "all", 1))).isEmpty();
        assertThat(s.early(new CellKey("Centrum", "all", 1))).isPresent();
        assertThat(s.early(new CellKey("Charlois", "all", 1))).isPresent();
        // Final data far ahead (a restore that reached newer finals of other cells) drops it too.
        applyFinal(s, DashboardFixture.indicator("city", "city", "all", 1, T0 + 3 * HOUR, 40));
        assertThat(s.earlyCount()).isZero();
    }

    @Test
    void shouldTellListenersWhichProvisionalCellsChanged() {
        DashboardState s = new DashboardState(Duration.ofDays(28));
        List<DashboardState.Update> updates = new ArrayList<>();
        s.addListener(updates::add);
        applyFinal(s, DashboardFixture.indicator("Noord", "Noord", "all", 1, T0, 40));
        applyEarly(
                s,
                DashboardFixture.early("Noord", "Noord", "all", T0 + QUARTER, 5, 20),
                DashboardFixture.early("Noord", "Noord", "all", T0 + QUARTER, 6, 20));
        // Stale (its final is there): no update at all.
        applyEarly(s, DashboardFixture.early("Noord", "Noord", "all", T0, 9, 20));
        assertThat(updates).hasSize(2);
        assertThat(updates.get(1).early()).containsExactly(new CellKey("Noord", "all", 1));
        assertThat(updates.get(1).indicators()).isEmpty();
    }
}
