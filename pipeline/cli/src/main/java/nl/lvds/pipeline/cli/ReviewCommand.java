package nl.lvds.pipeline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import nl.lvds.models.config.ConfigException;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.pipeline.review.Review;
import nl.lvds.pipeline.review.ReviewCompare;
import nl.lvds.pipeline.review.ReviewIndicators;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lvds review}: the live topology in batch mode over an archive, or a comparison of two. */
@Command(
        name = "review",
        mixinStandardHelpOptions = true,
        description = {
            "Re-run an archive in batch mode (the live topology) -> indicators, alerts, report.html, manifest.json.",
            "Writes into --out (output format 2, docs/review.md): indicators.parquet (published indicators),",
            "indicators-hourly.csv (hourly per district and topic, for a spreadsheet), coverage.csv (published",
            "and suppressed cells per day), alerts.jsonl, deadletters.jsonl (all sorted, so the same input and",
            "config give the same bytes), report.html (self-contained, Dutch, prints to A4) and manifest.json",
            "(code, model, config and input hashes). --jsonl adds indicators.jsonl (every indicator). With",
            "--compare OLD NEW it lists alerts that appear, disappear or change level and the largest",
            "indicator changes between two reviews (of either output format)."
        })
final class ReviewCommand implements Callable<Integer> {

    @Option(
            names = "--input",
            arity = "1..*",
            paramLabel = "PATH",
            description =
                    "Archive roots (as 'lvds generate' writes them), signals/ or incidents/ folders, or files.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--from", paramLabel = "DATE", description = "First day, e.g. 2023-01-01.")
    LocalDate from;

    @Option(
            names = "--to",
            paramLabel = "DATE",
            description = "Last day (inclusive), e.g. 2024-12-31.")
    LocalDate to;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "YAML configuration (default: the shipped config/lvds.yaml).")
    Path config;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Override a config key, e.g. --set alerts.rules.hostility.minSignals=30")
    List<String> overrides = new ArrayList<>();

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Flink parallelism of the local run (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--force",
            description = "Write into an --out folder that holds an earlier review.")
    boolean force;

    @Option(names = "--no-progress", description = "Do not show the progress bar.")
    boolean noProgress;

    @Option(
            names = "--jsonl",
            description =
                    "Also write indicators.jsonl: every indicator, suppressed ones too, as JSON lines (large).")
    boolean jsonl;

    @Option(
            names = {"--compare", "--baseline"},
            arity = "2",
            paramLabel = "DIR",
            description = "Compare two review output folders: OLD NEW.")
    List<Path> compare;

    @Option(
            names = "--top",
            defaultValue = "20",
            description = "Indicator changes listed by --compare.")
    int top;

    @Override
    public Integer call() throws Exception {
        if (compare != null) {
            for (Path d : compare) {
                if (!ReviewIndicators.isReview(d)
                        || !Files.isRegularFile(d.resolve("alerts.jsonl"))) {
                    System.err.println("lvds review: not a review output folder: " + d);
                    return 2;
                }
            }
            System.out.print(
                    ReviewCompare.render(
                            ReviewCompare.compare(compare.get(0), compare.get(1), top)));
            return 0;
        }
        if (inputs.isEmpty() || from == null || to == null || out == null) {
            System.err.println(
                    "lvds review: --input, --from, --to and --out are required (or --compare OLD NEW); see --help");
            return 2;
        }
        if (from.isAfter(to)) {
            System.err.println("lvds review: --from " + from + " is after --to " + to);
            return 2;
        }
        for (Path p : inputs) {
            if (!Files.exists(p)) {
                System.err.println("lvds review: no such input: " + p);
                return 2;
            }
        }
        if (Files.exists(out.resolve("manifest.json")) && !force) {
            System.err.println(
                    "lvds review: " + out + " already holds a review; use --force to replace it");
            return 2;
        }
        LvdsConfig cfg;
        byte[] configBytes;
        String origin;
        try {
            if (config != null) {
                cfg = LvdsConfig.load(config, LvdsConfig.parseOverrides(overrides));
                configBytes = Files.readAllBytes(config);
                origin = config.toAbsolutePath().normalize().toString();
            } else {
                cfg = LvdsConfig.defaults().withOverrides(LvdsConfig.parseOverrides(overrides));
                configBytes = Review.defaultConfigBytes();
                origin = "built-in default (config/lvds.yaml)";
            }
        } catch (ConfigException e) {
            System.err.println("lvds review: bad configuration: " + e.getMessage());
            return 2;
        }
        if (!overrides.isEmpty()) {
            configBytes = concat(configBytes, String.join("\n", overrides));
            origin += " with overrides " + overrides;
        }
        try {
            Review.run(
                    new Review.Options(
                            inputs,
                            from,
                            to,
                            out,
                            cfg,
                            configBytes,
                            origin,
                            parallelism,
                            !noProgress,
                            jsonl),
                    System.err);
        } catch (IllegalArgumentException e) {
            System.err.println("lvds review: " + e.getMessage());
            return 2;
        }
        System.err.println(
                "lvds review: wrote " + out.resolve("report.html") + " and manifest.json");
        return 0;
    }

    private static byte[] concat(byte[] a, String b) {
        byte[] tail = ("\n# overrides\n" + b).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] out = java.util.Arrays.copyOf(a, a.length + tail.length);
        System.arraycopy(tail, 0, out, a.length, tail.length);
        return out;
    }
}
