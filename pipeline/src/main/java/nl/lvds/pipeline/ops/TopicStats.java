package nl.lvds.pipeline.ops;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import nl.lvds.models.config.LvdsConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What is on the LVDS topics, for operators: offsets of every topic, and the committed records of
 * the output topics (counted, or the last few). Input topics are never read: they hold the texts as
 * the feeds delivered them, and LVDS prints no input text.
 */
public final class TopicStats implements AutoCloseable {

    private final String bootstrap;
    private final Admin admin;

    /** Stats over the broker(s) at {@code bootstrap}. */
    public TopicStats(String bootstrap) {
        this.bootstrap = bootstrap;
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
    }

    /** The topic names of a config, inputs first. */
    public static List<String> names(LvdsConfig.Topics t) {
        return List.of(
                t.signals(),
                t.incidents(),
                t.p2000(),
                t.indicators(),
                t.alerts(),
                t.deadletter(),
                t.rules());
    }

    /** The input topics of a config: never read by this class. */
    public static Set<String> inputs(LvdsConfig.Topics t) {
        return Set.of(t.signals(), t.incidents(), t.p2000());
    }

    /** Offsets of one topic: the sum over partitions of (latest - earliest), and partitions. */
    public record Offsets(String topic, int partitions, long records) {}

    /**
     * Offsets per topic, in the given order. Transactional topics (indicators, alerts) also count
     * their commit markers and aborted records here; {@link #committedRecords} counts records.
     */
    public List<Offsets> offsets(List<String> topics, Duration timeout) throws Exception {
        Map<String, TopicDescription> described =
                admin.describeTopics(topics)
                        .allTopicNames()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<Offsets> out = new ArrayList<>();
        for (String topic : topics) {
            List<TopicPartition> parts = partitions(described.get(topic));
            long earliest = sum(parts, OffsetSpec.earliest(), timeout);
            long latest = sum(parts, OffsetSpec.latest(), timeout);
            out.add(new Offsets(topic, parts.size(), latest - earliest));
        }
        return out;
    }

    /** One line: {@code topic offsets, …}. */
    public String offsetsLine(List<String> topics, Duration timeout) throws Exception {
        StringBuilder b = new StringBuilder("offsets");
        for (Offsets o : offsets(topics, timeout)) {
            b.append(String.format(Locale.ROOT, " %s %,d", o.topic(), o.records()));
        }
        return b.toString();
    }

    /**
     * The committed records of an output topic ({@code read_committed}), read from the start up to
     * the last stable offset at the time of the call. Keeps only the last {@code keep} values.
     */
    public Tail committedRecords(String topic, int keep, Duration timeout) throws Exception {
        Map<String, TopicDescription> described =
                admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<TopicPartition> parts = partitions(described.get(topic));
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        long count = 0;
        Deque<String> last = new ArrayDeque<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            // read_committed: endOffsets are the last stable offsets.
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, timeout);
            long deadline = System.nanoTime() + timeout.toNanos() * 20;
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " took too long");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue;
                    }
                    count++;
                    if (keep > 0) {
                        last.addLast(
                                r.value() == null
                                        ? "null"
                                        : new String(r.value(), StandardCharsets.UTF_8));
                        if (last.size() > keep) {
                            last.removeFirst();
                        }
                    }
                }
            }
        }
        return new Tail(topic, count, List.copyOf(last));
    }

    /** Committed records of a topic: how many, and the last few values (JSON). */
    public record Tail(String topic, long count, List<String> last) {}

    private static boolean reached(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static List<TopicPartition> partitions(TopicDescription d) {
        List<TopicPartition> parts = new ArrayList<>();
        d.partitions().forEach(p -> parts.add(new TopicPartition(d.name(), p.partition())));
        return parts;
    }

    private long sum(List<TopicPartition> parts, OffsetSpec spec, Duration timeout)
            throws Exception {
        Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
        parts.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, ListOffsetsResultInfo> r =
                admin.listOffsets(request).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        long total = 0;
        for (ListOffsetsResultInfo info : r.values()) {
            total += info.offset();
        }
        return total;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
