package nl.lvds.pipeline.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.pipeline.records.CellIndicator;
import nl.lvds.pipeline.records.IncidentRef;
import org.junit.jupiter.api.Test;

class AlertInputsTest {

    static CellIndicator cell(boolean suppressed, List<IncidentRef> incidents) {
        TensionIndicator t =
                new TensionIndicator(
                        1,
                        "Tarwewijk",
                        "Charlois",
                        "all",
                        0L,
                        3_600_000L,
                        suppressed ? null : 20,
                        suppressed ? null : 18,
                        null,
                        suppressed ? null : 10,
                        suppressed ? null : 6,
                        suppressed ? null : 4,
                        suppressed ? null : 40.0,
                        null,
                        null,
                        null,
                        incidents.size(),
                        suppressed,
                        "m1");
        return new CellIndicator(t, "1h", List.of(), incidents, List.of());
    }

    @Test
    void shouldPassEveryIndicatorThatCanRaiseOrArmAnAlert() {
        AlertInputs f = new AlertInputs();
        IncidentRef explosion = new IncidentRef("p2000-1", 1_000L, "explosion", 3);
        assertThat(f.filter(cell(false, List.of()))).isTrue();
        assertThat(f.filter(cell(false, List.of(explosion)))).isTrue();
        assertThat(f.filter(cell(true, List.of(explosion))))
                .as("a quiet cell's incident starts an escalation watch")
                .isTrue();
        assertThat(f.filter(cell(true, List.of()))).isFalse();
    }
}
