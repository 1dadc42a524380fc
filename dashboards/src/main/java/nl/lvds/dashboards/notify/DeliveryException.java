package nl.lvds.dashboards.notify;

/** A failed delivery attempt (SMTP error, HTTP non-2xx, timeout); it may be retried. */
public final class DeliveryException extends Exception {
    private static final long serialVersionUID = 1L;

    /** With a cause. */
    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Without a cause. */
    public DeliveryException(String message) {
        super(message);
    }
}
