package nl.lvds.dashboards.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import nl.lvds.broker.EmbeddedKafka;
import nl.lvds.dashboards.notify.Alerts;
import nl.lvds.dashboards.notify.ChannelSender;
import nl.lvds.dashboards.notify.Notifier;
import nl.lvds.dashboards.notify.NotifierConfig;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.Incident;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduled morning briefing end to end: indicators, alerts and incidents on a real in-process
 * Kafka broker (transactional, read_committed), the scheduler firing at 07:30 local, the HTML mail
 * received by a real SMTP server, the Markdown and HTML files, and the digest.
 */
class BriefingITCase {

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

    @Test
    void shouldMailTheBriefingAtSevenThirtyFromKafka(@TempDir Path dir) throws Exception {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers()))) {
            admin.createTopics(
                            List.of(
                                    new NewTopic("b.indicators", 2, (short) 1),
                                    new NewTopic("b.alerts", 1, (short) 1),
                                    new NewTopic("b.incidents", 1, (short) 1)))
                    .all()
                    .get();
        }
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (Instant h = Instant.parse("2024-03-07T07:00:00Z");
                !h.isAfter(Instant.parse("2024-03-08T06:00:00Z"));
                h = h.plus(Duration.ofHours(1))) {
            boolean peak = h.equals(Instant.parse("2024-03-07T21:00:00Z"));
            add(
                    records,
                    "b.indicators",
                    h,
                    LvdsJson.encodeIndicator(
                            Indicators.hour("city", "city", "all", h, 400, 390, 0.3)));
            add(
                    records,
                    "b.indicators",
                    h,
                    LvdsJson.encodeIndicator(
                            Indicators.hour(
                                    "Feijenoord",
                                    "Feijenoord",
                                    "middle-east",
                                    h,
                                    peak ? 70 : 14,
                                    13,
                                    peak ? 5.5 : 0.1)));
            add(
                    records,
                    "b.indicators",
                    h,
                    LvdsJson.encodeIndicator(
                            Indicators.suppressed("Pernis", "Pernis", "extremism", h)));
        }
        Alert watch =
                Alerts.alert(
                        "w-1",
                        "Feijenoord",
                        "middle-east",
                        "watch",
                        Instant.parse("2024-03-07T20:00:00Z"));
        Alert crit =
                Alerts.alert(
                        "c-1",
                        "Feijenoord",
                        "middle-east",
                        "critical",
                        Instant.parse("2024-03-07T21:00:00Z"));
        add(
                records,
                "b.alerts",
                Instant.ofEpochMilli(watch.raisedAt()),
                v1(LvdsJson.encodeAlert(watch)));
        add(
                records,
                "b.alerts",
                Instant.ofEpochMilli(crit.raisedAt()),
                v1(LvdsJson.encodeAlert(crit)));
        Incident inc =
                new Incident(
                        1,
                        "p2000-123",
                        "p2000",
                        Instant.parse("2024-03-07T20:40:00Z").toEpochMilli(),
                        "riot",
                        2,
                        "Feijenoord",
                        null,
                        null);
        add(records, "b.incidents", Instant.ofEpochMilli(inc.ts()), LvdsJson.encodeIncident(inc));
        produce(records);

        String yaml =
                """
                stateDir: %s/state
                smtp: {host: 127.0.0.1, port: %d, tls: none, from: lvds@example.nl}
                subscriptions:
                  - {name: staf, email: [staf@example.nl], delivery: {watch: digest, critical: digest}}
                briefing: {time: "07:30", recipients: [burgemeester@example.nl], outputDir: %s/briefings}
                delivery: {maxAttempts: 2, initialBackoffMs: 1, maxBackoffMs: 5}
                """
                        .formatted(dir, MAIL.getSmtp().getPort(), dir);
        // the Kafka address and the topics come from the pipeline configuration
        LvdsConfig pipeline =
                LvdsConfig.defaults()
                        .withOverrides(
                                Map.of(
                                        "kafka.bootstrapServers", kafka.bootstrapServers(),
                                        "kafka.topics.indicators", "b.indicators",
                                        "kafka.topics.alerts", "b.alerts",
                                        "kafka.topics.incidents", "b.incidents"));
        NotifierConfig c = NotifierConfig.parse(yaml, "test", pipeline);
        // The previous briefing was on Thursday 7 March 07:30 local.
        Files.createDirectories(c.statePath());
        Files.writeString(
                c.statePath().resolve(BriefingScheduler.STATE_FILE), "2024-03-07T06:30:00Z\n");
        MutableClock clock = new MutableClock(Instant.parse("2024-03-08T06:00:00Z"));
        try (Notifier notifier =
                new Notifier(
                        c,
                        new ChannelSender(c, clock),
                        clock,
                        ms -> {},
                        new SimpleMeterRegistry())) {
            notifier.handle(watch);
            notifier.handle(crit);
            BriefingService service =
                    new BriefingService(
                            c,
                            new KafkaBriefingSource(c.kafka()),
                            new ChannelSender(c, clock),
                            notifier);
            BriefingScheduler s =
                    new BriefingScheduler(
                            LocalTime.of(7, 30), c.zone(), c.statePath(), clock, ms -> {}, service);
            assertThat(s.tick()).isFalse(); // 07:00 local
            clock.set(Instant.parse("2024-03-08T06:30:00Z"));
            assertThat(s.tick()).isTrue();
            assertThat(s.tick()).isFalse();
        }

        assertThat(MAIL.waitForIncomingEmail(10_000, 2)).isTrue();
        MimeMessage briefing = null;
        MimeMessage digest = null;
        for (MimeMessage m : MAIL.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals("burgemeester@example.nl")) {
                briefing = m;
            } else {
                digest = m;
            }
        }
        assertThat(briefing).isNotNull();
        assertThat(briefing.getSubject())
                .isEqualTo(
                        "[LVDS] Ochtendbriefing 8 maart 2024: 1 nieuwe melding(en), 1 geëscaleerd");
        Multipart mp = (Multipart) briefing.getContent();
        assertThat(mp.getBodyPart(0).getContentType())
                .containsIgnoringCase("text/plain")
                .containsIgnoringCase("utf-8");
        assertThat(mp.getBodyPart(1).getContentType()).containsIgnoringCase("text/html");
        String html = (String) mp.getBodyPart(1).getContent();
        assertThat(html)
                .contains(
                        "<svg",
                        "Feijenoord",
                        "Midden-Oosten",
                        "van Attentie naar Kritiek",
                        "ongeregeldheden");
        assertThat(html).doesNotContain("Pernis");
        assertThat((String) mp.getBodyPart(0).getContent())
                .contains("# LVDS ochtendbriefing — vrijdag 8 maart 2024");
        assertThat(digest).isNotNull();
        assertThat(digest.getSubject()).startsWith("[LVDS] Overzicht: 2 melding(en)");

        Path md = dir.resolve("briefings/briefing-2024-03-08-0730.md");
        assertThat(md).exists();
        assertThat(dir.resolve("briefings/briefing-2024-03-08-0730.html")).exists();
        assertThat(Files.readString(md, StandardCharsets.UTF_8))
                .contains("| Feijenoord | Midden-Oosten |");
        assertThat(Files.readString(c.statePath().resolve(BriefingScheduler.STATE_FILE)).trim())
                .isEqualTo("2024-03-08T06:30:00Z");
    }

    private static void add(
            List<ProducerRecord<byte[], byte[]>> out, String topic, Instant ts, byte[] value) {
        out.add(new ProducerRecord<>(topic, null, ts.toEpochMilli(), null, value));
    }

    private static void produce(List<ProducerRecord<byte[], byte[]>> records) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "briefing-test");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            producer.initTransactions();
            producer.beginTransaction();
            records.forEach(producer::send);
            producer.commitTransaction();
        }
    }

    /**
     * The record as the earlier contract wrote it ({@code "v":1}; the group fields it did not have
     * are ignored when reading v1): one alert per cell and window, each with its own id.
     */
    private static byte[] v1(byte[] v2) {
        String json = new String(v2, java.nio.charset.StandardCharsets.UTF_8);
        return json.replaceFirst("\"v\":2", "\"v\":1")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
