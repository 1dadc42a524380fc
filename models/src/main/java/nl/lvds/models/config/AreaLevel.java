package nl.lvds.models.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The spatial level of an indicator cell, finest first: wijk, district (gebied), city. */
public enum AreaLevel {
    WIJK("wijk"),
    DISTRICT("district"),
    CITY("city");

    private final String wire;

    AreaLevel(String wire) {
        this.wire = wire;
    }

    /** The name used in YAML and in messages. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** Whether this level is strictly finer (smaller areas) than {@code other}. */
    public boolean finerThan(AreaLevel other) {
        return ordinal() < other.ordinal();
    }

    /**
     * The level of an indicator cell from its {@code area} and {@code district} fields: {@code
     * city} is the city rollup, an area equal to its district is a district cell, anything else is
     * a wijk.
     */
    public static AreaLevel ofCell(String area, String district) {
        if (CITY.wire.equals(area)) {
            return CITY;
        }
        return area != null && area.equals(district) ? DISTRICT : WIJK;
    }

    /** Parses a YAML value; fails with the list of allowed values. */
    @JsonCreator
    public static AreaLevel of(String value) {
        for (AreaLevel level : values()) {
            if (level.wire.equals(value)) {
                return level;
            }
        }
        throw new ConfigException(
                "unknown area level '" + value + "' (allowed: " + allowed() + ")");
    }

    static String allowed() {
        return Arrays.stream(values()).map(AreaLevel::wire).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return wire;
    }
}
