package nl.lvds.pipeline.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import nl.lvds.pipeline.bench.Bench;
import nl.lvds.pipeline.bench.BenchSizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lvds bench}: the benchmark suites (figures, not tests) of {@link Bench}; this command only
 * reads the options.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Benchmarks (figures, not tests): prints a table, writes a results JSON, progress on stderr.",
            "Suites, run one after the other on one embedded Kafka broker and one generated archive:",
            "  models    posts/s on one core: LVDS NLP path, LVDS and CoreNLP tokenizers",
            "            (--corenlp-sentiment: also CoreNLP's English sentiment pipeline)",
            "  plumbing  over N signals, Kafka in, exactly-once Kafka out, p=2: the bare floor",
            "            (decode, keyBy area, 15-min window count; no LVDS operators), the live",
            "            job with a no-op classifier (sampled answers) and as built; full / bare",
            "            floor and full / sampled floor. Only these: --only plumbing [--quick]",
            "  review    review mode over a generated archive; extrapolated 36.5M-signal time",
            "  latency   the live job at a steady rate: window complete -> indicator / alert p50, p99",
            "  scaling   the full path at parallelism 1 and 2; state size per cell",
            "Default: all suites, about 10-15 minutes on a quiet 2-core machine;",
            "--quick: about a minute and a half, a smoke run whose figures are not measurements."
        })
final class BenchCommand implements Callable<Integer> {

    @Option(
            names = "--only",
            split = ",",
            paramLabel = "SUITE",
            description =
                    "Suites to run: models,plumbing,review,latency,scaling,badinput (default: all).")
    List<String> only;

    @Option(names = "--quick", description = "Smoke-run sizes (about a minute and a half).")
    boolean quick;

    @Option(
            names = "--signals",
            paramLabel = "N",
            description =
                    "Signals of the plumbing floor / full runs (default 1,000,000; quick 20,000).")
    Long signals;

    @Option(
            names = "--review-signals",
            paramLabel = "N",
            description = "Signals of the review archive (default 500,000).")
    Long reviewSignals;

    @Option(
            names = "--scaling-signals",
            paramLabel = "N",
            description = "Signals of the scaling runs (default 300,000).")
    Long scalingSignals;

    @Option(
            names = "--per-day",
            paramLabel = "N",
            description = "Generated signals per day (default 50,000).")
    Integer perDay;

    @Option(names = "--passes", description = "Timed passes per models component (default 5).")
    Integer passes;

    @Option(
            names = "--latency-rate",
            paramLabel = "N",
            description = "Signals/s produced in the latency run (default 5,000).")
    Integer latencyRate;

    @Option(
            names = "--latency-seconds",
            paramLabel = "S",
            description = "Measured seconds of a latency run (default 90).")
    Integer latencySeconds;

    @Option(
            names = "--latency-warmup",
            paramLabel = "S",
            description = "Warm-up seconds of a latency run (default 45).")
    Integer latencyWarmup;

    @Option(
            names = "--latency-speed",
            paramLabel = "X",
            description =
                    "Event-time seconds per wall second in the latency run; 1 = event times are now (default 60).")
    Double latencySpeed;

    @Option(
            names = "--latency-short-checkpoint",
            paramLabel = "S",
            description =
                    "Also a latency run with this checkpoint interval; 0 = none (default: 2; quick: 0).")
    Integer shortCheckpoint;

    @Option(
            names = "--corenlp-sentiment",
            description = "Also run CoreNLP's English sentiment baseline (models suite).")
    boolean sentiment;

    @Option(
            names = "--state-backend",
            description =
                    "Keyed state of the live-job suites: hashmap (Flink's default, in the heap) or"
                            + " rocksdb (production's, docker/: incremental checkpoints)"
                            + " (default: ${DEFAULT-VALUE}).")
    String stateBackend = "hashmap";

    @Option(names = "--out", description = "Results JSON (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("bench-results.json");

    @Override
    public Integer call() throws Exception {
        BenchSizes b = quick ? BenchSizes.quick() : BenchSizes.standard();
        BenchSizes sizes =
                new BenchSizes(
                        passes != null ? passes : b.modelPasses(),
                        signals != null ? signals : b.plumbingSignals(),
                        reviewSignals != null ? reviewSignals : b.reviewSignals(),
                        latencySeconds != null ? latencySeconds : b.latencySeconds(),
                        latencyWarmup != null ? latencyWarmup : b.latencyWarmupSeconds(),
                        latencyRate != null ? latencyRate : b.latencyRate(),
                        latencySpeed != null ? latencySpeed : b.latencySpeed(),
                        scalingSignals != null ? scalingSignals : b.scalingSignals(),
                        perDay != null ? perDay : b.perDay());
        int shortCp = shortCheckpoint != null ? shortCheckpoint : (quick ? 0 : 2);
        try {
            Bench.run(
                    new Bench.Options(
                            only,
                            sizes,
                            Paths.corpus(),
                            sentiment,
                            shortCp,
                            java.util.Map.of(),
                            out,
                            stateBackend),
                    System.out,
                    System.err);
        } catch (IllegalArgumentException e) {
            System.err.println("lvds bench: " + e.getMessage());
            return 2;
        }
        return 0;
    }
}
