package nl.lvds.pipeline.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

    @Test
    void shouldAcceptTheSecondScenarioShippedInConfig() throws Exception {
        Scenario s =
                Scenario.read(
                        Path.of("../../config/scenarios/second.json"),
                        CityMap.load(),
                        TextBank.load());
        assertThat(s.events()).extracting(Scenario.Event::kindOrDefault).contains("explosion");
        assertThat(s.events().get(0).startTimes().get(0).getYear()).isEqualTo(2025);
    }

    @Test
    void shouldNameTheFieldPathOfEveryShapeProblem() {
        String json =
                shippedWith(
                        "\"starts\": [\"2024-03-07T17:31\"]", "\"starts\": [\"2024-03-07 17:31\"]",
                        "\"durationHours\": 54", "\"durationHours\": \"54\"",
                        "\"maxSize\": 200", "\"maxSise\": 200");
        assertThatThrownBy(() -> fromJson(json))
                .isInstanceOf(ScenarioException.class)
                .satisfies(
                        e ->
                                assertThat(((ScenarioException) e).problems())
                                        .containsExactlyInAnyOrder(
                                                "bursts.maxSize: missing (required)",
                                                "bursts.maxSise: unknown field (known: [perDay,"
                                                        + " fullAtPerDay, minSize, maxSize,"
                                                        + " minMinutes, maxMinutes, mix])",
                                                "events[5].durationHours: not a number"));
    }

    @Test
    void shouldNameTheFieldPathOfEveryContentProblem() {
        String json =
                shippedWith(
                        "\"starts\": [\"2024-03-07T17:31\"]", "\"starts\": [\"2024-03-07 17:31\"]",
                        "{\"area\": \"Tarwewijk\", \"weight\": 0.7}",
                                "{\"area\": \"Atlantis\", \"weight\": 0.7}",
                        "\"kind\": \"derby\"", "\"kind\": \"party\"");
        assertThatThrownBy(() -> fromJson(json))
                .isInstanceOf(ScenarioException.class)
                .satisfies(
                        e ->
                                assertThat(((ScenarioException) e).problems())
                                        .contains(
                                                "events[5].starts[0]: not a date-time (local"
                                                        + " time, e.g. 2024-03-07T17:31):"
                                                        + " 2024-03-07 17:31",
                                                "events[5].areas[0].area: unknown area Atlantis"
                                                        + " (a wijk or gebied of the city map, or"
                                                        + " \"*\")")
                                        .anySatisfy(
                                                p ->
                                                        assertThat(p)
                                                                .startsWith(
                                                                        "events[11].kind: unknown kind party")));
    }

    @Test
    void shouldDefaultKindAndExpectedLevelWhenAScenarioLeavesThemOut() {
        String json = shippedWith("\"kind\": \"explosion\", \"expectedLevel\": \"critical\",", "");
        Scenario s = fromJson(json);
        Scenario.Event e = s.events().get(5);
        assertThat(e.id()).isEqualTo("schammenkamp-2024");
        assertThat(e.kindOrDefault()).isEqualTo(Scenario.DEFAULT_KIND);
        assertThat(e.expectedLevelOrDefault()).isEqualTo(Scenario.DEFAULT_EXPECTED_LEVEL);
    }

    /** The shipped scenario with pairs of (text, replacement) applied once each. */
    private static String shippedWith(String... pairs) {
        String s = new String(Scenario.shippedBytes(), StandardCharsets.UTF_8);
        for (int i = 0; i < pairs.length; i += 2) {
            int at = s.indexOf(pairs[i]);
            assertThat(at).as(pairs[i]).isNotNegative();
            s = s.substring(0, at) + pairs[i + 1] + s.substring(at + pairs[i].length());
        }
        return s;
    }

    private static Scenario fromJson(String json) {
        return Scenario.fromBytes(
                json.getBytes(StandardCharsets.UTF_8),
                "test.json",
                CityMap.load(),
                TextBank.load());
    }
}
