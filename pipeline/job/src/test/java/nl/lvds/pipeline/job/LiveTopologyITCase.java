package nl.lvds.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import nl.lvds.connectors.deadletter.DeadLetter;
import nl.lvds.connectors.deadletter.DeadLetters;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.Signal;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.pipeline.functions.LateSignals;
import nl.lvds.pipeline.functions.TensionIndexFormula;
import nl.lvds.pipeline.generate.ArchiveGenerator;
import nl.lvds.pipeline.generate.DayGenerator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole live topology against a real in-process Kafka broker and a MiniCluster (parallelism 2,
 * checkpointing, exactly-once sinks): ten generated days up to the Schammenkamp explosion, plus
 * malformed records and canary PII, read back with read_committed.
 */
class LiveTopologyITCase {

    static final String CANARY = "Kanarie Vogelzang fluit bij de Maasbrug";
    static final String CANARY_EMAIL = "kanarie.vogelzang@example.org";
    static final String CANARY_PHONE = "06-91827364";

    @RegisterExtension static final PipelineCluster CLUSTER = new PipelineCluster();

    @Test
    void shouldRaiseTheSchammenkampAlertAndDeadLetterBadInputWithoutLeakingText() throws Exception {
        // the rules topic is left empty: the config's rules must apply unchanged
        PipelineCluster.Topics topics = CLUSTER.topics(PipelineCluster.LIVE_TOPICS);
        String signals = topics.get("signals");
        String incidents = topics.get("incidents");

        DayGenerator days = new ArchiveGenerator().dayGenerator(11, 1_000);
        int produced = 0;
        int malformed = 0;
        try (KafkaProducer<byte[], byte[]> p = CLUSTER.producer()) {
            for (LocalDate d = LocalDate.of(2024, 2, 28);
                    !d.isAfter(LocalDate.of(2024, 3, 8));
                    d = d.plusDays(1)) {
                DayGenerator.DayBatch batch = days.generate(d);
                for (Signal s : batch.signals()) {
                    p.send(new ProducerRecord<>(signals, LvdsJson.encodeSignal(s)));
                    produced++;
                }
                for (Incident i : batch.incidents()) {
                    p.send(new ProducerRecord<>(incidents, LvdsJson.encodeIncident(i)));
                }
            }
            // valid signals that carry canary PII in their text
            long ts = java.time.Instant.parse("2024-03-07T18:00:00Z").toEpochMilli();
            for (int i = 0; i < 5; i++) {
                Signal canary =
                        new Signal(
                                1,
                                "canary-" + i,
                                "social",
                                "synthetic",
                                ts + i * 1000,
                                "nl",
                                CANARY
                                        + " mail "
                                        + CANARY_EMAIL
                                        + " bel "
                                        + CANARY_PHONE
                                        + " explosie Schammenkamp",
                                "Tarwewijk",
                                "ak-canary-" + i);
                p.send(new ProducerRecord<>(signals, LvdsJson.encodeSignal(canary)));
            }
            // malformed records, some carrying the canary too
            List<String> bad =
                    List.of(
                            "{\"v\":1,\"id\":\"b1\",\"source\":\"social\",\"ts\":\"gisteren\",\"text\":\""
                                    + CANARY
                                    + "\"}",
                            "{\"v\":2,\"id\":\"b2\",\"source\":\"social\",\"ts\":\"2024-03-07T18:00:00Z\",\"text\":\""
                                    + CANARY_EMAIL
                                    + "\"}",
                            "{\"v\":1,\"id\":\"b3\",\"source\":\"social\",\"ts\":\"2024-03-07T18:00:00Z\"}",
                            "niet eens json " + CANARY_PHONE,
                            "{\"v\":1,\"id\":\"b5\",\"source\":\"closed-group\",\"ts\":\"2024-03-07T18:00:00Z\",\"text\":\"x\"}");
            for (String b : bad) {
                p.send(new ProducerRecord<>(signals, b.getBytes(StandardCharsets.UTF_8)));
                malformed++;
            }
            p.flush();
        }

        LvdsConfig cfg = LvdsConfig.defaults();
        TensionTopology.Settings settings =
                new TensionTopology.Settings(
                        10,
                        Duration.ofSeconds(60),
                        // idleness well above any back-pressure pause: a partition marked idle
                        // while
                        // the job is busy lets the watermark run ahead and its data arrive late
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(5),
                        TensionIndexFormula.DEFAULT,
                        28,
                        7,
                        Set.of("synthetic"),
                        Set.of(),
                        cfg.alerts());
        StreamExecutionEnvironment env = CLUSTER.environment();
        CLUSTER.liveTopology(settings, topics).addTo(env);
        long t0 = System.nanoTime();
        env.execute("live-topology-it");
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                "LiveTopologyITCase: %d signals through Kafka → job → Kafka in %.1f s (%.0f signals/s, parallelism 2)%n",
                produced, seconds, produced / seconds);

        List<ConsumerRecord<byte[], byte[]>> indicatorRecords =
                CLUSTER.readCommitted(topics.get("indicators"));
        List<ConsumerRecord<byte[], byte[]>> alertRecords =
                CLUSTER.readCommitted(topics.get("alerts"));
        List<ConsumerRecord<byte[], byte[]>> deadRecords =
                CLUSTER.readCommitted(topics.get("deadletters"));

        // no output byte carries the canary
        for (List<ConsumerRecord<byte[], byte[]>> topic :
                List.of(indicatorRecords, alertRecords, deadRecords)) {
            for (ConsumerRecord<byte[], byte[]> r : topic) {
                String v = new String(r.value(), StandardCharsets.UTF_8);
                assertThat(v)
                        .doesNotContain("Kanarie", "Vogelzang", "kanarie.vogelzang", "91827364");
            }
        }

        // dead letters: the JSON-level bad records, with reasons (the undeclared source is a
        // contract violation too: "closed-group" is not a source type)
        List<DeadLetter> all =
                deadRecords.stream().map(r -> DeadLetters.decode(r.value())).toList();
        List<DeadLetter> dls =
                all.stream().filter(d -> !LateSignals.REASON.equals(d.reason())).toList();
        System.out.printf("LiveTopologyITCase: %d late signals%n", all.size() - dls.size());
        assertThat(dls).hasSize(malformed);
        assertThat(dls)
                .extracting(DeadLetter::reason)
                .contains(
                        "bad_timestamp",
                        "unknown_version",
                        "missing_field",
                        "malformed_json",
                        "bad_value");

        // indicators: decodable, suppressed ones without counts, Tarwewijk present on 7 March
        List<TensionIndicator> inds =
                indicatorRecords.stream()
                        .map(r -> LvdsJson.decodeIndicator(r.value()).orThrow())
                        .toList();
        assertThat(inds).isNotEmpty();
        assertThat(inds)
                .filteredOn(TensionIndicator::suppressed)
                .allSatisfy(t -> assertThat(t.signals()).isNull());
        assertThat(inds)
                .anySatisfy(
                        t -> {
                            assertThat(t.area()).isEqualTo("Tarwewijk");
                            assertThat(LvdsJson.isoTime(t.windowStart())).startsWith("2024-03-07");
                            assertThat(t.suppressed()).isFalse();
                        });

        // the explosion raises an alert in Tarwewijk or Charlois on 7 March
        List<Alert> raised =
                alertRecords.stream().map(r -> LvdsJson.decodeAlert(r.value()).orThrow()).toList();
        System.out.printf(
                "LiveTopologyITCase: %d indicators, %d alerts, %d dead letters%n",
                inds.size(), raised.size(), dls.size());
        raised.forEach(
                a ->
                        System.out.printf(
                                "  %s %s %s %s %s/%s %s%n",
                                LvdsJson.isoTime(a.raisedAt()),
                                a.kind(),
                                a.status(),
                                a.level(),
                                a.area(),
                                a.topic(),
                                a.rule()));
        // alerts are group records now: the explosion's group is an event (not a copy-paste
        // burst) led by or holding Tarwewijk or Charlois
        assertThat(raised)
                .anySatisfy(
                        a -> {
                            assertThat(a.kind()).isEqualTo(Alert.Kind.EVENT);
                            assertThat(a.area()).isIn("Tarwewijk", "Charlois");
                            assertThat(LvdsJson.isoTime(a.windowStart())).startsWith("2024-03-07");
                        });
    }
}
