package nl.lvds.models.codec;

/**
 * Why a record could not be decoded. Carries the reason and the offending field name, never the raw
 * text or value of the record.
 *
 * @param reason the kind of error
 * @param field the JSON field concerned, or null when the record as a whole is at fault
 */
public record DecodeError(Reason reason, String field) {

    /** The kinds of decode error; each one is a dead-letter reason and a metric name. */
    public enum Reason {
        EMPTY_RECORD,
        OVERSIZED_RECORD,
        INVALID_UTF8,
        MALFORMED_JSON,
        NOT_AN_OBJECT,
        UNKNOWN_VERSION,
        MISSING_FIELD,
        WRONG_TYPE,
        BAD_TIMESTAMP,
        TIMESTAMP_OUT_OF_RANGE,
        BAD_VALUE,
        EMPTY_TEXT,
        OVERSIZED_TEXT,
        UNPARSEABLE_FEED_LINE;

        /** The reason as a stable lower-case code, e.g. {@code missing_field}. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A short message, safe to log: reason and field name only. */
    public String message() {
        return field == null ? reason.code() : reason.code() + ": " + field;
    }
}
