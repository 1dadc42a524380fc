package nl.lvds.connectors.inbound;

import nl.lvds.connectors.deadletter.DeadLetter;
import nl.lvds.models.rules.RuleSetChange;

/**
 * What the rules source ({@code lvds.rules}) emits: a decoded, validated rule-set change or the
 * dead letter of a record that could not be used (exactly one of the two is non-null).
 *
 * @param change the decoded change, or null
 * @param deadLetter the dead letter, or null
 */
public record InboundRuleSet(RuleSetChange change, DeadLetter deadLetter) {

    public InboundRuleSet {
        if ((change == null) == (deadLetter == null)) {
            throw new IllegalArgumentException("exactly one of change and deadLetter must be set");
        }
    }

    /** A decoded change. */
    public static InboundRuleSet of(RuleSetChange change) {
        return new InboundRuleSet(change, null);
    }

    /** A record that could not be used. */
    public static InboundRuleSet dead(DeadLetter deadLetter) {
        return new InboundRuleSet(null, deadLetter);
    }
}
