package nl.lvds.dashboards.briefing;

import java.time.Instant;

/** Reads the input of a briefing for a period, from Kafka or from files. */
@FunctionalInterface
public interface BriefingSource {

    /** How far before {@code from} alerts are read, to recognise escalations. */
    long LOOKBACK_MS = 24L * 3600 * 1000;

    /**
     * Indicators and incidents of ({@code from}, {@code to}], alerts from {@code from -
     * LOOKBACK_MS} to {@code to}.
     */
    BriefingInput read(Instant from, Instant to);
}
