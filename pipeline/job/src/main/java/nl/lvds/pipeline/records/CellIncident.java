package nl.lvds.pipeline.records;

/**
 * An incident as linked to one indicator cell: the indicator operator's second input.
 *
 * @param area the cell's area: a wijk, a district or {@code city}
 * @param district the district of the area
 * @param topic {@code all} or {@code local-incident}
 * @param ref the incident
 */
public record CellIncident(String area, String district, String topic, IncidentRef ref) {

    /** The cell key, {@code area|topic}. */
    public String cellKey() {
        return CellSignal.key(area, topic);
    }
}
