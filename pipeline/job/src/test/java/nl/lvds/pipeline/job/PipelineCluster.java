package nl.lvds.pipeline.job;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import nl.lvds.broker.EmbeddedKafka;
import nl.lvds.broker.TopicStats;
import nl.lvds.connectors.kafka.KafkaSinks;
import nl.lvds.connectors.kafka.KafkaSources;
import nl.lvds.pipeline.generate.ArchiveGenerator;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture of the pipeline's integration tests, as a JUnit 5 extension: a Flink MiniCluster (one
 * TaskManager, two slots, which every test's environment then runs on), a real in-process Kafka
 * broker ({@link EmbeddedKafka}, started when a test first uses it), topics of their own per test,
 * a generated archive, a producer and {@code read_committed} reads of the job's exactly-once
 * output.
 *
 * <pre>{@code
 * @RegisterExtension static final PipelineCluster CLUSTER = new PipelineCluster();
 * ...
 * PipelineCluster.Topics t = CLUSTER.topics("signals", "indicators");
 * List<ConsumerRecord<byte[], byte[]>> out = CLUSTER.readCommitted(t.get("indicators"));
 * }</pre>
 */
public final class PipelineCluster
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** Partitions of every topic a test creates: two, one per slot. */
    public static final int PARTITIONS = 2;

    private final MiniClusterExtension flink =
            new MiniClusterExtension(
                    () ->
                            new MiniClusterResourceConfiguration.Builder()
                                    .setNumberTaskManagers(1)
                                    .setNumberSlotsPerTaskManager(2)
                                    .build());

    private EmbeddedKafka kafka;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        flink.beforeAll(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        flink.beforeEach(context);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        flink.afterEach(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            synchronized (this) {
                if (kafka != null) {
                    kafka.close();
                    kafka = null;
                }
            }
        } finally {
            flink.afterAll(context);
        }
    }

    /** The client configuration of the MiniCluster (its REST address, for a REST client). */
    public Configuration clientConfiguration() {
        return flink.getClientConfiguration();
    }

    /** The broker's bootstrap servers. */
    public String bootstrap() {
        return kafka().bootstrapServers();
    }

    /** The broker itself, started on first use (a test without Kafka starts none). */
    public synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            try {
                kafka = EmbeddedKafka.start();
            } catch (Exception e) {
                throw new IllegalStateException("the embedded Kafka broker did not start", e);
            }
        }
        return kafka;
    }

    /**
     * Topics of one test: each name gets a random suffix shared by all of them (so tests never read
     * each other's records), created with {@link #PARTITIONS} partitions; {@code rules} with one,
     * as in production (rule changes are read in order, with parallelism 1).
     *
     * @param names the logical names, e.g. {@code signals}, {@code indicators}
     */
    public Topics topics(String... names) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> topics = new LinkedHashMap<>();
        List<String> partitioned = new ArrayList<>();
        for (String name : names) {
            String topic = name + "-" + id;
            topics.put(name, topic);
            if (name.equals("rules")) {
                kafka().createTopics(List.of(topic), 1);
            } else {
                partitioned.add(topic);
            }
        }
        kafka().createTopics(partitioned, PARTITIONS);
        return new Topics(id, topics);
    }

    /**
     * The topics of one test.
     *
     * @param id the random suffix, also usable for consumer groups and transactional ids
     * @param names logical name to topic name
     */
    public record Topics(String id, Map<String, String> names) {

        /** The topic of a logical name. */
        public String get(String name) {
            String topic = names.get(name);
            if (topic == null) {
                throw new IllegalArgumentException("no topic '" + name + "' in " + names.keySet());
            }
            return topic;
        }
    }

    /** The logical topic names of {@link #liveTopology}. */
    public static final String[] LIVE_TOPICS = {
        "signals", "incidents", "indicators", "alerts", "deadletters", "rules"
    };

    /**
     * A streaming environment as the live job has it, on this cluster: parallelism 2, exactly-once
     * checkpoints every 2 s, object reuse.
     */
    public StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(2_000, CheckpointingMode.EXACTLY_ONCE);
        env.getConfig().enableObjectReuse();
        return env;
    }

    /**
     * The live topology over one test's topics ({@link #LIVE_TOPICS}, from {@link #topics}):
     * bounded Kafka sources from the earliest offsets (the job ends when it has read what was on
     * the topics at its start), exactly-once sinks, and the rules topic.
     */
    public TensionTopology liveTopology(TensionTopology.Settings settings, Topics t) {
        String b = bootstrap();
        String group = "it-" + t.id();
        return new TensionTopology(
                settings,
                KafkaSources.signals(
                        b, t.get("signals"), group, OffsetsInitializer.earliest(), true),
                List.of(
                        KafkaSources.incidents(
                                b, t.get("incidents"), group, OffsetsInitializer.earliest(), true)),
                KafkaSinks.indicators(b, t.get("indicators"), "it-ind-" + t.id()),
                KafkaSinks.alerts(b, t.get("alerts"), "it-al-" + t.id()),
                KafkaSinks.deadLetters(b, t.get("deadletters"), "it-dl-" + t.id()),
                KafkaSources.rules(b, t.get("rules"), group, OffsetsInitializer.earliest(), true));
    }

    /** A byte-array producer to the broker ({@code acks=all}); the caller closes it. */
    public KafkaProducer<byte[], byte[]> producer() {
        return producer(bootstrap());
    }

    /**
     * A byte-array producer ({@code acks=all}) to another broker, for tests that run their own (a
     * persistent one, or one they restart); the caller closes it.
     */
    public static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("linger.ms", "20");
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** Every committed record of a topic, read with {@code read_committed}. */
    public List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        return TopicStats.committed(bootstrap(), topic);
    }

    /**
     * Generates a synthetic archive (signals and incidents per day, as {@code lvds generate} writes
     * it) into {@code dir}.
     */
    public static Path archive(Path dir, LocalDate from, LocalDate to, int perDay, long seed)
            throws Exception {
        new ArchiveGenerator()
                .generate(
                        new ArchiveGenerator.Options(from, to, perDay, dir, seed, 2, false),
                        stats -> {});
        return dir;
    }
}
