package nl.lvds.dashboards.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import nl.lvds.broker.EmbeddedKafka;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.Alert;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A notifier killed mid-batch (after some deliveries, before the offset commit) and restarted
 * delivers every alert exactly once per recipient: a real in-process Kafka broker, a real SMTP
 * server, a transactional producer (the pipeline writes alerts exactly-once).
 */
class NotifierRestartITCase {

    @RegisterExtension
    static final GreenMailExtension MAIL =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    /** Simulates the process dying: after {@code limit} sends, the next send blows up. */
    private static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Crash() {
            super("simulated crash");
        }
    }

    @Test
    void shouldDeliverEveryAlertExactlyOncePerRecipientAcrossACrash(@TempDir Path state)
            throws Exception {
        String topic = "alerts-restart";
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        List<Alert> alerts = new ArrayList<>();
        Instant t0 = Instant.parse("2024-03-06T10:00:00Z");
        for (int i = 0; i < 12; i++) {
            alerts.add(
                    Alerts.alert(
                            "alert-" + i,
                            i % 2 == 0 ? "Charlois" : "Feijenoord",
                            "local-incident",
                            "warning",
                            t0.plusSeconds(3600L * i)));
        }
        produceTransactionally(topic, alerts);

        String yaml =
                """
                stateDir: %s
                kafka:
                  bootstrapServers: "%s"
                  groupId: notifier-restart
                  alertsTopic: %s
                  properties: {session.timeout.ms: "6000", heartbeat.interval.ms: "500"}
                smtp: {host: 127.0.0.1, port: %d, tls: none, from: lvds@example.nl}
                subscriptions:
                  - name: zuid
                    email: [een@example.nl, twee@example.nl]
                    areas: [Charlois, Feijenoord]
                    minLevel: warning
                delivery: {maxAttempts: 2, initialBackoffMs: 1, maxBackoffMs: 5}
                """
                        .formatted(
                                state, kafka.bootstrapServers(), topic, MAIL.getSmtp().getPort());
        NotifierConfig c = NotifierConfig.parse(yaml, "test");
        Clock clock = Clock.fixed(Instant.parse("2024-03-06T13:00:00Z"), java.time.ZoneOffset.UTC);
        ChannelSender real = new ChannelSender(c, clock);
        ExecutorService exec = Executors.newSingleThreadExecutor();
        try {
            // First run: dies after 9 of the 24 deliveries, before its batch is committed.
            AtomicInteger sends = new AtomicInteger();
            NoticeSender dying =
                    (target, notice) -> {
                        if (sends.get() == 9) {
                            throw new Crash();
                        }
                        real.send(target, notice);
                        sends.incrementAndGet();
                    };
            Notifier first = new Notifier(c, dying, clock, ms -> {}, new SimpleMeterRegistry());
            Future<?> run1 = exec.submit(first);
            try {
                run1.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(Crash.class);
            }
            first.close();
            assertThat(MAIL.getReceivedMessages()).hasSize(9);
            assertThat(committed(topic, "notifier-restart")).isLessThan(12);

            // Second run, same state dir and group: picks up from the last commit.
            Notifier second = new Notifier(c, real, clock, ms -> {}, new SimpleMeterRegistry());
            Future<?> run2 = exec.submit(second);
            // A killed member is only noticed after its session timeout (6 s here; measured:
            // with the 45 s default the second run waited that long), then the rest goes out.
            assertThat(MAIL.waitForIncomingEmail(45_000, 24)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (committed(topic, "notifier-restart") < 12 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            second.stop();
            run2.get(30, TimeUnit.SECONDS);
            second.close();
            assertThat(committed(topic, "notifier-restart")).isEqualTo(12);
        } finally {
            exec.shutdownNow();
        }

        // Exactly once per (alert, recipient): 12 alerts x 2 recipients, no repeats.
        MimeMessage[] got = MAIL.getReceivedMessages();
        Map<String, Integer> perPair = new HashMap<>();
        for (MimeMessage m : got) {
            String key = m.getHeader("X-LVDS-Alert-Id")[0] + " " + m.getAllRecipients()[0];
            perPair.merge(key, 1, Integer::sum);
        }
        System.out.printf(
                "NotifierRestartITCase: 1 crash injected (after 9 of 24 deliveries); %d notices"
                        + " compared (12 alerts x 2 recipients): %d lost, %d sent twice%n",
                got.length,
                24 - perPair.size(),
                perPair.values().stream().mapToInt(v -> v - 1).sum());
        assertThat(got).hasSize(24);
        assertThat(perPair).hasSize(24).allSatisfy((k, v) -> assertThat(v).isEqualTo(1));
    }

    private static void produceTransactionally(String topic, List<Alert> alerts) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-alerts-" + topic);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            producer.initTransactions();
            producer.beginTransaction();
            for (Alert a : alerts) {
                producer.send(
                        new ProducerRecord<>(
                                topic,
                                null,
                                a.raisedAt(),
                                a.id().getBytes(),
                                LvdsJson.encodeAlert(a)));
            }
            producer.commitTransaction();
        }
    }

    /** Records covered by the group's committed offsets (transaction markers not counted). */
    private static long committed(String topic, String group) throws Exception {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            long n = 0;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
                if (e.getKey().topic().equals(topic) && e.getValue() != null) {
                    n += e.getValue().offset();
                }
            }
            return n;
        }
    }
}
