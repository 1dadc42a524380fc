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
}
