package nl.lvds.dashboards.notify;

/** A notifier configuration error, with a message naming the offending key. */
public final class NotifierConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** With a message that names the key. */
    public NotifierConfigException(String message) {
        super(message);
    }
}
