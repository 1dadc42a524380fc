package nl.lvds.pipeline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import nl.lvds.broker.EmbeddedKafka;
import nl.lvds.broker.TopicStats;
import nl.lvds.models.config.LvdsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lvds broker}: a single-node Kafka broker (Kafka's own KRaft server code, in this JVM) with
 * the LVDS topics, for {@code lvds produce} + {@code lvds live} on one machine. Production uses a
 * real Kafka cluster (docs/deployment.md).
 */
@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        description = {
            "Run a local single-node Kafka broker with the LVDS topics until Ctrl-C.",
            "Apache Kafka's own KRaft server in this JVM (broker and controller in one node), for",
            "'lvds produce' and 'lvds live' on one machine. The data folder is wiped at every start",
            "(a development broker; production runs a Kafka cluster: docs/deployment.md).",
            "Prints the offsets of every topic now and then, so you see the job's output grow."
        })
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--port", description = "Client port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port = 9092;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Kafka data (default: var/kafka under LVDS_HOME); wiped at every start.")
    Path dataDir;

    @Option(
            names = "--config",
            description =
                    "LVDS config whose kafka.topics are created (default: config/lvds.yaml under"
                            + " LVDS_HOME; built-in lvds.* names if it is absent).")
    Path config;

    @Option(
            names = "--partitions",
            description = "Partitions per topic (default: ${DEFAULT-VALUE}).")
    int partitions = 2;

    @Option(
            names = "--status-every",
            paramLabel = "SECONDS",
            description =
                    "Print topic offsets every N seconds; 0 = never (default: ${DEFAULT-VALUE}).")
    int statusEvery = 30;

    /** Counted down when the broker is up with its topics (tests wait on it). */
    final CountDownLatch ready = new CountDownLatch(1);

    /** Counting down stops the broker (Ctrl-C does it through a shutdown hook). */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        if (partitions < 1) {
            System.err.println("lvds broker: --partitions must be at least 1");
            return 2;
        }
        LvdsConfig.Topics topics = topics();
        Path dir = (dataDir != null ? dataDir : Paths.home().resolve("var/kafka")).toAbsolutePath();
        List<String> names = TopicStats.names(topics);
        EmbeddedKafka kafka;
        try {
            kafka = EmbeddedKafka.startPersistent(dir, port);
        } catch (java.io.IOException e) {
            System.err.println("lvds broker: " + e.getMessage());
            return 2;
        }
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook =
                new Thread(
                        () -> {
                            stop.countDown();
                            try {
                                closed.await(30, TimeUnit.SECONDS); // let the broker close cleanly
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "lvds-broker-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            kafka.createTopics(names, partitions);
            System.err.printf(
                    "lvds broker: Kafka ready on %s; topics %s (%d partitions each); data in %s"
                            + " (wiped at every start). Ctrl-C stops.%n",
                    kafka.bootstrapServers(), String.join(", ", names), partitions, dir);
            System.err.printf(
                    "lvds broker: next, in other terminals:%n"
                            + "  ./lvds live --config config/lvds.yaml --set kafka.bootstrapServers=%1$s%n"
                            + "  ./lvds produce --archive DIR --bootstrap %1$s%n"
                            + "  ./lvds topics --bootstrap %1$s --count%n",
                    kafka.bootstrapServers());
            ready.countDown();
            try (TopicStats stats = new TopicStats(kafka.bootstrapServers())) {
                long every = statusEvery > 0 ? statusEvery : Long.MAX_VALUE / 2;
                while (!stop.await(every, TimeUnit.SECONDS)) {
                    try {
                        System.err.println(
                                "lvds broker: " + stats.offsetsLine(names, Duration.ofSeconds(5)));
                    } catch (Exception e) {
                        System.err.println("lvds broker: offsets unavailable: " + e.getMessage());
                    }
                }
            }
        } finally {
            System.err.println("lvds broker: stopping ...");
            kafka.close();
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook has run
            }
        }
        return 0;
    }

    private LvdsConfig.Topics topics() {
        Path file = config != null ? config : Paths.home().resolve("config/lvds.yaml");
        if (config == null && !Files.exists(file)) {
            return LvdsConfig.Topics.DEFAULT;
        }
        return LvdsConfig.load(file).kafka().topics();
    }
}
