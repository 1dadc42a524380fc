package nl.lvds.pipeline.functions;

import nl.lvds.pipeline.records.CellIndicator;
import org.apache.flink.api.common.functions.FilterFunction;

/**
 * Thins what is published to the indicator topic: every 1 h indicator (every 15 minutes), but the
 * slow-moving 24 h indicator only at full hours, a quarter of its volume. The alert rules still see
 * every indicator. Event time only, so live and review publish the same set.
 */
public final class PublishedIndicators implements FilterFunction<CellIndicator> {

    private static final long HOUR_MS = 3_600_000L;

    @Override
    public boolean filter(CellIndicator c) {
        return !IndicatorFunction.WINDOW_24H.equals(c.window())
                || Math.floorMod(c.indicator().windowEnd(), HOUR_MS) == 0;
    }
}
