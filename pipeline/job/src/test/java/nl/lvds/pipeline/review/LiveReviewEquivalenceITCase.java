package nl.lvds.pipeline.review;

import static java.nio.charset.StandardCharsets.UTF_8;
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
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.pipeline.functions.AlertInputs;
import nl.lvds.pipeline.functions.AlertRules;
import nl.lvds.pipeline.functions.BucketWindow;
import nl.lvds.pipeline.functions.IndicatorFunction;
import nl.lvds.pipeline.functions.PublishedIndicators;
import nl.lvds.pipeline.job.PipelineCluster;
import nl.lvds.pipeline.job.TensionTopology;
import nl.lvds.pipeline.replay.ArchiveProducer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same generated archive through the live path (replayed into a real Kafka broker, STREAMING,
 * exactly-once Kafka sinks, read back read_committed) and through the review path (files, BATCH):
 * the same indicators and alerts, record for record. Every indicator, suppressed ones too, in the
 * review's {@code indicators.jsonl} ({@code --jsonl}); the published ones in {@code
 * indicators.parquet}; the suppressed ones' keys in {@code coverage.csv.gz}. A second review of the
 * same input (without {@code --jsonl}) writes the same bytes.
 */
class LiveReviewEquivalenceITCase {

    static final LocalDate FROM = LocalDate.of(2024, 2, 27);
    static final LocalDate TO = LocalDate.of(2024, 3, 8);

    @RegisterExtension static final PipelineCluster CLUSTER = new PipelineCluster();

    @Test
    void shouldPublishTheSameIndicatorsAndAlertsLiveAndInReview(@TempDir Path dir)
            throws Exception {
        Path archive = PipelineCluster.archive(dir.resolve("archive"), FROM, TO, 900, 21);
        LvdsConfig config = LvdsConfig.defaults();

        // review (batch), twice
        Review.Outcome first = review(archive, dir.resolve("review-1"), config, true);
        review(archive, dir.resolve("review-2"), config, false);
        assertThat(dir.resolve("review-2/indicators.jsonl")).doesNotExist();
        for (String f :
                List.of(
                        ParquetIndicators.FILE,
                        IndicatorsCsv.FILE,
                        Coverage.FILE,
                        "alerts.jsonl",
                        "deadletters.jsonl")) {
            assertThat(Files.readAllBytes(dir.resolve("review-2").resolve(f)))
                    .as(f + " is byte-identical across two reviews")
                    .isEqualTo(Files.readAllBytes(dir.resolve("review-1").resolve(f)));
        }
        List<String> batchIndicators = Files.readAllLines(dir.resolve("review-1/indicators.jsonl"));
        List<String> batchAlerts = Files.readAllLines(dir.resolve("review-1/alerts.jsonl"));
        assertThat(batchIndicators).hasSize((int) first.indicators());
        assertThat(batchAlerts).isNotEmpty();

        // live (streaming, Kafka in and out)
        // live reads an (empty) rules topic, review has none: the alerts must still be equal
        PipelineCluster.Topics topics = CLUSTER.topics(PipelineCluster.LIVE_TOPICS);
        String signals = topics.get("signals");
        String incidents = topics.get("incidents");
        new ArchiveProducer(CLUSTER.bootstrap(), signals, incidents)
                .send(archive, FROM, TO, n -> {});

        TensionTopology.Settings settings = TensionTopology.Settings.from(config);
        StreamExecutionEnvironment env = CLUSTER.environment();
        // idleness above any back-pressure pause
        CLUSTER.liveTopology(settings.withIdleness(Duration.ofMinutes(5)), topics).addTo(env);
        JobExecutionResult liveRun = env.execute("live-review-equivalence");

        List<String> liveIndicators = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : CLUSTER.readCommitted(topics.get("indicators"))) {
            liveIndicators.add(
                    ReviewJob.indicatorLine().map(LvdsJson.decodeIndicator(r.value()).orThrow()));
        }
        List<String> liveAlerts = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : CLUSTER.readCommitted(topics.get("alerts"))) {
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

        // the stage counts the review's progress display reads
        long passed = liveRun.<Long>getAccumulatorResult(AlertInputs.PASSED);
        assertThat(passed).isPositive();
        assertThat(liveRun.<Long>getAccumulatorResult(AlertRules.EVALUATED))
                .as("every indicator passed on reaches the alert rules")
                .isEqualTo(passed);
        assertThat(liveRun.<Long>getAccumulatorResult(PublishedIndicators.PUBLISHED))
                .as("indicators published")
                .isEqualTo((long) liveIndicators.size());
        assertThat(liveRun.<Long>getAccumulatorResult(BucketWindow.EMITTED)).isPositive();
        assertThat(liveRun.<Long>getAccumulatorResult(IndicatorFunction.WINDOWED)).isPositive();
        assertThat(payloads(liveIndicators)).isEqualTo(batchIndicators);

        // output format 2 without --jsonl: the published indicators, record for record, and the
        // suppressed ones by key
        List<TensionIndicator> live =
                payloads(liveIndicators).stream()
                        .map(j -> LvdsJson.decodeIndicator(j.getBytes(UTF_8)).orThrow())
                        .toList();
        List<String> livePublished =
                live.stream()
                        .filter(t -> !t.suppressed())
                        .map(t -> new String(LvdsJson.encodeIndicator(t), UTF_8))
                        .toList();
        List<String> parquet = new ArrayList<>();
        try (ParquetIndicators.Reader r =
                new ParquetIndicators.Reader(
                        dir.resolve("review-2").resolve(ParquetIndicators.FILE))) {
            for (TensionIndicator t = r.next(); t != null; t = r.next()) {
                parquet.add(new String(LvdsJson.encodeIndicator(t), UTF_8));
            }
        }
        assertThat(parquet).isNotEmpty().isEqualTo(livePublished);
        List<String> liveKeys =
                live.stream().map(t -> ReviewJob.indicatorKey(t) + "|" + t.suppressed()).toList();
        List<String> restoredKeys = new ArrayList<>();
        ReviewIndicators.forEach(
                dir.resolve("review-2"),
                t -> restoredKeys.add(ReviewJob.indicatorKey(t) + "|" + t.suppressed()));
        assertThat(restoredKeys).isEqualTo(liveKeys);
        assertThat(live.stream().filter(TensionIndicator::suppressed).count()).isPositive();
    }

    private static List<String> payloads(List<String> keyed) {
        return keyed.stream().map(l -> l.substring(l.indexOf('\t') + 1)).toList();
    }

    private static Review.Outcome review(Path archive, Path out, LvdsConfig config, boolean jsonl)
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
                        false,
                        jsonl),
                new PrintStream(log, true, StandardCharsets.UTF_8));
    }
}
