package nl.lvds.connectors.deadletter;

import java.util.HashMap;
import java.util.Map;
import nl.lvds.connectors.inbound.InboundIncident;
import nl.lvds.connectors.inbound.InboundRuleSet;
import nl.lvds.connectors.inbound.InboundSignal;
import nl.lvds.models.codec.DecodeError;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.Signal;
import nl.lvds.models.rules.RuleSetChange;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Splits an inbound stream into its values (main output) and its dead letters (side output {@link
 * #DEAD_LETTERS}), counting dead letters per reason and dropped identity fields as Flink metrics.
 *
 * <p>Metrics, in the operator's metric group: {@code deadletter.<reason>} per reason (every {@link
 * DecodeError.Reason} is registered at open, so dashboards show zeros, plus {@link
 * DeadLetters#DECODER_FAILURE} and any other code when first seen) and {@code
 * identityFieldsDropped}. Stateless; use {@link #signals()}, {@link #incidents()} and {@link
 * #rules()}.
 *
 * @param <I> the inbound wrapper type
 * @param <O> the value type
 */
public abstract class RouteDeadLetters<I, O> extends ProcessFunction<I, O> {

    private static final long serialVersionUID = 1L;

    /** The side output carrying dead letters. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class)) {};

    /** The metric group name under which the per-reason counters live. */
    public static final String METRIC_GROUP = "deadletter";

    /** The name of the dropped-identity-fields counter. */
    public static final String IDENTITY_FIELDS_DROPPED = "identityFieldsDropped";

    private transient MetricGroup deadLetterGroup;
    private transient Map<String, Counter> perReason;
    private transient Counter identityFieldsDropped;

    /** The router for signals. */
    public static RouteDeadLetters<InboundSignal, Signal> signals() {
        return new Signals();
    }

    /** The router for incidents (JSON contract and P2000 lines). */
    public static RouteDeadLetters<InboundIncident, Incident> incidents() {
        return new Incidents();
    }

    /** The router for alert-rule changes ({@code lvds.rules}). */
    public static RouteDeadLetters<InboundRuleSet, RuleSetChange> rules() {
        return new Rules();
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        MetricGroup group = getRuntimeContext().getMetricGroup();
        deadLetterGroup = group.addGroup(METRIC_GROUP);
        perReason = new HashMap<>();
        for (DecodeError.Reason r : DecodeError.Reason.values()) {
            counterFor(r.code());
        }
        counterFor(DeadLetters.DECODER_FAILURE);
        identityFieldsDropped = group.counter(IDENTITY_FIELDS_DROPPED);
    }

    @Override
    public void processElement(I in, Context ctx, Collector<O> out) {
        DeadLetter dead = deadLetterOf(in);
        if (dead != null) {
            counterFor(dead.reason()).inc();
            ctx.output(DEAD_LETTERS, dead);
            return;
        }
        int dropped = droppedIdentityFieldsOf(in);
        if (dropped > 0) {
            identityFieldsDropped.inc(dropped);
        }
        out.collect(valueOf(in));
    }

    /** The count of dead letters with this reason code so far (for tests and diagnostics). */
    public long deadLetterCount(String reason) {
        Counter c = perReason == null ? null : perReason.get(reason);
        return c == null ? 0 : c.getCount();
    }

    /** The number of identity fields dropped so far (for tests and diagnostics). */
    public long identityFieldsDroppedCount() {
        return identityFieldsDropped == null ? 0 : identityFieldsDropped.getCount();
    }

    private Counter counterFor(String reason) {
        // Reason codes are a closed set of lower-case words, so they are safe metric names.
        return perReason.computeIfAbsent(reason, deadLetterGroup::counter);
    }

    abstract DeadLetter deadLetterOf(I in);

    abstract O valueOf(I in);

    abstract int droppedIdentityFieldsOf(I in);

    /** The router for signals. */
    static final class Signals extends RouteDeadLetters<InboundSignal, Signal> {
        private static final long serialVersionUID = 1L;

        @Override
        DeadLetter deadLetterOf(InboundSignal in) {
            return in.deadLetter();
        }

        @Override
        Signal valueOf(InboundSignal in) {
            return in.signal();
        }

        @Override
        int droppedIdentityFieldsOf(InboundSignal in) {
            return in.droppedIdentityFields();
        }
    }

    /** The router for incidents. */
    static final class Incidents extends RouteDeadLetters<InboundIncident, Incident> {
        private static final long serialVersionUID = 1L;

        @Override
        DeadLetter deadLetterOf(InboundIncident in) {
            return in.deadLetter();
        }

        @Override
        Incident valueOf(InboundIncident in) {
            return in.incident();
        }

        @Override
        int droppedIdentityFieldsOf(InboundIncident in) {
            return 0;
        }
    }

    /** The router for alert-rule changes. */
    static final class Rules extends RouteDeadLetters<InboundRuleSet, RuleSetChange> {
        private static final long serialVersionUID = 1L;

        @Override
        DeadLetter deadLetterOf(InboundRuleSet in) {
            return in.deadLetter();
        }

        @Override
        RuleSetChange valueOf(InboundRuleSet in) {
            return in.change();
        }

        @Override
        int droppedIdentityFieldsOf(InboundRuleSet in) {
            return 0;
        }
    }
}
