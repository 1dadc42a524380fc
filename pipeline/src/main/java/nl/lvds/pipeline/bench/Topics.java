package nl.lvds.pipeline.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a whole topic as a {@code read_committed} consumer sees it (untimed helper). */
final class Topics {

    private Topics() {}

    static Properties consumer(String bootstrap, String isolation) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "bench-reader-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        p.put("isolation.level", isolation);
        p.put("max.poll.records", "5000");
        p.put("fetch.max.wait.ms", "50");
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        return p;
    }

    /**
     * Passes every committed record of {@code topic} to {@code each}, once no transaction is open
     * on it (a job's last commit may still be in flight when it is read); returns the count.
     */
    static long readCommitted(
            String bootstrap, String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        long n = 0;
        try (KafkaConsumer<byte[], byte[]> c =
                        new KafkaConsumer<>(consumer(bootstrap, "read_committed"));
                KafkaConsumer<byte[], byte[]> hw =
                        new KafkaConsumer<>(consumer(bootstrap, "read_uncommitted"))) {
            List<TopicPartition> parts =
                    c.partitionsFor(topic).stream()
                            .map(i -> new TopicPartition(topic, i.partition()))
                            .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.currentTimeMillis() + 120_000;
            while (System.currentTimeMillis() < deadline) {
                end = c.endOffsets(parts);
                if (end.equals(hw.endOffsets(parts))) {
                    break;
                }
                sleep(200);
            }
            Map<TopicPartition, Long> stop = end;
            deadline = System.currentTimeMillis() + 300_000;
            while (System.currentTimeMillis() < deadline
                    && parts.stream().anyMatch(tp -> c.position(tp) < stop.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    each.accept(r);
                    n++;
                }
            }
        }
        return n;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
