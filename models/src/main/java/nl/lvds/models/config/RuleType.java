package nl.lvds.models.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kinds of alert rule: what an {@link AlertRule}'s thresholds measure.
 *
 * <ul>
 *   <li>{@code volume}: the surprise of the cell's stories (near-duplicates collapsed) against the
 *       count expected from its own history, as {@code -log10} of the p-value corrected for the
 *       number of cells tested per evaluation (see {@code alerts.detection});
 *   <li>{@code hostile-stories}: the same test on the cell's hostile stories;
 *   <li>{@code coordinated}: copy-paste bursts: repeated copies in the window (signals beyond its
 *       distinct stories); never more than {@code watch};
 *   <li>{@code serious-incident}: the severity (1-3) of an incident an official feed reports in the
 *       cell: the incident itself is news for an adviser, at night too when few people post; never
 *       more than {@code warning} by itself (a critical alert needs the posts to show it);
 *   <li>{@code spike}: the indicator's z-score (signal volume against its baseline);
 *   <li>{@code hostility}: the hostile share, hostile / signals, 0-1;
 *   <li>{@code incident-escalation}: the rise of the tension index (points, 0-100) after a linked
 *       incident, against the last indicator before it (optionally also the z-score).
 * </ul>
 */
public enum RuleType {
    VOLUME("volume"),
    HOSTILE_STORIES("hostile-stories"),
    COORDINATED("coordinated"),
    SERIOUS_INCIDENT("serious-incident"),
    SPIKE("spike"),
    HOSTILITY("hostility"),
    INCIDENT_ESCALATION("incident-escalation");

    private final String wire;

    RuleType(String wire) {
        this.wire = wire;
    }

    /** The name used in YAML. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** Parses a YAML value; fails with the list of allowed values. */
    @JsonCreator
    public static RuleType of(String value) {
        for (RuleType type : values()) {
            if (type.wire.equals(value)) {
                return type;
            }
        }
        throw new ConfigException(
                "unknown rule type '"
                        + value
                        + "' (allowed: volume, hostile-stories, coordinated, serious-incident,"
                        + " spike, hostility, incident-escalation)");
    }

    @Override
    public String toString() {
        return wire;
    }
}
