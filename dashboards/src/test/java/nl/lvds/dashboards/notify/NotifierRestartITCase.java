package nl.lvds.dashboards.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import nl.lvds.broker.EmbeddedKafka;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.event.Alert;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
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
                  groupId: notifier-restart
                  properties: {session.timeout.ms: "6000", heartbeat.interval.ms: "500"}
                smtp: {host: 127.0.0.1, port: %d, tls: none, from: lvds@example.nl}
                subscriptions:
                  - name: zuid
                    email: [een@example.nl, twee@example.nl]
                    areas: [Charlois, Feijenoord]
                    minLevel: warning
                delivery: {maxAttempts: 2, initialBackoffMs: 1, maxBackoffMs: 5}
                """
                        .formatted(state, MAIL.getSmtp().getPort());
        NotifierConfig c =
                NotifierConfig.parse(
                        yaml,
                        "test",
                        LvdsConfig.defaults()
                                .withOverrides(
                                        Map.of(
                                                "kafka.bootstrapServers",
                                                kafka.bootstrapServers(),
                                                "kafka.topics.alerts",
                                                topic)));
        Clock clock = Clock.fixed(Instant.parse("2024-03-06T13:00:00Z"), java.time.ZoneOffset.UTC);
        ChannelSender real = new ChannelSender(c, clock);
        Thread[] worker = new Thread[1];
        ExecutorService exec =
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread t = new Thread(r, "notifier-under-test");
                            worker[0] = t;
                            return t;
                        });
        // Where the test stands, for a time-out's message: what was awaited is named there, this
        // says how far the notifier got (mails, ledger, audit log, offsets, its thread's stack).
        Supplier<String> where = () -> state(state, topic, worker[0]);
        double[] phases = new double[6];
        long started = System.nanoTime();
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
            await(
                    "the first notifier run to deliver 9 notices and crash on the 10th",
                    () -> run1.isDone(),
                    where);
            phases[0] = since(started);
            try {
                run1.get();
                throw new AssertionError("the first run ended without its crash; " + where.get());
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(Crash.class);
            }
            first.close();
            assertThat(MAIL.getReceivedMessages()).hasSize(9);
            assertThat(committed(topic, "notifier-restart")).isLessThan(12);

            // Second run, same state dir and group: picks up from the last commit.
            // A member that is gone is noticed after its session timeout (6 s here; measured:
            // with the 45 s default the second run waited that long), then the rest goes out.
            long second0 = System.nanoTime();
            Notifier second = new Notifier(c, real, clock, ms -> {}, new SimpleMeterRegistry());
            Future<?> run2 = exec.submit(second);
            await(
                    "the second notifier run to deliver the first notice the first run owed",
                    () -> running(run2) && MAIL.getReceivedMessages().length > 9,
                    where);
            phases[1] = since(second0);
            await(
                    "the second notifier run to deliver all 24 notices",
                    () -> running(run2) && MAIL.getReceivedMessages().length >= 24,
                    where);
            phases[2] = since(second0);
            await(
                    "the second notifier run to commit the offsets of all 12 alerts",
                    () -> running(run2) && committed(topic, "notifier-restart") >= 12,
                    where);
            phases[3] = since(second0);
            second.stop();
            await("the second notifier run to stop", run2::isDone, where);
            run2.get();
            second.close();
            assertThat(committed(topic, "notifier-restart")).isEqualTo(12);
        } finally {
            exec.shutdownNow();
        }
        System.out.printf(
                "NotifierRestartITCase: first run crashed %.1f s after its start; second run: first"
                        + " notice %.1f s, all 24 notices %.1f s, offsets of all 12 alerts"
                        + " committed %.1f s after its start%n",
                phases[0], phases[1], phases[2], phases[3]);

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

    /**
     * How long any one phase may take: generous, because on a machine loaded 40-65 on 2 cores one
     * phase (a consumer joining its group, nine SMTP sends with an fsync each) took over a minute;
     * on a quiet machine each takes a few seconds. A time-out names the phase and the state.
     */
    static final Duration PHASE_TIMEOUT = Duration.ofMinutes(5);

    private static void await(String what, Check condition, Supplier<String> state)
            throws Exception {
        long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "timed out after "
                                + PHASE_TIMEOUT
                                + " waiting for "
                                + what
                                + "; "
                                + state.get());
            }
            Thread.sleep(100);
        }
    }

    /** A condition that may call the broker. */
    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    /** True while the run goes on; its failure (e.g. a failed commit) fails the test at once. */
    private static boolean running(Future<?> run) throws Exception {
        if (run.isDone()) {
            try {
                run.get();
            } catch (ExecutionException e) {
                throw new AssertionError("the second notifier run ended with " + e.getCause(), e);
            }
        }
        return true;
    }

    private static double since(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The mails received, the notifier's own files, the committed offsets, its thread's stack. */
    private static String state(Path stateDir, String topic, Thread worker) {
        StringBuilder b = new StringBuilder();
        b.append(MAIL.getReceivedMessages().length).append(" mails received");
        try {
            b.append(", committed offsets ").append(committed(topic, "notifier-restart"));
            b.append(", log start offsets ").append(logStart(topic));
        } catch (Exception e) {
            b.append(", offsets unknown (").append(e).append(')');
        }
        for (String f : List.of(SentLedger.FILE, PendingStore.FILE, AuditLog.FILE)) {
            Path p = stateDir.resolve(f);
            try {
                List<String> lines = Files.exists(p) ? Files.readAllLines(p) : List.of();
                b.append("\n").append(f).append(" (").append(lines.size()).append(" lines)");
                lines.subList(Math.max(0, lines.size() - 5), lines.size())
                        .forEach(l -> b.append("\n  ").append(l));
            } catch (IOException e) {
                b.append("\n").append(f).append(": ").append(e);
            }
        }
        if (worker != null) {
            b.append("\nthread ").append(worker.getName()).append(" (").append(worker.getState());
            b.append("):");
            for (StackTraceElement e : worker.getStackTrace()) {
                b.append("\n  at ").append(e);
            }
        }
        return b.toString();
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
                // No record time: the producer stamps the time of publication, as the pipeline's
                // KafkaSinks do. With the alert's own time (March 2024) the broker's 7-day
                // retention deleted the records at its first retention check (30 s after start,
                // then every 5 min): on a quiet machine the notifier had read them by then, on a
                // loaded one it found the partitions empty (log start = end) and timed out.
                producer.send(
                        new ProducerRecord<>(
                                topic, null, null, a.id().getBytes(), LvdsJson.encodeAlert(a)));
            }
            producer.commitTransaction();
        }
    }

    /** The first offset still on each partition (records before it were deleted). */
    private static Map<Integer, Long> logStart(String topic) throws Exception {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> earliest =
                    Map.of(
                            new TopicPartition(topic, 0), OffsetSpec.earliest(),
                            new TopicPartition(topic, 1), OffsetSpec.earliest());
            Map<Integer, Long> out = new java.util.TreeMap<>();
            admin.listOffsets(earliest)
                    .all()
                    .get()
                    .forEach((tp, o) -> out.put(tp.partition(), o.offset()));
            return out;
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
