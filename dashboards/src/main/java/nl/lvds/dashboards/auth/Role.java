package nl.lvds.dashboards.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import nl.lvds.models.config.ConfigException;

/**
 * The dashboard roles. Analysts watch and acknowledge alerts; advisers (mayor's staff) read the
 * overview, series and alerts only; admins also read source health details and the audit log.
 */
public enum Role {
    ANALYST("analyst"),
    ADVISER("adviser"),
    ADMIN("admin");

    private final String wire;

    Role(String wire) {
        this.wire = wire;
    }

    /** The name in YAML, JSON and the audit log. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** Parses a role name. */
    @JsonCreator
    public static Role of(String value) {
        for (Role r : values()) {
            if (r.wire.equals(value)) {
                return r;
            }
        }
        throw new ConfigException(
                "unknown role '" + value + "' (allowed: analyst, adviser, admin)");
    }

    @Override
    public String toString() {
        return wire;
    }
}
