package nl.lvds.pipeline.functions;

import java.time.Duration;
import nl.lvds.pipeline.records.CellSignal;
import org.apache.flink.util.OutputTag;

/**
 * The 15-minute bucket grid shared by the fan-out, the bucket windows and the indicator operator
 * (the bucket stage itself is wired in {@code TensionTopology}).
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
}
