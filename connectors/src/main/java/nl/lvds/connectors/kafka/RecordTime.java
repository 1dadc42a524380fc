package nl.lvds.connectors.kafka;

import java.time.Duration;
import nl.lvds.models.codec.DecodeError;
import nl.lvds.models.codec.DecodeError.Reason;

/**
 * The guard of the live watermarks against records from the future. A decoded record whose event
 * time lies more than {@link #MAX_AHEAD} after its Kafka record time (the producer's or broker's
 * clock when it was written) cannot be a real observation; accepted, it would move its partition's
 * watermark years ahead and make every later valid record late. Such records are dead-lettered with
 * {@link Reason#TIMESTAMP_OUT_OF_RANGE} on {@code ts} instead.
 *
 * <p>Deterministic for a given input: it compares two times carried by the record, never the clock.
 * Records without a record time (files, {@code -1}) are not checked; a batch review has no
 * watermark to protect.
 */
public final class RecordTime {

    /** How far an event time may lie after its record time (clock skew between sources). */
    public static final Duration MAX_AHEAD = Duration.ofHours(1);

    private RecordTime() {}

    /**
     * The error for an event time too far after the record time, or null when it is acceptable or
     * the record has no time.
     */
    public static DecodeError check(long eventTs, long recordTs) {
        if (recordTs < 0 || eventTs - recordTs <= MAX_AHEAD.toMillis()) {
            return null;
        }
        return new DecodeError(Reason.TIMESTAMP_OUT_OF_RANGE, "ts");
    }
}
