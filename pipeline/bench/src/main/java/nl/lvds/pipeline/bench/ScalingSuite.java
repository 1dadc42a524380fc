package nl.lvds.pipeline.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Suite 5, scaling: the full path (the live job's wiring, bounded Kafka input, exactly-once output)
 * at parallelism 1 and 2 over the same generated signals, one after the other; the speed-up; and
 * the state size per key: the largest completed checkpoint's state size divided by the number of
 * distinct (area, topic) cells in the run's indicators (every keyed operator is keyed by cell).
 * These runs checkpoint every {@value #CHECKPOINT_SECONDS} s so that some checkpoints are taken
 * while the state is full.
 */
public final class ScalingSuite implements Suite {

    /** Checkpoint interval of the scaling runs. */
    public static final int CHECKPOINT_SECONDS = 10;

    @Override
    public String name() {
        return "scaling";
    }

    @Override
    public void run(BenchContext ctx, ObjectNode json, List<Row> rows) throws Exception {
        int days = ctx.daysFor(ctx.sizes().scalingSignals());
        long produced = ctx.produce("scaling", days);
        json.put("signalsProduced", produced);
        json.put("days", days);
        json.put("checkpointIntervalSeconds", CHECKPOINT_SECONDS);
        Map<String, String> cp =
                Map.of("pipeline.checkpointIntervalSeconds", Integer.toString(CHECKPOINT_SECONDS));
        LiveRuns.Outcome p1 = LiveRuns.bounded(ctx, "scaling", "scaling-p1", 1, null, true, cp);
        LiveRuns.Outcome p2 = LiveRuns.bounded(ctx, "scaling", "scaling-p2", 2, null, true, cp);
        p1.put(json.putObject("p1"));
        p2.put(json.putObject("p2"));
        double speedup = p2.rate() / p1.rate();
        json.put("speedupP2overP1", Math.round(speedup * 1000) / 1000.0);
        LiveRuns.Outcome withState =
                p2.run().maxCheckpointBytes() >= p1.run().maxCheckpointBytes() ? p2 : p1;
        long bytes = withState.run().maxCheckpointBytes();
        long cells = Math.max(1, withState.cells());
        double perKey = bytes / (double) cells;
        json.put("largestCheckpointBytes", bytes);
        json.put("cells", withState.cells());
        json.put("stateBytesPerCell", Math.round(perKey));
        rows.add(
                new Row(
                        name(),
                        "full path, signals/s, p=1",
                        ModelsSuite.fmt(p1.rate()),
                        "",
                        "",
                        p1.loadBefore()));
        rows.add(
                new Row(
                        name(),
                        "full path, signals/s, p=2",
                        ModelsSuite.fmt(p2.rate()),
                        "",
                        "",
                        p2.loadBefore()));
        rows.add(
                Row.of(name(), "speed-up p=2 / p=1", String.format(Locale.ROOT, "%.2fx", speedup)));
        rows.add(
                Row.of(
                        name(),
                        "state per cell (largest checkpoint / cells)",
                        bytes == 0
                                ? "no checkpoint completed"
                                : String.format(
                                        Locale.ROOT,
                                        "%,.0f B (%,d B / %,d cells)",
                                        perKey,
                                        bytes,
                                        withState.cells())));
    }
}
