package nl.lvds.pipeline.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * The {@code badinput} suite: the topology over the same valid stream with and without bad records
 * mixed in, side by side ({@link BadInputBench}). Target: valid throughput with bad input at least
 * 0.80 of without.
 */
final class BadInputSuite implements Suite {

    @Override
    public String name() {
        return "badinput";
    }

    @Override
    public void run(BenchContext ctx, ObjectNode json, List<Row> rows) throws Exception {
        BenchSizes sizes = ctx.sizes();
        boolean small = sizes.plumbingSignals() < 100_000;
        int validPerDay = small ? 1_000 : 3_000;
        int bad = small ? 5_000 : 100_000;
        ctx.progress(
                "badinput: %,d valid signals/day over 2 days, %,d bad records, 2 passes",
                validPerDay, bad);
        BadInputBench.Result r =
                BadInputBench.run(validPerDay, bad, 2, 2, small ? 1 : 2, 2024_03_07L, ctx.log());
        json.put("validSignals", r.validSignals());
        json.put("badRecords", r.badRecords());
        json.put("parallelism", r.parallelism());
        json.put("cleanSignalsPerSecond", r.cleanRate());
        json.put("mixedSignalsPerSecond", r.mixedRate());
        json.put("mixedRecordsPerSecond", r.mixedRecordRate());
        json.put("ratio", r.ratio());
        rows.add(
                Row.of(
                        name(),
                        "valid signals/s, valid stream alone",
                        String.format(Locale.ROOT, "%,.0f", r.cleanRate())));
        rows.add(
                Row.of(
                        name(),
                        String.format(
                                Locale.ROOT,
                                "valid signals/s with %,d bad records",
                                r.badRecords()),
                        String.format(Locale.ROOT, "%,.0f", r.mixedRate())));
        rows.add(
                Row.target(
                        name(),
                        "with / without bad input",
                        String.format(Locale.ROOT, "%.2f", r.ratio()),
                        ">= 0.80",
                        r.ratio() >= 0.80));
    }
}
