package nl.lvds.pipeline.functions;

import java.util.concurrent.atomic.LongAdder;

/**
 * Records passing the keyed stages in this JVM, for the progress display of a local run (a review
 * on a MiniCluster, where each batch stage starts once the one before it has finished, so the count
 * a stage received is the total the next one works through). Meaningless across a cluster's task
 * managers: use Flink's metrics there.
 */
public final class StageCounters {

    /** 15-minute buckets emitted by the bucket stage ({@link BucketWindow}). */
    public static final LongAdder BUCKETS_OUT = new LongAdder();

    /**
     * Buckets the indicator stage has moved past: window ends reached ({@link IndicatorFunction}).
     */
    public static final LongAdder BUCKETS_WINDOWED = new LongAdder();

    /** Indicators passed on to the alert stage ({@link AlertInputs}). */
    public static final LongAdder ALERT_INPUTS_OUT = new LongAdder();

    /**
     * Indicators the alert rules have evaluated ({@link AlertRules}, {@link BroadcastAlertRules}).
     */
    public static final LongAdder ALERT_INPUTS_IN = new LongAdder();

    private StageCounters() {}
}
