package nl.lvds.models.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kinds of alert rule: what an {@link AlertRule}'s thresholds measure.
 *
 * <ul>
 *   <li>{@code spike}: the indicator's z-score (signal volume against its baseline);
 *   <li>{@code hostility}: the hostile share, hostile / signals, 0-1;
 *   <li>{@code incident-escalation}: the rise of the tension index (points, 0-100) after a linked
 *       incident, against the last indicator before it (optionally also the z-score).
 * </ul>
 */
public enum RuleType {
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
                        + "' (allowed: spike, hostility, incident-escalation)");
    }

    @Override
    public String toString() {
        return wire;
    }
}
