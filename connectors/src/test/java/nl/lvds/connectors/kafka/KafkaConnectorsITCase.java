package nl.lvds.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import nl.lvds.broker.EmbeddedKafka;
import nl.lvds.connectors.deadletter.DeadLetter;
import nl.lvds.connectors.deadletter.DeadLetters;
import nl.lvds.connectors.deadletter.RouteDeadLetters;
import nl.lvds.connectors.inbound.InboundIncident;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.Signal;
import nl.lvds.models.event.TensionIndicator;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real-broker test of the connectors: an in-process KRaft broker (KafkaClusterTestKit) and a Flink
 * MiniCluster with parallelism 2.
 */
class KafkaConnectorsITCase {

    static final String CANARY_SENTENCE = "De kanarie zingt om middernacht bij de Maasbrug";
    static final String CANARY_EMAIL = "kanarie.vogel@example.org";
    static final String CANARY_PHONE = "06-98765432";
    static final String CANARY_TEXT =
            CANARY_SENTENCE + ", mail " + CANARY_EMAIL + " of bel " + CANARY_PHONE;

    static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    () ->
                            new MiniClusterResourceConfiguration.Builder()
                                    .setNumberTaskManagers(1)
                                    .setNumberSlotsPerTaskManager(2)
                                    .setConfiguration(
                                            METRICS.addToConfiguration(new Configuration()))
                                    .build());

    static EmbeddedKafka kafka;
    static String bootstrap;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.start();
        bootstrap = kafka.bootstrapServers();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    static String fresh(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static void createTopics(int partitions, String... topics) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<NewTopic> list = new ArrayList<>();
            for (String t : topics) {
                list.add(new NewTopic(t, partitions, (short) 1));
            }
            admin.createTopics(list).all().get();
        }
    }

    static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** Reads a whole topic as a read_committed consumer (only committed transactions). */
    static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("isolation.level", "read_committed");
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts =
                    c.partitionsFor(topic).stream()
                            .map(i -> new TopicPartition(topic, i.partition()))
                            .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            // For read_committed consumers the end offset is the last stable offset.
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    static String signalJson(String id, String extra) {
        return "{\"v\":1,\"id\":\""
                + id
                + "\",\"source\":\"social\",\"ts\":\"2024-05-01T10:00:00+02:00\",\"text\":\""
                + CANARY_TEXT
                + "\""
                + extra
                + "}";
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Malformed inputs and the reason each must be dead-lettered with. */
    static Map<byte[], String> malformed() {
        Map<byte[], String> m = new java.util.LinkedHashMap<>();
        m.put(utf8("{\"v\":1,\"id\":\"bad-1\",\"text\":\"" + CANARY_TEXT), "malformed_json");
        m.put(
                utf8(
                        "{\"v\":1,\"id\":\"bad-2\",\"source\":\"social\","
                                + "\"ts\":\"2024-05-01T10:00:00Z\",\"comment\":\""
                                + CANARY_TEXT
                                + "\"}"),
                "missing_field");
        m.put(
                utf8(signalJson("bad-3", "").replace("2024-05-01T10:00:00+02:00", "gisteren")),
                "bad_timestamp");
        m.put(utf8(signalJson("bad-4", "").replace("{\"v\":1", "{\"v\":2")), "unknown_version");
        m.put(utf8(signalJson("bad-5", "").replace("\"social\"", "\"tiktok\"")), "bad_value");
        m.put(utf8("\"" + CANARY_TEXT + "\""), "not_an_object");
        m.put(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}, "invalid_utf8");
        m.put(new byte[0], "empty_record");
        m.put(utf8(signalJson("bad-6", "").replace(CANARY_TEXT, "   ")), "empty_text");
        m.put(
                utf8(
                        signalJson("bad-7", ",\"author\":\"" + CANARY_EMAIL + "\"")
                                .replace(CANARY_TEXT, CANARY_TEXT + " " + "x".repeat(10_000))),
                "oversized_text");
        return m;
    }

    /** A stand-in for the real indicator operator: one indicator per signal, keyed by its id. */
    static final class DummyIndicator implements MapFunction<Signal, TensionIndicator> {
        @Override
        public TensionIndicator map(Signal s) {
            return new TensionIndicator(
                    1,
                    s.id(),
                    "city",
                    "all",
                    s.ts(),
                    s.ts() + 3_600_000L,
                    1,
                    1,
                    null,
                    1,
                    0,
                    0,
                    0.0,
                    null,
                    null,
                    null,
                    0,
                    false,
                    "itcase");
        }
    }

    @Test
    void shouldPublishValidSignalsExactlyOnceAndDeadLetterTheRestWithoutText() throws Exception {
        String in = fresh("signals");
        String out = fresh("indicators");
        String dlq = fresh("deadletter");
        createTopics(2, in, out, dlq);

        // produce: 40 valid signals (with the canary in their text) and the malformed ones
        List<String> validIds = new ArrayList<>();
        Map<String, String> expectedReason = new HashMap<>(); // "partition:offset" -> reason
        try (KafkaProducer<byte[], byte[]> p = producer()) {
            for (int i = 0; i < 40; i++) {
                String id = "s-" + i;
                validIds.add(id);
                String extra = i % 5 == 0 ? ",\"handle\":\"@kanarie\"" : "";
                p.send(new ProducerRecord<>(in, i % 2, null, utf8(signalJson(id, extra))));
            }
            int k = 0;
            for (Map.Entry<byte[], String> e : malformed().entrySet()) {
                RecordMetadata md =
                        p.send(new ProducerRecord<>(in, k++ % 2, null, e.getKey())).get();
                expectedReason.put(md.partition() + ":" + md.offset(), e.getValue());
            }
            p.send(new ProducerRecord<>(in, 0, null, null)).get(); // a tombstone
            p.flush();
        }
        int tombstones = 1;

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(300);
        SingleOutputStreamOperator<Signal> routed =
                env.fromSource(
                                KafkaSources.signals(
                                        bootstrap,
                                        in,
                                        fresh("itcase"),
                                        OffsetsInitializer.earliest(),
                                        true),
                                WatermarkStrategy.noWatermarks(),
                                "signals")
                        .process(RouteDeadLetters.signals())
                        .uid("route-dead-letters")
                        .name("route-dead-letters");
        routed.map(new DummyIndicator())
                .name("dummy-indicator")
                .sinkTo(KafkaSinks.indicators(bootstrap, out, fresh("ind")))
                .name("indicators");
        routed.getSideOutput(RouteDeadLetters.DEAD_LETTERS)
                .sinkTo(KafkaSinks.deadLetters(bootstrap, dlq, fresh("dlq")))
                .name("dead-letters");
        JobExecutionResult result = env.execute("kafka-connectors-itcase");

        // every valid record produced exactly one output, keyed by its cell
        List<ConsumerRecord<byte[], byte[]>> indicators = readCommitted(out);
        List<TensionIndicator> decoded =
                indicators.stream()
                        .map(r -> LvdsJson.decodeIndicator(r.value()).orThrow())
                        .toList();
        assertThat(decoded)
                .extracting(TensionIndicator::area)
                .containsExactlyInAnyOrderElementsOf(validIds);
        assertThat(indicators)
                .allSatisfy(
                        r ->
                                assertThat(new String(r.key(), StandardCharsets.UTF_8))
                                        .endsWith("|all"));

        // every malformed record is a dead letter with its reason, source and offset
        List<DeadLetter> dead =
                readCommitted(dlq).stream().map(r -> DeadLetters.decode(r.value())).toList();
        assertThat(dead).hasSize(expectedReason.size() + tombstones);
        for (DeadLetter d : dead) {
            assertThat(d.source()).isEqualTo(in);
            assertThat(d.contract()).isEqualTo("signal");
            String where = d.partition() + ":" + d.offset();
            if (expectedReason.containsKey(where)) {
                assertThat(d.reason()).as(where).isEqualTo(expectedReason.get(where));
            } else {
                assertThat(d.reason()).as("tombstone at " + where).isEqualTo("empty_record");
            }
        }
        assertThat(dead.stream().map(d -> d.partition() + ":" + d.offset()))
                .containsAll(expectedReason.keySet());

        // no canary anywhere in what was published
        List<String> published = new ArrayList<>();
        indicators.forEach(r -> published.add(new String(r.value(), StandardCharsets.UTF_8)));
        readCommitted(dlq)
                .forEach(r -> published.add(new String(r.value(), StandardCharsets.UTF_8)));
        assertThat(published)
                .isNotEmpty()
                .allSatisfy(
                        s ->
                                assertThat(s)
                                        .doesNotContain(CANARY_SENTENCE)
                                        .doesNotContain("kanarie")
                                        .doesNotContain(CANARY_EMAIL)
                                        .doesNotContain(CANARY_PHONE)
                                        .doesNotContain("98765432"));

        // the per-reason counters and the dropped identity fields are Flink metrics
        assertThat(counterSum(result, "deadletter.missing_field")).isEqualTo(1);
        assertThat(counterSum(result, "deadletter.empty_record")).isEqualTo(1 + tombstones);
        assertThat(counterSum(result, "deadletter.malformed_json")).isEqualTo(1);
        assertThat(counterSum(result, "identityFieldsDropped")).isEqualTo(8); // every 5th of 40
    }

    static long counterSum(JobExecutionResult result, String suffix) {
        long sum = 0;
        for (Map.Entry<String, Metric> e :
                METRICS.findMetrics(result.getJobID(), suffix).entrySet()) {
            if (e.getKey().endsWith(suffix) && e.getValue() instanceof Counter c) {
                sum += c.getCount();
            }
        }
        return sum;
    }

    @Test
    void shouldParseRawP2000LinesFromKafka() throws Exception {
        String in = fresh("p2000");
        String dlq = fresh("deadletter");
        createTopics(1, in, dlq);
        long t = Instant.parse("2024-05-01T15:31:00Z").toEpochMilli();
        try (KafkaProducer<byte[], byte[]> p = producer()) {
            p.send(
                    new ProducerRecord<>(
                            in,
                            0,
                            t,
                            null,
                            utf8("A1 BDH-01 Explosie Schammenkamp Rotterdam 173131")));
            p.send(
                    new ProducerRecord<>(
                            in,
                            0,
                            t,
                            null,
                            utf8(
                                    "2024-05-01T17:40:00+02:00 P 1 BDH-03 Woningbrand Putselaan Rotterdam")));
            p.send(new ProducerRecord<>(in, 0, t, null, utf8(CANARY_TEXT)));
            p.flush();
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(300);
        SingleOutputStreamOperator<Incident> routed =
                env.fromSource(
                                KafkaSources.p2000(
                                        bootstrap,
                                        in,
                                        fresh("itcase"),
                                        OffsetsInitializer.earliest(),
                                        true),
                                WatermarkStrategy.<InboundIncident>noWatermarks(),
                                "p2000")
                        .process(RouteDeadLetters.incidents())
                        .name("route-dead-letters");
        routed.getSideOutput(RouteDeadLetters.DEAD_LETTERS)
                .sinkTo(
                        KafkaSinks.deadLetters(
                                bootstrap,
                                dlq,
                                null,
                                DeliveryGuarantee.AT_LEAST_ONCE,
                                new Properties()));
        List<Incident> incidents = new ArrayList<>();
        try (CloseableIterator<Incident> it = routed.executeAndCollect()) {
            it.forEachRemaining(incidents::add);
        }

        assertThat(incidents)
                .extracting(Incident::type, Incident::area, Incident::ts)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("explosion", "Tarwewijk", t),
                        org.assertj.core.groups.Tuple.tuple(
                                "fire",
                                "Feijenoord",
                                Instant.parse("2024-05-01T15:40:00Z").toEpochMilli()));
        List<ConsumerRecord<byte[], byte[]>> dead = readCommitted(dlq);
        assertThat(dead).hasSize(1);
        DeadLetter d = DeadLetters.decode(dead.get(0).value());
        assertThat(d.reason()).isEqualTo("unparseable_feed_line");
        assertThat(d.offset()).isEqualTo(2);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8))
                .doesNotContain("kanarie")
                .doesNotContain(CANARY_PHONE);
    }
}
