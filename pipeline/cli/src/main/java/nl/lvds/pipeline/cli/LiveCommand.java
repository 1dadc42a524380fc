package nl.lvds.pipeline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import nl.lvds.models.config.ConfigException;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.pipeline.job.LiveJob;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lvds live}: the live job on a local Flink MiniCluster against the configured Kafka. */
@Command(
        name = "live",
        mixinStandardHelpOptions = true,
        description = {
            "Run the live job (local Flink MiniCluster) against the configured Kafka.",
            "Reads lvds.signals, lvds.incidents, lvds.p2000; writes lvds.indicators, lvds.alerts (exactly-once)",
            "and lvds.deadletter out. Refuses to start without a declared purpose and legal basis.",
            "On a Flink cluster, submit the job jar with main class nl.lvds.pipeline.job.LiveJob instead."
        })
final class LiveCommand implements Callable<Integer> {

    @Option(
            names = "--config",
            required = true,
            description = "The YAML configuration (see config/lvds.yaml).")
    Path config;

    @Option(
            names = "--set",
            description = "Override a config key, e.g. --set kafka.bootstrapServers=localhost:9092")
    List<String> overrides = new ArrayList<>();

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "DIR",
            description =
                    "Where checkpoints go (default: var/checkpoints under LVDS_HOME). In-memory"
                            + " checkpoint storage (5 MiB) is too small for the indicator state.")
    Path checkpointDir;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(config)) {
            System.err.println("lvds live: no such config file: " + config);
            return 2;
        }
        LvdsConfig cfg;
        try {
            cfg = LvdsConfig.load(config, LvdsConfig.parseOverrides(overrides));
        } catch (ConfigException e) {
            System.err.println("lvds live: refusing to start: " + e.getMessage());
            return 2;
        }
        System.err.printf(
                "lvds live: purpose \"%s\"; Kafka %s; k = %d; parallelism %d. Ctrl-C stops.%n",
                cfg.purpose(),
                cfg.kafka().bootstrapServers(),
                cfg.privacy().k(),
                cfg.pipeline().parallelism());
        Path checkpoints =
                (checkpointDir != null ? checkpointDir : Paths.home().resolve("var/checkpoints"))
                        .toAbsolutePath();
        Files.createDirectories(checkpoints);
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        System.err.println("lvds live: checkpoints in " + checkpoints);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        LiveJob.build(env, cfg);
        env.execute("lvds-live");
        return 0;
    }
}
