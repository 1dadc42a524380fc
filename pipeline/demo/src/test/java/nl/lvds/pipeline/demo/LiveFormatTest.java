package nl.lvds.pipeline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.AlertCell;
import org.junit.jupiter.api.Test;

class LiveFormatTest {

    private static final long WINDOW_END = 1_709_832_600_000L; // 2024-03-07 18:30 Amsterdam

    private static Alert alert(String kind, String status, Integer copies, Integer authors) {
        List<AlertCell> cells =
                List.of(
                        new AlertCell(
                                "Tarwewijk",
                                "Charlois",
                                "all",
                                "critical",
                                "volume",
                                41,
                                3.5,
                                1e-12),
                        new AlertCell(
                                "Charlois",
                                "Charlois",
                                "local-incident",
                                "warning",
                                "volume",
                                60,
                                9.0,
                                1e-9));
        return new Alert(
                2,
                "g-1",
                WINDOW_END,
                "Tarwewijk",
                "all",
                "critical",
                "volume",
                32.0,
                null,
                WINDOW_END - 3_600_000L,
                WINDOW_END,
                List.of("syn-explosion"),
                List.of(),
                List.of(),
                "m",
                "Charlois",
                kind,
                status,
                1,
                WINDOW_END,
                cells,
                41,
                3.5,
                1e-12,
                copies,
                authors);
    }

    @Test
    void anEventSaysItsStatusCellsAndObservedAgainstExpected() {
        String line = LiveFormat.alert(alert(Alert.Kind.EVENT, Alert.Status.ESCALATED, null, null));
        assertThat(line)
                .startsWith("CRITICAL escalated event/volume in Tarwewijk (all) +1 cells")
                .contains("window 2024-03-07 17:30–18:30")
                .contains("41 stories vs 3.5 expected")
                .endsWith("incidents syn-explosion");
    }

    @Test
    void aBurstSaysCopiesAndAuthors() {
        String line =
                LiveFormat.alert(alert(Alert.Kind.COORDINATED, Alert.Status.RAISED, 120, 118));
        assertThat(line)
                .contains("raised coordinated/volume")
                .contains("120 copies from 118 authors");
        assertThat(line).doesNotContain("expected");
    }
}
