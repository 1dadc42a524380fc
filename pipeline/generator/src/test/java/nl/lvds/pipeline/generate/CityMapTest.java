package nl.lvds.pipeline.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CityMapTest {

    private static final CityMap CITY = CityMap.load();

    @Test
    void shouldHoldTheFourteenOfficialGebieden() {
        assertThat(CITY.gebieden())
                .containsExactlyInAnyOrder(
                        "Centrum",
                        "Charlois",
                        "Delfshaven",
                        "Feijenoord",
                        "Hillegersberg-Schiebroek",
                        "Hoek van Holland",
                        "Hoogvliet",
                        "IJsselmonde",
                        "Kralingen-Crooswijk",
                        "Noord",
                        "Overschie",
                        "Pernis",
                        "Prins Alexander",
                        "Rozenburg");
    }

    @Test
    void shouldPlaceWellKnownWijkenInTheirGebied() {
        assertThat(CITY.wijkenOf("Charlois"))
                .extracting(CityMap.Wijk::name)
                .contains("Tarwewijk", "Carnisse", "Oud-Charlois", "Pendrecht", "Zuidwijk");
        assertThat(CITY.wijkenOf("Feijenoord"))
                .extracting(CityMap.Wijk::name)
                .contains("Afrikaanderwijk", "Bloemhof", "Hillesluis", "Katendrecht", "Feijenoord");
        assertThat(CITY.wijkenOf("Delfshaven"))
                .extracting(CityMap.Wijk::name)
                .contains("Spangen", "Middelland", "Nieuwe Westen", "Bospolder", "Tussendijken");
        assertThat(CITY.wijken()).allSatisfy(w -> assertThat(w.weight()).isPositive());
    }

    @Test
    void shouldMapNotablePlacesToTheirWijk() {
        assertThat(CITY.place("Schammenkamp").wijk()).isEqualTo("Tarwewijk");
        assertThat(CITY.place("De Kuip").wijk()).isEqualTo("Feijenoord");
        assertThat(CITY.place("Binnenrotte").at("nl")).isEqualTo("op de Binnenrotte");
    }

    @Test
    void shouldSampleWijkenByWeight() {
        SplittableRandom r = new SplittableRandom(1);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            counts.merge(CITY.sample(r).name(), 1, Integer::sum);
        }
        // Groot-IJsselmonde (weight 29) is far more populous than Pernis (5) or Schieveen (0.1).
        assertThat(counts.get("Groot-IJsselmonde")).isGreaterThan(4 * counts.get("Pernis"));
        assertThat(counts.getOrDefault("Schieveen", 0)).isLessThan(counts.get("Pernis") / 10);
        assertThat(CITY.sampleIn("Charlois", r).gebied()).isEqualTo("Charlois");
        assertThat(CITY.sampleIn("Tarwewijk", r).name()).isEqualTo("Tarwewijk");
    }
}
