package nl.lvds.pipeline.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.pipeline.soak.SoakRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lvds soak}: the soak run of {@link SoakRun}; this command only reads the options. */
@Command(
        name = "soak",
        mixinStandardHelpOptions = true,
        description = {
            "Soak run: Kafka -> live job -> dashboard as separate processes, fed",
            "generated signals at a steady rate in real time (event time = now),",
            "with hostile spikes so that alerts occur.",
            "Starts 'lvds broker', 'lvds live' and 'lvds dashboard' as JVMs of",
            "their own (free ports, a temporary working folder, the shipped config),",
            "produces from this JVM, follows the dashboard's live feed as a client",
            "and samples every process's memory (RSS, heap after GC), the live job's",
            "committed position and its checkpoints. Progress on stderr, a table on",
            "stdout, figures in --out (JSON) with two CSVs beside it. Everything is",
            "stopped at the end, on failure and on Ctrl-C.",
            "The issue's run is the default: --minutes 30 --rate 5000."
        })
final class SoakCommand implements Callable<Integer> {

    @Option(names = "--minutes", description = "Producing time (default: ${DEFAULT-VALUE}).")
    double minutes = 30;

    @Option(names = "--rate", description = "Signals per second (default: ${DEFAULT-VALUE}).")
    int rate = 5_000;

    @Option(
            names = "--speed",
            description =
                    "Event-time speed: 1 = event time is now (default); more only for smoke runs"
                            + " (windows close every 15 min / speed).")
    double speed = 1;

    @Option(
            names = "--spike-every",
            paramLabel = "SECONDS",
            description =
                    "A spike of 200 hostile signals in a quiet wijk this often; 0 = none (default:"
                            + " ${DEFAULT-VALUE}).")
    int spikeEvery = 30;

    @Option(
            names = "--sample-every",
            paramLabel = "SECONDS",
            description = "Memory and job sampling interval (default: ${DEFAULT-VALUE}).")
    int sampleEvery = 10;

    @Option(
            names = "--progress-every",
            paramLabel = "SECONDS",
            description = "Progress line interval on stderr (default: ${DEFAULT-VALUE}).")
    int progressEvery = 20;

    @Option(
            names = "--drain",
            paramLabel = "SECONDS",
            description =
                    "After producing, wait at most this long for the job to catch up (default:"
                            + " ${DEFAULT-VALUE}).")
    int drain = 180;

    @Option(
            names = "--per-day",
            description =
                    "Generated signals per day of the two-day pool that is replayed (default:"
                            + " ${DEFAULT-VALUE}).")
    int perDay = 50_000;

    @Option(
            names = "--out",
            description =
                    "Results JSON (default: ${DEFAULT-VALUE}); NAME-memory.csv and"
                            + " NAME-timeline.csv beside it.")
    Path out = Path.of("soak-results.json");

    @Option(
            names = "--work-dir",
            paramLabel = "DIR",
            description =
                    "Working folder for the processes (Kafka data, checkpoints, logs); default a new"
                            + " temporary folder, deleted after a successful run.")
    Path workDir;

    @Option(names = "--keep-work-dir", description = "Keep the working folder afterwards.")
    boolean keep;

    @Option(
            names = "--set",
            description =
                    "Override a live-job config key (the soak otherwise runs the shipped"
                            + " defaults), e.g. --set pipeline.checkpointIntervalSeconds=10")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        SoakRun.Options o;
        try {
            var map = LvdsConfig.parseOverrides(overrides);
            LvdsConfig.defaults().withOverrides(map); // refuse unknown keys before starting
            o =
                    new SoakRun.Options(
                            minutes,
                            rate,
                            speed,
                            spikeEvery,
                            sampleEvery,
                            progressEvery,
                            drain,
                            perDay,
                            out,
                            workDir,
                            keep,
                            map);
        } catch (IllegalArgumentException e) { // ConfigException too
            System.err.println("lvds soak: " + e.getMessage());
            return 2;
        }
        try {
            new SoakRun(o, System.out, System.err).run();
        } catch (Exception e) {
            System.err.println("lvds soak: " + e.getMessage());
            return 1;
        }
        return 0;
    }
}
