package nl.lvds.pipeline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import nl.lvds.pipeline.generate.ArchiveGenerator;
import nl.lvds.pipeline.generate.ScenarioException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code lvds generate} subcommand: writes a synthetic, clearly labelled archive. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        version = "lvds generate " + ArchiveGenerator.GENERATOR_VERSION,
        description = {
            "Writes a SYNTHETIC archive of signals and incidents (Rotterdam, scripted events) as"
                    + " gzipped JSON lines per day, plus archive.json.",
            "For demos and load tests only: the posts are invented from templates; never use them"
                    + " to measure accuracy or to train models."
        })
public final class GenerateCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "DATE",
            description = "First day, e.g. 2023-01-01 (Europe/Amsterdam local date).")
    private LocalDate from;

    @Option(
            names = "--to",
            required = true,
            paramLabel = "DATE",
            description = "Last day, inclusive.")
    private LocalDate to;

    @Option(
            names = "--per-day",
            required = true,
            paramLabel = "N",
            description = "Average signals per day (weekdays and events modulate it).")
    private int perDay;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Output directory (signals/, incidents/, archive.json).")
    private Path out;

    @Option(
            names = "--seed",
            defaultValue = "1",
            paramLabel = "S",
            description =
                    "Seed; the same arguments give byte-identical files (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(
            names = "--threads",
            paramLabel = "T",
            description = "Days generated in parallel (default: available processors).")
    private Integer threads;

    @Option(
            names = "--scenario",
            paramLabel = "FILE",
            description =
                    "Scenario file (JSON, see docs/scenario.md); default: the shipped scenario"
                            + " (Rotterdam 2023-2024). config/scenarios/second.json is a second"
                            + " one (2025-2026).")
    private Path scenario;

    @Option(names = "--force", description = "Replace an archive that already exists in DIR.")
    private boolean force;

    @Option(names = "--no-progress", description = "Do not show the progress bar.")
    private boolean noProgress;

    @Override
    public Integer call() throws IOException {
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        ArchiveGenerator.Options options;
        try {
            options = new ArchiveGenerator.Options(from, to, perDay, out, seed, t, force);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        ArchiveGenerator generator;
        if (scenario == null) {
            generator = new ArchiveGenerator();
        } else {
            try {
                generator = ArchiveGenerator.withScenarioFile(scenario);
            } catch (ScenarioException e) {
                stderr.println("generate: " + e.getMessage());
                return 2;
            } catch (NoSuchFileException e) {
                stderr.println("generate: no such scenario file: " + scenario);
                return 2;
            }
        }
        AtomicLong signals = new AtomicLong();
        ArchiveGenerator.Result result;
        try (ProgressBar bar = noProgress ? null : progressBar(options.days())) {
            result =
                    generator.generate(
                            options,
                            day -> {
                                long total = signals.addAndGet(day.signals());
                                if (bar != null) {
                                    bar.step();
                                    bar.setExtraMessage(
                                            String.format(Locale.ROOT, " %,d signals", total));
                                }
                            });
        } catch (FileAlreadyExistsException e) {
            stderr.println("generate: " + e.getFile() + " " + e.getReason());
            return 2;
        }
        double seconds = result.elapsed().toNanos() / 1e9;
        stdout.printf(
                Locale.ROOT,
                "SYNTHETIC archive written to %s: %,d signals and %,d incidents over %d days"
                        + " (%,d copy-paste bursts).%n",
                result.out(),
                result.signals(),
                result.incidents(),
                result.days(),
                result.bursts());
        stdout.printf(
                Locale.ROOT,
                "Generated in %.1f s on %d threads: %,.0f signals/s.%n",
                seconds,
                t,
                result.signalsPerSecond());
        stdout.flush();
        return 0;
    }

    private static ProgressBar progressBar(int days) {
        return new ProgressBarBuilder()
                .setTaskName("generate")
                .setInitialMax(days)
                .setUnit(" days", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
    }

    /** Runs the command on its own (the {@code lvds} launcher registers it as a subcommand). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new GenerateCommand()).execute(args));
    }
}
