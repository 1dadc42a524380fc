package nl.lvds.pipeline.functions;

import static nl.lvds.pipeline.functions.TestData.T0;
import static nl.lvds.pipeline.functions.TestData.incident;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import nl.lvds.models.event.Incident;
import nl.lvds.pipeline.records.CellIncident;
import nl.lvds.pipeline.records.IncidentRef;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.junit.jupiter.api.Test;

class IncidentCellsTest {

    private static List<CellIncident> cells(Incident i) {
        List<CellIncident> out = new ArrayList<>();
        new IncidentCells().flatMap(i, new ListCollector<>(out));
        return out;
    }

    @Test
    void shouldLinkAWijkIncidentToWijkDistrictAndCityForAllAndLocalIncident() {
        List<CellIncident> out = cells(incident("p2000-1", T0, "Tarwewijk"));

        assertThat(out)
                .extracting(CellIncident::cellKey)
                .containsExactly(
                        "Tarwewijk|all", "Tarwewijk|local-incident",
                        "Charlois|all", "Charlois|local-incident",
                        "city|all", "city|local-incident");
        assertThat(out)
                .extracting(CellIncident::district)
                .containsExactly("Charlois", "Charlois", "Charlois", "Charlois", "city", "city");
        assertThat(out)
                .extracting(CellIncident::ref)
                .containsOnly(new IncidentRef("p2000-1", T0, "explosion", 3));
    }

    @Test
    void shouldResolveSpellingsAndStreetsThroughTheGazetteer() {
        assertThat(cells(incident("i", T0, "tarwewijk")))
                .extracting(CellIncident::area)
                .startsWith("Tarwewijk");
        assertThat(cells(incident("i", T0, "Schammenkamp 12, Rotterdam")))
                .extracting(CellIncident::area)
                .startsWith("Tarwewijk");
    }

    @Test
    void shouldLinkADistrictIncidentToDistrictAndCity() {
        assertThat(cells(incident("i", T0, "Charlois")))
                .extracting(CellIncident::cellKey)
                .containsExactly(
                        "Charlois|all",
                        "Charlois|local-incident",
                        "city|all",
                        "city|local-incident");
    }

    @Test
    void shouldLinkAnIncidentWithoutKnownAreaToTheCityOnly() {
        assertThat(cells(incident("i", T0, null)))
                .extracting(CellIncident::cellKey)
                .containsExactly("city|all", "city|local-incident");
        assertThat(cells(incident("i", T0, "Utrecht")))
                .extracting(CellIncident::cellKey)
                .containsExactly("city|all", "city|local-incident");
    }
}
