package nl.lvds.models.nlp;

/** The kinds of personal data that {@link PiiScrubber} replaces, each with its placeholder. */
public enum PiiType {
    EMAIL("email"),
    PHONE("phone"),
    HANDLE("handle"),
    /** URLs keep their host as {@code <url:host>}; {@code <url>} only when the host is no name. */
    URL("url"),
    /** A Dutch postcode, together with the house number written next to it. */
    POSTCODE("postcode"),
    IBAN("iban"),
    BSN("bsn"),
    PLATE("plate");

    private final String label;
    private final String placeholder;

    PiiType(String label) {
        this.label = label;
        this.placeholder = "<" + label + ">";
    }

    /** The bare label, e.g. {@code phone}. */
    public String label() {
        return label;
    }

    /** The placeholder written into scrubbed text, e.g. {@code <phone>}. */
    public String placeholder() {
        return placeholder;
    }

    /** The type whose label is {@code label}, or {@code null}. */
    public static PiiType ofLabel(String label) {
        for (PiiType t : values()) {
            if (t.label.equals(label)) {
                return t;
            }
        }
        return null;
    }
}
