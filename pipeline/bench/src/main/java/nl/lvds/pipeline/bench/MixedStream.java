package nl.lvds.pipeline.bench;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import nl.lvds.connectors.kafka.KafkaSinks;
import nl.lvds.connectors.kafka.KafkaSources;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.Signal;
import nl.lvds.pipeline.generate.BadRecords;
import nl.lvds.pipeline.generate.DayGenerator;
import nl.lvds.pipeline.job.TensionTopology;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A generated valid stream with bad records mixed in, written to Kafka, and the live topology run
 * over it (bounded Kafka sources, exactly-once Kafka sinks): the shared part of {@code
 * BadInputITCase} and {@link BadInputBench}.
 *
 * <p>Mixing: the valid signals and incidents go out in time order, round-robin over the partitions
 * of their topic; the bad records are spread evenly between them (and over the partitions and the
 * three input topics), so every partition sees bad records all along its stretch of time. Bad
 * records that are only late once the data has moved the watermark ({@link
 * BadRecords.Bad#afterValidData()}) are held back until half of the valid records are out.
 */
public final class MixedStream {

    private MixedStream() {}

    /** The topics of one run. */
    public record Topics(
            String signals,
            String incidents,
            String p2000,
            String indicators,
            String alerts,
            String deadLetters) {

        /** Topics named {@code <prefix>-signals} and so on. */
        public static Topics named(String prefix) {
            return new Topics(
                    prefix + "-signals",
                    prefix + "-incidents",
                    prefix + "-p2000",
                    prefix + "-indicators",
                    prefix + "-alerts",
                    prefix + "-deadletters");
        }

        /** All six. */
        public List<String> all() {
            return List.of(signals, incidents, p2000, indicators, alerts, deadLetters);
        }

        String of(BadRecords.Target t) {
            return switch (t) {
                case SIGNALS -> signals;
                case INCIDENTS -> incidents;
                case P2000 -> p2000;
            };
        }
    }

    /**
     * What a bad record must become.
     *
     * @param kind its defect
     * @param reason its dead-letter reason
     */
    public record Expected(BadRecords.Kind kind, String reason) {}

    /**
     * What was written.
     *
     * @param validSignals valid signals
     * @param validIncidents valid incidents
     * @param badRecords bad records
     * @param decorated valid signals sent with identity fields
     * @param identityFields identity fields in those
     * @param late bad records that must become late dead letters (no Kafka coordinates)
     * @param byReason expected dead letters per reason (late ones included)
     * @param byCoordinate expected dead letter per {@code topic/partition/offset} of every bad
     *     record the decoders reject
     * @param bytes bytes of all values written
     */
    public record Produced(
            long validSignals,
            long validIncidents,
            long badRecords,
            long decorated,
            long identityFields,
            long late,
            Map<String, Long> byReason,
            Map<String, Expected> byCoordinate,
            long bytes) {

        /** All records written. */
        public long records() {
            return validSignals + validIncidents + badRecords;
        }
    }

    /** The key of a dead letter's or a record's Kafka coordinates. */
    public static String coordinate(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }

    /** Creates the six topics, each with {@code partitions} partitions. */
    public static void createTopics(String bootstrap, Topics t, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : t.all()) {
                topics.add(new NewTopic(name, partitions, (short) 1));
            }
            admin.createTopics(topics).all().get();
        }
    }

    /**
     * Writes the valid days and {@code badRecords} bad records mixed in; with {@code decorateEvery}
     * > 0 every n-th valid signal carries identity fields.
     */
    public static Produced produce(
            String bootstrap,
            Topics t,
            List<DayGenerator.DayBatch> days,
            int badRecords,
            long seed,
            int partitions,
            int decorateEvery)
            throws Exception {
        List<Signal> signals = new ArrayList<>();
        List<Incident> incidents = new ArrayList<>();
        for (DayGenerator.DayBatch d : days) {
            signals.addAll(d.signals());
            incidents.addAll(d.incidents());
        }
        long from = signals.isEmpty() ? 0 : signals.get(0).ts();
        long to = signals.isEmpty() ? 1 : signals.get(signals.size() - 1).ts() + 1;
        BadRecords gen = new BadRecords(seed, from, to);

        Map<String, Expected> byCoordinate = new ConcurrentHashMap<>();
        Map<String, Long> byReason = new TreeMap<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long valid = signals.size() + incidents.size();
        long sentValid = 0;
        long sentBad = 0;
        long decorated = 0;
        long identityFields = 0;
        long late = 0;
        long bytes = 0;
        int si = 0;
        int ii = 0;
        int[] badPerTopic = new int[BadRecords.Target.values().length];
        Deque<BadRecords.Bad> heldBack = new ArrayDeque<>();
        try (KafkaProducer<byte[], byte[]> p = producer(bootstrap)) {
            while (sentValid < valid || sentBad < badRecords) {
                // Bresenham: keep sentBad / badRecords in step with sentValid / valid
                boolean badTurn =
                        sentBad < badRecords
                                && (sentValid >= valid
                                        || sentBad * valid <= sentValid * badRecords);
                if (badTurn) {
                    BadRecords.Bad b;
                    if (!heldBack.isEmpty() && sentValid * 2 >= valid) {
                        b = heldBack.poll();
                    } else {
                        b = gen.next();
                        if (b.afterValidData() && sentValid * 2 < valid) {
                            heldBack.add(b);
                            continue;
                        }
                    }
                    String topic = t.of(b.target());
                    int partition = badPerTopic[b.target().ordinal()]++ % partitions;
                    byReason.merge(b.reason(), 1L, Long::sum);
                    if (b.afterValidData()) {
                        late++;
                        send(p, topic, partition, b.value(), null, failure);
                    } else {
                        Expected e = new Expected(b.kind(), b.reason());
                        send(p, topic, partition, b.value(), e, failure, byCoordinate);
                    }
                    bytes += b.size();
                    sentBad++;
                    continue;
                }
                boolean signalTurn =
                        ii >= incidents.size()
                                || (si < signals.size()
                                        && signals.get(si).ts() <= incidents.get(ii).ts());
                byte[] value;
                if (signalTurn) {
                    Signal s = signals.get(si);
                    if (decorateEvery > 0 && si % decorateEvery == decorateEvery - 1) {
                        BadRecords.Decorated d = gen.withIdentityFields(s);
                        value = d.value();
                        decorated++;
                        identityFields += d.identityFields();
                    } else {
                        value = LvdsJson.encodeSignal(s);
                    }
                    send(p, t.signals(), si % partitions, value, null, failure);
                    si++;
                } else {
                    value = LvdsJson.encodeIncident(incidents.get(ii));
                    send(p, t.incidents(), ii % partitions, value, null, failure);
                    ii++;
                }
                bytes += value.length;
                sentValid++;
            }
            p.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return new Produced(
                signals.size(),
                incidents.size(),
                sentBad,
                decorated,
                identityFields,
                late,
                Map.copyOf(byReason),
                Map.copyOf(byCoordinate),
                bytes);
    }

    private static void send(
            KafkaProducer<byte[], byte[]> p,
            String topic,
            int partition,
            byte[] value,
            Expected expected,
            AtomicReference<Exception> failure) {
        send(p, topic, partition, value, expected, failure, null);
    }

    private static void send(
            KafkaProducer<byte[], byte[]> p,
            String topic,
            int partition,
            byte[] value,
            Expected expected,
            AtomicReference<Exception> failure,
            Map<String, Expected> byCoordinate) {
        p.send(
                new ProducerRecord<>(topic, partition, null, value),
                (md, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else if (byCoordinate != null) {
                        byCoordinate.put(coordinate(topic, md.partition(), md.offset()), expected);
                    }
                });
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("linger.ms", "20");
        p.put("batch.size", Integer.toString(256 * 1024));
        p.put("max.request.size", Integer.toString(4 * 1024 * 1024));
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /**
     * The topology settings of these runs: the defaults, but partitions are never declared idle
     * (every partition has data, and a busy partition declared idle on a loaded machine would make
     * its own data late: the runs would not be comparable).
     */
    public static TensionTopology.Settings settings() {
        TensionTopology.Settings s = TensionTopology.Settings.from(LvdsConfig.defaults());
        return s.withIdleness(Duration.ZERO);
    }

    /**
     * Runs the live topology once over the input topics (bounded: it stops at the offsets that are
     * latest at start) into the output topics, with checkpoints every 2 s and exactly-once sinks.
     */
    public static JobExecutionResult run(
            StreamExecutionEnvironment env,
            String bootstrap,
            Topics t,
            String group,
            TensionTopology.Settings settings,
            int parallelism)
            throws Exception {
        env.setParallelism(parallelism);
        env.enableCheckpointing(2_000, CheckpointingMode.EXACTLY_ONCE);
        env.getConfig().enableObjectReuse();
        OffsetsInitializer earliest = OffsetsInitializer.earliest();
        new TensionTopology(
                        settings,
                        KafkaSources.signals(bootstrap, t.signals(), group, earliest, true),
                        List.of(
                                KafkaSources.incidents(
                                        bootstrap, t.incidents(), group, earliest, true),
                                KafkaSources.p2000(bootstrap, t.p2000(), group, earliest, true)),
                        KafkaSinks.indicators(bootstrap, t.indicators(), group + "-ind"),
                        KafkaSinks.alerts(bootstrap, t.alerts(), group + "-al"),
                        KafkaSinks.deadLetters(bootstrap, t.deadLetters(), group + "-dl"))
                .addTo(env);
        return env.execute(group);
    }
}
