package nl.lvds.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import nl.lvds.broker.EmbeddedKafka;
import nl.lvds.broker.TopicStats;
import nl.lvds.models.config.LvdsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code lvds broker} starts a real broker with every LVDS topic and stops cleanly; {@code lvds
 * topics} reads it.
 */
class BrokerCommandTest {

    @Test
    void startsABrokerWithTheTopicsAndStops(@TempDir Path dir) throws Exception {
        int port = EmbeddedKafka.freePort();
        BrokerCommand broker = new BrokerCommand();
        CompletableFuture<Integer> run =
                CompletableFuture.supplyAsync(
                        () ->
                                new CommandLine(broker)
                                        .execute(
                                                "--port", String.valueOf(port),
                                                "--data-dir", dir.resolve("kafka").toString(),
                                                "--config",
                                                        Path.of("../../config/lvds.yaml")
                                                                .toString(),
                                                "--partitions", "3",
                                                "--status-every", "1"));
        assertThat(broker.ready.await(90, TimeUnit.SECONDS)).as("broker ready").isTrue();
        String bootstrap = "127.0.0.1:" + port;
        try (TopicStats stats = new TopicStats(bootstrap)) {
            var offsets =
                    stats.offsets(
                            TopicStats.names(LvdsConfig.Topics.DEFAULT), Duration.ofSeconds(10));
            assertThat(offsets).hasSize(8).allMatch(o -> o.partitions() == 3 && o.records() == 0);
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine topics = new CommandLine(new TopicsCommand());
        topics.setOut(new java.io.PrintWriter(out, true));
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        int listed;
        int refused;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            listed =
                    topics.execute(
                            "--bootstrap",
                            bootstrap,
                            "--config",
                            "../../config/lvds.yaml",
                            "--count");
            refused =
                    new CommandLine(new TopicsCommand())
                            .execute(
                                    "--bootstrap",
                                    bootstrap,
                                    "--config",
                                    "../../config/lvds.yaml",
                                    "--tail",
                                    "lvds.signals");
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        assertThat(listed).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("lvds.indicators", "lvds.rules", "(input: not read)");
        assertThat(refused).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("input topic");

        broker.stop.countDown();
        assertThat(run.get(60, TimeUnit.SECONDS)).isZero();
        assertThat(EmbeddedKafka.isFree(port)).as("port released").isTrue();
    }
}
