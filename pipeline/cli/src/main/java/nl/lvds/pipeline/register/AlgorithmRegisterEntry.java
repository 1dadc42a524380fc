package nl.lvds.pipeline.register;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.lvds.models.classify.SignalClassifier;
import nl.lvds.models.config.AlertRule;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.render.Messages;
import nl.lvds.models.render.Templates;
import nl.lvds.pipeline.functions.Buckets;

/**
 * A draft entry for the Dutch Algorithm Register (Algoritmeregister), generated from the model card
 * and the configuration: every figure, declaration and setting comes from those two, the rest is
 * fixed text about what the code does. Fields in the order of the register's publication form
 * (naam, organisatie, korte omschrijving, type, status, doel en impact, afwegingen, menselijke
 * tussenkomst, risicobeheer, wettelijke grondslag, verwerkingsregister, impacttoetsen, data,
 * technische werking, leverancier, broncode, contact). Dutch by default, English on request: the
 * words are in the bundle {@code messages_nl.properties} / {@code messages_en.properties}, the
 * layout in the template {@code register.md.peb}.
 */
public final class AlgorithmRegisterEntry {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUNDLE = "nl.lvds.pipeline.register.messages";
    private static final Templates TEXT =
            Templates.text(
                    "nl/lvds/pipeline/register/templates/",
                    AlgorithmRegisterEntry.class.getClassLoader());

    private AlgorithmRegisterEntry() {}

    /** The shipped model card (classpath). */
    public static JsonNode shippedCard() {
        try (InputStream in =
                SignalClassifier.class.getResourceAsStream(SignalClassifier.CARD_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "no model card on the classpath (" + SignalClassifier.CARD_RESOURCE + ")");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A model card file, e.g. one written by {@code lvds train}. */
    public static JsonNode card(Path file) throws IOException {
        return JSON.readTree(Files.readAllBytes(file));
    }

    /**
     * Renders the entry as Markdown.
     *
     * @param card the model card
     * @param config the configuration (declarations, privacy settings, sources, alert rules)
     * @param configOrigin where the configuration came from (shown in the header)
     * @param lang {@code nl} or {@code en}
     */
    public static String render(
            JsonNode card, LvdsConfig config, String configOrigin, String lang) {
        Messages m = Messages.load(BUNDLE, lang, AlgorithmRegisterEntry.class.getClassLoader());
        JsonNode test = card.path("test");
        LvdsConfig.Privacy p = config.privacy();
        LvdsConfig.Retention r = p.retention();
        String version = card.path("version").asText("?");

        List<Map<String, String>> fields = new ArrayList<>();
        field(fields, m, "name", m.get("name.value"));
        field(fields, m, "organisation", config.controller());
        field(fields, m, "description", m.get("description.value"));
        field(fields, m, "type", m.get("type.value", card.path("trainer").asText("?")));
        field(fields, m, "status", m.get("status.value", version));
        field(
                fields,
                m,
                "purpose",
                m.get("purpose.value", config.purpose(), card.path("intendedUse").asText("?")));
        field(
                fields,
                m,
                "considerations",
                m.get(
                        "considerations.value",
                        config.sources().size(),
                        p.k(),
                        p.minGranularity().area().wire(),
                        p.minGranularity().window()));
        field(fields, m, "human", m.get("human.value", rules(config)));
        field(fields, m, "risks", risks(card, test, p, r, m));
        field(fields, m, "legal", m.get("legal.value", config.legalBasis()));
        field(fields, m, "processing", m.get("processing.value"));
        field(fields, m, "assessments", m.get("assessments.value"));
        field(fields, m, "data", data(card, config, m));
        field(fields, m, "how", technical(card, config, m));
        field(fields, m, "supplier", m.get("supplier.value"));
        field(fields, m, "source", m.get("source.value"));
        field(fields, m, "contact", m.get("contact.value", config.controller()));

        Map<String, Object> view = new HashMap<>();
        view.put("version", version);
        view.put("configOrigin", configOrigin);
        view.put("fields", fields);
        return TEXT.render("register.md.peb", view, m);
    }

    private static String risks(
            JsonNode card,
            JsonNode test,
            LvdsConfig.Privacy p,
            LvdsConfig.Retention r,
            Messages m) {
        List<String> sentences = new ArrayList<>();
        sentences.add(
                m.get(
                        "risks.accuracy",
                        test.path("posts").asInt(),
                        fmt(test.path("topicMacroF1")),
                        fmt(test.path("tensionMacroF1"))));
        JsonNode langs = test.path("perLanguage");
        if (langs.isObject() && langs.size() > 0) {
            List<String> parts = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = langs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                parts.add(
                        e.getKey()
                                + " "
                                + fmt(e.getValue().path("topicMacroF1"))
                                + " / "
                                + fmt(e.getValue().path("tensionMacroF1"))
                                + " / "
                                + fmt(e.getValue().path("hostileRecall")));
            }
            sentences.add(m.get("risks.perLanguage", String.join("; ", parts)));
        }
        JsonNode hard = test.path("perHardCase");
        if (hard.isObject() && hard.size() > 0) {
            List<Map.Entry<String, JsonNode>> cases = new ArrayList<>();
            hard.fields().forEachRemaining(cases::add);
            cases.removeIf(e -> !e.getValue().has("tensionAccuracy"));
            cases.sort(
                    (a, b) ->
                            Double.compare(
                                    a.getValue().path("tensionAccuracy").asDouble(),
                                    b.getValue().path("tensionAccuracy").asDouble()));
            List<String> worst = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : cases.subList(0, Math.min(3, cases.size()))) {
                worst.add(e.getKey() + " " + fmt(e.getValue().path("tensionAccuracy")));
            }
            sentences.add(m.get("risks.hardCases", String.join(", ", worst)));
        }
        sentences.add(m.get("risks.limitations", card.path("limitations").asText("?")));
        return String.join(" ", sentences)
                + "\n\n"
                + m.get(
                        "risks.measures",
                        p.k(),
                        p.minGranularity().area().wire(),
                        p.minGranularity().window(),
                        r.indicatorsDays(),
                        r.alertsDays(),
                        r.deadletterHours(),
                        r.auditLogDays());
    }

    private static String data(JsonNode card, LvdsConfig config, Messages m) {
        StringBuilder s = new StringBuilder();
        s.append(m.get("data.sources")).append("\n\n");
        for (LvdsConfig.Source src : config.sources()) {
            s.append("- ")
                    .append(src.name())
                    .append(" (")
                    .append(src.type().wire())
                    .append(src.isPublic() ? m.get("data.source.public") : "")
                    .append(")");
            if (src.description() != null && !src.description().isBlank()) {
                s.append(": ").append(src.description());
            }
            s.append("\n");
        }
        s.append("- ").append(m.get("data.incidentFeeds")).append("\n\n");
        JsonNode corpus = card.path("corpus");
        List<String> langs = new ArrayList<>();
        corpus.path("languages")
                .fields()
                .forEachRemaining(e -> langs.add(e.getKey() + " " + e.getValue().asInt()));
        s.append(
                m.get(
                        "data.training",
                        corpus.path("posts").asInt(),
                        corpus.path("train").asInt(),
                        corpus.path("dev").asInt(),
                        corpus.path("test").asInt(),
                        String.join(", ", langs),
                        corpus.path("sha256").asText("?")));
        return s.toString();
    }

    private static String technical(JsonNode card, LvdsConfig config, Messages m) {
        JsonNode f = card.path("features");
        LvdsConfig.Pipeline pl = config.pipeline();
        List<String> kinds = new ArrayList<>();
        if (f.path("unigrams").asBoolean()) {
            kinds.add(m.get("how.unigrams"));
        }
        if (f.path("bigrams").asBoolean()) {
            kinds.add(m.get("how.bigrams"));
        }
        kinds.add(m.get("how.charNgrams", f.path("charNgrams").asText("?")));
        return m.get(
                "how.value",
                String.join(", ", kinds),
                f.path("lexiconEntries").asInt(),
                f.path("negationScope").asInt(),
                f.path("compiledFeatures").asInt(),
                Buckets.SIZE.toMinutes(),
                pl.baselineDays(),
                card.path("modelSha256").asText("?"),
                card.path("trainedAt").asText("?"));
    }

    private static String rules(LvdsConfig config) {
        List<String> ids = new ArrayList<>();
        for (AlertRule rule : config.alerts().rules()) {
            if (rule.enabled()) {
                ids.add(rule.id());
            }
        }
        return String.join(", ", ids);
    }

    private static void field(
            List<Map<String, String>> fields, Messages m, String key, String value) {
        fields.add(Map.of("name", m.get(key), "value", value.strip()));
    }

    private static String fmt(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.3f", n.asDouble()) : "?";
    }
}
