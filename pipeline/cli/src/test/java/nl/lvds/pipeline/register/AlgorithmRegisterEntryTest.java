package nl.lvds.pipeline.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.pipeline.cli.LvdsCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AlgorithmRegisterEntryTest {

    static final Path CONFIG = Path.of("../../config/lvds.yaml");

    static final List<String> NL_FIELDS =
            List.of(
                    "Naam",
                    "Organisatie",
                    "Korte omschrijving",
                    "Type algoritme",
                    "Status",
                    "Doel en impact",
                    "Afwegingen",
                    "Menselijke tussenkomst",
                    "Risicobeheer",
                    "Wettelijke grondslag",
                    "Link naar verwerkingsregister",
                    "Impacttoetsen (DPIA, IAMA)",
                    "Data",
                    "Technische werking",
                    "Leverancier",
                    "Broncode",
                    "Contact");

    @Test
    void shouldFillEveryStandardFieldFromTheCardAndTheConfig() {
        JsonNode card = AlgorithmRegisterEntry.shippedCard();
        LvdsConfig config = LvdsConfig.load(CONFIG);
        String md = AlgorithmRegisterEntry.render(card, config, "config/lvds.yaml", "nl");

        for (String f : NL_FIELDS) {
            assertThat(section(md, f)).as("field " + f).isNotBlank();
        }
        // no card value was missing ("?" is what a missing one renders as)
        assertThat(md).doesNotContain(" ?", "?.", "(?");
        assertThat(section(md, "Organisatie")).isEqualTo(config.controller());
        assertThat(section(md, "Wettelijke grondslag")).contains(config.legalBasis());
        assertThat(section(md, "Doel en impact"))
                .contains(config.purpose(), card.path("intendedUse").asText());
        assertThat(section(md, "Risicobeheer"))
                .contains(
                        fmt(card.at("/test/topicMacroF1")),
                        fmt(card.at("/test/tensionMacroF1")),
                        "k = " + config.privacy().k(),
                        config.privacy().retention().indicatorsDays() + " dagen",
                        config.privacy().retention().auditLogDays() + " dagen",
                        card.path("limitations").asText());
        assertThat(section(md, "Status")).contains(card.path("version").asText());
        assertThat(section(md, "Technische werking"))
                .contains(card.path("modelSha256").asText())
                .contains(card.at("/features/compiledFeatures").asText());
        assertThat(section(md, "Data"))
                .contains(card.at("/corpus/sha256").asText(), card.at("/corpus/posts").asText());
        for (LvdsConfig.Source s : config.sources()) {
            assertThat(section(md, "Data")).contains(s.name());
        }
        assertThat(md).startsWith("# Algoritmeregister").contains("./lvds register");
    }

    @Test
    void shouldChangeWhenTheConfigOrTheCardChanges() {
        JsonNode card = AlgorithmRegisterEntry.shippedCard();
        LvdsConfig config = LvdsConfig.load(CONFIG);
        String before = AlgorithmRegisterEntry.render(card, config, "c", "nl");

        LvdsConfig changed =
                LvdsConfig.load(
                        CONFIG,
                        Map.of(
                                "privacy.k", "17",
                                "privacy.retention.alertsDays", "99",
                                "controller", "Gemeente Testdorp"));
        String after = AlgorithmRegisterEntry.render(card, changed, "c", "nl");
        assertThat(after).isNotEqualTo(before);
        assertThat(section(after, "Organisatie")).isEqualTo("Gemeente Testdorp");
        assertThat(section(after, "Afwegingen")).contains("k = 17").doesNotContain("k = 10");
        assertThat(section(after, "Risicobeheer")).contains("alerts 99 dagen");

        ObjectNode other = card.deepCopy();
        ((ObjectNode) other.path("test")).put("topicMacroF1", 0.4321);
        other.put("version", "lvds-9.9+test");
        String retrained = AlgorithmRegisterEntry.render(other, config, "c", "nl");
        assertThat(section(retrained, "Risicobeheer")).contains("macro-F1 thema's 0.432");
        assertThat(section(retrained, "Status")).contains("lvds-9.9+test");
    }

    @Test
    void shouldWriteEnglishOnRequestAndRefuseOtherLanguages() {
        JsonNode card = AlgorithmRegisterEntry.shippedCard();
        LvdsConfig config = LvdsConfig.load(CONFIG);
        String en = AlgorithmRegisterEntry.render(card, config, "c", "en");
        assertThat(en).startsWith("# Algorithm Register");
        for (String f :
                List.of(
                        "Name",
                        "Organisation",
                        "Purpose and impact",
                        "Human intervention",
                        "Risk management",
                        "Legal basis")) {
            assertThat(section(en, f)).as(f).isNotBlank();
        }
        assertThatThrownBy(() -> AlgorithmRegisterEntry.render(card, config, "c", "de"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldGiveBothLanguagesTheSameFieldsWithEveryPlaceholderFilled() throws Exception {
        JsonNode card = AlgorithmRegisterEntry.shippedCard();
        LvdsConfig config = LvdsConfig.load(CONFIG);
        for (String lang : List.of("nl", "en")) {
            String md = AlgorithmRegisterEntry.render(card, config, "c", lang);
            assertThat(Pattern.compile("(?m)^## ").matcher(md).results().count())
                    .as(lang)
                    .isEqualTo(NL_FIELDS.size());
            assertThat(md).as(lang).doesNotContainPattern("\\{\\d+\\}").endsWith("_\n\n");
            assertThat(section(md, "Data")).as(lang).contains("\n\n- ");
        }
        java.util.Properties nl = new java.util.Properties();
        java.util.Properties en = new java.util.Properties();
        try (var in = AlgorithmRegisterEntry.class.getResourceAsStream("messages_nl.properties")) {
            nl.load(in);
        }
        try (var in = AlgorithmRegisterEntry.class.getResourceAsStream("messages_en.properties")) {
            en.load(in);
        }
        assertThat(nl.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
    }

    @Test
    void shouldWriteTheFileFromTheCommandLine(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("lvds.yaml");
        Files.writeString(
                cfg,
                Files.readString(CONFIG)
                        .replace(
                                "controller: Gemeente Rotterdam (burgemeester)",
                                "controller: Gemeente Voorbeeldstad (burgemeester)"));
        Path out = dir.resolve("out/register.md");
        int rc =
                new CommandLine(new LvdsCli())
                        .execute(
                                "register",
                                "--config",
                                cfg.toString(),
                                "--out",
                                out.toString(),
                                "--lang",
                                "nl");
        assertThat(rc).isZero();
        assertThat(section(Files.readString(out), "Organisatie"))
                .startsWith("Gemeente Voorbeeldstad (burgemeester)");
        assertThat(new CommandLine(new LvdsCli()).execute("register", "--lang", "fr")).isEqualTo(2);
    }

    /** The text under a "## name" heading, up to the next heading. */
    static String section(String md, String name) {
        Matcher m =
                Pattern.compile("(?ms)^## " + Pattern.quote(name) + "\\n\\n(.*?)\\n\\n(?=## |\\z)")
                        .matcher(md);
        return m.find() ? m.group(1).strip() : "";
    }

    static String fmt(JsonNode n) {
        return String.format(Locale.ROOT, "%.3f", n.asDouble());
    }
}
