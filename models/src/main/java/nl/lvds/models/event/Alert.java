package nl.lvds.models.event;

import java.util.List;

/**
 * An alert raised by a rule on an indicator (contract v1). It explains itself with top terms,
 * linked incidents and which source types agree; it never carries text or anything per author.
 *
 * @param v contract version, always 1
 * @param id deterministic id (rule, cell and window), so a replay raises the same id
 * @param raisedAt event time at which the alert was raised (the window end), epoch ms
 * @param area wijk, district or {@code city}
 * @param topic a topic or {@code all}
 * @param level one of {@link #LEVELS}
 * @param rule the rule that fired
 * @param tensionIndex the indicator's tension index
 * @param zScore the indicator's z-score; may be null
 * @param windowStart window start, epoch ms
 * @param windowEnd window end, epoch ms
 * @param incidentIds linked incidents
 * @param topTerms terms seen in at least k posts
 * @param corroboration source types that agree
 * @param modelVersion version of the classification model
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
        String modelVersion) {

    /** The alert levels, lowest first. */
    public static final List<String> LEVELS = List.of("watch", "warning", "critical");
}
