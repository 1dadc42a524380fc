package nl.lvds.pipeline.functions;

import nl.lvds.pipeline.records.CellIndicator;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;

/**
 * Thins what is published to the indicator topic: every 1 h indicator (every 15 minutes), but the
 * slow-moving 24 h indicator only at full hours, a quarter of its volume. The alert rules still see
 * every indicator. Event time only, so live and review publish the same set. The indicators let
 * through are counted in the accumulator {@link #PUBLISHED} (the review's progress display reads it
 * from the running job).
 */
public final class PublishedIndicators extends RichFilterFunction<CellIndicator> {

    /** Name of the accumulator counting the indicators published. */
    public static final String PUBLISHED = "lvds-indicators-published";

    private static final long serialVersionUID = 1L;
    private static final long HOUR_MS = 3_600_000L;

    private transient LongCounter published;

    @Override
    public void open(OpenContext context) {
        published = new LongCounter();
        getRuntimeContext().addAccumulator(PUBLISHED, published);
    }

    @Override
    public boolean filter(CellIndicator c) {
        boolean publish =
                !IndicatorFunction.WINDOW_24H.equals(c.window())
                        || Math.floorMod(c.indicator().windowEnd(), HOUR_MS) == 0;
        if (publish && published != null) {
            published.add(1L);
        }
        return publish;
    }
}
