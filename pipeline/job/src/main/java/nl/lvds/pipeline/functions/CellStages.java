package nl.lvds.pipeline.functions;

import java.time.Duration;
import nl.lvds.models.event.ClassifiedSignal;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.pipeline.records.Bucket;
import nl.lvds.pipeline.records.CellIncident;
import nl.lvds.pipeline.records.CellIndicator;
import nl.lvds.pipeline.records.CellSignal;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Wires the cell stages of the topology, with their uids and names in one place: fan-out, 15-minute
 * buckets, incident cells and the indicator operator.
 */
public final class CellStages {

    private CellStages() {}

    /** Classified signals to cell signals (stateless). */
    public static SingleOutputStreamOperator<CellSignal> fanOut(
            DataStream<ClassifiedSignal> signals, CellFanOut fanOut) {
        return signals.flatMap(fanOut).uid("cell-fan-out").name("Cell fan-out");
    }

    /** Cell signals to provisional indicators of open windows (live only). */
    public static SingleOutputStreamOperator<TensionIndicator> early(
            DataStream<CellSignal> cells, EarlyIndicators function) {
        return cells.map(CellSignal::countsOnly)
                .uid("early-counts-only")
                .name("Early counts only")
                .keyBy(CellSignal::cellKey)
                .process(function)
                .uid("early-indicators")
                .name("Early indicators");
    }

    /** Incidents to the cells they are linked to (stateless). */
    public static SingleOutputStreamOperator<CellIncident> incidentCells(
            DataStream<Incident> incidents) {
        return incidents.flatMap(new IncidentCells()).uid("incident-cells").name("Incident cells");
    }

    /** Cell signals to 15-minute buckets, see {@link Buckets#aggregate}. */
    public static SingleOutputStreamOperator<Bucket> buckets(
            DataStream<CellSignal> cells, Duration allowedLateness) {
        return Buckets.aggregate(cells, allowedLateness);
    }

    /** Buckets and cell incidents to 1 h and 24 h cell indicators. */
    public static SingleOutputStreamOperator<CellIndicator> indicators(
            DataStream<Bucket> buckets,
            DataStream<CellIncident> incidents,
            IndicatorFunction function) {
        return buckets.keyBy(Bucket::cellKey)
                .connect(incidents.keyBy(CellIncident::cellKey))
                .process(function)
                .uid("cell-indicators")
                .name("Cell indicators");
    }
}
