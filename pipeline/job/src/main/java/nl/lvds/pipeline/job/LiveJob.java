package nl.lvds.pipeline.job;

import java.util.List;
import java.util.Map;
import nl.lvds.connectors.kafka.KafkaSinks;
import nl.lvds.connectors.kafka.KafkaSources;
import nl.lvds.models.config.LvdsConfig;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The live job: Kafka in, the {@link TensionTopology}, Kafka out with exactly-once transactions.
 * Alert-rule changes are read from {@code kafka.topics.rules} (see docs/rules.md). {@code main} is
 * the entry point of the job jar on a Flink cluster ({@code flink run ... --config F}); {@code lvds
 * live} runs the same on a local MiniCluster.
 */
public final class LiveJob {

    private LiveJob() {}

    /**
     * Builds the live job for a configuration into an environment: {@link #configure}, then the
     * {@link #topology} with unbounded sources.
     */
    public static void build(StreamExecutionEnvironment env, LvdsConfig config) {
        configure(env, config);
        topology(config, false).addTo(env);
    }

    /**
     * Sets up an environment as the live job needs it: exactly-once checkpoints at {@code
     * pipeline.checkpointIntervalSeconds}, {@code pipeline.parallelism}, object reuse, and the
     * declarations as global job parameters.
     */
    public static void configure(StreamExecutionEnvironment env, LvdsConfig config) {
        env.enableCheckpointing(
                config.pipeline().checkpointIntervalSeconds() * 1000L,
                CheckpointingMode.EXACTLY_ONCE);
        env.setParallelism(config.pipeline().parallelism());
        // records are immutable: no defensive copies between chained operators
        env.getConfig().enableObjectReuse();
        env.getConfig()
                .setGlobalJobParameters(
                        ParameterTool.fromMap(
                                Map.of(
                                        "purpose", config.purpose(),
                                        "legalBasis", config.legalBasis(),
                                        "controller", config.controller(),
                                        "k", Integer.toString(config.privacy().k()))));
    }

    /**
     * The live topology of a configuration: Kafka sources (committed offsets of {@code
     * kafka.groupId}, else the earliest), exactly-once Kafka sinks, rule changes from the start of
     * {@code kafka.topics.rules}, and early results when {@code pipeline.earlyResultsMillis} is on.
     *
     * @param bounded the Kafka sources stop at the offsets that are latest at job start (the job
     *     then finishes, committing its last transactions on the final checkpoint); production runs
     *     unbounded
     */
    public static TensionTopology topology(LvdsConfig config, boolean bounded) {
        LvdsConfig.Kafka kafka = config.kafka();
        LvdsConfig.Topics topics = kafka.topics();
        String bootstrap = kafka.bootstrapServers();
        OffsetsInitializer start =
                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        TensionTopology topology =
                new TensionTopology(
                        TensionTopology.Settings.from(config),
                        KafkaSources.signals(
                                bootstrap, topics.signals(), kafka.groupId(), start, bounded),
                        List.of(
                                KafkaSources.incidents(
                                        bootstrap,
                                        topics.incidents(),
                                        kafka.groupId(),
                                        start,
                                        bounded),
                                KafkaSources.p2000(
                                        bootstrap,
                                        topics.p2000(),
                                        kafka.groupId(),
                                        start,
                                        bounded)),
                        KafkaSinks.indicators(bootstrap, topics.indicators(), "lvds-indicators"),
                        KafkaSinks.alerts(bootstrap, topics.alerts(), "lvds-alerts"),
                        KafkaSinks.deadLetters(bootstrap, topics.deadletter(), "lvds-deadletters"),
                        // every change on the topic, from the start: a job started without state
                        // must know the changes already in force
                        KafkaSources.rules(
                                bootstrap,
                                topics.rules(),
                                kafka.groupId(),
                                OffsetsInitializer.earliest(),
                                bounded));
        if (config.pipeline().earlyResultsMillis() > 0) {
            topology =
                    topology.withEarlyResults(
                            KafkaSinks.earlyIndicators(bootstrap, topics.early()),
                            config.pipeline().earlyResultsMillis());
        }
        return topology;
    }

    /** Starts the live job asynchronously. */
    public static JobClient start(StreamExecutionEnvironment env, LvdsConfig config)
            throws Exception {
        build(env, config);
        return env.executeAsync("lvds-live");
    }

    /** Cluster entry point: {@code --config FILE [--set key=value ...]}. */
    public static void main(String[] args) throws Exception {
        // ParameterTool keeps one value per key, so the repeatable --set is collected by hand;
        // it lets one config file serve every environment (e.g. the Kafka address in docker/).
        String file = null;
        List<String> overrides = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--config" -> file = args[i + 1];
                case "--set" -> overrides.add(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        if (file == null || args.length % 2 != 0) {
            throw new IllegalArgumentException("usage: --config FILE [--set key=value ...]");
        }
        LvdsConfig config =
                LvdsConfig.load(java.nio.file.Path.of(file), LvdsConfig.parseOverrides(overrides));
        Configuration conf = new Configuration();
        conf.set(
                CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                CheckpointingMode.EXACTLY_ONCE);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        build(env, config);
        env.execute("lvds-live");
    }
}
