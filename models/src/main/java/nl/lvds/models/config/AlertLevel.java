package nl.lvds.models.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Alert levels, lowest first; {@link #wire()} is the Alert contract's {@code level}. */
public enum AlertLevel {
    WATCH("watch"),
    WARNING("warning"),
    CRITICAL("critical");

    private final String wire;

    AlertLevel(String wire) {
        this.wire = wire;
    }

    /** The name used in YAML and in the Alert contract. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** Whether this level is strictly higher than {@code other} (null counts as lowest). */
    public boolean above(AlertLevel other) {
        return other == null || ordinal() > other.ordinal();
    }

    /** Parses a wire value; fails with the list of allowed values. */
    @JsonCreator
    public static AlertLevel of(String value) {
        for (AlertLevel level : values()) {
            if (level.wire.equals(value)) {
                return level;
            }
        }
        throw new ConfigException(
                "unknown alert level '" + value + "' (allowed: watch, warning, critical)");
    }

    @Override
    public String toString() {
        return wire;
    }
}
