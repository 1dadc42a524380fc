package nl.lvds.dashboards.notify;

/**
 * One place a notice goes to: an e-mail address or a named webhook. Its {@link #key()} is what the
 * sent-ledger records with the alert id.
 *
 * @param kind mail or webhook
 * @param address the e-mail address or the webhook's name
 */
public record Target(Kind kind, String address) {

    /** The two channels. */
    public enum Kind {
        /** An e-mail address. */
        MAIL,
        /** A configured webhook, by name. */
        WEBHOOK
    }

    /** An e-mail target. */
    public static Target mail(String address) {
        return new Target(Kind.MAIL, address);
    }

    /** A webhook target. */
    public static Target webhook(String name) {
        return new Target(Kind.WEBHOOK, name);
    }

    /** {@code mail:addr} or {@code webhook:name}: stable, used in the ledger and audit log. */
    public String key() {
        return (kind == Kind.MAIL ? "mail:" : "webhook:") + address;
    }

    /** Parses a {@link #key()}. */
    public static Target parse(String key) {
        if (key.startsWith("mail:")) {
            return mail(key.substring(5));
        }
        if (key.startsWith("webhook:")) {
            return webhook(key.substring(8));
        }
        throw new IllegalArgumentException("not a target key: " + key);
    }
}
