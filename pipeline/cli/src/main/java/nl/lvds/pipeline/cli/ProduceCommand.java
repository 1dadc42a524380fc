package nl.lvds.pipeline.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import nl.lvds.pipeline.replay.ArchiveProducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lvds produce}: replays a generated archive into the Kafka input topics. */
@Command(
        name = "produce",
        mixinStandardHelpOptions = true,
        description = {
            "Replay a generated archive into the Kafka input topics.",
            "Day by day into lvds.signals and lvds.incidents, lines as they are (demos and load)."
        })
final class ProduceCommand implements Callable<Integer> {

    @Option(
            names = "--archive",
            required = true,
            description = "Archive folder (with signals/ and incidents/).")
    Path archive;

    @Option(names = "--from", description = "First day (default: ${DEFAULT-VALUE}).")
    LocalDate from = LocalDate.of(2000, 1, 1);

    @Option(names = "--to", description = "Last day (default: ${DEFAULT-VALUE}).")
    LocalDate to = LocalDate.of(2099, 12, 31);

    @Option(
            names = "--bootstrap",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap = "localhost:9092";

    @Option(names = "--signals-topic", description = "Default: ${DEFAULT-VALUE}.")
    String signalsTopic = "lvds.signals";

    @Option(names = "--incidents-topic", description = "Default: ${DEFAULT-VALUE}.")
    String incidentsTopic = "lvds.incidents";

    @Override
    public Integer call() throws Exception {
        int days = ArchiveProducer.days(archive, from, to).size();
        if (days == 0) {
            System.err.println(
                    "lvds produce: no archive days in "
                            + archive
                            + " between "
                            + from
                            + " and "
                            + to);
            return 2;
        }
        ArchiveProducer.Result r;
        try (ProgressBar bar =
                new ProgressBarBuilder()
                        .setTaskName("produce")
                        .setInitialMax(days)
                        .setUnit(" days", 1)
                        .build()) {
            r =
                    new ArchiveProducer(bootstrap, signalsTopic, incidentsTopic)
                            .send(archive, from, to, n -> bar.step());
        }
        System.err.printf(
                "lvds produce: %,d signals and %,d incidents from %d days to %s in %.1f s (%,.0f records/s)%n",
                r.signals(), r.incidents(), r.days(), bootstrap, r.seconds(), r.rate());
        return 0;
    }
}
