package nl.lvds.pipeline.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import nl.lvds.models.event.Topic;
import org.junit.jupiter.api.Test;

class TextBankTest {

    private static final CityMap CITY = CityMap.load();
    private static final CityMap.Wijk TARWEWIJK = CITY.wijk("Tarwewijk");

    private static final String SMALL =
            String.join(
                    "\n",
                    "# test bank",
                    "@nl.where = in {wijk}",
                    "@nl.where_prefix = {wijk}:",
                    "@nl.where_suffix = ({wijk})",
                    "@greeting = hallo | hoi",
                    "[k calm nl]",
                    "{greeting}{ daar|} {where}, {alles goed|}.",
                    "[k uneasy en]",
                    "Trouble at the {place}",
                    "[plain calm nl]",
                    "Geen plaats hier.");

    @Test
    void shouldFillSlotsAndDropEmptyOptionalPartsCleanly() {
        TextBank bank = TextBank.parse(SMALL);
        TextBank.Context c = context(false, Map.of());
        Set<String> seen = new HashSet<>();
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            seen.add(bank.render("k", 0, "nl", c, r));
        }
        assertThat(seen)
                .containsExactlyInAnyOrder(
                        "Hallo.",
                        "Hoi.",
                        "Hallo daar.",
                        "Hoi daar.",
                        "Hallo, alles goed.",
                        "Hoi, alles goed.",
                        "Hallo daar, alles goed.",
                        "Hoi daar, alles goed.");
    }

    @Test
    void shouldMentionTheAreaOnlyWhenAsked() {
        TextBank bank = TextBank.parse(SMALL);
        SplittableRandom r = new SplittableRandom(2);

        String mentioned = bank.render("k", 0, "nl", context(true, Map.of()), r);
        assertThat(mentioned).contains("in Tarwewijk");
        // A template without {where} gets a prefix or suffix mention instead.
        String plain = bank.render("plain", 0, "nl", context(true, Map.of()), r);
        assertThat(plain)
                .matches("Tarwewijk: Geen plaats hier\\.|Geen plaats hier\\. \\(Tarwewijk\\)");
        assertThat(bank.render("plain", 0, "nl", context(false, Map.of()), r))
                .isEqualTo("Geen plaats hier.");
    }

    @Test
    void shouldFallBackToAMilderTensionAndThenToDutch() {
        TextBank bank = TextBank.parse(SMALL);
        SplittableRandom r = new SplittableRandom(3);

        assertThat(bank.render("plain", 2, "en", context(false, Map.of()), r))
                .isEqualTo("Geen plaats hier.");
        assertThat(bank.render("k", 2, "en", context(false, Map.of("place", "Coolsingel")), r))
                .isEqualTo("Trouble at the Coolsingel");
    }

    @Test
    void shouldReportAndRequireEventVariables() {
        TextBank bank = TextBank.parse(SMALL);

        assertThat(bank.variables("k")).containsExactly("place");
        assertThatThrownBy(
                        () ->
                                bank.render(
                                        "k",
                                        1,
                                        "en",
                                        context(false, Map.of()),
                                        new SplittableRandom(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("{place}");
    }

    @Test
    void shouldRejectMalformedBanks() {
        assertThatThrownBy(() -> TextBank.parse("[k calm xx]\nhoi"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TextBank.parse("hoi zonder sectie"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TextBank.parse("[k calm nl]\n{open"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldTidySpacesLeftByEmptyParts() {
        assertThat(TextBank.tidy("Wat  een weer , echt !")).isEqualTo("Wat een weer, echt!");
        assertThat(TextBank.tidy("Zo ( Tarwewijk ) ,, ja")).isEqualTo("Zo (Tarwewijk), ja");
        assertThat(TextBank.tidy("Hallo, .")).isEqualTo("Hallo.");
    }

    @Test
    void shouldShipDutchAndEnglishTemplatesForEveryTopicAndTension() {
        TextBank bank = TextBank.load();

        for (String topic : Topic.ALL) {
            for (int t = 0; t < 3; t++) {
                assertThat(bank.has(topic, t, "nl")).as(topic + " " + t + " nl").isTrue();
                assertThat(bank.has(topic, t, "en")).as(topic + " " + t + " en").isTrue();
            }
        }
        assertThat(bank.has("none", 0, "nl")).isTrue();
        assertThat(bank.has("none", 1, "en")).isTrue();
    }

    @Test
    void shouldRenderEveryShippedSectionWithoutLeftoverSyntax() {
        TextBank bank = TextBank.load();
        Scenario scenario = Scenario.load();
        Map<String, Map<String, String>> varsByTemplates = new HashMap<>();
        for (Scenario.Event e : scenario.events()) {
            for (Scenario.MixEntry m : e.mix()) {
                varsByTemplates.putIfAbsent(m.templates(), e.varsFor(0));
            }
        }
        varsByTemplates.put(
                "incident",
                Map.of("what.nl", "brand", "what.en", "fire", "at.nl", "", "at.en", ""));
        SplittableRandom r = new SplittableRandom(4);
        for (String key : bank.keys()) {
            Map<String, String> vars = varsByTemplates.getOrDefault(key, Map.of());
            for (int t = 0; t < 3; t++) {
                for (String lang : List.of("nl", "en", "tr")) {
                    for (int i = 0; i < 40; i++) {
                        String text = bank.render(key, t, lang, context(i % 2 == 0, vars), r);
                        assertThat(text)
                                .as(key + "/" + t + "/" + lang)
                                .isNotBlank()
                                .doesNotContain("{", "}", "  ", " ,", "!.", "?.", ",.", ",!", ",?");
                    }
                }
            }
        }
    }

    private static TextBank.Context context(boolean mention, Map<String, String> vars) {
        return new TextBank.Context()
                .set(TARWEWIJK, CITY.placesIn(TARWEWIJK.name()), mention, vars);
    }
}
