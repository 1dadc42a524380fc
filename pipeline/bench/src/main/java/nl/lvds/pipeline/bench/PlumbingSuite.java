package nl.lvds.pipeline.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.lvds.models.event.Signal;
import nl.lvds.pipeline.generate.ArchiveGenerator;

/**
 * Suite 2, the plumbing floor ratio: three bounded jobs on a MiniCluster at parallelism 2, one
 * after the other in one bench run, each reading the same N generated signals from the embedded
 * Kafka broker (produced beforehand, untimed) and writing exactly-once to Kafka with the live job's
 * checkpoint settings:
 *
 * <ul>
 *   <li>the bare floor ({@link BareFloor}): the same source, deserializer and watermarks, keyBy
 *       area, a 15-minute window count, a small JSON record out; none of the LVDS operators. The
 *       floor the ratio is taken against;
 *   <li>the live job's wiring with classification replaced by a {@link NoOpClassify} handing out
 *       the classifier's answers for a sample of the same archive by id hash (the cells, windows
 *       and indicators do the same work as the full path, only the NLP is gone): a second figure;
 *   <li>the live job's wiring as built, the full path.
 * </ul>
 *
 * Rate: signals from the first signal decoded (bare) or classified to the last output record
 * written (the broker's LogAppendTime on the output topics; a bounded job then still waits for its
 * next checkpoint to commit, which a continuous stream does not, so that wait is reported apart as
 * secondsToJobEnd). Target: full >= 0.33 x bare floor.
 */
public final class PlumbingSuite implements Suite {

    /** The target ratio full / bare floor. */
    public static final double TARGET = 0.33;

    /** Signals the floor's no-op takes its answers from. */
    static final int SAMPLE = 20_000;

    /**
     * Every k-th signal of the last generated day (the generator is deterministic: the same day as
     * in the produced archive), {@value #SAMPLE} in all.
     */
    static List<Signal> sample(BenchContext ctx) {
        List<Signal> day =
                new ArchiveGenerator()
                        .dayGenerator(42L, ctx.sizes().perDay())
                        .generate(BenchContext.LAST_DAY)
                        .signals();
        int step = Math.max(1, day.size() / SAMPLE);
        List<Signal> out = new ArrayList<>();
        for (int i = 0; i < day.size() && out.size() < SAMPLE; i += step) {
            out.add(day.get(i));
        }
        return out;
    }

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
        NoOpClassify sampled = NoOpClassify.sampled(sample(ctx));
        ctx.progress(
                "plumbing: the floor's no-op hands out %,d classifier answers by id hash",
                sampled.answers());
        LiveRuns.BareOutcome bare = LiveRuns.bare(ctx, "plumbing", "floor-bare", 2);
        LiveRuns.Outcome floor =
                LiveRuns.bounded(ctx, "plumbing", "floor", 2, sampled, false, Map.of());
        LiveRuns.Outcome full = LiveRuns.bounded(ctx, "plumbing", "full", 2, null, false, Map.of());
        bare.put(json.putObject("bareFloor"));
        floor.put(json.putObject("floor"));
        full.put(json.putObject("full"));
        json.put("floorSampleAnswers", sampled.answers());
        double ratio = full.rate() / bare.rate();
        double ratioSampled = full.rate() / floor.rate();
        json.put("ratio", Math.round(ratio * 1000) / 1000.0);
        json.put("ratioSampledFloor", Math.round(ratioSampled * 1000) / 1000.0);
        boolean met = ratio >= TARGET;
        ObjectNode t = json.putObject("target");
        t.put("figure", "ratio");
        t.put("atLeast", TARGET);
        t.put("value", Math.round(ratio * 1000) / 1000.0);
        t.put("met", met);
        rows.add(
                new Row(
                        name(),
                        String.format(
                                Locale.ROOT,
                                "bare floor (no LVDS operators), signals/s, p=2 (%,d area counts)",
                                bare.areaCounts()),
                        ModelsSuite.fmt(bare.rate()),
                        "",
                        "",
                        bare.outcome().loadBefore()));
        rows.add(
                new Row(
                        name(),
                        String.format(
                                Locale.ROOT,
                                "floor, no-op with sampled answers, signals/s, p=2 (%,d indicators)",
                                floor.indicators()),
                        ModelsSuite.fmt(floor.rate()),
                        "",
                        "",
                        floor.loadBefore()));
        rows.add(
                new Row(
                        name(),
                        String.format(
                                Locale.ROOT,
                                "full path, signals/s, p=2 (%,d indicators)",
                                full.indicators()),
                        ModelsSuite.fmt(full.rate()),
                        "",
                        "",
                        full.loadBefore()));
        rows.add(
                Row.target(
                        name(),
                        "full / bare floor",
                        String.format(Locale.ROOT, "%.2f", ratio),
                        String.format(Locale.ROOT, ">= %.2f", TARGET),
                        met));
        rows.add(
                Row.of(
                        name(),
                        "full / floor (sampled answers)",
                        String.format(Locale.ROOT, "%.2f", ratioSampled)));
    }
}
