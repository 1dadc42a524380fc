package nl.lvds.pipeline.functions;

import java.time.Duration;
import java.util.List;
import nl.lvds.models.config.AlertRule;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.event.Alert;
import nl.lvds.pipeline.alert.Evaluation;
import nl.lvds.pipeline.alert.RuleEngine;
import nl.lvds.pipeline.alert.RuleState;
import nl.lvds.pipeline.records.CellIndicator;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Raises alerts from the indicators of one cell (keyed by {@link CellIndicator#cellKey()}): a thin
 * Flink shell around the pure {@link RuleEngine}, holding the cell's {@link RuleState} in keyed
 * state and clearing it with event-time timers once cooldowns and incident horizons have passed.
 *
 * <p>No processing time anywhere: cooldowns are measured in indicator window ends and cleanup
 * follows the watermark, so live and batch runs raise the same alerts. Flink's state TTL is not
 * used because it only knows processing time; the timers are the TTL.
 *
 * <p>The rules are fixed at construction here: review mode and any run without a rules stream. The
 * live job uses {@link BroadcastAlertRules}, the same engine with rules that can change at run time
 * (the {@code lvds.rules} topic); both run under the same {@link #UID} and keyed state.
 */
public class AlertRules extends KeyedProcessFunction<String, CellIndicator, Alert> {

    private static final long serialVersionUID = 1L;

    /** Operator uid: keep stable, savepoints map state by it. */
    public static final String UID = "alert-rules";

    /** Operator name shown in the Flink web UI. */
    public static final String NAME = "Alert rules";

    /**
     * Name of the accumulator counting the indicators evaluated (also by {@link
     * BroadcastAlertRules}): the review's progress display reads it from the running job.
     */
    public static final String EVALUATED = "lvds-alert-inputs-evaluated";

    private final List<AlertRule> rules;
    private final Duration defaultCooldown;
    private final LvdsConfig.Detection detection;

    private transient RuleEngine engine;
    private transient ValueState<RuleState> state;
    private transient Counter alertsRaised;
    private transient LongCounter evaluated;

    /** Rules and default cooldown from the {@code alerts} section of the config. */
    public AlertRules(LvdsConfig.Alerts alerts) {
        this(alerts.rules(), alerts.cooldown(), alerts.detection());
    }

    /**
     * The given rules, evaluated in order; rules without a cooldown use {@code defaultCooldown}.
     */
    public AlertRules(List<AlertRule> rules, Duration defaultCooldown) {
        this(rules, defaultCooldown, LvdsConfig.Detection.DEFAULT);
    }

    /** The given rules, testing cells as {@code detection} says. */
    public AlertRules(
            List<AlertRule> rules, Duration defaultCooldown, LvdsConfig.Detection detection) {
        this.rules = List.copyOf(rules);
        this.defaultCooldown = defaultCooldown;
        this.detection = detection;
    }

    /** The descriptor of the per-cell state (exposed for tests and state inspection). */
    public static ValueStateDescriptor<RuleState> stateDescriptor() {
        return new ValueStateDescriptor<>("alert-rule-state", TypeInformation.of(RuleState.class));
    }

    @Override
    public void open(OpenContext openContext) {
        engine = new RuleEngine(defaultCooldown, detection);
        state = getRuntimeContext().getState(stateDescriptor());
        alertsRaised = getRuntimeContext().getMetricGroup().counter("alertsRaised");
        evaluated = new LongCounter();
        getRuntimeContext().addAccumulator(EVALUATED, evaluated);
    }

    @Override
    public void processElement(CellIndicator cell, Context ctx, Collector<Alert> out)
            throws Exception {
        evaluated.add(1L);
        RuleState current = state.value();
        if (current != null) {
            current = expireBefore(current, cell.indicator().windowEnd());
        }
        Evaluation evaluation =
                engine.evaluate(cell, current == null ? RuleState.empty() : current, rules);
        for (Alert alert : evaluation.alerts()) {
            out.collect(alert);
            alertsRaised.inc();
        }
        store(state, evaluation.state(), ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        RuleState current = state.value();
        if (current != null) {
            store(state, current.expire(timestamp), ctx.timerService());
        }
    }

    /**
     * The state without the entries that have expired by {@code now}, the window end of the
     * indicator about to be evaluated: with fixed rules such entries cannot change a verdict (a
     * cooldown counts only while {@code now < expiresAt}, a watched incident only until {@code ts +
     * within < now}, a tension point is kept for longer than any incident it can be the baseline of
     * is watched). Live, the timers drop them as the watermark passes; in a batch review a key's
     * timers fire only after all of its input, so without this the state of a busy cell would hold
     * its whole period's history and every evaluation would copy and sort it (quadratic in the
     * length of the review).
     */
    static RuleState expireBefore(RuleState state, long now) {
        Long next = state.nextExpiry();
        return next != null && next <= now ? state.expire(now) : state;
    }

    /**
     * Keeps a cell's next state, or clears it when nothing is remembered, and arms the timer of its
     * next expiry (shared with {@link BroadcastAlertRules}).
     */
    static void store(ValueState<RuleState> state, RuleState next, TimerService timers)
            throws Exception {
        if (next.nothingRemembered()) {
            state.clear();
            return;
        }
        state.update(next);
        // Timers on the same timestamp are deduplicated by Flink; a timer whose entries were
        // replaced meanwhile fires, expires nothing and re-arms for the next expiry.
        timers.registerEventTimeTimer(next.nextExpiry());
    }
}
