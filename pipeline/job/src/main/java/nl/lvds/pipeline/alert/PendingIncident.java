package nl.lvds.pipeline.alert;

/**
 * An incident an incident-escalation rule is watching in a cell, until {@code withinHours} after
 * it.
 *
 * @param ruleId the incident-escalation rule
 * @param incidentId the incident
 * @param ts incident event time, epoch ms
 * @param severity 1-3
 * @param baseline tension index of the last indicator that ended at or before the incident (within
 *     the rule's lookback); null when there was none, then only the z-score trigger can fire
 * @param expiresAt first event time at which the incident no longer counts
 */
public record PendingIncident(
        String ruleId, String incidentId, long ts, int severity, Double baseline, long expiresAt) {

    /** The state key: one entry per rule and incident. */
    public String key() {
        return key(ruleId, incidentId);
    }

    /** The state key of a rule and incident. */
    public static String key(String ruleId, String incidentId) {
        return ruleId + "|" + incidentId;
    }
}
