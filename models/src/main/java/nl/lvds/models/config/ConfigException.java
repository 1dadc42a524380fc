package nl.lvds.models.config;

/**
 * A configuration that cannot be used: the message names the offending key (dotted, as in the YAML
 * file and in CLI overrides) and says why, so an operator can fix the file without reading code.
 */
public class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** A configuration error with a message that names the key. */
    public ConfigException(String message) {
        super(message);
    }

    /** A configuration error caused by a parse or binding failure. */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
