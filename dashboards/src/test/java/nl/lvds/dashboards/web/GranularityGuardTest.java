package nl.lvds.dashboards.web;

import static org.assertj.core.api.Assertions.assertThat;

import nl.lvds.models.area.AreaGazetteer;
import nl.lvds.models.config.AreaLevel;
import nl.lvds.models.config.LvdsConfig;
import org.junit.jupiter.api.Test;

class GranularityGuardTest {

    private final GranularityGuard districtDay =
            new GranularityGuard(
                    new LvdsConfig.Granularity(AreaLevel.DISTRICT, "24h"),
                    AreaGazetteer.rotterdam());
    private final GranularityGuard wijkHour =
            new GranularityGuard(
                    new LvdsConfig.Granularity(AreaLevel.WIJK, "1h"), AreaGazetteer.rotterdam());

    @Test
    void shouldAllowDistrictsAndCityAtTheMinimum() {
        assertThat(districtDay.check("Charlois", "24h").allowed()).isTrue();
        assertThat(districtDay.check("charlois", "24h").area()).isEqualTo("Charlois");
        assertThat(districtDay.check("city", "24h").allowed()).isTrue();
        // A gebied that shares its name with one of its wijken is the gebied.
        assertThat(districtDay.check("Pernis", "24h").allowed()).isTrue();
    }

    @Test
    void shouldRefuseFinerAreasAndWindows() {
        GranularityGuard.Verdict wijk = districtDay.check("Tarwewijk", "24h");
        assertThat(wijk.allowed()).isFalse();
        assertThat(wijk.unknown()).isFalse();
        assertThat(districtDay.check("Charlois", "1h").allowed()).isFalse();
        assertThat(wijkHour.check("Charlois", "15m").allowed()).isFalse();
        assertThat(wijkHour.check("Charlois", "15m").unknown()).isFalse();
    }

    @Test
    void shouldRefusePlacesEvenWhenWijkIsAllowed() {
        assertThat(wijkHour.check("Tarwewijk", "1h").allowed()).isTrue();
        GranularityGuard.Verdict place = wijkHour.check("Schammenkamp", "1h");
        assertThat(place.allowed()).isFalse();
        assertThat(place.unknown()).isFalse();
    }

    @Test
    void shouldTreatUnknownFiltersAsBadRequests() {
        assertThat(wijkHour.check("Atlantis", "1h").unknown()).isTrue();
        assertThat(wijkHour.check("Charlois", "week").unknown()).isTrue();
    }
}
