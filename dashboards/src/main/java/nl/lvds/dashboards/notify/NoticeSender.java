package nl.lvds.dashboards.notify;

/** Sends one notice to one target, or throws; implementations do no retrying of their own. */
@FunctionalInterface
public interface NoticeSender {

    /** Sends, or throws {@link DeliveryException} for a (possibly transient) failure. */
    void send(Target target, Notice notice) throws DeliveryException;
}
