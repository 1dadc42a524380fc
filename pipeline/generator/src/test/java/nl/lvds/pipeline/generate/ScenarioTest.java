package nl.lvds.pipeline.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    @Test
    void shouldValidateTheShippedScenario() {
        Scenario s = Scenario.load();
        s.validate(CityMap.load(), TextBank.load());
        assertThat(s.events())
                .extracting(Scenario.Event::id)
                .contains(
                        "me-escalation-2023",
                        "me-demonstrations-2023",
                        "schammenkamp-2024",
                        "derby-feyenoord-ajax",
                        "derby-feyenoord-sparta",
                        "azc-debate-2024");
    }

    @Test
    void shouldScriptTheSchammenkampExplosionAt1731LocalTime() {
        Scenario.Event e =
                Scenario.load().events().stream()
                        .filter(x -> x.id().equals("schammenkamp-2024"))
                        .findFirst()
                        .orElseThrow();
        assertThat(e.startTimes()).containsExactly(LocalDateTime.of(2024, 3, 7, 17, 31));
        Scenario.IncidentSpec explosion = e.incidents().get(0);
        assertThat(explosion.offsetMinutes()).isZero();
        assertThat(explosion.feed()).isEqualTo("p2000");
        assertThat(explosion.type()).isEqualTo("explosion");
        assertThat(explosion.severity()).isEqualTo(3);
        assertThat(explosion.area()).isEqualTo("Tarwewijk");
        assertThat(explosion.location()).isEqualTo("Schammenkamp");
        assertThat(explosion.summary()).isEqualTo("Explosie Schammenkamp Rotterdam (synthetisch)");
    }

    @Test
    void shouldKeepDerbyBanterFreeOfTopics() {
        List<Scenario.MixEntry> mix =
                Scenario.load().events().stream()
                        .filter(x -> x.id().startsWith("derby-"))
                        .flatMap(x -> x.mix().stream())
                        .toList();
        assertThat(mix).isNotEmpty().allSatisfy(m -> assertThat(m.topic()).isNull());
    }

    @Test
    void shouldRejectAScenarioWithAnUnknownArea() throws Exception {
        Scenario shipped = Scenario.load();
        Scenario.Event bad =
                new Scenario.Event(
                        "bad",
                        "an event in a place that does not exist",
                        List.of("2024-01-01T12:00"),
                        2,
                        1,
                        0,
                        0.1,
                        0,
                        List.of(new Scenario.AreaWeight("Atlantis", 1)),
                        null,
                        shipped.background(),
                        null,
                        null,
                        null);
        Scenario s =
                new Scenario(
                        shipped.about(),
                        shipped.sources(),
                        shipped.languages(),
                        shipped.otherLanguages(),
                        shipped.langHintShare(),
                        shipped.areaModes(),
                        shipped.authorKeyShare(),
                        shipped.prolificShare(),
                        shipped.background(),
                        shipped.bursts(),
                        shipped.routineIncidents(),
                        List.of(bad));
        assertThatThrownBy(() -> s.validate(CityMap.load(), TextBank.load()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Atlantis");
    }

    @Test
    void shouldRejectUnknownFieldsSoTyposAreNotSilentlyIgnored() {
        String json = "{\"about\": \"x\", \"sourcez\": {}}";
        assertThatThrownBy(
                        () ->
                                Scenario.parse(
                                        new ByteArrayInputStream(
                                                json.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("sourcez");
    }
}
