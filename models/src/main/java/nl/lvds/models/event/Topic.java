package nl.lvds.models.event;

import java.util.List;

/** The topic taxonomy (multi-label; no topic is a valid answer) and the tension levels. */
public final class Topic {
    public static final String MIDDLE_EAST = "middle-east";
    public static final String LOCAL_INCIDENT = "local-incident";
    public static final String MIGRATION = "migration";
    public static final String DISCRIMINATION = "discrimination";
    public static final String ANTI_GOVERNMENT = "anti-government";
    public static final String EXTREMISM = "extremism";

    /** The rollup over all topics in indicators and alerts. */
    public static final String ALL_TOPICS = "all";

    /** The six topics, in a fixed order used by score vectors. */
    public static final List<String> ALL =
            List.of(
                    MIDDLE_EAST,
                    LOCAL_INCIDENT,
                    MIGRATION,
                    DISCRIMINATION,
                    ANTI_GOVERNMENT,
                    EXTREMISM);

    /** Tension levels by index: 0 calm, 1 uneasy, 2 hostile. */
    public static final List<String> TENSION_LEVELS = List.of("calm", "uneasy", "hostile");

    private Topic() {}

    /** Whether {@code label} is one of the six topics. */
    public static boolean isTopic(String label) {
        return ALL.contains(label);
    }
}
