package nl.lvds.dashboards.briefing;

import java.time.Instant;
import nl.lvds.models.event.TensionIndicator;

/** Small factories of test indicators (1 h windows). */
public final class Indicators {

    private Indicators() {}

    /** A published (not suppressed) hourly indicator ending at {@code end}. */
    public static TensionIndicator hour(
            String area,
            String district,
            String topic,
            Instant end,
            int signals,
            double mean,
            double z) {
        long e = end.toEpochMilli();
        return new TensionIndicator(
                1,
                area,
                district,
                topic,
                e - 3600_000L,
                e,
                signals,
                signals,
                null,
                signals / 2,
                signals / 3,
                signals - signals / 2 - signals / 3,
                40.0 + z * 5,
                mean,
                3.0,
                z,
                0,
                false,
                "test-model-1");
    }

    /** A suppressed hourly indicator: no counts. */
    public static TensionIndicator suppressed(
            String area, String district, String topic, Instant end) {
        long e = end.toEpochMilli();
        return new TensionIndicator(
                1,
                area,
                district,
                topic,
                e - 3600_000L,
                e,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                4.0,
                2.0,
                null,
                0,
                true,
                "test-model-1");
    }
}
