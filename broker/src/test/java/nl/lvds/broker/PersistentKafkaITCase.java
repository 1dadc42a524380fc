package nl.lvds.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo broker ({@link EmbeddedKafka#startPersistent}): data in the chosen folder, the chosen
 * port, old-timestamp records kept, the port freed on close, a second start on the same folder
 * starting clean, and a foreign folder left alone.
 */
class PersistentKafkaITCase {

    @TempDir Path tmp;

    @Test
    void shouldServeOnTheChosenPortFreeItOnCloseAndStartCleanOnTheSameFolder() throws Exception {
        Path dir = tmp.resolve("kafka");
        int port = EmbeddedKafka.freePort();
        try (EmbeddedKafka kafka = EmbeddedKafka.startPersistent(dir, port)) {
            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            assertThat(EmbeddedKafka.isFree(port)).isFalse();
            kafka.createTopics(List.of("t"), 2);
            // a 2024 event time, as the demo's records have: must not be deleted by retention
            long ts2024 = 1_709_829_060_000L;
            try (KafkaProducer<String, String> p = producer(kafka.bootstrapServers())) {
                p.send(new ProducerRecord<>("t", 0, ts2024, null, "eerste")).get();
                p.send(new ProducerRecord<>("t", 1, null, null, "tweede")).get();
            }
            assertThat(read(kafka.bootstrapServers(), "t"))
                    .containsExactlyInAnyOrder("eerste", "tweede");
            assertThat(dir.resolve("log")).isDirectory();
            assertThat(dir.resolve("server.properties")).isRegularFile();
        }
        assertThat(EmbeddedKafka.isFree(port)).as("port freed on close").isTrue();
        assertThat(dir.resolve("log/t-0")).as("data stays after close").isDirectory();

        try (EmbeddedKafka again = EmbeddedKafka.startPersistent(dir, port)) {
            assertThat(dir.resolve("log/t-0")).as("a new start begins clean").doesNotExist();
            again.createTopics(List.of("t"), 2);
            assertThat(read(again.bootstrapServers(), "t")).isEmpty();
        }
        assertThat(EmbeddedKafka.isFree(port)).isTrue();
    }

    @Test
    void shouldKeepTopicsAndRecordsAcrossARestart() throws Exception {
        Path dir = tmp.resolve("kafka-restart");
        int port = EmbeddedKafka.freePort();
        try (EmbeddedKafka kafka = EmbeddedKafka.startPersistent(dir, port)) {
            kafka.createTopics(List.of("t"), 2);
            try (KafkaProducer<String, String> p = producer(kafka.bootstrapServers())) {
                p.send(new ProducerRecord<>("t", 0, null, null, "voor")).get();
            }
            kafka.restart(Duration.ofSeconds(1));
            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            try (KafkaProducer<String, String> p = producer(kafka.bootstrapServers())) {
                p.send(new ProducerRecord<>("t", 1, null, null, "na")).get();
            }
            assertThat(read(kafka.bootstrapServers(), "t")).containsExactlyInAnyOrder("voor", "na");
        }
        assertThat(EmbeddedKafka.isFree(port)).isTrue();
    }

    @Test
    void shouldRefuseToWipeAFolderThatIsNotOurs() throws IOException {
        Path dir = tmp.resolve("somebody-elses");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("thesis.txt"), "do not delete");
        assertThatThrownBy(() -> EmbeddedKafka.startPersistent(dir, EmbeddedKafka.freePort()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("refusing to wipe");
        assertThat(dir.resolve("thesis.txt")).hasContent("do not delete");
    }

    static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    static List<String> read(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts =
                    List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline
                    && parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    out.add(
                            new String(
                                    r.value().getBytes(StandardCharsets.UTF_8),
                                    StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }
}
