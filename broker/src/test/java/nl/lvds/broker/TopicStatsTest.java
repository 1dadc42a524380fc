package nl.lvds.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import nl.lvds.models.config.LvdsConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link TopicStats} against a real broker: committed records only, aborted ones not counted. */
class TopicStatsTest {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(TopicStats.names(LvdsConfig.Topics.DEFAULT), 2);
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    @Test
    void countsCommittedRecordsAndKeepsTheLastOnes() throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("transactional.id", "topic-stats-test");
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 7; i++) {
                producer.send(record("lvds.alerts", "{\"n\":" + i + "}"));
            }
            producer.commitTransaction();
            producer.beginTransaction();
            for (int i = 0; i < 4; i++) {
                producer.send(record("lvds.alerts", "{\"aborted\":" + i + "}"));
            }
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(record("lvds.alerts", "{\"n\":7}"));
            producer.commitTransaction();
        }
        try (TopicStats stats = new TopicStats(kafka.bootstrapServers())) {
            TopicStats.Tail tail =
                    stats.committedRecords("lvds.alerts", 100, Duration.ofSeconds(10));
            assertThat(tail.count()).isEqualTo(8);
            assertThat(tail.last()).hasSize(8).noneMatch(v -> v.contains("aborted"));
            assertThat(stats.committedRecords("lvds.alerts", 2, Duration.ofSeconds(10)).last())
                    .hasSize(2);
            // Offsets include the 4 aborted records and 3 transaction markers.
            List<TopicStats.Offsets> offsets =
                    stats.offsets(
                            List.of("lvds.alerts", "lvds.indicators"), Duration.ofSeconds(10));
            assertThat(offsets.get(0).records()).isEqualTo(8 + 4 + 3);
            assertThat(offsets.get(0).partitions()).isEqualTo(2);
            assertThat(offsets.get(1).records()).isZero();
            assertThat(stats.offsetsLine(List.of("lvds.alerts"), Duration.ofSeconds(10)))
                    .isEqualTo("offsets lvds.alerts 15");
        }
    }

    @Test
    void inputTopicsAreNamedSoTheyAreNeverRead() {
        assertThat(TopicStats.inputs(LvdsConfig.Topics.DEFAULT))
                .containsExactlyInAnyOrder("lvds.signals", "lvds.incidents", "lvds.p2000");
        assertThat(TopicStats.names(LvdsConfig.Topics.DEFAULT)).hasSize(8);
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String json) {
        return new ProducerRecord<>(topic, null, json.getBytes(StandardCharsets.UTF_8));
    }
}
