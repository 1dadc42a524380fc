package nl.lvds.models.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The kinds of public source a signal can come from (the Signal contract's {@code source}). */
public enum SourceType {
    SOCIAL("social"),
    FORUM("forum"),
    NEWS_COMMENT("news-comment"),
    FIELD_REPORT("field-report");

    private final String wire;

    SourceType(String wire) {
        this.wire = wire;
    }

    /** The name used in YAML, in signals and in alerts' corroboration. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** Parses a YAML value; fails with the list of allowed values. */
    @JsonCreator
    public static SourceType of(String value) {
        for (SourceType type : values()) {
            if (type.wire.equals(value)) {
                return type;
            }
        }
        throw new ConfigException(
                "unknown source type '"
                        + value
                        + "' (allowed: "
                        + Arrays.stream(values())
                                .map(SourceType::wire)
                                .collect(Collectors.joining(", "))
                        + ")");
    }

    @Override
    public String toString() {
        return wire;
    }
}
