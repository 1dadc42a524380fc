package nl.lvds.models.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import nl.lvds.models.event.Topic;

/**
 * One alert rule from the {@code alerts.rules} list of the config file: what it measures ({@link
 * RuleType}), where it applies, and at which values it raises watch / warning / critical.
 *
 * <p>Keys a rule may omit in YAML take the defaults of {@link #defaultKeys()}. Keys specific to
 * {@code incident-escalation} ({@code minSeverity}, {@code withinHours}, {@code
 * baselineLookbackHours}, {@code zScoreThresholds}) are refused on other rule types, so a typo in
 * the type cannot silently change what a rule does.
 *
 * @param id unique rule id, lower case letters, digits and hyphens; it names the rule in alerts and
 *     in CLI overrides ({@code alerts.rules.<id>.<key>})
 * @param type what the thresholds measure
 * @param enabled whether the rule is evaluated (default true)
 * @param description a sentence for analysts; may be null
 * @param window the indicator window the rule reads, {@code 1h} or {@code 24h} (default 1h)
 * @param topics topics the rule applies to (a topic or {@code all}); empty = every cell (default)
 * @param areaLevels area levels the rule applies to (default wijk, district, city)
 * @param minSignals the rule fires only on indicators with at least this many signals
 * @param thresholds per level: the z-score (spike), the hostile share 0-1 (hostility) or the rise
 *     of the tension index in points (incident-escalation)
 * @param criticalMinSourceTypes a {@code critical} level needs at least this many source types in
 *     the window (corroboration); with fewer it is lowered to {@code warning} (default 1)
 * @param cooldownHours the same rule in the same cell raises again only after this many hours or at
 *     a higher level; null = {@code alerts.cooldownHours}
 * @param minSeverity incident-escalation: the least incident severity (1-3) that starts it
 * @param withinHours incident-escalation: how long after the incident an indicator counts
 * @param baselineLookbackHours incident-escalation: how far before the incident the "last indicator
 *     before" may be (default 24); with none, only {@code zScoreThresholds} can fire
 * @param zScoreThresholds incident-escalation: optional z-score per level, an alternative trigger
 */
public record AlertRule(
        @JsonProperty(required = true) String id,
        @JsonProperty(required = true) RuleType type,
        boolean enabled,
        String description,
        String window,
        List<String> topics,
        List<AreaLevel> areaLevels,
        @JsonProperty(required = true) int minSignals,
        @JsonProperty(required = true) Thresholds thresholds,
        int criticalMinSourceTypes,
        Integer cooldownHours,
        Integer minSeverity,
        Integer withinHours,
        Integer baselineLookbackHours,
        Thresholds zScoreThresholds)
        implements Serializable {

    /** Indicator windows a rule can read, finest first. */
    public static final List<String> WINDOWS = List.of("1h", "24h");

    /** Default {@link #window()}. */
    public static final String DEFAULT_WINDOW = "1h";

    /** Default {@link #criticalMinSourceTypes()}. */
    public static final int DEFAULT_CRITICAL_MIN_SOURCE_TYPES = 1;

    /** Default {@link #baselineLookbackHours()} for incident-escalation rules. */
    public static final int DEFAULT_BASELINE_LOOKBACK_HOURS = 24;

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** Validates and normalises (lists copied, defaults of incident-escalation filled in). */
    public AlertRule {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ConfigException(
                    "rule id '"
                            + id
                            + "' must be 1-64 lower case letters, digits or hyphens (it is used in"
                            + " alert ids and override keys)");
        }
        String where = "rule '" + id + "': ";
        if (type == null) {
            throw new ConfigException(where + "type is required");
        }
        window = window == null ? DEFAULT_WINDOW : window;
        if (!WINDOWS.contains(window)) {
            throw new ConfigException(
                    where + "window must be one of " + WINDOWS + ", was " + window);
        }
        topics = topics == null ? List.of() : List.copyOf(topics);
        for (String topic : topics) {
            if (!Topic.isTopic(topic) && !Topic.ALL_TOPICS.equals(topic)) {
                throw new ConfigException(
                        where
                                + "unknown topic '"
                                + topic
                                + "' (allowed: "
                                + String.join(", ", Topic.ALL)
                                + ", all)");
            }
        }
        if (new HashSet<>(topics).size() != topics.size()) {
            throw new ConfigException(where + "topics lists a topic twice");
        }
        areaLevels = areaLevels == null ? List.of(AreaLevel.values()) : List.copyOf(areaLevels);
        if (areaLevels.isEmpty()) {
            throw new ConfigException(where + "areaLevels must not be empty");
        }
        if (new HashSet<>(areaLevels).size() != areaLevels.size()) {
            throw new ConfigException(where + "areaLevels lists a level twice");
        }
        if (minSignals < 1) {
            throw new ConfigException(where + "minSignals must be at least 1, was " + minSignals);
        }
        if (thresholds == null) {
            throw new ConfigException(where + "thresholds are required");
        }
        if (criticalMinSourceTypes < 1 || criticalMinSourceTypes > SourceType.values().length) {
            throw new ConfigException(
                    where
                            + "criticalMinSourceTypes must be between 1 and "
                            + SourceType.values().length
                            + ", was "
                            + criticalMinSourceTypes);
        }
        if (cooldownHours != null && cooldownHours < 0) {
            throw new ConfigException(
                    where + "cooldownHours must not be negative, was " + cooldownHours);
        }
        switch (type) {
            case VOLUME, HOSTILE_STORIES -> {
                onlyForEscalation(where, minSeverity, withinHours, baselineLookbackHours);
                if (zScoreThresholds != null) {
                    throw new ConfigException(
                            where + "zScoreThresholds applies only to incident-escalation rules");
                }
                if (thresholds.min() <= 0) {
                    throw new ConfigException(
                            where
                                    + type
                                    + " thresholds are surprises (-log10 of the corrected"
                                    + " p-value) and must be > 0");
                }
            }
            case COORDINATED -> {
                onlyForEscalation(where, minSeverity, withinHours, baselineLookbackHours);
                if (zScoreThresholds != null) {
                    throw new ConfigException(
                            where + "zScoreThresholds applies only to incident-escalation rules");
                }
                if (thresholds.warning() != null || thresholds.critical() != null) {
                    throw new ConfigException(
                            where
                                    + "coordinated rules raise watch only: a copy-paste burst is"
                                    + " never a warning or critical by itself");
                }
                if (thresholds.min() < 1) {
                    throw new ConfigException(
                            where + "coordinated thresholds are copies and must be >= 1");
                }
            }
            case SERIOUS_INCIDENT -> {
                onlyForEscalation(where, minSeverity, withinHours, baselineLookbackHours);
                if (zScoreThresholds != null) {
                    throw new ConfigException(
                            where + "zScoreThresholds applies only to incident-escalation rules");
                }
                if (thresholds.critical() != null) {
                    throw new ConfigException(
                            where
                                    + "serious-incident rules raise watch or warning: an incident"
                                    + " is critical only when the posts show it too");
                }
                if (thresholds.min() < 1 || thresholds.max() > 3) {
                    throw new ConfigException(
                            where + "serious-incident thresholds are severities (1-3)");
                }
            }
            case SPIKE -> {
                onlyForEscalation(where, minSeverity, withinHours, baselineLookbackHours);
                if (zScoreThresholds != null) {
                    throw new ConfigException(
                            where + "zScoreThresholds applies only to incident-escalation rules");
                }
                if (thresholds.min() <= 0) {
                    throw new ConfigException(
                            where + "spike thresholds are z-scores and must be > 0");
                }
            }
            case HOSTILITY -> {
                onlyForEscalation(where, minSeverity, withinHours, baselineLookbackHours);
                if (zScoreThresholds != null) {
                    throw new ConfigException(
                            where + "zScoreThresholds applies only to incident-escalation rules");
                }
                if (thresholds.min() <= 0 || thresholds.max() > 1) {
                    throw new ConfigException(
                            where + "hostility thresholds are shares and must be in (0, 1]");
                }
            }
            case INCIDENT_ESCALATION -> {
                if (minSeverity == null || minSeverity < 1 || minSeverity > 3) {
                    throw new ConfigException(
                            where
                                    + "minSeverity (1-3) is required for incident-escalation, was "
                                    + minSeverity);
                }
                if (withinHours == null || withinHours < 1) {
                    throw new ConfigException(
                            where
                                    + "withinHours (at least 1) is required for"
                                    + " incident-escalation, was "
                                    + withinHours);
                }
                baselineLookbackHours =
                        baselineLookbackHours == null
                                ? DEFAULT_BASELINE_LOOKBACK_HOURS
                                : baselineLookbackHours;
                if (baselineLookbackHours < 1) {
                    throw new ConfigException(
                            where
                                    + "baselineLookbackHours must be at least 1, was "
                                    + baselineLookbackHours);
                }
                if (thresholds.min() <= 0 || thresholds.max() > 100) {
                    throw new ConfigException(
                            where
                                    + "incident-escalation thresholds are tension index rises in"
                                    + " points and must be in (0, 100]");
                }
                if (zScoreThresholds != null && zScoreThresholds.min() <= 0) {
                    throw new ConfigException(where + "zScoreThresholds must be > 0");
                }
            }
        }
    }

    private static void onlyForEscalation(String where, Integer... values) {
        String[] names = {"minSeverity", "withinHours", "baselineLookbackHours"};
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                throw new ConfigException(
                        where + names[i] + " applies only to incident-escalation rules");
            }
        }
    }

    /**
     * The keys a rule may omit in YAML and their defaults (null = unset). The loader fills them in
     * before binding, so the defaults are stated once, here.
     */
    public static Map<String, Object> defaultKeys() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("enabled", true);
        defaults.put("window", DEFAULT_WINDOW);
        defaults.put("topics", List.of());
        defaults.put("areaLevels", List.of("wijk", "district", "city"));
        defaults.put("criticalMinSourceTypes", DEFAULT_CRITICAL_MIN_SOURCE_TYPES);
        return defaults;
    }

    /**
     * Whether the rule reads indicators of {@code indicatorWindow} in a cell of this level/topic.
     */
    public boolean appliesTo(String indicatorWindow, AreaLevel level, String topic) {
        return enabled
                && window.equals(indicatorWindow)
                && areaLevels.contains(level)
                && (topics.isEmpty() || topics.contains(topic));
    }

    /** The rule's cooldown, or {@code fallback} when the rule sets none. */
    public Duration cooldown(Duration fallback) {
        return cooldownHours == null ? fallback : Duration.ofHours(cooldownHours);
    }

    /** Incident-escalation: the rule's {@code withinHours} as a duration (zero for other types). */
    public Duration within() {
        return withinHours == null ? Duration.ZERO : Duration.ofHours(withinHours);
    }

    /** Incident-escalation: the baseline lookback as a duration (zero for other types). */
    public Duration baselineLookback() {
        return baselineLookbackHours == null
                ? Duration.ZERO
                : Duration.ofHours(baselineLookbackHours);
    }
}
