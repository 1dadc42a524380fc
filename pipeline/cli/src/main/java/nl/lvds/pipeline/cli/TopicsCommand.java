package nl.lvds.pipeline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import nl.lvds.broker.TopicStats;
import nl.lvds.models.config.LvdsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lvds topics}: what is on the LVDS topics (offsets; committed output records). */
@Command(
        name = "topics",
        mixinStandardHelpOptions = true,
        description = {
            "Show what is on the LVDS topics of a Kafka broker.",
            "Default: partitions and offsets of every topic. --count reads the output topics",
            "(indicators, alerts, dead letters, rules) with read_committed and counts their records;",
            "--tail TOPIC prints the last committed records of one output topic as JSON lines.",
            "Input topics are never read: they hold texts as delivered, and LVDS prints no input text."
        })
final class TopicsCommand implements Callable<Integer> {

    @Option(
            names = "--bootstrap",
            description =
                    "Kafka bootstrap servers (default: kafka.bootstrapServers of the config).")
    String bootstrap;

    @Option(
            names = "--config",
            description =
                    "LVDS config for topic names (default: config/lvds.yaml under LVDS_HOME).")
    Path config;

    @Option(names = "--count", description = "Count the committed records of the output topics.")
    boolean count;

    @Option(
            names = "--tail",
            paramLabel = "TOPIC",
            description = "Print the last records of an output topic.")
    String tail;

    @Option(names = "-n", description = "Records for --tail (default: ${DEFAULT-VALUE}).")
    int n = 5;

    @Override
    public Integer call() throws Exception {
        LvdsConfig.Kafka kafka = kafka();
        LvdsConfig.Topics topics = kafka.topics();
        String servers = bootstrap != null ? bootstrap : kafka.bootstrapServers();
        List<String> names = TopicStats.names(topics);
        Set<String> inputs = TopicStats.inputs(topics);
        Duration timeout = Duration.ofSeconds(10);
        if (tail != null && inputs.contains(tail)) {
            System.err.println(
                    "lvds topics: "
                            + tail
                            + " is an input topic (texts as delivered); LVDS prints no input text."
                            + " Output topics: "
                            + String.join(
                                    ", ",
                                    names.stream().filter(t -> !inputs.contains(t)).toList()));
            return 2;
        }
        try (TopicStats stats = new TopicStats(servers)) {
            if (tail != null) {
                TopicStats.Tail t = stats.committedRecords(tail, Math.max(n, 0), timeout);
                t.last().forEach(System.out::println);
                System.err.printf(
                        Locale.ROOT,
                        "lvds topics: %s holds %,d committed records%n",
                        tail,
                        t.count());
                return 0;
            }
            int width = Math.max(18, names.stream().mapToInt(String::length).max().orElse(0));
            System.out.printf(
                    Locale.ROOT,
                    "%-" + width + "s %10s %14s%s%n",
                    "topic",
                    "partitions",
                    "offsets",
                    count ? "   committed records" : "");
            for (TopicStats.Offsets o : stats.offsets(names, timeout)) {
                String committed = "";
                if (count) {
                    committed =
                            inputs.contains(o.topic())
                                    ? "   (input: not read)"
                                    : String.format(
                                            Locale.ROOT,
                                            "   %,17d",
                                            stats.committedRecords(o.topic(), 0, timeout).count());
                }
                System.out.printf(
                        Locale.ROOT,
                        "%-" + width + "s %10d %,14d%s%n",
                        o.topic(),
                        o.partitions(),
                        o.records(),
                        committed);
            }
        } catch (java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            System.err.println(
                    "lvds topics: cannot read the topics on " + servers + ": " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private LvdsConfig.Kafka kafka() {
        Path file = config != null ? config : Paths.home().resolve("config/lvds.yaml");
        if (config == null && !Files.exists(file)) {
            return LvdsConfig.Kafka.DEFAULT;
        }
        return LvdsConfig.load(file).kafka();
    }
}
