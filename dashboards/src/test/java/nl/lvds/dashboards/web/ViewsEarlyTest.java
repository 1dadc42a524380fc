package nl.lvds.dashboards.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.lvds.dashboards.DashboardFixture;
import nl.lvds.dashboards.store.AckStore;
import nl.lvds.dashboards.store.DashboardState;
import nl.lvds.dashboards.store.DashboardState.CellKey;
import nl.lvds.models.area.AreaGazetteer;
import nl.lvds.models.config.AreaLevel;
import nl.lvds.models.config.LvdsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How provisional values are rendered: marked, suppressed without numbers, behind the guard. */
class ViewsEarlyTest {

    private static final long HOUR = 3_600_000L;
    private static final long END = 1_709_800_000_000L - Math.floorMod(1_709_800_000_000L, HOUR);

    @TempDir Path dir;

    private DashboardState stateWithEarly() {
        DashboardState s = new DashboardState(Duration.ofDays(28));
        s.apply(
                List.of(DashboardFixture.indicator("Charlois", "Charlois", "all", 1, END, 60)),
                List.of(
                        DashboardFixture.early(
                                "Charlois", "Charlois", "all", END + HOUR / 4, 30, 42),
                        DashboardFixture.earlySuppressed("Pernis", "Pernis", "all", END + HOUR / 4),
                        DashboardFixture.early(
                                "Tarwewijk", "Charlois", "all", END + HOUR / 4, 30, 80),
                        DashboardFixture.early("city", "city", "all", END + HOUR / 4, 300, 35)),
                List.of(),
                List.of(),
                List.of(),
                0,
                1);
        return s;
    }

    private Views views(DashboardState s, AreaLevel area, String window) throws Exception {
        return new Views(
                s,
                new AckStore(dir),
                AreaGazetteer.rotterdam(),
                new GranularityGuard(
                        new LvdsConfig.Granularity(area, window), AreaGazetteer.rotterdam()));
    }

    @Test
    void shouldMarkProvisionalCellsAndShowNoNumbersWhenSuppressed() throws Exception {
        Views v = views(stateWithEarly(), AreaLevel.WIJK, "1h");
        @SuppressWarnings("unchecked")
        List<Views.Cell> early = (List<Views.Cell>) v.overview().get("early");
        // Tarwewijk is a wijk: the overview (and its live push) never shows wijk cells.
        assertThat(early)
                .extracting(Views.Cell::area)
                .containsExactlyInAnyOrder("city", "Charlois", "Pernis");
        assertThat(early).allSatisfy(c -> assertThat(c.provisional()).isTrue());
        Views.Cell charlois =
                early.stream().filter(c -> c.area().equals("Charlois")).findFirst().orElseThrow();
        assertThat(charlois.signals()).isEqualTo(30);
        assertThat(charlois.tensionIndex()).isEqualTo(42.0);
        assertThat(charlois.baselineMean()).isNull();
        assertThat(charlois.zScore()).isNull();
        assertThat(charlois.trend()).isNull();
        assertThat(charlois.incidents()).isNull();
        Views.Cell pernis =
                early.stream().filter(c -> c.area().equals("Pernis")).findFirst().orElseThrow();
        assertThat(pernis.suppressed()).isTrue();
        assertThat(pernis.signals()).isNull();
        assertThat(pernis.tensionIndex()).isNull();
        assertThat(pernis.band()).isNull();
        // The final cells are unchanged and not marked.
        @SuppressWarnings("unchecked")
        List<Views.Cell> cells = (List<Views.Cell>) v.overview().get("cells");
        assertThat(cells).allSatisfy(c -> assertThat(c.provisional()).isNull());
        // The series of the open hour carries it beside the points, not as one.
        Map<String, Object> series = v.series("Charlois", "all", 1, Duration.ofHours(24));
        assertThat(((List<?>) series.get("points"))).hasSize(1);
        assertThat(((Views.Cell) series.get("provisional")).signals()).isEqualTo(30);
        assertThat(v.series("Charlois", "all", 24, Duration.ofHours(24)))
                .doesNotContainKey("provisional");
    }

    @Test
    void shouldShowNoProvisionalValuesWhereTheGuardRefusesAnHour() throws Exception {
        DashboardState s = stateWithEarly();
        // Minimum window 24 h: a provisional value is always a 1 h window, so none is shown.
        Views day = views(s, AreaLevel.DISTRICT, "24h");
        assertThat((List<?>) day.overview().get("early")).isEmpty();
        assertThat(day.earlyCells(List.of(new CellKey("Charlois", "all", 1)))).isEmpty();
        // Minimum area city: only the city's.
        Views city = views(s, AreaLevel.CITY, "1h");
        assertThat(
                        city.earlyCells(
                                List.of(
                                        new CellKey("Charlois", "all", 1),
                                        new CellKey("city", "all", 1),
                                        new CellKey("Tarwewijk", "all", 1))))
                .extracting(Views.Cell::area)
                .containsExactly("city");
    }
}
