package nl.lvds.pipeline.functions;

import java.time.Duration;
import nl.lvds.pipeline.records.Bucket;
import nl.lvds.pipeline.records.CellSignal;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The 15-minute bucket grid shared by the fan-out, the bucket windows and the indicator operator,
 * and the wiring of the bucket stage.
 */
public final class Buckets {

    /** Bucket length: 15 minutes of event time. */
    public static final Duration SIZE = Duration.ofMinutes(15);

    /** Bucket length in milliseconds. */
    public static final long SIZE_MS = SIZE.toMillis();

    /** Buckets per hour: the 1 h indicator window. */
    public static final int PER_HOUR = 4;

    /** Buckets per day: the 24 h indicator window. */
    public static final int PER_DAY = 96;

    /** Cell signals that arrived after their bucket's allowed lateness (dropped from counts). */
    public static final OutputTag<CellSignal> LATE = new OutputTag<>("late-cell-signals") {};

    private Buckets() {}

    /** Start of the bucket holding {@code ts}. */
    public static long startOf(long ts) {
        return Math.floorDiv(ts, SIZE_MS) * SIZE_MS;
    }

    /**
     * Keys cell signals by cell and aggregates them into 15-minute tumbling event-time buckets.
     * Within {@code allowedLateness} after a bucket closed, a late signal re-fires the bucket with
     * the complete, corrected aggregate (the indicator operator replaces the old one); later ones
     * go to the {@link #LATE} side output. Keep the lateness under one bucket (15 minutes): the
     * indicator re-emits corrected windows exactly only then.
     */
    public static SingleOutputStreamOperator<Bucket> aggregate(
            DataStream<CellSignal> cells, Duration allowedLateness) {
        return cells.keyBy(CellSignal::cellKey)
                .window(TumblingEventTimeWindows.of(SIZE))
                .allowedLateness(allowedLateness)
                .sideOutputLateData(LATE)
                .aggregate(new BucketAggregate(), new BucketWindow())
                .uid("cell-buckets")
                .name("15-min cell buckets");
    }
}
