package nl.lvds.pipeline.functions;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.lvds.models.config.AlertRule;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.event.Alert;
import nl.lvds.models.rules.RuleSetChange;
import nl.lvds.models.rules.RuleSetCodec;
import nl.lvds.pipeline.alert.Evaluation;
import nl.lvds.pipeline.alert.RuleEngine;
import nl.lvds.pipeline.alert.RuleSetHistory;
import nl.lvds.pipeline.alert.RuleState;
import nl.lvds.pipeline.records.CellIndicator;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert stage with rules that can change at run time: indicators keyed by cell on one input,
 * rule-set changes ({@code lvds.rules}) broadcast on the other. The config's rules are the initial
 * set (version 0); an indicator is evaluated with the rules that {@link RuleSetHistory} chooses for
 * its <b>window end</b> (the highest version whose {@code effectiveFrom} is at or before it), by
 * the same pure {@link RuleEngine} as {@link AlertRules}, with the same keyed state and timers.
 *
 * <p>Broadcast state: {@link #RULE_SETS}, version → the change as contract JSON (the JSON, not a
 * serializer's format, so a savepoint stays readable when the records evolve), plus key 0 as a
 * marker once older versions were dropped. It is updated only from the changes themselves, never
 * from a watermark or anything else local to one parallel instance, so every instance holds the
 * same state. Read the rules source with parallelism 1 so every instance also sees the changes in
 * the same order.
 *
 * <p>Each accepted change is logged once per job at INFO (by subtask 0: version, hash, changedBy,
 * reason, effectiveFrom; never anything about indicators). Metrics: {@code ruleSetVersion} (the
 * highest version known, 0 = config), {@code ruleSetVersionInUse} (the version applied to the last
 * indicator), {@code ruleChangesAccepted}, {@code ruleChangesIgnored} (duplicate, conflicting or
 * stale versions), {@code ruleChangesLate} (a change that arrived after this instance had already
 * evaluated an indicator of a window it applies to: those indicators keep their verdict) and {@code
 * alertsRaised}.
 *
 * <p>Savepoints: it runs under {@link AlertRules#UID} with the same keyed state and timers as
 * {@link AlertRules}, so a savepoint of a job with fixed rules restores into it (the broadcast
 * state starts empty: the config rules apply until a change arrives).
 */
public class BroadcastAlertRules
        extends KeyedBroadcastProcessFunction<String, CellIndicator, RuleSetChange, Alert> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(BroadcastAlertRules.class);

    /** Operator name shown in the Flink web UI. */
    public static final String NAME = "Alert rules (lvds.rules)";

    /** The broadcast state: rule-set version → change JSON; key 0 marks dropped older versions. */
    public static final MapStateDescriptor<Long, String> RULE_SETS =
            new MapStateDescriptor<>("alert-rule-sets", Types.LONG, Types.STRING);

    private static final long PRUNED_MARKER = 0L;

    private final List<AlertRule> configRules;
    private final Duration configCooldown;
    private final LvdsConfig.Detection detection;

    private transient RuleEngine configEngine;
    private transient Map<Long, RuleEngine> engines;
    private transient ValueState<RuleState> state;
    private transient RuleSetHistory history;
    private transient long latestVersion;
    private transient long versionInUse;
    private transient long latestWindowEndSeen;
    private transient Counter alertsRaised;
    private transient Counter accepted;
    private transient Counter ignored;
    private transient Counter late;
    private transient LongCounter evaluated;

    /** The config's {@code alerts} section as the initial rule set. */
    public BroadcastAlertRules(LvdsConfig.Alerts alerts) {
        this.configRules = List.copyOf(alerts.rules());
        this.configCooldown = alerts.cooldown();
        this.detection = alerts.detection();
    }

    @Override
    public void open(OpenContext openContext) {
        configEngine = new RuleEngine(configCooldown, detection);
        engines = new HashMap<>();
        state = getRuntimeContext().getState(AlertRules.stateDescriptor());
        latestWindowEndSeen = Long.MIN_VALUE;
        var metrics = getRuntimeContext().getMetricGroup();
        alertsRaised = metrics.counter("alertsRaised");
        accepted = metrics.counter("ruleChangesAccepted");
        ignored = metrics.counter("ruleChangesIgnored");
        late = metrics.counter("ruleChangesLate");
        evaluated = new LongCounter();
        getRuntimeContext().addAccumulator(AlertRules.EVALUATED, evaluated);
        metrics.gauge("ruleSetVersion", (Gauge<Long>) () -> latestVersion);
        metrics.gauge("ruleSetVersionInUse", (Gauge<Long>) () -> versionInUse);
    }

    @Override
    public void processElement(CellIndicator cell, ReadOnlyContext ctx, Collector<Alert> out)
            throws Exception {
        evaluated.add(1L);
        RuleSetHistory rules = history(ctx.getBroadcastState(RULE_SETS));
        long windowEnd = cell.indicator().windowEnd();
        latestWindowEndSeen = Math.max(latestWindowEndSeen, windowEnd);
        RuleSetChange change = rules.forWindowEnd(windowEnd);
        RuleEngine engine;
        List<AlertRule> ruleList;
        if (change == null) {
            engine = configEngine;
            ruleList = configRules;
            versionInUse = 0L;
        } else {
            engine =
                    engines.computeIfAbsent(
                            change.version(),
                            v ->
                                    new RuleEngine(
                                            change.alerts().cooldown(),
                                            change.alerts().detection()));
            ruleList = change.rules();
            versionInUse = change.version();
        }
        RuleState current = state.value();
        Evaluation evaluation =
                engine.evaluate(cell, current == null ? RuleState.empty() : current, ruleList);
        for (Alert alert : evaluation.alerts()) {
            out.collect(alert);
            alertsRaised.inc();
        }
        AlertRules.store(state, evaluation.state(), ctx.timerService());
    }

    @Override
    public void processBroadcastElement(RuleSetChange change, Context ctx, Collector<Alert> out)
            throws Exception {
        BroadcastState<Long, String> broadcast = ctx.getBroadcastState(RULE_SETS);
        RuleSetHistory rules = load(broadcast);
        RuleSetHistory.Update update = rules.add(change);
        boolean first = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0;
        if (update.outcome() != RuleSetHistory.Outcome.ACCEPTED) {
            ignored.inc();
            if (first) {
                LOG.warn(
                        "Alert rules version {} ignored ({}): the highest version in force is {}",
                        change.version(),
                        update.outcome().name().toLowerCase(java.util.Locale.ROOT),
                        rules.latestVersion());
            }
            return;
        }
        broadcast.put(
                change.version(), new String(RuleSetCodec.encode(change), StandardCharsets.UTF_8));
        for (Long dropped : update.dropped()) {
            broadcast.remove(dropped);
        }
        if (rules.pruned()) {
            broadcast.put(PRUNED_MARKER, "pruned");
        }
        history = rules;
        latestVersion = rules.latestVersion();
        accepted.inc();
        if (first) {
            LOG.info(
                    "Alert rules version {} received: sha256 {}, changed by {}, reason \"{}\","
                            + " effective for indicator windows ending at or after {} ({} rules,"
                            + " default cooldown {} h){}",
                    change.version(),
                    change.rulesSha256(),
                    change.changedBy(),
                    change.reason(),
                    java.time.Instant.ofEpochMilli(change.effectiveFrom()),
                    change.rules().size(),
                    change.alerts().cooldownHours(),
                    update.dropped().isEmpty()
                            ? ""
                            : "; versions no longer needed dropped: " + update.dropped());
        }
        if (change.effectiveFrom() <= latestWindowEndSeen) {
            // Local observation only (a log line and a counter), never state: instances differ.
            late.inc();
            LOG.warn(
                    "Alert rules version {} arrived after subtask {} had evaluated indicators of"
                            + " windows ending at or after its effectiveFrom {}; those keep their"
                            + " verdict",
                    change.version(),
                    getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                    java.time.Instant.ofEpochMilli(change.effectiveFrom()));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        RuleState current = state.value();
        if (current != null) {
            AlertRules.store(state, current.expire(timestamp), ctx.timerService());
        }
    }

    /** The history, loaded once after a restore and kept current by the broadcast side. */
    private RuleSetHistory history(ReadOnlyBroadcastState<Long, String> broadcast)
            throws Exception {
        if (history == null) {
            Map<Long, RuleSetChange> versions = new HashMap<>();
            boolean pruned = false;
            for (Map.Entry<Long, String> e : broadcast.immutableEntries()) {
                if (e.getKey() == PRUNED_MARKER) {
                    pruned = true;
                } else {
                    versions.put(
                            e.getKey(),
                            RuleSetCodec.read(e.getValue().getBytes(StandardCharsets.UTF_8)));
                }
            }
            history = new RuleSetHistory(versions, pruned);
            latestVersion = history.latestVersion();
        }
        return history;
    }

    private RuleSetHistory load(BroadcastState<Long, String> broadcast) throws Exception {
        history = null;
        RuleSetHistory loaded = history(broadcast);
        // a fresh copy: the update below must not touch the cached one if it is refused
        history = null;
        return new RuleSetHistory(loaded.versions(), loaded.pruned());
    }
}
