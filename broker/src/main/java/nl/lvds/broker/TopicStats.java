package nl.lvds.broker;

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
        return t.all();
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
    public Tail committedRecords(String topic, int keep, Duration timeout) {
        Deque<String> last = new ArrayDeque<>();
        long count =
                forEachCommitted(
                        bootstrap,
                        topic,
                        Duration.ZERO,
                        timeout.multipliedBy(20),
                        r -> {
                            if (keep > 0) {
                                last.addLast(
                                        r.value() == null
                                                ? "null"
                                                : new String(r.value(), StandardCharsets.UTF_8));
                                if (last.size() > keep) {
                                    last.removeFirst();
                                }
                            }
                        });
        return new Tail(topic, count, List.copyOf(last));
    }

    /**
     * Passes every committed record of {@code topic} ({@code read_committed}, from the start up to
     * the last stable offset) to {@code each} and returns how many there were. The one reader of
     * committed output for the CLI, the benchmarks and the tests.
     *
     * @param settle how long to wait first until no transaction is open on the topic (a job's last
     *     commit may still be in flight); {@link Duration#ZERO}: read what is committed now
     * @param read how long reading may take
     * @throws IllegalStateException when a transaction stays open longer than {@code settle} or
     *     reading takes longer than {@code read}
     */
    public static long forEachCommitted(
            String bootstrap,
            String topic,
            Duration settle,
            Duration read,
            java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> c =
                        new KafkaConsumer<>(consumerProperties(bootstrap, "read_committed"));
                KafkaConsumer<byte[], byte[]> hw =
                        new KafkaConsumer<>(consumerProperties(bootstrap, "read_uncommitted"))) {
            List<TopicPartition> parts =
                    c.partitionsFor(topic, read).stream()
                            .map(i -> new TopicPartition(topic, i.partition()))
                            .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            // read_committed: endOffsets are the last stable offsets
            Map<TopicPartition, Long> end = c.endOffsets(parts, read);
            long settleBy = System.nanoTime() + settle.toNanos();
            while (!settle.isZero() && !end.equals(hw.endOffsets(parts, read))) {
                if (System.nanoTime() > settleBy) {
                    throw new IllegalStateException(
                            "a transaction stayed open on "
                                    + topic
                                    + " for "
                                    + settle.toSeconds()
                                    + " s: not everything was committed");
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                end = c.endOffsets(parts, read);
            }
            long deadline = System.nanoTime() + read.toNanos();
            while (!reached(c, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " took too long");
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        each.accept(r);
                        count++;
                    }
                }
            }
        }
        return count;
    }

    /**
     * Every committed record of {@code topic}, after waiting up to 2 minutes for open transactions.
     */
    public static List<ConsumerRecord<byte[], byte[]>> committed(String bootstrap, String topic) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        forEachCommitted(bootstrap, topic, Duration.ofMinutes(2), Duration.ofMinutes(5), out::add);
        return out;
    }

    /** Consumer properties for reading without a consumer group (nothing is committed). */
    public static Properties consumerProperties(String bootstrap, String isolation) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("isolation.level", isolation);
        p.put("enable.auto.commit", "false");
        p.put("auto.offset.reset", "earliest");
        p.put("max.poll.records", "5000");
        p.put("fetch.max.wait.ms", "50");
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        return p;
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
