package nl.lvds.models.event;

import java.util.List;

/**
 * An incident from a public feed (contract v1): P2000, police, demonstration notices, municipal.
 *
 * @param v contract version, always 1
 * @param id feed id of the incident
 * @param feed one of {@link #FEEDS}
 * @param ts event time, epoch milliseconds
 * @param type one of {@link #TYPES}
 * @param severity 1 (low) to 3 (high)
 * @param area wijk or gebied name resolved by the gazetteer; may be null
 * @param location street or place as given by the feed; may be null
 * @param summary a short public summary; may be null
 */
public record Incident(
        int v,
        String id,
        String feed,
        long ts,
        String type,
        int severity,
        String area,
        String location,
        String summary) {

    /** The allowed values of {@code feed}. */
    public static final List<String> FEEDS =
            List.of("p2000", "police", "demonstration", "municipal");

    /** The allowed values of {@code type}. */
    public static final List<String> TYPES =
            List.of(
                    "explosion",
                    "fire",
                    "shooting",
                    "stabbing",
                    "riot",
                    "demonstration",
                    "vandalism",
                    "threat",
                    "other");
}
