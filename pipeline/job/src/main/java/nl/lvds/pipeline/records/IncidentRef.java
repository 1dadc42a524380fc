package nl.lvds.pipeline.records;

/**
 * A reference to an incident linked to an indicator cell: what an alert needs to explain itself.
 *
 * @param id incident id
 * @param ts incident event time, epoch ms
 * @param type incident type
 * @param severity 1-3
 */
public record IncidentRef(String id, long ts, String type, int severity) {}
