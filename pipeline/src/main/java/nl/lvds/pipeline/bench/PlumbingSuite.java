package nl.lvds.pipeline.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Suite 2, the plumbing floor ratio: the live job's wiring on a MiniCluster at parallelism 2
 * reading the same N generated signals from the embedded Kafka broker (produced beforehand,
 * untimed) and writing exactly-once to Kafka, once with classification replaced by {@link
 * NoOpClassify} (the floor) and once as built, one after the other in one bench run. Rate: signals
 * from the first signal classified to the last output record written (the broker's LogAppendTime on
 * the output topics; a bounded job then still waits for its next checkpoint to commit, which a
 * continuous stream does not, so that wait is reported apart as secondsToJobEnd). Target: full >=
 * 0.5 x floor.
 */
public final class PlumbingSuite implements Suite {

    /** The target ratio full / floor. */
    public static final double TARGET = 0.5;

    @Override
    public String name() {
        return "plumbing";
    }

    @Override
    public void run(BenchContext ctx, ObjectNode json, List<Row> rows) throws Exception {
        int days = ctx.daysFor(ctx.sizes().plumbingSignals());
        long produced = ctx.produce("plumbing", days);
        json.put("signalsProduced", produced);
        json.put("days", days);
        LiveRuns.Outcome floor =
                LiveRuns.bounded(ctx, "plumbing", "floor", 2, true, false, Map.of());
        LiveRuns.Outcome full =
                LiveRuns.bounded(ctx, "plumbing", "full", 2, false, false, Map.of());
        floor.put(json.putObject("floor"));
        full.put(json.putObject("full"));
        double ratio = full.rate() / floor.rate();
        json.put("ratio", Math.round(ratio * 1000) / 1000.0);
        boolean met = ratio >= TARGET;
        ObjectNode t = json.putObject("target");
        t.put("figure", "ratio");
        t.put("atLeast", TARGET);
        t.put("value", Math.round(ratio * 1000) / 1000.0);
        t.put("met", met);
        rows.add(
                new Row(
                        name(),
                        "floor (no-op classify), signals/s, p=2",
                        ModelsSuite.fmt(floor.rate()),
                        "",
                        "",
                        floor.loadBefore()));
        rows.add(
                new Row(
                        name(),
                        "full path, signals/s, p=2",
                        ModelsSuite.fmt(full.rate()),
                        "",
                        "",
                        full.loadBefore()));
        rows.add(
                Row.target(
                        name(),
                        "full / floor",
                        String.format(Locale.ROOT, "%.2f", ratio),
                        ">= 0.50",
                        met));
    }
}
