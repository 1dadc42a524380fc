package nl.lvds.pipeline.functions;

import java.time.Duration;
import nl.lvds.connectors.deadletter.DeadLetter;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.models.event.Topic;
import nl.lvds.pipeline.records.CellSignal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * Signals that arrived after their bucket's allowed lateness (the {@link Buckets#LATE} side output)
 * become dead letters with reason {@value #REASON} and are counted in the {@value #METRIC} metric:
 * late data is never silently lost.
 *
 * <p>A signal is fanned out to several cells, but to exactly one city-wide all-topics cell; only
 * that copy is reported, so the count is one per signal. The dead letter holds no text (a cell
 * signal has none): the bucket it missed and how late it was.
 */
public final class LateSignals extends RichFlatMapFunction<CellSignal, DeadLetter> {

    private static final long serialVersionUID = 1L;

    /** Dead-letter reason of late signals. */
    public static final String REASON = "late_event";

    /** Name of the counter of late signals. */
    public static final String METRIC = "lateSignals";

    /** Dead-letter source name of the bucket stage. */
    public static final String SOURCE = "window:cell-buckets";

    private final Duration allowedLateness;
    private transient Counter late;

    /** Reports signals later than {@code allowedLateness} past their bucket's end. */
    public LateSignals(Duration allowedLateness) {
        this.allowedLateness = allowedLateness;
    }

    @Override
    public void open(OpenContext openContext) {
        late = getRuntimeContext().getMetricGroup().counter(METRIC);
    }

    @Override
    public void flatMap(CellSignal s, Collector<DeadLetter> out) {
        if (!TensionIndicator.CITY.equals(s.area()) || !Topic.ALL_TOPICS.equals(s.topic())) {
            return;
        }
        if (late != null) {
            late.inc();
        }
        long bucket = Buckets.startOf(s.ts());
        out.collect(
                new DeadLetter(
                        REASON,
                        "ts",
                        SOURCE,
                        -1,
                        -1,
                        "{\"bucketStart\":\""
                                + LvdsJson.isoTime(bucket)
                                + "\",\"allowedLatenessMinutes\":"
                                + allowedLateness.toMinutes()
                                + ",\"source\":\""
                                + s.source()
                                + "\"}",
                        DeadLetter.SIGNAL));
    }
}
