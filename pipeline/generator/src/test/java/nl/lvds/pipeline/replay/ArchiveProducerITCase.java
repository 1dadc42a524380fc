package nl.lvds.pipeline.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import nl.lvds.broker.EmbeddedKafka;
import nl.lvds.pipeline.generate.ArchiveGenerator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lvds produce} against a real in-process broker: every archive line arrives, once. */
class ArchiveProducerITCase {

    static EmbeddedKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldSendEveryLineOfTheSelectedDays(@TempDir Path dir) throws Exception {
        ArchiveGenerator.Result gen =
                new ArchiveGenerator()
                        .generate(
                                new ArchiveGenerator.Options(
                                        LocalDate.of(2024, 3, 6),
                                        LocalDate.of(2024, 3, 8),
                                        300,
                                        dir,
                                        5,
                                        1,
                                        false),
                                stats -> {});
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(
                            List.of(
                                    new NewTopic("s", 2, (short) 1),
                                    new NewTopic("i", 1, (short) 1)))
                    .all()
                    .get();
        }
        AtomicLong progress = new AtomicLong();
        ArchiveProducer.Result r =
                new ArchiveProducer(kafka.bootstrapServers(), "s", "i")
                        .send(
                                dir,
                                LocalDate.of(2024, 3, 7),
                                LocalDate.of(2024, 3, 8),
                                progress::set);

        assertThat(r.days()).isEqualTo(2);
        assertThat(progress.get()).isEqualTo(r.signals() + r.incidents());
        assertThat(r.signals()).isGreaterThan(0).isLessThan(gen.signals());
        assertThat(count("s")).isEqualTo(r.signals());
        assertThat(count("i")).isEqualTo(r.incidents());
    }

    @Test
    void shouldRefuseAFolderThatIsNoArchive(@TempDir Path dir) {
        assertThatThrownBy(
                        () ->
                                new ArchiveProducer(kafka.bootstrapServers(), "s", "i")
                                        .send(dir, LocalDate.MIN, LocalDate.MAX, n -> {}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not an archive");
    }

    static long count(String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts =
                    c.partitionsFor(topic).stream()
                            .map(i -> new TopicPartition(topic, i.partition()))
                            .toList();
            return c.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
