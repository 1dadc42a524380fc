package nl.lvds.connectors.deadletter;

/**
 * A record the job could not use, as published on the dead-letter topic: why, where it came from,
 * and a scrubbed structural excerpt that never contains the record's text.
 *
 * @param reason a stable lower-case code: a {@link nl.lvds.models.codec.DecodeError.Reason#code()}
 *     or {@link DeadLetters#DECODER_FAILURE}
 * @param field the field at fault, or null when the record as a whole is
 * @param source the Kafka topic, or {@code archive:<file name>} for archive files
 * @param partition the Kafka partition, or -1 for files
 * @param offset the Kafka offset, or the 1-based line number in a file
 * @param excerpt the structure of the record (keys, value types and lengths), see {@link
 *     DeadLetters#excerpt(byte[])}
 * @param contract what the record should have been: {@code signal}, {@code incident} or {@code
 *     p2000} or {@code rules}
 */
public record DeadLetter(
        String reason,
        String field,
        String source,
        int partition,
        long offset,
        String excerpt,
        String contract) {

    /** Contract name for signals. */
    public static final String SIGNAL = "signal";

    /** Contract name for incidents in the JSON contract. */
    public static final String INCIDENT = "incident";

    /** Contract name for raw P2000 feed lines. */
    public static final String P2000 = "p2000";

    /** Contract name for alert-rule changes ({@code lvds.rules}). */
    public static final String RULES = "rules";
}
