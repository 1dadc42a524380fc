package nl.lvds.pipeline.job;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import nl.lvds.connectors.deadletter.DeadLetter;
import nl.lvds.connectors.deadletter.RouteDeadLetters;
import nl.lvds.connectors.inbound.InboundIncident;
import nl.lvds.connectors.inbound.InboundRuleSet;
import nl.lvds.connectors.inbound.InboundSignal;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.ClassifiedSignal;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.Signal;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.models.rules.RuleSetChange;
import nl.lvds.pipeline.functions.AlertGroups;
import nl.lvds.pipeline.functions.AlertInputs;
import nl.lvds.pipeline.functions.AlertRules;
import nl.lvds.pipeline.functions.BroadcastAlertRules;
import nl.lvds.pipeline.functions.BucketAggregate;
import nl.lvds.pipeline.functions.BucketWindow;
import nl.lvds.pipeline.functions.Buckets;
import nl.lvds.pipeline.functions.CellFanOut;
import nl.lvds.pipeline.functions.ClassifyFunction;
import nl.lvds.pipeline.functions.EarlyIndicators;
import nl.lvds.pipeline.functions.IncidentCells;
import nl.lvds.pipeline.functions.IndicatorFunction;
import nl.lvds.pipeline.functions.LateSignals;
import nl.lvds.pipeline.functions.PrivacyGate;
import nl.lvds.pipeline.functions.PublishedIndicators;
import nl.lvds.pipeline.functions.TensionIndexFormula;
import nl.lvds.pipeline.records.Bucket;
import nl.lvds.pipeline.records.CellIncident;
import nl.lvds.pipeline.records.CellIndicator;
import nl.lvds.pipeline.records.CellSignal;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * The one LVDS topology: signals and incidents in; dead letters, indicators and alerts out. It only
 * wires sources → operators → sinks; every operator is its own class. The same topology runs live
 * (STREAMING, Kafka) and in review (BATCH, archive files): it uses event time only, except for the
 * live job's optional early results ({@link #withEarlyResults}), a side branch whose provisional
 * records go to their own sink and feed nothing else.
 *
 * <pre>
 * signals ─ route dead letters ─ privacy gate ─ classify (text dropped) ─ cell fan-out ─ 15-min buckets ─┐
 * incidents ─ route dead letters ─ incident cells ──────────────────────────────────────────────────────┤
 *                                                           indicators (1 h, 24 h; baseline, z, k) ◄────┘
 *                                                           ├─► indicator sink
 *                                                           └─► alert rules (per cell) ─► alert groups (one per event) ─► alert sink
 * cell signals (live only) ─ early results: open 1 h windows every 0.5 s (processing time) ─► early sink
 * rule changes (live only) ─ route dead letters ─ broadcast ─────────────────────┘
 * dead letters of all inputs + signals later than the allowed lateness ─► dead-letter sink
 * </pre>
 *
 * <p>With a rules source (the live job: {@code lvds.rules}) the alert stage is {@link
 * BroadcastAlertRules}: the config's rules apply until a change takes effect. Without one (review
 * mode, and tests that pass none) it is {@link AlertRules} with the config's rules fixed. Both run
 * under the same uid and keyed state, so a savepoint taken with either restores into the other.
 */
public final class TensionTopology {

    /**
     * What the topology needs from the configuration.
     *
     * @param k suppression threshold
     * @param maxOutOfOrderness watermark bound
     * @param idleness a source partition without data for this long does not hold back watermarks
     * @param allowedLateness buckets re-fire for signals this late; later ones are counted
     * @param formula tension index weights
     * @param baselineDays days of baseline history
     * @param minBaselineDays fewest earlier days before a cell's baseline and expected count are
     *     reported (at most {@code baselineDays})
     * @param declaredPlatforms source names the privacy gate lets in (with declaredTypes empty:
     *     all)
     * @param declaredTypes source types let in for signals without a platform
     * @param alerts alert rules and cooldown
     */
    public record Settings(
            int k,
            Duration maxOutOfOrderness,
            Duration idleness,
            Duration allowedLateness,
            TensionIndexFormula formula,
            int baselineDays,
            int minBaselineDays,
            Set<String> declaredPlatforms,
            Set<String> declaredTypes,
            LvdsConfig.Alerts alerts) {

        /** Settings from the YAML configuration. */
        public static Settings from(LvdsConfig c) {
            return new Settings(
                    c.privacy().k(),
                    Duration.ofSeconds(c.pipeline().maxOutOfOrdernessSeconds()),
                    Duration.ofSeconds(c.pipeline().idlenessSeconds()),
                    Duration.ofMinutes(c.pipeline().allowedLatenessMinutes()),
                    new TensionIndexFormula(
                            c.tensionIndex().hostileShare(),
                            c.tensionIndex().uneasyShare(),
                            c.tensionIndex().volume()),
                    c.pipeline().baselineDays(),
                    c.pipeline().effectiveMinBaselineDays(),
                    Set.copyOf(c.sources().stream().map(LvdsConfig.Source::name).toList()),
                    Set.copyOf(c.sources().stream().map(x -> x.type().wire()).toList()),
                    c.alerts());
        }

        /** These settings with another source idleness. */
        public Settings withIdleness(Duration newIdleness) {
            return new Settings(
                    k,
                    maxOutOfOrderness,
                    newIdleness,
                    allowedLateness,
                    formula,
                    baselineDays,
                    minBaselineDays,
                    declaredPlatforms,
                    declaredTypes,
                    alerts);
        }

        /** These settings with other declared sources for the privacy gate. */
        public Settings withDeclaredSources(Set<String> platforms, Set<String> types) {
            return new Settings(
                    k,
                    maxOutOfOrderness,
                    idleness,
                    allowedLateness,
                    formula,
                    baselineDays,
                    minBaselineDays,
                    platforms,
                    types,
                    alerts);
        }
    }

    /**
     * Event time given to dead letters: they carry no event time of their own, and the broker's
     * record time (wall clock) must never move the watermark of the data past its event time.
     */
    static final long DEAD_LETTER_TS = Long.MIN_VALUE;

    private final Settings settings;
    private final Source<InboundSignal, ?, ?> signals;
    private final List<Source<InboundIncident, ?, ?>> incidents;
    private final Sink<TensionIndicator> indicatorSink;
    private final Sink<Alert> alertSink;
    private final Sink<DeadLetter> deadLetterSink;
    private final Source<InboundRuleSet, ?, ?> rules;
    private final MapFunction<Signal, ClassifiedSignal> classify;
    private final Sink<TensionIndicator> earlySink;
    private final long earlyIntervalMs;

    /** A topology whose alert rules are the config's, fixed (review mode). */
    public TensionTopology(
            Settings settings,
            Source<InboundSignal, ?, ?> signals,
            List<Source<InboundIncident, ?, ?>> incidents,
            Sink<TensionIndicator> indicatorSink,
            Sink<Alert> alertSink,
            Sink<DeadLetter> deadLetterSink) {
        this(settings, signals, incidents, indicatorSink, alertSink, deadLetterSink, null);
    }

    /**
     * A topology whose alert rules can change at run time.
     *
     * @param rules rule-set changes ({@code lvds.rules}), read with parallelism 1; null: the
     *     config's rules, fixed
     */
    public TensionTopology(
            Settings settings,
            Source<InboundSignal, ?, ?> signals,
            List<Source<InboundIncident, ?, ?>> incidents,
            Sink<TensionIndicator> indicatorSink,
            Sink<Alert> alertSink,
            Sink<DeadLetter> deadLetterSink,
            Source<InboundRuleSet, ?, ?> rules) {
        this(
                settings,
                signals,
                incidents,
                indicatorSink,
                alertSink,
                deadLetterSink,
                rules,
                new ClassifyFunction(),
                null,
                0);
    }

    private TensionTopology(
            Settings settings,
            Source<InboundSignal, ?, ?> signals,
            List<Source<InboundIncident, ?, ?>> incidents,
            Sink<TensionIndicator> indicatorSink,
            Sink<Alert> alertSink,
            Sink<DeadLetter> deadLetterSink,
            Source<InboundRuleSet, ?, ?> rules,
            MapFunction<Signal, ClassifiedSignal> classify,
            Sink<TensionIndicator> earlySink,
            long earlyIntervalMs) {
        this.rules = rules;
        this.earlySink = earlySink;
        this.earlyIntervalMs = earlyIntervalMs;
        this.settings = settings;
        this.signals = signals;
        this.incidents = List.copyOf(incidents);
        this.indicatorSink = indicatorSink;
        this.alertSink = alertSink;
        this.deadLetterSink = deadLetterSink;
        this.classify = classify;
    }

    /**
     * The same topology with another classify operator in place of {@link ClassifyFunction}. For
     * benchmarks only (the plumbing floor replaces classification by a no-op); production wiring
     * never calls this.
     */
    public TensionTopology withClassifier(MapFunction<Signal, ClassifiedSignal> replacement) {
        return with(replacement, earlySink, earlyIntervalMs);
    }

    /**
     * The same topology with early results: every {@code intervalMs} of processing time, each
     * active cell's open 1 h window goes to {@code sink} as a provisional indicator ({@link
     * EarlyIndicators}). Live only: the one processing-time branch of the job, feeding nothing but
     * its own sink, so the final indicators and alerts do not depend on it.
     */
    public TensionTopology withEarlyResults(Sink<TensionIndicator> sink, long intervalMs) {
        if (sink == null || intervalMs < 1) {
            throw new IllegalArgumentException("early results need a sink and intervalMs >= 1");
        }
        return with(classify, sink, intervalMs);
    }

    /** This topology with another classifier and early-results branch. */
    private TensionTopology with(
            MapFunction<Signal, ClassifiedSignal> classifier,
            Sink<TensionIndicator> early,
            long intervalMs) {
        return new TensionTopology(
                settings,
                signals,
                incidents,
                indicatorSink,
                alertSink,
                deadLetterSink,
                rules,
                classifier,
                early,
                intervalMs);
    }

    /** Adds the topology to an environment; the caller executes it. */
    public void addTo(StreamExecutionEnvironment env) {
        String modelVersion = ClassifyFunction.modelVersion();

        SingleOutputStreamOperator<Signal> validSignals =
                env.fromSource(signals, signalWatermarks(), "signals")
                        .uid("source-signals")
                        .process(RouteDeadLetters.signals())
                        .uid("route-signal-dead-letters")
                        .name("Route signal dead letters");
        DataStream<DeadLetter> deadLetters =
                validSignals.getSideOutput(RouteDeadLetters.DEAD_LETTERS);

        DataStream<Incident> allIncidents = null;
        for (int i = 0; i < incidents.size(); i++) {
            SingleOutputStreamOperator<Incident> valid =
                    env.fromSource(incidents.get(i), incidentWatermarks(), "incidents-" + i)
                            .uid("source-incidents-" + i)
                            .process(RouteDeadLetters.incidents())
                            .uid("route-incident-dead-letters-" + i)
                            .name("Route incident dead letters " + i);
            deadLetters = deadLetters.union(valid.getSideOutput(RouteDeadLetters.DEAD_LETTERS));
            allIncidents = allIncidents == null ? valid : allIncidents.union(valid);
        }

        BroadcastStream<RuleSetChange> ruleChanges = null;
        if (rules != null) {
            SingleOutputStreamOperator<RuleSetChange> valid =
                    env.fromSource(rules, ruleWatermarks(), "rules")
                            .uid("source-rules")
                            .setParallelism(1)
                            .process(RouteDeadLetters.rules())
                            .uid("route-rule-dead-letters")
                            .name("Route rule dead letters")
                            .setParallelism(1);
            deadLetters = deadLetters.union(valid.getSideOutput(RouteDeadLetters.DEAD_LETTERS));
            ruleChanges = valid.broadcast(BroadcastAlertRules.RULE_SETS);
        }

        DataStream<ClassifiedSignal> classified =
                validSignals
                        .flatMap(
                                new PrivacyGate(
                                        settings.declaredPlatforms(), settings.declaredTypes()))
                        .uid("privacy-gate")
                        .name("Privacy gate")
                        .map(classify)
                        .uid("classify")
                        .name("Classify (text dropped)");

        DataStream<CellSignal> cells = fanOut(classified, new CellFanOut());
        if (earlySink != null) {
            early(
                            cells,
                            new EarlyIndicators(
                                    earlyIntervalMs,
                                    settings.k(),
                                    settings.formula(),
                                    modelVersion))
                    .sinkTo(earlySink)
                    .uid("sink-early-indicators")
                    .name("Early indicators (provisional)");
        }
        SingleOutputStreamOperator<Bucket> buckets = buckets(cells, settings.allowedLateness());
        DataStream<DeadLetter> late =
                buckets.getSideOutput(Buckets.LATE)
                        .flatMap(new LateSignals(settings.allowedLateness()))
                        .uid("late-signals")
                        .name("Late signals");
        deadLetters
                .union(late)
                .sinkTo(deadLetterSink)
                .uid("sink-dead-letters")
                .name("Dead letters");
        DataStream<CellIncident> incidentCells =
                allIncidents == null
                        ? env.fromData(CellIncident.class, new CellIncident[0]).uid("no-incidents")
                        : incidentCells(allIncidents);
        DataStream<CellIndicator> indicators =
                indicators(
                        buckets,
                        incidentCells,
                        new IndicatorFunction(
                                settings.k(),
                                settings.formula(),
                                modelVersion,
                                settings.baselineDays(),
                                settings.minBaselineDays(),
                                settings.alerts().detection().minExpected()));

        indicators
                .filter(new PublishedIndicators())
                .uid("published-indicators")
                .name("Published indicators")
                .map(CellIndicator::indicator)
                .uid("indicator-out")
                .name("Indicator")
                .sinkTo(indicatorSink)
                .uid("sink-indicators")
                .name("Indicators");
        KeyedStream<CellIndicator, String> alertInputs =
                indicators
                        .filter(new AlertInputs())
                        .uid("alert-inputs")
                        .name("Alert inputs")
                        .keyBy(CellIndicator::cellKey);
        SingleOutputStreamOperator<Alert> alerts =
                ruleChanges == null
                        ? alertInputs
                                .process(new AlertRules(settings.alerts()))
                                .name(AlertRules.NAME)
                        : alertInputs
                                .connect(ruleChanges)
                                .process(new BroadcastAlertRules(settings.alerts()))
                                .name(BroadcastAlertRules.NAME);
        alerts.uid(AlertRules.UID)
                .keyBy(a -> AlertGroups.KEY)
                .process(
                        new AlertGroups(
                                settings.alerts().detection().groupGap(),
                                settings.alerts().detection().coordinatedGap()))
                .uid(AlertGroups.UID)
                .name(AlertGroups.NAME)
                .sinkTo(alertSink)
                .uid("sink-alerts")
                .name("Alerts");
    }

    // ---- the cell stages: keys, windows, uids and names (public for their integration test) ----

    /** Classified signals to cell signals (stateless). */
    public static SingleOutputStreamOperator<CellSignal> fanOut(
            DataStream<ClassifiedSignal> signals, CellFanOut fanOut) {
        return signals.flatMap(fanOut).uid("cell-fan-out").name("Cell fan-out");
    }

    /** Cell signals to provisional indicators of open windows (live only). */
    public static SingleOutputStreamOperator<TensionIndicator> early(
            DataStream<CellSignal> cells, EarlyIndicators function) {
        return cells.map(CellSignal::countsOnly)
                .uid("early-counts-only")
                .name("Early counts only")
                .keyBy(CellSignal::cellKey)
                .process(function)
                .uid("early-indicators")
                .name("Early indicators");
    }

    /** Incidents to the cells they are linked to (stateless). */
    public static SingleOutputStreamOperator<CellIncident> incidentCells(
            DataStream<Incident> incidents) {
        return incidents.flatMap(new IncidentCells()).uid("incident-cells").name("Incident cells");
    }

    /**
     * Keys cell signals by cell and aggregates them into tumbling event-time buckets of {@link
     * Buckets#SIZE}. Within {@code allowedLateness} after a bucket closed, a late signal re-fires
     * the bucket with the complete, corrected aggregate (the indicator operator replaces the old
     * one); later ones go to the {@link Buckets#LATE} side output. Keep the lateness under one
     * bucket (15 minutes): the indicator re-emits corrected windows exactly only then.
     */
    public static SingleOutputStreamOperator<Bucket> buckets(
            DataStream<CellSignal> cells, Duration allowedLateness) {
        return cells.keyBy(CellSignal::cellKey)
                .window(TumblingEventTimeWindows.of(Buckets.SIZE))
                .allowedLateness(allowedLateness)
                .sideOutputLateData(Buckets.LATE)
                .aggregate(new BucketAggregate(), new BucketWindow())
                .uid("cell-buckets")
                .name("15-min cell buckets");
    }

    /** Buckets and cell incidents, both keyed by cell, to 1 h and 24 h cell indicators. */
    public static SingleOutputStreamOperator<CellIndicator> indicators(
            DataStream<Bucket> buckets,
            DataStream<CellIncident> incidents,
            IndicatorFunction function) {
        return buckets.keyBy(Bucket::cellKey)
                .connect(incidents.keyBy(CellIncident::cellKey))
                .process(function)
                .uid("cell-indicators")
                .name("Cell indicators");
    }

    private WatermarkStrategy<InboundSignal> signalWatermarks() {
        return signalWatermarks(settings);
    }

    /**
     * The signals source's watermark strategy: the signal's event time, bounded out-of-orderness,
     * idleness when configured; dead letters carry {@link #DEAD_LETTER_TS}.
     */
    public static WatermarkStrategy<InboundSignal> signalWatermarks(Settings settings) {
        return idle(
                settings,
                WatermarkStrategy.<InboundSignal>forBoundedOutOfOrderness(
                                settings.maxOutOfOrderness())
                        .withTimestampAssigner(
                                (e, recordTs) ->
                                        e.signal() != null ? e.signal().ts() : DEAD_LETTER_TS));
    }

    /** Idleness when configured; zero means never idle (Flink refuses a zero timeout). */
    private <T> WatermarkStrategy<T> idle(WatermarkStrategy<T> s) {
        return idle(settings, s);
    }

    private static <T> WatermarkStrategy<T> idle(Settings settings, WatermarkStrategy<T> s) {
        return settings.idleness().isZero() ? s : s.withIdleness(settings.idleness());
    }

    /**
     * Rule changes are control data without event time: their input is idle for good, so it never
     * holds back the alert stage's watermark and never moves it. (An input that reported the end of
     * time instead would become the alert stage's watermark whenever the indicator input goes idle,
     * a pause in the stream, and fire every timer downstream at once, for ever.)
     */
    static WatermarkStrategy<InboundRuleSet> ruleWatermarks() {
        return ctx ->
                new WatermarkGenerator<>() {
                    @Override
                    public void onEvent(InboundRuleSet event, long ts, WatermarkOutput out) {
                        out.markIdle();
                    }

                    @Override
                    public void onPeriodicEmit(WatermarkOutput out) {
                        out.markIdle();
                    }
                };
    }

    private WatermarkStrategy<InboundIncident> incidentWatermarks() {
        return idle(
                WatermarkStrategy.<InboundIncident>forBoundedOutOfOrderness(
                                settings.maxOutOfOrderness())
                        .withTimestampAssigner(
                                (e, recordTs) ->
                                        e.incident() != null ? e.incident().ts() : DEAD_LETTER_TS));
    }
}
