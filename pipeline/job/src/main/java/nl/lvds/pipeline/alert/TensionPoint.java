package nl.lvds.pipeline.alert;

/**
 * A past tension index of the cell, kept only while an incident-escalation rule may need it as the
 * "last indicator before the incident".
 *
 * @param window {@code 1h} or {@code 24h}
 * @param windowEnd the indicator's window end, epoch ms
 * @param tensionIndex the indicator's tension index
 * @param expiresAt first event time at which no incident can need this point any more
 */
public record TensionPoint(String window, long windowEnd, double tensionIndex, long expiresAt) {}
