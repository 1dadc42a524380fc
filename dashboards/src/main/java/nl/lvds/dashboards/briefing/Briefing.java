package nl.lvds.dashboards.briefing;

import java.time.Instant;
import java.util.List;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.Incident;

/**
 * The content of one briefing, before rendering: what changed in the period. Aggregate-only:
 * suppressed cells contribute no numbers (a series point of a suppressed window is null).
 *
 * @param from period start (exclusive)
 * @param to period end (inclusive)
 * @param newAlerts alerts raised in the period for a cell with no earlier alert in the day before
 *     (most severe first)
 * @param escalations alerts that raised a cell's level compared with an earlier alert
 * @param rises the largest rises vs baseline per district and topic (largest first)
 * @param incidents incidents of the period, those linked to an alert first
 * @param linkedIncidentIds ids of incidents that alerts refer to
 * @param gaps hours without any city-wide indicator (a source or pipeline gap)
 * @param suppressedCells indicator cells of the period below k (shown without numbers)
 * @param indicatorCount indicators read
 * @param modelVersions model versions seen
 * @param groups event groups active in the period, one line each (most severe first); a version 1
 *     alert is a group of one
 * @param bursts copy-paste bursts (coordinated groups) active in the period, one line each
 */
public record Briefing(
        Instant from,
        Instant to,
        List<Alert> newAlerts,
        List<Escalation> escalations,
        List<Rise> rises,
        List<Incident> incidents,
        List<String> linkedIncidentIds,
        List<Gap> gaps,
        int suppressedCells,
        int indicatorCount,
        List<String> modelVersions,
        List<GroupLine> groups,
        List<GroupLine> bursts) {

    /**
     * One alert group in the briefing.
     *
     * @param latest the group's latest record (cells, topics, status, figures)
     * @param firstRaised when the group was first raised, epoch ms
     * @param maxLevel the highest level the group reached (its records and cells)
     * @param records records of the group seen up to the end of the period
     * @param fresh whether the group was first raised in the period
     */
    public record GroupLine(
            Alert latest, long firstRaised, String maxLevel, int records, boolean fresh) {}

    /**
     * A cell whose level went up.
     *
     * @param alert the higher alert
     * @param fromLevel the earlier, lower level
     */
    public record Escalation(Alert alert, String fromLevel) {}

    /**
     * A rise vs baseline in one district and topic; the peak hour of the period.
     *
     * @param district district (gebied)
     * @param topic topic
     * @param zScore peak z-score
     * @param signals signals in the peak hour
     * @param baselineMean baseline mean of that hour's cell; may be null
     * @param tensionIndex tension index of the peak hour; may be null
     * @param peakWindowEnd end of the peak hour, epoch ms
     * @param series hourly signal counts over the period, oldest first; null = suppressed or no
     *     data (never drawn as a number)
     */
    public record Rise(
            String district,
            String topic,
            double zScore,
            Integer signals,
            Double baselineMean,
            Double tensionIndex,
            long peakWindowEnd,
            List<Integer> series) {}

    /**
     * A gap: consecutive hours without a city-wide indicator.
     *
     * @param from first missing hour start, epoch ms
     * @param to end of the last missing hour, epoch ms
     */
    public record Gap(long from, long to) {}

    /** Alerts in the period by level: [watch, warning, critical]. */
    public int[] levelCounts() {
        int[] n = new int[Alert.LEVELS.size()];
        for (Alert a : newAlerts) {
            n[Alert.LEVELS.indexOf(a.level())]++;
        }
        for (Escalation e : escalations) {
            n[Alert.LEVELS.indexOf(e.alert().level())]++;
        }
        return n;
    }
}
