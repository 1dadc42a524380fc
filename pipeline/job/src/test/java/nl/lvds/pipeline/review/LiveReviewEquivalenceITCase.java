package nl.lvds.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.lvds.broker.EmbeddedKafka;
import nl.lvds.broker.TopicStats;
import nl.lvds.connectors.kafka.KafkaSinks;
import nl.lvds.connectors.kafka.KafkaSources;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.pipeline.generate.ArchiveGenerator;
import nl.lvds.pipeline.job.TensionTopology;
import nl.lvds.pipeline.replay.ArchiveProducer;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same generated archive through the live path (replayed into a real Kafka broker, STREAMING,
 * exactly-once Kafka sinks, read back read_committed) and through the review path (files, BATCH):
 * the same indicators and alerts, record for record. A second review of the same input writes the
 * same bytes.
 */
class LiveReviewEquivalenceITCase {

    static final LocalDate FROM = LocalDate.of(2024, 2, 27);
    static final LocalDate TO = LocalDate.of(2024, 3, 8);

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    () ->
                            new MiniClusterResourceConfiguration.Builder()
                                    .setNumberTaskManagers(1)
                                    .setNumberSlotsPerTaskManager(2)
                                    .build());

    static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldPublishTheSameIndicatorsAndAlertsLiveAndInReview(@TempDir Path dir)
            throws Exception {
        Path archive = dir.resolve("archive");
        new ArchiveGenerator()
                .generate(
                        new ArchiveGenerator.Options(FROM, TO, 900, archive, 21, 2, false),
                        stats -> {});
        LvdsConfig config = LvdsConfig.defaults();

        // review (batch), twice
        Review.Outcome first = review(archive, dir.resolve("review-1"), config);
        review(archive, dir.resolve("review-2"), config);
        for (String f : List.of("indicators.jsonl", "indicators.csv", "alerts.jsonl")) {
            assertThat(Files.readAllBytes(dir.resolve("review-2").resolve(f)))
                    .as(f + " is byte-identical across two reviews")
                    .isEqualTo(Files.readAllBytes(dir.resolve("review-1").resolve(f)));
        }
        List<String> batchIndicators = Files.readAllLines(dir.resolve("review-1/indicators.jsonl"));
        List<String> batchAlerts = Files.readAllLines(dir.resolve("review-1/alerts.jsonl"));
        assertThat(batchIndicators).hasSize((int) first.indicators());
        assertThat(batchAlerts).isNotEmpty();

        // live (streaming, Kafka in and out)
        String id = UUID.randomUUID().toString().substring(0, 8);
        String signals = "signals-" + id;
        String incidents = "incidents-" + id;
        String indicators = "indicators-" + id;
        String alerts = "alerts-" + id;
        String dead = "dead-" + id;
        // live reads an (empty) rules topic, review has none: the alerts must still be equal
        String rules = "rules-" + id;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String t : List.of(signals, incidents, indicators, alerts, dead, rules)) {
                topics.add(new NewTopic(t, 2, (short) 1));
            }
            admin.createTopics(topics).all().get();
        }
        new ArchiveProducer(kafka.bootstrapServers(), signals, incidents)
                .send(archive, FROM, TO, n -> {});

        TensionTopology.Settings settings = TensionTopology.Settings.from(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(2_000, CheckpointingMode.EXACTLY_ONCE);
        env.getConfig().enableObjectReuse();
        String b = kafka.bootstrapServers();
        new TensionTopology(
                        // idleness above any back-pressure pause
                        settings.withIdleness(Duration.ofMinutes(5)),
                        KafkaSources.signals(
                                b, signals, "eq-" + id, OffsetsInitializer.earliest(), true),
                        List.of(
                                KafkaSources.incidents(
                                        b,
                                        incidents,
                                        "eq-" + id,
                                        OffsetsInitializer.earliest(),
                                        true)),
                        KafkaSinks.indicators(b, indicators, "eq-ind-" + id),
                        KafkaSinks.alerts(b, alerts, "eq-al-" + id),
                        KafkaSinks.deadLetters(b, dead, "eq-dl-" + id),
                        KafkaSources.rules(
                                b, rules, "eq-" + id, OffsetsInitializer.earliest(), true))
                .addTo(env);
        env.execute("live-review-equivalence");

        List<String> liveIndicators = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readCommitted(indicators)) {
            liveIndicators.add(
                    ReviewJob.indicatorLine().map(LvdsJson.decodeIndicator(r.value()).orThrow()));
        }
        List<String> liveAlerts = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readCommitted(alerts)) {
            liveAlerts.add(ReviewJob.alertLine().map(LvdsJson.decodeAlert(r.value()).orThrow()));
        }
        liveIndicators.sort(null);
        liveAlerts.sort(null);
        System.out.printf(
                "LiveReviewEquivalenceITCase: %d signals; review %d indicators, %d alerts; live %d"
                        + " indicators, %d alerts%n",
                first.signals(),
                batchIndicators.size(),
                batchAlerts.size(),
                liveIndicators.size(),
                liveAlerts.size());
        assertThat(payloads(liveAlerts)).isEqualTo(batchAlerts);
        assertThat(payloads(liveIndicators)).isEqualTo(batchIndicators);
    }

    private static List<String> payloads(List<String> keyed) {
        return keyed.stream().map(l -> l.substring(l.indexOf('\t') + 1)).toList();
    }

    private static Review.Outcome review(Path archive, Path out, LvdsConfig config)
            throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        return Review.run(
                new Review.Options(
                        List.of(archive),
                        FROM,
                        TO,
                        out,
                        config,
                        Review.defaultConfigBytes(),
                        "default",
                        2,
                        false),
                new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        return TopicStats.committed(kafka.bootstrapServers(), topic);
    }
}
