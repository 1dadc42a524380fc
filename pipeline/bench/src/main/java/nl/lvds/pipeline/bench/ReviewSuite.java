package nl.lvds.pipeline.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.pipeline.review.Review;

/**
 * Suite 3, review: {@link Review#run} (the batch job over archive files, then sorting the outputs,
 * the manifest and the report) at parallelism 2 over the last days of the generated archive.
 * Reports signals per second of the job and of the whole review, and the time 36M signals (two
 * years at 50,000 a day) would take at the whole review's rate (a linear extrapolation: the
 * indicator volume grows with the number of active cells and days, so it is a lower bound). Target:
 * 36M signals in at most 10 minutes.
 */
public final class ReviewSuite implements Suite {

    /** Two years at 50,000 signals a day. */
    public static final long TWO_YEARS = 36_500_000L;

    /** The target, seconds for {@link #TWO_YEARS}. */
    public static final double TARGET_SECONDS = 600;

    @Override
    public String name() {
        return "review";
    }

    @Override
    public void run(BenchContext ctx, ObjectNode json, List<Row> rows) throws Exception {
        int days = ctx.daysFor(ctx.sizes().reviewSignals());
        Path archive = ctx.archive(days);
        LocalDate from = BenchContext.firstDay(days);
        Path out = ctx.tempDir("review");
        double before = Machine.load1();
        ctx.progress("review: %d days, parallelism 2 ...", days);
        Review.Outcome o =
                Review.run(
                        new Review.Options(
                                List.of(archive),
                                from,
                                BenchContext.LAST_DAY,
                                out,
                                LvdsConfig.defaults(),
                                Review.defaultConfigBytes(),
                                "bench (shipped defaults)",
                                2,
                                false),
                        new PrintStream(OutputStream.nullOutputStream()));
        double after = Machine.load1();
        double job = o.signalsPerSecond();
        double total = o.signals() / Math.max(0.001, o.totalTime().toMillis() / 1000.0);
        double extrapolated = TWO_YEARS / total;
        boolean met = extrapolated <= TARGET_SECONDS;
        ctx.progress(
                "review: %,d signals, job %.1f s (%,.0f signals/s), total %.1f s (%,.0f signals/s)",
                o.signals(),
                o.jobTime().toMillis() / 1000.0,
                job,
                o.totalTime().toMillis() / 1000.0,
                total);
        json.put("days", days);
        json.put("parallelism", 2);
        json.put("signals", o.signals());
        json.put("indicators", o.indicators());
        json.put("alerts", o.alerts());
        json.put("jobSeconds", o.jobTime().toMillis() / 1000.0);
        json.put("totalSeconds", o.totalTime().toMillis() / 1000.0);
        json.put("jobSignalsPerSecond", Math.round(job));
        json.put("totalSignalsPerSecond", Math.round(total));
        json.put("twoYearsSignals", TWO_YEARS);
        json.put("extrapolatedTwoYearsSeconds", Math.round(extrapolated));
        json.putArray("load1BeforeAfter").add(before).add(after);
        ObjectNode t = json.putObject("target");
        t.put("figure", "extrapolatedTwoYearsSeconds");
        t.put("atMost", TARGET_SECONDS);
        t.put("value", Math.round(extrapolated));
        t.put("met", met);
        rows.add(new Row(name(), "job, signals/s, p=2", ModelsSuite.fmt(job), "", "", before));
        rows.add(
                new Row(
                        name(),
                        "whole review (job + sort + report), signals/s",
                        ModelsSuite.fmt(total),
                        "",
                        "",
                        after));
        rows.add(
                Row.target(
                        name(),
                        "36.5M signals (2 years x 50k/day), extrapolated",
                        minutes(extrapolated),
                        "<= 10 min",
                        met));
    }

    static String minutes(double seconds) {
        return seconds < 120
                ? String.format(Locale.ROOT, "%.0f s", seconds)
                : String.format(Locale.ROOT, "%.1f min", seconds / 60);
    }
}
