package nl.lvds.pipeline.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.lvds.models.area.AreaGazetteer;
import nl.lvds.models.area.AreaMatch;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.models.event.Topic;
import nl.lvds.pipeline.records.CellIncident;
import nl.lvds.pipeline.records.IncidentRef;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Maps an incident to the indicator cells it is linked to: its wijk, its district and the city,
 * each with the topics {@code all} and {@code local-incident}. The incident's area is resolved with
 * the bundled Rotterdam gazetteer: a gebied name links to the district and the city only, an
 * unknown or missing area to the city only.
 */
public class IncidentCells implements FlatMapFunction<Incident, CellIncident> {

    private static final long serialVersionUID = 1L;

    /** The topics an incident is linked to, in every one of its areas. */
    public static final List<String> TOPICS = List.of(Topic.ALL_TOPICS, Topic.LOCAL_INCIDENT);

    @Override
    public void flatMap(Incident incident, Collector<CellIncident> out) {
        IncidentRef ref =
                new IncidentRef(incident.id(), incident.ts(), incident.type(), incident.severity());
        for (String[] cell : cells(incident.area())) {
            for (String topic : TOPICS) {
                out.collect(new CellIncident(cell[0], cell[1], topic, ref));
            }
        }
    }

    /** Pairs of (area, district) for an incident area name. */
    static List<String[]> cells(String area) {
        List<String[]> out = new ArrayList<>(3);
        Optional<AreaMatch> match =
                area == null ? Optional.empty() : AreaGazetteer.rotterdam().resolve(area);
        if (match.isPresent()) {
            AreaMatch m = match.get();
            if (m.hasNeighbourhood()) {
                out.add(new String[] {m.neighbourhood(), m.district()});
            }
            out.add(new String[] {m.district(), m.district()});
        }
        String city = TensionIndicator.CITY;
        out.add(new String[] {city, city});
        return out;
    }
}
