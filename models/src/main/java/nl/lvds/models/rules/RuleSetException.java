package nl.lvds.models.rules;

import nl.lvds.models.codec.DecodeError;

/**
 * A rule-set change that cannot be used: the {@link DecodeError} (reason and field, for dead
 * letters and metrics) and a message for people. The message names keys, rule ids and allowed
 * values; it never quotes the change's free text ({@code reason}).
 */
public final class RuleSetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient DecodeError error;

    /** An error with a reason, the field at fault and an explanation. */
    public RuleSetException(DecodeError.Reason reason, String field, String message) {
        super(message);
        this.error = new DecodeError(reason, field);
    }

    /** The reason and field, as a dead letter carries them. */
    public DecodeError error() {
        return error;
    }
}
