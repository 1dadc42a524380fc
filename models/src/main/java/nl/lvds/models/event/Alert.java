package nl.lvds.models.event;

import java.util.List;

/**
 * An alert about one event (contract v2): the cells and topics of one event in overlapping windows
 * form one group with a lasting {@code id}; the group is raised once and then updated (escalated,
 * extended, closed) instead of raised again. It explains itself with observed and expected counts,
 * the surprise, distinctive terms, linked incidents and which source types agree; it never carries
 * text or anything per author.
 *
 * <p>Version 1 records (one alert per rule, cell and window) still decode: they read as a group of
 * one cell, kind {@code event}, status {@code raised}, update 0.
 *
 * @param v contract version: 2 (1 for records of the earlier contract)
 * @param id the group's lasting id, the same on every update; deterministic, so a replay of the
 *     same input gives the same ids
 * @param raisedAt event time of this record (the end of the window evaluated), epoch ms
 * @param area the group's leading cell: wijk, district or {@code city}
 * @param topic the leading cell's topic or {@code all}
 * @param level the group's level now: one of {@link #LEVELS}
 * @param rule the test that flagged the leading cell: {@code volume}, {@code hostility}, {@code
 *     coordinated} (v1: a rule id)
 * @param tensionIndex the leading cell's tension index
 * @param zScore the leading cell's z-score; may be null
 * @param windowStart the leading cell's window start, epoch ms
 * @param windowEnd the leading cell's window end, epoch ms
 * @param incidentIds incidents linked to the group's cells
 * @param topTerms terms distinctive for the leading cell, each seen in at least k posts
 * @param corroboration source types that agree
 * @param modelVersion version of the classification model
 * @param district the leading cell's district ({@code city} for the city)
 * @param kind {@code event} or {@code coordinated} (a copy-paste burst: watch level at most)
 * @param status {@code raised}, {@code escalated}, {@code updated} or {@code closed}
 * @param update 0 for the first record of the group, then 1, 2, ...
 * @param openedAt event time of the group's first record, epoch ms
 * @param cells every cell that has been part of the group, most surprising first
 * @param observed the leading cell's observed count (stories)
 * @param expected the leading cell's expected count; null without a baseline
 * @param pValue the leading cell's surprise (p-value before the multiple-testing correction)
 * @param copies {@code coordinated}: posts in the window beyond its distinct stories (repeated
 *     copies); null otherwise
 * @param authors {@code coordinated}: distinct author keys among the window's posts, null when
 *     unknown; never who they are
 */
public record Alert(
        int v,
        String id,
        long raisedAt,
        String area,
        String topic,
        String level,
        String rule,
        double tensionIndex,
        Double zScore,
        long windowStart,
        long windowEnd,
        List<String> incidentIds,
        List<String> topTerms,
        List<String> corroboration,
        String modelVersion,
        String district,
        String kind,
        String status,
        int update,
        long openedAt,
        List<AlertCell> cells,
        Integer observed,
        Double expected,
        Double pValue,
        Integer copies,
        Integer authors) {

    /** The alert levels, lowest first. */
    public static final List<String> LEVELS = List.of("watch", "warning", "critical");

    /** The contract version this code writes. */
    public static final int VERSION = 2;

    /** The kinds of alert group. */
    public static final List<String> KINDS = List.of(Kind.EVENT, Kind.COORDINATED);

    /** The statuses of a group record. */
    public static final List<String> STATUSES =
            List.of(Status.RAISED, Status.ESCALATED, Status.UPDATED, Status.CLOSED);

    /** Group kinds. */
    public static final class Kind {
        /** Something happened: more stories (or hostile stories) than expected. */
        public static final String EVENT = "event";

        /** A copy-paste burst: many copies of few stories. Never above watch by itself. */
        public static final String COORDINATED = "coordinated";

        private Kind() {}
    }

    /** Group record statuses. */
    public static final class Status {
        /** The group's first record. */
        public static final String RAISED = "raised";

        /** The group's level went up. */
        public static final String ESCALATED = "escalated";

        /** New cells or topics joined the group (level unchanged). */
        public static final String UPDATED = "updated";

        /** The group ended: nothing flagged for the closing time. */
        public static final String CLOSED = "closed";

        private Status() {}
    }

    /**
     * A version 1 alert (one rule, cell and window): a group of one cell, kind {@code event},
     * status {@code raised}.
     */
    public Alert(
            int v,
            String id,
            long raisedAt,
            String area,
            String topic,
            String level,
            String rule,
            double tensionIndex,
            Double zScore,
            long windowStart,
            long windowEnd,
            List<String> incidentIds,
            List<String> topTerms,
            List<String> corroboration,
            String modelVersion) {
        this(
                v,
                id,
                raisedAt,
                area,
                topic,
                level,
                rule,
                tensionIndex,
                zScore,
                windowStart,
                windowEnd,
                incidentIds,
                topTerms,
                corroboration,
                modelVersion,
                null,
                Kind.EVENT,
                Status.RAISED,
                0,
                raisedAt,
                List.of(new AlertCell(area, null, topic, level, rule, null, null, null)),
                null,
                null,
                null,
                null,
                null);
    }

    /** Whether this record closes its group. */
    public boolean closes() {
        return Status.CLOSED.equals(status);
    }
}
