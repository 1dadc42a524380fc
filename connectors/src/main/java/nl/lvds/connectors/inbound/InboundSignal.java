package nl.lvds.connectors.inbound;

import nl.lvds.connectors.deadletter.DeadLetter;
import nl.lvds.models.event.Signal;

/**
 * What a signal source emits: a decoded signal or the dead letter of a record that could not be
 * decoded (exactly one of the two is non-null), so that bad input flows on as data instead of
 * failing the job.
 *
 * @param signal the decoded signal, or null
 * @param deadLetter the dead letter, or null
 * @param droppedIdentityFields how many identity fields the decoder dropped from the record (0 for
 *     a dead letter)
 */
public record InboundSignal(Signal signal, DeadLetter deadLetter, int droppedIdentityFields) {

    public InboundSignal {
        if ((signal == null) == (deadLetter == null)) {
            throw new IllegalArgumentException("exactly one of signal and deadLetter must be set");
        }
    }

    /** A decoded signal. */
    public static InboundSignal of(Signal signal, int droppedIdentityFields) {
        return new InboundSignal(signal, null, droppedIdentityFields);
    }

    /** A record that could not be decoded. */
    public static InboundSignal dead(DeadLetter deadLetter) {
        return new InboundSignal(null, deadLetter, 0);
    }
}
