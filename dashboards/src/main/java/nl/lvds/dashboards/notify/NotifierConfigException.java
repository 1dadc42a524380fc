package nl.lvds.dashboards.notify;

import nl.lvds.models.config.ConfigException;

/** A notifier configuration error, with a message naming the offending key. */
public final class NotifierConfigException extends ConfigException {
    private static final long serialVersionUID = 1L;

    /** With a message that names the key. */
    public NotifierConfigException(String message) {
        super(message);
    }

    /** With a message that names the key, and its cause. */
    public NotifierConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
