package nl.lvds.connectors.inbound;

import nl.lvds.connectors.deadletter.DeadLetter;
import nl.lvds.models.event.Incident;

/**
 * What an incident source emits (JSON contract or raw P2000 lines): a decoded incident or the dead
 * letter of a record that could not be decoded (exactly one of the two is non-null).
 *
 * @param incident the decoded incident, or null
 * @param deadLetter the dead letter, or null
 */
public record InboundIncident(Incident incident, DeadLetter deadLetter) {

    public InboundIncident {
        if ((incident == null) == (deadLetter == null)) {
            throw new IllegalArgumentException(
                    "exactly one of incident and deadLetter must be set");
        }
    }

    /** A decoded incident. */
    public static InboundIncident of(Incident incident) {
        return new InboundIncident(incident, null);
    }

    /** A record that could not be decoded. */
    public static InboundIncident dead(DeadLetter deadLetter) {
        return new InboundIncident(null, deadLetter);
    }
}
