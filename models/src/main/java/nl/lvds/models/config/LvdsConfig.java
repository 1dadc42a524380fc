package nl.lvds.models.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.lvds.models.event.Topic;

/**
 * The typed, immutable configuration of LVDS (pipeline and dashboard), read from one YAML file.
 *
 * <p>Key names are the record component names; defaults are the {@code DEFAULT} constants of the
 * nested records and {@link #DEFAULT_RULES}. The <em>declarations</em> - {@code purpose}, {@code
 * legalBasis}, {@code controller}, {@code privacy.retention} and {@code sources} - have no
 * defaults: the file passed to {@link #load(Path)} must state them, so a deployment cannot inherit
 * someone else's purpose or sources by omission. {@link #defaults()} is the shipped Rotterdam file.
 *
 * @param purpose why the processing happens (AVG art. 5 lid 1 sub b); required
 * @param legalBasis the legal basis (AVG art. 6, plus the national law); required
 * @param controller the controller (the municipality); required
 * @param privacy k-anonymity threshold, the finest granularity anyone may see, retention
 * @param sources the declared sources; every one must be public
 * @param kafka brokers, consumer group and topic names
 * @param pipeline parallelism, checkpointing, watermarks and windows
 * @param tensionIndex the weights of the tension index (the formula lives in the indicator)
 * @param alerts the default cooldown and the alert rules
 */
public record LvdsConfig(
        String purpose,
        String legalBasis,
        String controller,
        Privacy privacy,
        List<Source> sources,
        Kafka kafka,
        Pipeline pipeline,
        TensionIndex tensionIndex,
        Alerts alerts)
        implements Serializable {

    /** Keys that must be stated in the loaded file itself (they have no defaults). */
    public static final List<String> DECLARATION_KEYS =
            List.of("purpose", "legalBasis", "controller", "privacy.retention", "sources");

    /** Classpath resource (next to this class) with the shipped default file's content. */
    public static final String DEFAULT_RESOURCE = "lvds-default.yaml";

    /** The rules that apply when a file has no {@code alerts.rules}; see {@code lvds.yaml}. */
    public static final List<AlertRule> DEFAULT_RULES =
            List.of(
                    new AlertRule(
                            "volume",
                            RuleType.VOLUME,
                            true,
                            "More stories than this cell's own history expects at this time of"
                                    + " day and week.",
                            "1h",
                            List.of(),
                            List.of(AreaLevel.values()),
                            10,
                            Thresholds.of(2.0, 2.5, 7.0),
                            2,
                            0,
                            null,
                            null,
                            null,
                            null),
                    new AlertRule(
                            "hostile-stories",
                            RuleType.HOSTILE_STORIES,
                            true,
                            "More hostile stories (dehumanising, threats, incitement) than this"
                                    + " cell's own history expects.",
                            "1h",
                            List.of(),
                            List.of(AreaLevel.values()),
                            10,
                            Thresholds.of(2.0, 2.5, 7.0),
                            2,
                            0,
                            null,
                            null,
                            null,
                            null),
                    new AlertRule(
                            "serious-incident",
                            RuleType.SERIOUS_INCIDENT,
                            true,
                            "An official feed reports an incident of the most serious kind"
                                    + " (explosion, shooting, riot, large fire) in this area.",
                            "1h",
                            List.of(Topic.ALL_TOPICS),
                            List.of(AreaLevel.WIJK, AreaLevel.DISTRICT),
                            1,
                            new Thresholds(null, 3.0, null),
                            1,
                            0,
                            null,
                            null,
                            null,
                            null),
                    new AlertRule(
                            "coordinated",
                            RuleType.COORDINATED,
                            true,
                            "A copy-paste burst, many copies of few stories (never above watch).",
                            "1h",
                            List.of(),
                            List.of(AreaLevel.values()),
                            20,
                            new Thresholds(20.0, null, null),
                            1,
                            0,
                            null,
                            null,
                            null,
                            null));

    /** Validates the declarations and the cross-section constraints; copies the lists. */
    public LvdsConfig {
        requireDeclarations(purpose, legalBasis, controller);
        require(privacy, "privacy");
        require(kafka, "kafka");
        require(pipeline, "pipeline");
        require(tensionIndex, "tensionIndex");
        require(alerts, "alerts");
        if (sources == null || sources.isEmpty()) {
            throw new ConfigException(
                    "sources is missing: declare the public sources the signals come from"
                            + " (name, type, public: true); LVDS takes input from declared public"
                            + " sources only");
        }
        sources = List.copyOf(sources);
        Set<String> names = new HashSet<>();
        for (Source source : sources) {
            if (!names.add(source.name())) {
                throw new ConfigException("sources: name '" + source.name() + "' is used twice");
            }
        }
        for (AlertRule rule : alerts.rules()) {
            for (AreaLevel level : rule.areaLevels()) {
                if (level.finerThan(privacy.minGranularity().area())) {
                    throw new ConfigException(
                            "alerts.rules: rule '"
                                    + rule.id()
                                    + "' applies to area level "
                                    + level
                                    + ", finer than privacy.minGranularity.area ("
                                    + privacy.minGranularity().area()
                                    + ")");
                }
            }
            if (AlertRule.WINDOWS.indexOf(rule.window())
                    < AlertRule.WINDOWS.indexOf(privacy.minGranularity().window())) {
                throw new ConfigException(
                        "alerts.rules: rule '"
                                + rule.id()
                                + "' reads "
                                + rule.window()
                                + " windows, finer than privacy.minGranularity.window ("
                                + privacy.minGranularity().window()
                                + ")");
            }
        }
    }

    /**
     * Fails with an explanation unless purpose, legal basis and controller are all stated. Shared
     * by the loader (which checks before anything else) and the constructor.
     */
    static void requireDeclarations(String purpose, String legalBasis, String controller) {
        List<String> missing = new ArrayList<>();
        if (purpose == null || purpose.isBlank()) {
            missing.add("purpose");
        }
        if (legalBasis == null || legalBasis.isBlank()) {
            missing.add("legalBasis");
        }
        if (controller == null || controller.isBlank()) {
            missing.add("controller");
        }
        if (!missing.isEmpty()) {
            throw new ConfigException(
                    String.join(" and ", missing)
                            + (missing.size() == 1 ? " is" : " are")
                            + " missing or blank. LVDS refuses to start without a declared"
                            + " purpose, legal basis and controller: processing signals from"
                            + " public sources is lawful only for a specified purpose (AVG art. 5"
                            + " lid 1 sub b) on a legal basis (AVG art. 6), by a named"
                            + " controller. State them at the top of the config file, e.g."
                            + " purpose: \"Vormen van een algemeen beeld van maatschappelijke"
                            + " spanningen ten behoeve van de openbare orde\", legalBasis:"
                            + " \"Gemeentewet art. 172; AVG art. 6 lid 1 sub e\", controller:"
                            + " \"Gemeente Rotterdam\".");
        }
    }

    private static void require(Object section, String key) {
        if (section == null) {
            throw new ConfigException(key + " is missing");
        }
    }

    /** The shipped default configuration (Rotterdam), identical to {@code config/lvds.yaml}. */
    public static LvdsConfig defaults() {
        return ConfigLoader.defaults();
    }

    /** Loads a YAML file; keys it omits take their defaults, except the declarations. */
    public static LvdsConfig load(Path file) {
        return ConfigLoader.load(file, Map.of());
    }

    /**
     * Loads a YAML file and applies dotted-key overrides (e.g. from the command line) before
     * validating, so an override can supply or fix any key.
     */
    public static LvdsConfig load(Path file, Map<String, String> overrides) {
        return ConfigLoader.load(file, overrides);
    }

    /** Parses YAML text; {@code origin} names it in error messages. */
    public static LvdsConfig parse(String yaml, String origin) {
        return ConfigLoader.parse(yaml, origin, Map.of());
    }

    /**
     * A copy with dotted-key overrides applied and validated, e.g. {@code
     * kafka.bootstrapServers=localhost:9092}, {@code privacy.k=5}, {@code
     * alerts.rules.hostility.minSignals=30} (list elements by id or name, or by index), {@code
     * alerts.rules.hostility.topics=migration,extremism} (lists comma-separated).
     */
    public LvdsConfig withOverrides(Map<String, String> overrides) {
        return ConfigLoader.withOverrides(this, overrides);
    }

    /**
     * Binds an {@code alerts} section given as a JSON or YAML tree ({@code cooldownHours}, optional
     * and defaulting to {@code defaultCooldownHours}; {@code rules}, required and non-empty), with
     * the same rule defaults and validation as the config file. Used for rule-set changes published
     * at run time ({@code lvds.rules}).
     *
     * @throws ConfigException naming the key at fault, e.g. {@code rules[1].type: unknown rule type
     *     'spyke' (allowed: spike, hostility, incident-escalation)}
     */
    public static Alerts parseAlerts(
            com.fasterxml.jackson.databind.JsonNode alerts,
            int defaultCooldownHours,
            String origin) {
        return ConfigLoader.bindAlerts(alerts, defaultCooldownHours, origin);
    }

    /**
     * Parses a YAML (or JSON) text holding {@code cooldownHours} and {@code rules}, either at the
     * top level or under {@code alerts:} (so the section can be copied from the config file).
     */
    public static Alerts parseAlerts(String yaml, int defaultCooldownHours, String origin) {
        com.fasterxml.jackson.databind.JsonNode tree;
        try {
            tree = ConfigLoader.MAPPER.readTree(yaml);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ConfigLoader.translate(e, origin);
        }
        if (tree != null && tree.has("alerts") && tree.size() == 1) {
            tree = tree.get("alerts");
        }
        return ConfigLoader.bindAlerts(tree, defaultCooldownHours, origin);
    }

    /** Parses {@code key=value} arguments into an ordered override map; fails on a missing '='. */
    public static Map<String, String> parseOverrides(List<String> keyValues) {
        return ConfigLoader.parseOverrides(keyValues);
    }

    /**
     * Every key as a dotted name with its value as text, in file order: the same keys {@link
     * #withOverrides} accepts. Meant for Flink's global job parameters (the web UI shows them) and
     * for logging the effective configuration.
     */
    public Map<String, String> toFlatMap() {
        return ConfigLoader.flatten(this);
    }

    /** The effective configuration as YAML. */
    public String toYaml() {
        return ConfigLoader.toYaml(this);
    }

    /**
     * Privacy settings.
     *
     * @param k cells with fewer signals or distinct authors are published suppressed (at least 2)
     * @param minGranularity the finest area level and window anyone may see (dashboard drill-downs,
     *     alert rules)
     * @param retention how long outputs are kept; required (a declaration)
     */
    public record Privacy(int k, Granularity minGranularity, Retention retention)
            implements Serializable {

        /** Default {@link #k()}. */
        public static final int DEFAULT_K = 10;

        /** Validates k and requires the retention declaration. */
        public Privacy {
            if (k < 2) {
                throw new ConfigException(
                        "privacy.k must be at least 2, was "
                                + k
                                + ": with k = 1 a published cell can describe a single person");
            }
            require(minGranularity, "privacy.minGranularity");
            if (retention == null) {
                throw new ConfigException(
                        "privacy.retention is missing: LVDS refuses to start without declared"
                                + " retention periods (AVG art. 5 lid 1 sub e): indicatorsDays,"
                                + " alertsDays, deadletterHours, auditLogDays");
            }
        }
    }

    /**
     * The finest granularity anyone may see.
     *
     * @param area the finest area level
     * @param window the finest window, {@code 1h} or {@code 24h}
     */
    public record Granularity(AreaLevel area, String window) implements Serializable {

        /** Default: wijk and 1 h (the finest the pipeline produces). */
        public static final Granularity DEFAULT = new Granularity(AreaLevel.WIJK, "1h");

        /** Validates the window. */
        public Granularity {
            require(area, "privacy.minGranularity.area");
            if (!AlertRule.WINDOWS.contains(window)) {
                throw new ConfigException(
                        "privacy.minGranularity.window must be one of "
                                + AlertRule.WINDOWS
                                + ", was "
                                + window);
            }
        }
    }

    /**
     * Retention periods (a declaration: no defaults). Each must be at least 1.
     *
     * @param indicatorsDays days indicators are kept (Kafka topic retention, dashboard store)
     * @param alertsDays days alerts are kept
     * @param deadletterHours hours dead letters are kept
     * @param auditLogDays days the dashboard's audit log is kept
     */
    public record Retention(
            int indicatorsDays, int alertsDays, int deadletterHours, int auditLogDays)
            implements Serializable {

        /** Validates: every period at least 1. */
        public Retention {
            positive(indicatorsDays, "privacy.retention.indicatorsDays");
            positive(alertsDays, "privacy.retention.alertsDays");
            positive(deadletterHours, "privacy.retention.deadletterHours");
            positive(auditLogDays, "privacy.retention.auditLogDays");
        }

        /** {@link #indicatorsDays()} as a duration. */
        public Duration indicators() {
            return Duration.ofDays(indicatorsDays);
        }

        /** {@link #alertsDays()} as a duration. */
        public Duration alerts() {
            return Duration.ofDays(alertsDays);
        }

        /** {@link #deadletterHours()} as a duration. */
        public Duration deadletter() {
            return Duration.ofHours(deadletterHours);
        }

        /** {@link #auditLogDays()} as a duration. */
        public Duration auditLog() {
            return Duration.ofDays(auditLogDays);
        }
    }

    /**
     * A declared source. Only public sources may be declared.
     *
     * @param name unique name, e.g. {@code x-public-posts}
     * @param type the source type signals carry
     * @param isPublic {@code public: true} in YAML; a non-public source is refused
     * @param description what it is; may be null
     */
    public record Source(
            String name,
            SourceType type,
            @JsonProperty("public") boolean isPublic,
            String description)
            implements Serializable {

        /** Validates name and type and refuses non-public sources. */
        public Source {
            if (name == null || name.isBlank()) {
                throw new ConfigException("sources: every source needs a name");
            }
            if (type == null) {
                throw new ConfigException("sources: source '" + name + "' needs a type");
            }
            if (!isPublic) {
                throw new ConfigException(
                        "sources: source '"
                                + name
                                + "' is not declared public (public: true). LVDS takes input"
                                + " from public sources only: no closed groups, private"
                                + " messages or fake accounts");
            }
        }
    }

    /**
     * Kafka connection and topics.
     *
     * @param bootstrapServers {@code host:port[,host:port...]}
     * @param groupId consumer group of the pipeline
     * @param topics topic names
     */
    public record Kafka(String bootstrapServers, String groupId, Topics topics)
            implements Serializable {

        /** Default: a local broker. */
        public static final Kafka DEFAULT = new Kafka("localhost:9092", "lvds", Topics.DEFAULT);

        /** Validates: all non-blank. */
        public Kafka {
            nonBlank(bootstrapServers, "kafka.bootstrapServers");
            nonBlank(groupId, "kafka.groupId");
            require(topics, "kafka.topics");
        }
    }

    /**
     * Topic names; all distinct.
     *
     * @param signals incoming signals
     * @param incidents incoming incidents (JSON contract)
     * @param p2000 incoming raw P2000 lines
     * @param indicators published indicators
     * @param alerts published alerts
     * @param deadletter bad records
     * @param rules alert rule updates (broadcast)
     * @param early provisional indicators of open windows (live only, not transactional)
     */
    public record Topics(
            String signals,
            String incidents,
            String p2000,
            String indicators,
            String alerts,
            String deadletter,
            String rules,
            String early)
            implements Serializable {

        /** Default topic names, {@code lvds.*}. */
        public static final Topics DEFAULT =
                new Topics(
                        "lvds.signals",
                        "lvds.incidents",
                        "lvds.p2000",
                        "lvds.indicators",
                        "lvds.alerts",
                        "lvds.deadletter",
                        "lvds.rules",
                        "lvds.indicators.early");

        /** Every topic, inputs first: what a broker for LVDS must have. */
        public java.util.List<String> all() {
            return java.util.List.of(
                    signals, incidents, p2000, indicators, alerts, deadletter, rules, early);
        }

        /** Validates: non-blank and distinct. */
        public Topics {
            String[] names = {
                "signals",
                "incidents",
                "p2000",
                "indicators",
                "alerts",
                "deadletter",
                "rules",
                "early"
            };
            String[] values = {
                signals, incidents, p2000, indicators, alerts, deadletter, rules, early
            };
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < names.length; i++) {
                nonBlank(values[i], "kafka.topics." + names[i]);
                if (!seen.add(values[i])) {
                    throw new ConfigException(
                            "kafka.topics." + names[i] + ": topic '" + values[i] + "' used twice");
                }
            }
        }
    }

    /**
     * Job settings.
     *
     * @param parallelism operator parallelism (at least 1)
     * @param checkpointIntervalSeconds checkpoint interval (at least 1; exactly-once sinks commit
     *     on checkpoints, so this is also the output latency)
     * @param maxOutOfOrdernessSeconds bounded out-of-orderness of the watermarks (&ge; 0)
     * @param idlenessSeconds a source split idle this long stops holding back watermarks (&ge; 0; 0
     *     = never idle)
     * @param allowedLatenessMinutes late events within this still update a window (&ge; 0)
     * @param baselineDays days of history for the baseline (at least 1)
     * @param minBaselineDays the fewest earlier days a cell needs before its baseline (mean,
     *     standard deviation, z-score) and its expected story count are reported; capped at {@code
     *     baselineDays} (at least 1)
     * @param earlyResultsMillis the live job publishes the open 1 h window of each active cell as a
     *     provisional indicator this often (processing time) to {@code kafka.topics.early}; 0 = no
     *     early results (&ge; 0). Review mode never has them.
     */
    public record Pipeline(
            int parallelism,
            int checkpointIntervalSeconds,
            int maxOutOfOrdernessSeconds,
            int idlenessSeconds,
            int allowedLatenessMinutes,
            int baselineDays,
            int minBaselineDays,
            int earlyResultsMillis)
            implements Serializable {

        /** Default job settings. */
        public static final Pipeline DEFAULT = new Pipeline(2, 30, 60, 30, 5, 28, 7, 500);

        /** Validates ranges. */
        public Pipeline {
            positive(parallelism, "pipeline.parallelism");
            positive(checkpointIntervalSeconds, "pipeline.checkpointIntervalSeconds");
            nonNegative(maxOutOfOrdernessSeconds, "pipeline.maxOutOfOrdernessSeconds");
            nonNegative(idlenessSeconds, "pipeline.idlenessSeconds");
            nonNegative(allowedLatenessMinutes, "pipeline.allowedLatenessMinutes");
            positive(baselineDays, "pipeline.baselineDays");
            positive(minBaselineDays, "pipeline.minBaselineDays");
            nonNegative(earlyResultsMillis, "pipeline.earlyResultsMillis");
        }

        /** The checkpoint interval. */
        public Duration checkpointInterval() {
            return Duration.ofSeconds(checkpointIntervalSeconds);
        }

        /** The watermarks' bounded out-of-orderness. */
        public Duration maxOutOfOrderness() {
            return Duration.ofSeconds(maxOutOfOrdernessSeconds);
        }

        /** Source idleness; zero = disabled. */
        public Duration idleness() {
            return Duration.ofSeconds(idlenessSeconds);
        }

        /** Allowed lateness of windows. */
        public Duration allowedLateness() {
            return Duration.ofMinutes(allowedLatenessMinutes);
        }

        /**
         * The fewest days of history for a baseline: {@code minBaselineDays}, at most {@code
         * baselineDays}.
         */
        public int effectiveMinBaselineDays() {
            return Math.min(minBaselineDays, baselineDays);
        }

        /** The baseline history length. */
        public Duration baseline() {
            return Duration.ofDays(baselineDays);
        }
    }

    /**
     * Weights of the tension index 0-100 (the formula is implemented and documented by the
     * indicator operator): each in [0, 1], summing to 1 so the index stays within 0-100.
     *
     * @param hostileShare weight of the hostile share (hostile / signals)
     * @param uneasyShare weight of the uneasy share (uneasy / signals)
     * @param volume weight of the volume component (signals against the baseline)
     */
    public record TensionIndex(double hostileShare, double uneasyShare, double volume)
            implements Serializable {

        /** Default weights: hostility dominates, volume alone cannot raise the index far. */
        public static final TensionIndex DEFAULT = new TensionIndex(0.6, 0.25, 0.15);

        /** Validates: each in [0, 1], sum 1 (within 1e-6). */
        public TensionIndex {
            unit(hostileShare, "tensionIndex.hostileShare");
            unit(uneasyShare, "tensionIndex.uneasyShare");
            unit(volume, "tensionIndex.volume");
            double sum = hostileShare + uneasyShare + volume;
            if (Math.abs(sum - 1.0) > 1e-6) {
                throw new ConfigException(
                        "tensionIndex: the weights must sum to 1 so the index stays within 0-100,"
                                + " they sum to "
                                + sum);
            }
        }
    }

    /**
     * Alerting.
     *
     * @param cooldownHours default cooldown of a rule in a cell (&ge; 0)
     * @param rules the rules, ids unique; defaults to {@link #DEFAULT_RULES} when the file has none
     */
    public record Alerts(int cooldownHours, List<AlertRule> rules, Detection detection)
            implements Serializable {

        /** Default cooldown in hours. */
        public static final int DEFAULT_COOLDOWN_HOURS = 6;

        /** Default alerting: 6 h cooldown, {@link #DEFAULT_RULES} and default detection. */
        public static final Alerts DEFAULT =
                new Alerts(DEFAULT_COOLDOWN_HOURS, DEFAULT_RULES, Detection.DEFAULT);

        /** Alerting with the default detection settings. */
        public Alerts(int cooldownHours, List<AlertRule> rules) {
            this(cooldownHours, rules, Detection.DEFAULT);
        }

        /** Validates the cooldown and rule id uniqueness; copies the list. */
        public Alerts {
            nonNegative(cooldownHours, "alerts.cooldownHours");
            rules = rules == null ? List.of() : List.copyOf(rules);
            detection = detection == null ? Detection.DEFAULT : detection;
            Set<String> ids = new HashSet<>();
            for (AlertRule rule : rules) {
                if (!ids.add(rule.id())) {
                    throw new ConfigException("alerts.rules: id '" + rule.id() + "' used twice");
                }
            }
        }

        /** The default cooldown as a duration. */
        public Duration cooldown() {
            return Duration.ofHours(cooldownHours);
        }
    }

    /**
     * How the {@code volume} and {@code hostile-stories} rules test a cell, and how flagged cells
     * are grouped into one alert per event ({@code alerts.detection}).
     *
     * @param tests the number of cells tested per evaluation, the Bonferroni factor: a cell's
     *     p-value is multiplied by it before the rules' thresholds apply, so the chance of any
     *     false flag in one evaluation of a quiet city stays at the threshold's level
     * @param incidentTests the factor instead for a cell linked in the window to an incident of at
     *     least {@code incidentSeverity}: a pre-specified hypothesis, tested among few
     * @param incidentSeverity least incident severity (1-3) that makes a cell such a hypothesis
     * @param minExpected the expected count used is at least this (per hour), so that a cell that
     *     is usually silent is not surprised by a handful of stories
     * @param minRatio observed must be at least this many times the expected count
     * @param minExcess observed must exceed the expected count by at least this many stories
     * @param coordinatedMinShare a coordinated flag needs copies to be at least this share of the
     *     window's signals
     * @param groupGapMinutes a group stays open while a related cell is flagged within this time;
     *     after it, the group closes
     * @param coordinatedGapMinutes the same for groups of kind coordinated: a copy-paste burst
     *     lasts minutes, so two bursts an hour apart are two alerts
     */
    public record Detection(
            int tests,
            int incidentTests,
            int incidentSeverity,
            double minExpected,
            double minRatio,
            int minExcess,
            double coordinatedMinShare,
            int groupGapMinutes,
            int coordinatedGapMinutes,
            int seriousSeverity)
            implements Serializable {

        /** The shipped defaults. */
        public static final Detection DEFAULT =
                new Detection(800, 5, 2, 1.0, 2.0, 5, 0.2, 480, 60, 3);

        /** Validates the ranges. */
        public Detection {
            positive(tests, "alerts.detection.tests");
            positive(incidentTests, "alerts.detection.incidentTests");
            if (incidentSeverity < 1 || incidentSeverity > 3) {
                throw new ConfigException(
                        "alerts.detection.incidentSeverity must be 1-3, was " + incidentSeverity);
            }
            if (!(minExpected > 0)) {
                throw new ConfigException(
                        "alerts.detection.minExpected must be > 0, was " + minExpected);
            }
            if (!(minRatio >= 1)) {
                throw new ConfigException(
                        "alerts.detection.minRatio must be >= 1, was " + minRatio);
            }
            nonNegative(minExcess, "alerts.detection.minExcess");
            unit(coordinatedMinShare, "alerts.detection.coordinatedMinShare");
            positive(groupGapMinutes, "alerts.detection.groupGapMinutes");
            positive(coordinatedGapMinutes, "alerts.detection.coordinatedGapMinutes");
            if (seriousSeverity < 1 || seriousSeverity > 3) {
                throw new ConfigException(
                        "alerts.detection.seriousSeverity must be 1-3, was " + seriousSeverity);
            }
        }

        /** The group gap as a duration. */
        public Duration groupGap() {
            return Duration.ofMinutes(groupGapMinutes);
        }

        /** The gap of coordinated groups as a duration. */
        public Duration coordinatedGap() {
            return Duration.ofMinutes(coordinatedGapMinutes);
        }
    }

    private static void nonBlank(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(key + " must not be blank");
        }
    }

    private static void positive(int value, String key) {
        if (value < 1) {
            throw new ConfigException(key + " must be at least 1, was " + value);
        }
    }

    private static void nonNegative(int value, String key) {
        if (value < 0) {
            throw new ConfigException(key + " must not be negative, was " + value);
        }
    }

    private static void unit(double value, String key) {
        if (!(value >= 0 && value <= 1)) {
            throw new ConfigException(key + " must be between 0 and 1, was " + value);
        }
    }
}
