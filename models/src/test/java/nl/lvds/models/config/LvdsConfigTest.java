package nl.lvds.models.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LvdsConfigTest {

    /** The declarations only: everything else takes its default. */
    private static final String MINIMAL =
            """
            purpose: Een algemeen beeld van spanningen voor de openbare orde
            legalBasis: Gemeentewet art. 172; AVG art. 6 lid 1 sub e
            controller: Gemeente Testdam
            privacy: {retention: {indicatorsDays: 30, alertsDays: 60, deadletterHours: 24, auditLogDays: 90}}
            sources:
              - {name: posts, type: social, public: true}
            """;

    @TempDir Path dir;

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("lvds.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private static LvdsConfig parse(String yaml) {
        return LvdsConfig.parse(yaml, "test.yaml");
    }

    /**
     * MINIMAL plus {@code extra}: a top-level section is appended, except {@code privacy: {...}},
     * whose keys are put into MINIMAL's privacy mapping (YAML refuses a key twice).
     */
    private static String minimalWith(String extra) {
        String trimmed = extra.strip();
        if (trimmed.startsWith("privacy: {")) {
            String inner = trimmed.substring("privacy: {".length(), trimmed.length() - 1);
            return MINIMAL.replace("privacy: {", "privacy: {" + inner + ", ");
        }
        return MINIMAL + extra;
    }

    // ---- shipped defaults ----

    @Test
    void shouldLoadTheShippedRotterdamDefaults() {
        LvdsConfig config = LvdsConfig.defaults();

        assertThat(config.controller()).contains("Rotterdam");
        assertThat(config.purpose()).startsWith("Vormen van een algemeen beeld");
        assertThat(config.legalBasis()).contains("Gemeentewet art. 172", "AVG art. 6 lid 1 sub e");
        assertThat(config.privacy().k()).isEqualTo(10);
        assertThat(config.privacy().retention().alertsDays()).isEqualTo(730);
        assertThat(config.sources())
                .extracting(LvdsConfig.Source::type)
                .containsExactly(
                        SourceType.SOCIAL,
                        SourceType.FORUM,
                        SourceType.NEWS_COMMENT,
                        SourceType.FIELD_REPORT,
                        SourceType.SOCIAL);
        // generated demo data is declared as its own, clearly named source
        assertThat(config.sources().get(4).name()).isEqualTo("synthetic");
        assertThat(config.sources()).allMatch(LvdsConfig.Source::isPublic);
        assertThat(config.kafka().topics().rules()).isEqualTo("lvds.rules");
        assertThat(config.pipeline().minBaselineDays()).isEqualTo(7);
        assertThat(config.alerts().rules())
                .extracting(AlertRule::id)
                .containsExactly("volume", "hostile-stories", "serious-incident", "coordinated");
    }

    @Test
    void shouldShipIdenticalRepositoryFileAndClasspathCopy() throws Exception {
        Path repoFile = repositoryRoot().resolve("config/lvds.yaml");
        Path classpathSource =
                repositoryRoot()
                        .resolve("models/src/main/resources/nl/lvds/models/config")
                        .resolve(LvdsConfig.DEFAULT_RESOURCE);

        assertThat(Files.readString(repoFile)).isEqualTo(Files.readString(classpathSource));
        assertThat(ConfigLoader.defaultYaml()).isEqualTo(Files.readString(repoFile));
    }

    @Test
    void shouldStateTheBuiltInDefaultsInTheShippedFile() {
        LvdsConfig config = LvdsConfig.defaults();

        assertThat(config.privacy().k()).isEqualTo(LvdsConfig.Privacy.DEFAULT_K);
        assertThat(config.privacy().minGranularity()).isEqualTo(LvdsConfig.Granularity.DEFAULT);
        assertThat(config.kafka()).isEqualTo(LvdsConfig.Kafka.DEFAULT);
        assertThat(config.pipeline()).isEqualTo(LvdsConfig.Pipeline.DEFAULT);
        assertThat(config.tensionIndex()).isEqualTo(LvdsConfig.TensionIndex.DEFAULT);
        assertThat(config.alerts()).isEqualTo(LvdsConfig.Alerts.DEFAULT);
    }

    @Test
    void shouldFillEverythingButTheDeclarationsFromDefaults() throws Exception {
        LvdsConfig config = LvdsConfig.load(write(MINIMAL));

        assertThat(config.controller()).isEqualTo("Gemeente Testdam");
        assertThat(config.privacy().k()).isEqualTo(10);
        assertThat(config.privacy().retention().indicatorsDays()).isEqualTo(30);
        assertThat(config.kafka()).isEqualTo(LvdsConfig.Kafka.DEFAULT);
        assertThat(config.pipeline()).isEqualTo(LvdsConfig.Pipeline.DEFAULT);
        assertThat(config.alerts().rules()).isEqualTo(LvdsConfig.DEFAULT_RULES);
    }

    @Test
    void shouldMergeAPartialSectionWithItsDefaults() {
        LvdsConfig config =
                parse(minimalWith("kafka: {groupId: other}\npipeline: {parallelism: 4}\n"));

        assertThat(config.kafka().groupId()).isEqualTo("other");
        assertThat(config.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.kafka().topics()).isEqualTo(LvdsConfig.Topics.DEFAULT);
        assertThat(config.pipeline().parallelism()).isEqualTo(4);
        assertThat(config.pipeline().baselineDays()).isEqualTo(28);
    }

    @Test
    void shouldCapTheMinimumBaselineDaysAtTheBaselineDays() {
        LvdsConfig shortHistory = parse(minimalWith("pipeline: {baselineDays: 3}\n"));
        LvdsConfig longerMinimum =
                parse(minimalWith("pipeline: {baselineDays: 28, minBaselineDays: 14}\n"));

        assertThat(shortHistory.pipeline().minBaselineDays()).isEqualTo(7);
        assertThat(shortHistory.pipeline().effectiveMinBaselineDays()).isEqualTo(3);
        assertThat(longerMinimum.pipeline().effectiveMinBaselineDays()).isEqualTo(14);
    }

    // ---- declarations ----

    @Test
    void shouldRefuseToStartWithoutPurpose() {
        String yaml = MINIMAL.replaceFirst("purpose: .*\n", "");

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.yaml: purpose is missing or blank")
                .hasMessageContaining("refuses to start")
                .hasMessageContaining("legal basis")
                .hasMessageContaining("AVG art. 5 lid 1 sub b");
    }

    @Test
    void shouldRefuseToStartWithBlankLegalBasis() {
        String yaml = MINIMAL.replaceFirst("legalBasis: .*\n", "legalBasis: \"  \"\n");

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.yaml: legalBasis is missing or blank")
                .hasMessageContaining("refuses to start");
    }

    @Test
    void shouldNameEveryMissingDeclarationOfAnEmptyFile() throws Exception {
        Path empty = write("");

        assertThatThrownBy(() -> LvdsConfig.load(empty))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(
                        empty + ": purpose and legalBasis and controller are missing");
    }

    @Test
    void shouldRefuseToStartWithoutRetention() {
        String yaml = MINIMAL.replaceFirst("privacy: .*\n", "");

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("privacy.retention is missing")
                .hasMessageContaining("refuses to start");
    }

    @Test
    void shouldRefuseToStartWithoutSources() {
        String yaml = MINIMAL.replaceFirst("sources:\n.*\n", "");

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sources is missing");
    }

    @Test
    void shouldRefuseANonPublicSource() {
        String yaml =
                minimalWith("")
                        .replace(
                                "public: true}",
                                "public: true}\n  - {name: group, type: forum, public: false}");

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("source 'group' is not declared public")
                .hasMessageContaining("public sources only");
    }

    @Test
    void shouldRefuseASourceThatDoesNotSayItIsPublic() {
        String yaml = MINIMAL.replace(", public: true}", "}");

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("source 'posts' is not declared public");
    }

    // ---- strictness ----

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "purpouse: x | unknown key 'purpouse'",
                "privacy: {k: 5, kk: 5} | unknown key 'privacy.kk' (known here: k, minGranularity, retention)",
                "kafka: {topics: {signal: x}} | unknown key 'kafka.topics.signal'",
                "alerts: {rules: [{id: a, type: spike, minSignals: 5, thresholds: {watch: 3}, treshold: 4}]}"
                        + " | unknown key 'alerts.rules[0].treshold'",
                "alerts: {rules: [{id: a, type: spike, minSignals: 5, thresholds: {watch: 3, wtach: 4}}]}"
                        + " | unknown key 'alerts.rules[0].thresholds.wtach'",
            })
    void shouldRefuseUnknownKeys(String extra, String message) {
        assertThatThrownBy(() -> parse(minimalWith(extra + "\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message)
                .hasMessageContaining("misspelt");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "privacy: {k: 1} | privacy.k must be at least 2, was 1",
                "privacy: {k: 10.5} | privacy.k",
                "privacy: {minGranularity: {area: street}} | unknown area level 'street'",
                "privacy: {minGranularity: {window: 15m}} | privacy.minGranularity.window must be one of",
                "pipeline: {maxOutOfOrdernessSeconds: -1} | pipeline.maxOutOfOrdernessSeconds must not be negative",
                "pipeline: {allowedLatenessMinutes: -5} | pipeline.allowedLatenessMinutes must not be negative",
                "pipeline: {checkpointIntervalSeconds: 0} | pipeline.checkpointIntervalSeconds must be at least 1",
                "pipeline: {minBaselineDays: 0} | pipeline.minBaselineDays must be at least 1",
                "pipeline: {bucketMinutes: 15} | unknown key 'pipeline.bucketMinutes'",
                "pipeline: {parallelism: two} | pipeline.parallelism",
                "kafka: {bootstrapServers: ''} | kafka.bootstrapServers must not be blank",
                "kafka: {topics: {alerts: lvds.indicators}} | topic 'lvds.indicators' used twice",
                "tensionIndex: {volume: 0.5} | weights must sum to 1",
                "tensionIndex: {hostileShare: -0.1, volume: 0.85} | tensionIndex.hostileShare must be between 0 and 1",
                "alerts: {cooldownHours: -1} | alerts.cooldownHours must not be negative",
            })
    void shouldRefuseInvalidValues(String extra, String message) {
        String yaml = minimalWith(extra + "\n");

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.yaml: ")
                .hasMessageContaining(message);
    }

    @Test
    void shouldRefuseNegativeRetention() {
        String yaml = MINIMAL.replace("deadletterHours: 24", "deadletterHours: -24");

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "privacy.retention.deadletterHours must be at least 1, was -24");
    }

    @Test
    void shouldRefuseDuplicateKeys() {
        assertThatThrownBy(() -> parse(MINIMAL + "controller: Gemeente Elders\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("controller");
    }

    @Test
    void shouldRefuseAFileThatIsNotAMapping() {
        assertThatThrownBy(() -> parse("- a\n- b\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be a YAML mapping");
    }

    @Test
    void shouldReportYamlSyntaxErrorsWithTheLine() {
        assertThatThrownBy(() -> parse(MINIMAL + "kafka: {groupId: [unclosed\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot parse YAML at line");
    }

    // ---- rules in the file ----

    @Test
    void shouldReplaceTheDefaultRulesAndFillRuleDefaults() {
        LvdsConfig config =
                parse(
                        minimalWith(
                                """
                                alerts:
                                  rules:
                                    - {id: only-spike, type: spike, minSignals: 25, thresholds: {warning: 5}}
                                """));

        assertThat(config.alerts().cooldownHours()).isEqualTo(6);
        assertThat(config.alerts().rules()).hasSize(1);
        AlertRule rule = config.alerts().rules().get(0);
        assertThat(rule.enabled()).isTrue();
        assertThat(rule.window()).isEqualTo("1h");
        assertThat(rule.topics()).isEmpty();
        assertThat(rule.areaLevels()).containsExactly(AreaLevel.values());
        assertThat(rule.criticalMinSourceTypes()).isEqualTo(1);
        assertThat(rule.cooldownHours()).isNull();
        assertThat(rule.thresholds()).isEqualTo(new Thresholds(null, 5.0, null));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{id: a, type: spike, thresholds: {watch: 3}} | alerts.rules[0].minSignals is required",
                "{id: a, type: spike, minSignals: 5} | alerts.rules[0].thresholds is required",
                "{id: a, type: surge, minSignals: 5, thresholds: {watch: 3}} | unknown rule type 'surge'",
                "{id: A_1, type: spike, minSignals: 5, thresholds: {watch: 3}} | rule id 'A_1'",
                "{id: a, type: spike, minSignals: 0, thresholds: {watch: 3}} | minSignals must be at least 1",
                "{id: a, type: spike, minSignals: 5, thresholds: {watch: 3, warning: 2}} | levels must not decrease",
                "{id: a, type: spike, minSignals: 5, thresholds: {}} | at least one of watch, warning, critical must be set",
                "{id: a, type: spike, minSignals: 5, thresholds: {watch: 3}, withinHours: 2} | withinHours applies only to incident-escalation",
                "{id: a, type: hostility, minSignals: 5, thresholds: {watch: 30}} | shares and must be in (0, 1]",
                "{id: a, type: incident-escalation, minSignals: 5, thresholds: {watch: 10}, minSeverity: 2} | withinHours (at least 1) is required",
                "{id: a, type: incident-escalation, minSignals: 5, thresholds: {watch: 10}, withinHours: 2} | minSeverity (1-3) is required",
                "{id: a, type: spike, minSignals: 5, thresholds: {watch: 3}, topics: [sports]} | unknown topic 'sports'",
                "{id: a, type: spike, minSignals: 5, thresholds: {watch: 3}, areaLevels: []} | areaLevels must not be empty",
                "{id: a, type: spike, minSignals: 5, thresholds: {watch: 3}, window: 2h} | window must be one of",
                "{id: a, type: spike, minSignals: 5, thresholds: {watch: 3}, cooldownHours: -2} | cooldownHours must not be negative",
                "{id: a, type: spike, minSignals: 5, thresholds: {watch: 3}, criticalMinSourceTypes: 5} | criticalMinSourceTypes must be between 1 and 4",
            })
    void shouldRefuseInvalidRules(String rule, String message) {
        assertThatThrownBy(() -> parse(minimalWith("alerts: {rules: [" + rule + "]}\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alerts.rules")
                .hasMessageContaining(message);
    }

    @Test
    void shouldRefuseDuplicateRuleIds() {
        String rule = "{id: a, type: spike, minSignals: 5, thresholds: {watch: 3}}";

        assertThatThrownBy(
                        () -> parse(minimalWith("alerts: {rules: [" + rule + ", " + rule + "]}\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("id 'a' used twice");
    }

    @Test
    void shouldRefuseRulesFinerThanTheMinimumGranularity() {
        String yaml = minimalWith("privacy: {minGranularity: {area: district, window: 1h}}");

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rule 'volume' applies to area level wijk")
                .hasMessageContaining("finer than privacy.minGranularity.area (district)");
    }

    // ---- overrides ----

    @Test
    void shouldApplyDottedOverrides() {
        LvdsConfig config =
                LvdsConfig.defaults()
                        .withOverrides(
                                ordered(
                                        "kafka.bootstrapServers", "broker:29092",
                                        "privacy.k", "5",
                                        "tensionIndex.hostileShare", "0.5",
                                        "tensionIndex.volume", "0.25",
                                        "alerts.rules.hostile-stories.minSignals", "30",
                                        "alerts.rules.1.cooldownHours", "12",
                                        "alerts.rules.volume.topics", "migration, extremism",
                                        "alerts.rules.volume.areaLevels", "district,city",
                                        "alerts.rules.coordinated.enabled", "false",
                                        "sources.field-reports.description", "Wijkteams"));

        assertThat(config.kafka().bootstrapServers()).isEqualTo("broker:29092");
        assertThat(config.privacy().k()).isEqualTo(5);
        assertThat(config.tensionIndex().hostileShare()).isEqualTo(0.5);
        AlertRule hostility = config.alerts().rules().get(1);
        assertThat(hostility.minSignals()).isEqualTo(30);
        assertThat(hostility.cooldownHours()).isEqualTo(12);
        assertThat(config.alerts().rules().get(0).topics())
                .containsExactly("migration", "extremism");
        assertThat(config.alerts().rules().get(0).areaLevels())
                .containsExactly(AreaLevel.DISTRICT, AreaLevel.CITY);
        assertThat(config.alerts().rules().get(3).id()).isEqualTo("coordinated");
        assertThat(config.alerts().rules().get(3).enabled()).isFalse();
        assertThat(config.sources().get(3).description()).isEqualTo("Wijkteams");
        // Untouched keys keep their values.
        assertThat(config.kafka().topics()).isEqualTo(LvdsConfig.defaults().kafka().topics());
        assertThat(config.purpose()).isEqualTo(LvdsConfig.defaults().purpose());
    }

    @Test
    void shouldValidateOverriddenValues() {
        LvdsConfig defaults = LvdsConfig.defaults();

        assertThatThrownBy(() -> defaults.withOverrides(Map.of("privacy.k", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("privacy.k must be at least 2");
        assertThatThrownBy(() -> defaults.withOverrides(Map.of("privacy.k", "ten")))
                .hasMessageContaining("override 'privacy.k': 'ten' is not a number");
        assertThatThrownBy(() -> defaults.withOverrides(Map.of("sources.forum-x.public", "true")))
                .hasMessageContaining("no entry 'forum-x' in sources");
        assertThatThrownBy(
                        () ->
                                defaults.withOverrides(
                                        Map.of("sources.public-forums.public", "false")))
                .hasMessageContaining("source 'public-forums' is not declared public");
        assertThatThrownBy(() -> defaults.withOverrides(Map.of("purpose", " ")))
                .hasMessageContaining("purpose is missing or blank");
        assertThatThrownBy(
                        () ->
                                defaults.withOverrides(
                                        Map.of("alerts.rules.hostile-stories.enabled", "yes")))
                .hasMessageContaining("'yes' is not true or false");
    }

    @Test
    void shouldRefuseUnknownOverrideKeys() {
        LvdsConfig defaults = LvdsConfig.defaults();

        assertThatThrownBy(() -> defaults.withOverrides(Map.of("privacy.kk", "5")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "unknown key 'kk' under 'privacy' (known: k, minGranularity, retention)");
        assertThatThrownBy(() -> defaults.withOverrides(Map.of("kafka", "x")))
                .hasMessageContaining("this is a section");
        assertThatThrownBy(() -> defaults.withOverrides(Map.of("alerts.rules", "x")))
                .hasMessageContaining("cannot be overridden as a whole");
    }

    @Test
    void shouldLetOverridesSupplyDeclarationsMissingFromTheFile() throws Exception {
        Path file = write(MINIMAL.replaceFirst("purpose: .*\n", ""));

        LvdsConfig config =
                LvdsConfig.load(
                        file, LvdsConfig.parseOverrides(List.of("purpose=Openbare orde=rust")));

        assertThat(config.purpose()).isEqualTo("Openbare orde=rust");
    }

    @Test
    void shouldRefuseOverrideArgumentsWithoutEquals() {
        assertThatThrownBy(() -> LvdsConfig.parseOverrides(List.of("privacy.k")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("key=value");
    }

    @Test
    void shouldRoundTripThroughTheFlatMap() {
        LvdsConfig defaults = LvdsConfig.defaults();
        Map<String, String> flat = defaults.toFlatMap();

        assertThat(flat)
                .containsEntry("privacy.k", "10")
                .containsEntry("kafka.topics.alerts", "lvds.alerts")
                .containsEntry("sources.news-comments.public", "true")
                .containsEntry("alerts.rules.hostile-stories.thresholds.critical", "7.0")
                .containsEntry("alerts.rules.volume.areaLevels", "wijk,district,city");
        assertThat(defaults.withOverrides(flat)).isEqualTo(defaults);
    }

    @Test
    void shouldRoundTripThroughYaml() {
        LvdsConfig defaults = LvdsConfig.defaults();

        assertThat(LvdsConfig.parse(defaults.toYaml(), "dump")).isEqualTo(defaults);
    }

    @Test
    void shouldBeJavaSerializableForFlinkFunctions() throws Exception {
        LvdsConfig defaults = LvdsConfig.defaults();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(defaults);
        }
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(defaults);
        }
    }

    private static Map<String, String> ordered(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("config"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("repository root with config/ not found");
        }
        return dir;
    }
}
