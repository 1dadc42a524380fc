package nl.lvds.pipeline.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import nl.lvds.broker.EmbeddedKafka;
import nl.lvds.dashboards.DashboardConfig;
import nl.lvds.dashboards.DashboardServer;
import nl.lvds.dashboards.auth.PasswordHasher;
import nl.lvds.dashboards.auth.Role;
import nl.lvds.dashboards.notify.Notifier;
import nl.lvds.dashboards.notify.NotifierConfig;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.Signal;
import nl.lvds.pipeline.cli.LvdsCli;
import nl.lvds.pipeline.generate.ArchiveGenerator;
import nl.lvds.pipeline.generate.DayGenerator;
import nl.lvds.pipeline.job.LiveJob;
import nl.lvds.pipeline.job.PipelineCluster;
import nl.lvds.pipeline.review.Review;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The system-wide privacy canary: sentences, e-mail addresses, phone numbers and @handles planted
 * in the input text and in identity fields must never appear in any byte LVDS writes to disk or to
 * an output topic.
 *
 * <p>One run, with real components: an embedded KRaft broker whose data folder is in the test's
 * temp dir, the live job ({@link LiveJob#build}, the job jar's wiring) on a MiniCluster with file
 * checkpoints and a savepoint in the temp dir, the review over an archive with the same canaries,
 * the dashboard (HTTP API, SSE stream, audit log, acknowledgements), the notifier (mail through
 * GreenMail, generic and Teams webhooks to a local HTTP server, its state files), the briefing
 * (from Kafka, mailed, and from the review folder) and every log line of the run (log4j at INFO,
 * LVDS's own loggers at TRACE, plus stdout/stderr) captured to a file. Then every file under the
 * temp dir is scanned as bytes (also inside gzip and framed-Snappy streams), and so are the output
 * topics read back with read_uncommitted (aborted transactions included), the mails and the HTTP
 * bodies.
 *
 * <p>What is excluded, and why: the input topics lvds.signals, lvds.incidents and lvds.p2000 (in
 * the broker's data folder) hold the input as the feeder delivered it; LVDS reads them, it does not
 * write them. Their retention is the operator's short setting (docker/compose.yaml: 6 h for
 * signals, checked in {@code DockerFilesTest}); this test checks that the canary did reach them, so
 * the scan of everything else is meaningful. The archive folder the review reads is input too.
 * Incident summaries are public feed text that the dashboard shows by design: they carry only the
 * e-mail/phone/handle canaries (which {@code LvdsJson.decodeIncident} scrubs; this test found them
 * on the dashboard before it did), not the name sentences (no name recogniser exists).
 */
class SystemCanaryITCase {

    // Canaries: made-up names that no model vocabulary or Dutch text contains.
    static final String NAME_1 = "Zonnebloemveld";
    static final String NAME_2 = "Kwartelkoningh";
    static final String SENTENCE_NL =
            "Klaartje " + NAME_1 + " woont boven de bakker bij de Schammenkamp en filmde de knal";
    static final String SENTENCE_EN =
            "Wouter " + NAME_2 + " says they should all be chased out of Tarwewijk tonight";
    static final String EMAIL = "klaartje.zonnebloemveld@example.org";
    static final String PHONE = "06-48213957";
    static final String PHONE_INTL = "+31 6 4821 3957";
    static final String HANDLE = "@kwartel_vogeltje88";
    static final String AUTHOR_KEY = "ak-Vogelzangstraat-7";

    /** What is searched for (ASCII case-insensitive), in every byte written. */
    static final List<String> NEEDLES =
            List.of(
                    SENTENCE_NL,
                    SENTENCE_EN,
                    NAME_1,
                    NAME_2,
                    "Klaartje",
                    EMAIL,
                    "zonnebloemveld@",
                    "48213957",
                    "4821 3957",
                    "kwartel_vogeltje",
                    "Vogelzangstraat",
                    "wkwartel");

    static final LocalDate FIRST = LocalDate.of(2024, 3, 5);
    static final LocalDate LAST = LocalDate.of(2024, 3, 8);
    static final long CANARY_TS = Instant.parse("2024-03-07T18:10:00Z").toEpochMilli();
    static final int CANARY_POSTS = 40;

    /**
     * The pipeline's test fixture for the MiniCluster; the broker is the test's own, persistent one
     * (its data files are searched for the canary).
     */
    @RegisterExtension static final PipelineCluster FLINK = new PipelineCluster();

    @TempDir Path root;

    /** Everything said on stdout/stderr and by every logger during the run. */
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @Test
    void shouldWriteNoCanaryAnywhere() throws Exception {
        Path logFile = root.resolve("logs/run.log");
        Files.createDirectories(logFile.getParent());
        Runnable restoreLogging = captureLogs(logFile);
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(new Tee(out, console), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, console), true, StandardCharsets.UTF_8));
        CanaryScanner scanner = new CanaryScanner(NEEDLES);
        List<String> httpBodies = new ArrayList<>();
        List<String> webhookBodies = Collections.synchronizedList(new ArrayList<>());
        List<byte[]> mails = new ArrayList<>();
        Map<String, List<ConsumerRecord<byte[], byte[]>>> outputs = new HashMap<>();
        Map<String, List<ConsumerRecord<byte[], byte[]>>> inputs = new HashMap<>();
        long t0 = System.nanoTime();
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        HttpServer hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.createContext(
                "/",
                x -> {
                    try (InputStream in = x.getRequestBody()) {
                        webhookBodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                    x.sendResponseHeaders(204, -1);
                    x.close();
                });
        Path kafkaDir = root.resolve("kafka");
        LvdsConfig config;
        JobClient job = null;
        DashboardServer dashboard = null;
        Notifier notifier = null;
        Thread notifierThread = null;
        try (EmbeddedKafka kafka =
                EmbeddedKafka.startPersistent(kafkaDir, EmbeddedKafka.freePort())) {
            smtp.start();
            hooks.start();
            String bootstrap = kafka.bootstrapServers();
            config =
                    LvdsConfig.load(
                            Path.of("../../config/lvds.yaml"),
                            Map.of(
                                    "kafka.bootstrapServers", bootstrap,
                                    "pipeline.checkpointIntervalSeconds", "2",
                                    "pipeline.idlenessSeconds", "10"));
            LvdsConfig.Topics topics = config.kafka().topics();
            kafka.createTopics(topics.all(), 2);

            // --- input: generated days, canary posts, canary identity fields, bad records ---
            Path archive = root.resolve("input-archive");
            int badRecords = produceInput(bootstrap, topics, archive);
            phase("broker and input");

            // --- the live job: the job jar's wiring, file checkpoints, then a savepoint ---
            Path checkpoints = root.resolve("flink/checkpoints");
            Path savepoints = root.resolve("flink/savepoints");
            Configuration flink =
                    Configuration.fromMap(
                            Map.of(
                                    "state.backend.type", "hashmap",
                                    "execution.checkpointing.storage", "filesystem",
                                    "execution.checkpointing.dir", checkpoints.toUri().toString(),
                                    "execution.checkpointing.savepoint-dir",
                                            savepoints.toUri().toString(),
                                    "execution.checkpointing.externalized-checkpoint-retention",
                                            "RETAIN_ON_CANCELLATION",
                                    // small state goes to files too, not only into _metadata
                                    "execution.checkpointing.data-inline-threshold", "0"));
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(flink);
            job = LiveJob.start(env, config);

            // --- dashboard and notifier consume the outputs while the job runs ---
            Path dashDir = root.resolve("dashboard");
            dashboard = DashboardServer.start(dashboardConfig(dashDir), bootstrap);
            Path notifierYaml = notifierConfig(root.resolve("notifier"), config, smtp, hooks);
            notifier =
                    Notifier.create(
                            NotifierConfig.load(notifierYaml),
                            new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
            notifierThread = new Thread(notifier, "canary-notifier");
            notifierThread.start();

            JobClient running = job;
            waitFor(
                    () ->
                            "alerts, indicators and dead letters on Kafka (now "
                                    + count(bootstrap, topics.alerts())
                                    + " alerts, "
                                    + count(bootstrap, topics.indicators())
                                    + " indicators, "
                                    + count(bootstrap, topics.deadletter())
                                    + " dead letters; job "
                                    + running.getJobStatus().get()
                                    + ")",
                    // generous: on a loaded 2-core machine this took 140-250 s
                    Duration.ofSeconds(360),
                    () ->
                            count(bootstrap, topics.alerts()) > 0
                                    && count(bootstrap, topics.deadletter()) >= badRecords
                                    && count(bootstrap, topics.indicators()) > 1000);
            phase("live job: outputs on Kafka");
            // two more checkpoints after the outputs, so state that saw the canaries is on disk
            int chk = latestCheckpoint(checkpoints);
            waitFor(
                    "two more checkpoints",
                    Duration.ofSeconds(60),
                    () -> latestCheckpoint(checkpoints) >= chk + 2);
            // a savepoint, then cancel: the retained checkpoints stay on disk (a
            // stop-with-savepoint
            // ends the job as finished, and Flink deletes finished jobs' checkpoints)
            String savepoint =
                    job.triggerSavepoint(
                                    savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                            .get();
            job.cancel().get();
            job = null;
            phase("live job, checkpoints, savepoint");
            System.out.println("SystemCanaryITCase: savepoint " + savepoint);

            // --- dashboard: every API a user can call, the live stream, an acknowledgement ---
            waitFor(
                    "notifier mail",
                    Duration.ofSeconds(60),
                    () -> smtp.getReceivedMessages().length > 0);
            phase("notifier mail");
            browseDashboard(dashboard.port(), httpBodies);
            phase("dashboard");

            // --- briefing from Kafka, mailed ---
            int rc =
                    new CommandLine(new LvdsCli())
                            .execute(
                                    "briefing",
                                    "--config",
                                    notifierYaml.toString(),
                                    "--since",
                                    "72h",
                                    "--until",
                                    "2024-03-08T12:00:00Z",
                                    "--out",
                                    root.resolve("briefing/kafka").toString(),
                                    "--mail");
            assertThat(rc).as("lvds briefing from Kafka").isZero();
            phase("briefing from Kafka");

            // --- review over the archive with the same canaries; then a briefing from it ---
            Path reviewOut = root.resolve("review");
            Review.Outcome review =
                    Review.run(
                            new Review.Options(
                                    List.of(archive),
                                    FIRST,
                                    LAST,
                                    reviewOut,
                                    config,
                                    Review.defaultConfigBytes(),
                                    "config/lvds.yaml",
                                    2,
                                    false),
                            System.err);
            assertThat(review.alerts()).as("review alerts").isPositive();
            phase("review");
            rc =
                    new CommandLine(new LvdsCli())
                            .execute(
                                    "briefing",
                                    "--config",
                                    notifierYaml.toString(),
                                    "--input",
                                    reviewOut.toString(),
                                    "--since",
                                    "72h",
                                    "--out",
                                    root.resolve("briefing/review").toString());
            assertThat(rc).as("lvds briefing from the review").isZero();

            notifier.stop();
            notifierThread.join(30_000);
            notifier.close();
            notifier = null;
            dashboard.close();
            dashboard = null;

            for (MimeMessage m : smtp.getReceivedMessages()) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                m.writeTo(b);
                mails.add(b.toByteArray());
            }
            for (String t :
                    List.of(
                            topics.indicators(),
                            topics.alerts(),
                            topics.deadletter(),
                            topics.rules(),
                            topics.early())) {
                outputs.put(t, readAll(bootstrap, t));
            }
            for (String t : List.of(topics.signals(), topics.incidents(), topics.p2000())) {
                inputs.put(t, readAll(bootstrap, t));
            }
        } finally {
            // on a failure: stop what still runs before the temp dir goes
            if (notifier != null) {
                notifier.stop();
                notifierThread.join(30_000);
                notifier.close();
            }
            if (dashboard != null) {
                dashboard.close();
            }
            if (job != null) {
                try {
                    job.cancel().get();
                } catch (Exception ignored) {
                    // already ended
                }
            }
            smtp.stop();
            hooks.stop(0);
            System.setOut(out);
            System.setErr(err);
            restoreLogging.run();
        }
        Files.write(root.resolve("logs/console.txt"), console.toByteArray());
        phase("shut-down and read-back");
        System.out.printf(
                "SystemCanaryITCase: the run took %.1f s%n", (System.nanoTime() - t0) / 1e9);

        // --- the canaries did reach the system (else the scan proves nothing) ---
        assertThat(inputs.get(config.kafka().topics().signals()))
                .as("the canary posts were delivered to the input topic")
                .anySatisfy(r -> assertThat(utf8(r.value())).contains(NAME_1, EMAIL, HANDLE));
        CanaryScanner control = new CanaryScanner(NEEDLES);
        inputs.values().stream().flatMap(List::stream).forEach(r -> control.scan("in", r.value()));
        assertThat(control.findings())
                .as("the scanner sees the canaries in the input")
                .isNotEmpty();
        assertThat(outputs.get(config.kafka().topics().alerts())).isNotEmpty();
        assertThat(outputs.get(config.kafka().topics().early()))
                .as("early (provisional) indicators are scanned too")
                .isNotEmpty();
        assertThat(mails).as("mails sent").isNotEmpty();
        assertThat(webhookBodies).as("webhook posts").isNotEmpty();
        assertThat(httpBodies).as("dashboard responses").hasSizeGreaterThan(8);
        assertThat(Files.readString(logFile))
                .as("the log capture works")
                .contains("org.apache.flink", "org.apache.kafka");
        assertThat(listFiles(root.resolve("flink/checkpoints")))
                .as("checkpoint files on disk")
                .anyMatch(p -> p.getFileName().toString().equals("_metadata"))
                .hasSizeGreaterThan(2);
        assertThat(listFiles(root.resolve("flink/savepoints"))).as("savepoint files").isNotEmpty();

        // --- the scan ---
        for (Map.Entry<String, List<ConsumerRecord<byte[], byte[]>>> e : outputs.entrySet()) {
            for (ConsumerRecord<byte[], byte[]> r : e.getValue()) {
                String where = "topic " + e.getKey() + "-" + r.partition() + "@" + r.offset();
                if (r.key() != null) {
                    scanner.scan(where + " key", r.key());
                }
                scanner.scan(where, r.value() == null ? new byte[0] : r.value());
                for (Header h : r.headers()) {
                    scanner.scan(where + " header " + h.key(), h.value());
                }
            }
        }
        for (int i = 0; i < mails.size(); i++) {
            scanner.scan("mail " + i, mails.get(i));
        }
        for (int i = 0; i < webhookBodies.size(); i++) {
            scanner.scan("webhook " + i, webhookBodies.get(i));
        }
        for (int i = 0; i < httpBodies.size(); i++) {
            scanner.scan("dashboard response " + i, httpBodies.get(i));
        }
        Set<String> inputTopics =
                Set.of(
                        config.kafka().topics().signals(),
                        config.kafka().topics().incidents(),
                        config.kafka().topics().p2000());
        int files =
                scanner.scanTree(
                        root,
                        p ->
                                p.startsWith(root.resolve("input-archive"))
                                        || isInputTopicSegment(kafkaDir, p, inputTopics));
        System.out.printf(
                "SystemCanaryITCase: scanned %d files (%d in Flink checkpoints/savepoints, %d in"
                        + " Kafka's data folder; %d input-topic files not scanned), %d output"
                        + " records, %d mails, %d webhook posts, %d dashboard responses; %,d bytes"
                        + " in all%n",
                files,
                listFiles(root.resolve("flink")).size(),
                listFiles(kafkaDir).stream()
                        .filter(f -> !isInputTopicSegment(kafkaDir, f, inputTopics))
                        .count(),
                listFiles(kafkaDir).stream()
                        .filter(f -> isInputTopicSegment(kafkaDir, f, inputTopics))
                        .count(),
                outputs.values().stream().mapToInt(List::size).sum(),
                mails.size(),
                webhookBodies.size(),
                httpBodies.size(),
                scanner.bytesScanned());
        assertThat(scanner.findings()).as("canary bytes written by LVDS").isEmpty();
    }

    private long phaseStart = System.nanoTime();

    /** Prints how long the phase that just ended took. */
    private void phase(String name) {
        long now = System.nanoTime();
        System.out.printf("SystemCanaryITCase: %-35s %6.1f s%n", name, (now - phaseStart) / 1e9);
        phaseStart = now;
    }

    /** The scanner can fail: raw, gzip and framed-Snappy canaries are found. */
    @Test
    void scannerFindsCanariesRawGzippedAndSnappyFramed() throws Exception {
        CanaryScanner s = new CanaryScanner(NEEDLES);
        s.scan(
                "raw",
                ("x " + EMAIL.toUpperCase(java.util.Locale.ROOT) + " y")
                        .getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        gz.write(new byte[] {1, 2, 3});
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write(SENTENCE_NL.getBytes(StandardCharsets.UTF_8));
        }
        s.scan("gz", gz.toByteArray());
        ByteArrayOutputStream sn = new ByteArrayOutputStream();
        sn.write(new byte[] {9, 9});
        try (org.xerial.snappy.SnappyFramedOutputStream o =
                new org.xerial.snappy.SnappyFramedOutputStream(sn)) {
            o.write(
                    ("padding padding padding " + PHONE + " padding padding padding")
                            .repeat(20)
                            .getBytes(StandardCharsets.UTF_8));
        }
        sn.write(new byte[] {7, 7, 7});
        s.scan("snappy", sn.toByteArray());
        assertThat(s.findings())
                .anyMatch(f -> f.startsWith("raw:"))
                .anyMatch(f -> f.startsWith("gz (gzip@3)"))
                .anyMatch(f -> f.startsWith("snappy (snappy@2)"));
        assertThat(
                        CanaryScanner.indexOfIgnoreCase(
                                "abc".getBytes(StandardCharsets.UTF_8),
                                "abcd".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(-1);
    }

    // ------------------------------------------------------------------ input

    /** Produces the input to Kafka and writes the same records as a review archive. */
    private static int produceInput(String bootstrap, LvdsConfig.Topics topics, Path archive)
            throws Exception {
        DayGenerator days = new ArchiveGenerator().dayGenerator(7, 600);
        int bad = 0;
        try (KafkaProducer<byte[], byte[]> p = PipelineCluster.producer(bootstrap)) {
            for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
                DayGenerator.DayBatch batch = days.generate(d);
                List<byte[]> signals = new ArrayList<>();
                List<byte[]> incidents = new ArrayList<>();
                for (Signal s : batch.signals()) {
                    signals.add(LvdsJson.encodeSignal(s));
                }
                for (Incident i : batch.incidents()) {
                    incidents.add(LvdsJson.encodeIncident(i));
                }
                if (d.equals(LocalDate.of(2024, 3, 7))) {
                    signals.addAll(canarySignals());
                    incidents.addAll(canaryIncidents());
                }
                for (byte[] s : signals) {
                    p.send(new ProducerRecord<>(topics.signals(), s));
                }
                for (byte[] i : incidents) {
                    p.send(new ProducerRecord<>(topics.incidents(), i));
                }
                writeGz(
                        archive.resolve("signals/" + d + ".jsonl.gz"),
                        signals,
                        d.equals(LocalDate.of(2024, 3, 7)));
                writeGz(archive.resolve("incidents/" + d + ".jsonl.gz"), incidents, false);
            }
            for (String b : badRecords()) {
                p.send(new ProducerRecord<>(topics.signals(), b.getBytes(StandardCharsets.UTF_8)));
                bad++;
            }
            // P2000 lines with the canary phone and name: the parser keeps type and place only
            for (int part = 0; part < 2; part++) {
                p.send(
                        new ProducerRecord<>(
                                topics.p2000(),
                                part,
                                CANARY_TS + part,
                                null,
                                ("A1 BDH-01 Explosie Schammenkamp Rotterdam 173131 melder "
                                                + NAME_1
                                                + " "
                                                + PHONE)
                                        .getBytes(StandardCharsets.UTF_8)));
            }
            p.flush();
        }
        return bad;
    }

    /** Canary posts in Tarwewijk on the evening of the explosion, with identity fields. */
    static List<byte[]> canarySignals() {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < CANARY_POSTS; i++) {
            String text =
                    (i % 2 == 0 ? SENTENCE_NL : SENTENCE_EN)
                            + " mail "
                            + EMAIL
                            + " bel "
                            + (i % 3 == 0 ? PHONE_INTL : PHONE)
                            + " "
                            + HANDLE
                            + " explosie Schammenkamp";
            String json =
                    "{\"v\":1,\"id\":\"canary-%d\",\"source\":\"social\",\"platform\":\"synthetic\",\"ts\":\"%s\",\"lang\":\"nl\",\"text\":\"%s\",\"area\":\"Tarwewijk\",\"authorKey\":\"%s\",\"author\":\"Wouter %s\",\"user\":\"wkwartel\",\"username\":\"%s\",\"handle\":\"%s\",\"name\":\"Klaartje %s\",\"email\":\"%s\",\"phone\":\"%s\",\"user_id\":\"wkwartel-%d\"}"
                            .formatted(
                                    i,
                                    Instant.ofEpochMilli(CANARY_TS + i * 7_000L),
                                    text,
                                    AUTHOR_KEY + "-" + i,
                                    NAME_2,
                                    HANDLE,
                                    HANDLE,
                                    NAME_1,
                                    EMAIL,
                                    PHONE_INTL,
                                    i);
            out.add(json.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /**
     * Incidents whose summary and location carry the e-mail, phone and handle canaries (public feed
     * text is shown, after PII scrubbing), and identity fields with the names (dropped).
     */
    static List<byte[]> canaryIncidents() {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String json =
                    "{\"v\":1,\"id\":\"inc-canary-%d\",\"feed\":\"municipal\",\"ts\":\"%s\",\"type\":\"threat\",\"severity\":2,\"area\":\"Tarwewijk\",\"location\":\"Schammenkamp, melder %s\",\"summary\":\"Dreiging gemeld via %s en %s, zie %s\",\"reporter\":\"Klaartje %s\",\"name\":\"Wouter %s\",\"email\":\"%s\"}"
                            .formatted(
                                    i,
                                    Instant.ofEpochMilli(CANARY_TS + 60_000L * i),
                                    PHONE,
                                    EMAIL,
                                    PHONE_INTL,
                                    HANDLE,
                                    NAME_1,
                                    NAME_2,
                                    EMAIL);
            out.add(json.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Records the decoder refuses, each carrying a canary; they go to the dead-letter topic. */
    static List<String> badRecords() {
        return List.of(
                "{\"v\":1,\"id\":\"b1\",\"source\":\"social\",\"ts\":\"gisteren\",\"text\":\""
                        + SENTENCE_NL
                        + "\"}",
                "{\"v\":2,\"id\":\"b2\",\"source\":\"social\",\"ts\":\"2024-03-07T18:00:00Z\",\"text\":\""
                        + EMAIL
                        + "\"}",
                "{\"v\":1,\"id\":\"b3\",\"source\":\"social\",\"ts\":\"2024-03-07T18:00:00Z\",\"author\":\""
                        + NAME_2
                        + "\"}",
                "niet eens json " + PHONE + " " + HANDLE + " " + SENTENCE_EN,
                "{\"v\":1,\"id\":\"b5\",\"source\":\"closed-group\",\"ts\":\"2024-03-07T18:00:00Z\",\"text\":\""
                        + SENTENCE_EN
                        + "\"}",
                "{\"v\":1,\"id\":\"b6\",\"source\":\"social\",\"ts\":\"2024-03-07T18:00:00Z\",\"text\":\"\"}",
                "{\"v\":1,\"id\":\""
                        + HANDLE
                        + " "
                        + NAME_1
                        + "\",\"source\":\"social\",\"ts\":12,\"text\":\""
                        + SENTENCE_NL
                        + "\"}");
    }

    private static void writeGz(Path file, List<byte[]> lines, boolean withBad) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
            for (byte[] l : lines) {
                o.write(l);
                o.write('\n');
            }
            if (withBad) {
                for (String b : badRecords()) {
                    o.write(b.getBytes(StandardCharsets.UTF_8));
                    o.write('\n');
                }
            }
        }
    }

    // ------------------------------------------------------------------ dashboard, notifier

    private static DashboardConfig dashboardConfig(Path dir) throws IOException {
        Files.createDirectories(dir);
        String hash = PasswordHasher.hash("canary-pass".toCharArray(), 1_000);
        return new DashboardConfig(
                0,
                "127.0.0.1",
                Path.of("../../config/lvds.yaml").toAbsolutePath(),
                30,
                dir.resolve("state"),
                dir.resolve("state/audit.jsonl"),
                28,
                false,
                null,
                List.of(
                        new DashboardConfig.User("analist", Role.ANALYST, hash),
                        new DashboardConfig.User("beheer", Role.ADMIN, hash)));
    }

    private static Path notifierConfig(
            Path dir, LvdsConfig pipeline, GreenMail smtp, HttpServer hooks) throws IOException {
        Files.createDirectories(dir);
        // the notifier reads the broker and the topics from the pipeline's configuration file
        Files.writeString(dir.resolve("lvds.yaml"), pipeline.toYaml());
        String base = "http://127.0.0.1:" + hooks.getAddress().getPort();
        String yaml =
                """
                pipelineConfig: lvds.yaml
                timeZone: Europe/Amsterdam
                stateDir: %s
                dashboardUrl: http://localhost:8080
                kafka: {groupId: canary-notifier, startFrom: earliest}
                smtp: {host: 127.0.0.1, port: %d, tls: none, from: "LVDS <lvds@example.nl>"}
                webhooks:
                  - {name: generiek, url: "%s/generic", format: generic}
                  - {name: teams, url: "%s/teams", format: teams}
                subscriptions:
                  - name: iedereen
                    email: [adviseur@example.nl]
                    webhooks: [generiek, teams]
                    areas: [all]
                    topics: [all]
                    minLevel: watch
                    delivery: {watch: immediate, warning: immediate, critical: immediate}
                briefing:
                  time: "07:30"
                  recipients: [staf@example.nl]
                  outputDir: %s
                  language: nl
                delivery: {maxAttempts: 2, initialBackoffMs: 1, maxBackoffMs: 5}
                """
                        .formatted(
                                dir.resolve("state"),
                                smtp.getSmtp().getPort(),
                                base,
                                base,
                                dir.resolve("briefings"));
        Path f = dir.resolve("notifier.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    /** Logs in as analyst and admin and calls every read API, the live stream and an ack. */
    private static void browseDashboard(int port, List<String> bodies) throws Exception {
        String base = "http://127.0.0.1:" + port;
        HttpClient http =
                HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        waitFor(
                "dashboard restored",
                Duration.ofSeconds(60),
                () -> get(http, base + "/health", null).body().contains("\"restored\":true"));
        for (String user : List.of("analist", "beheer")) {
            HttpResponse<String> login =
                    http.send(
                            HttpRequest.newBuilder(URI.create(base + "/login"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    "username=" + user + "&password=canary-pass"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            String cookie = setCookie.substring(0, setCookie.indexOf(';'));
            String session = get(http, base + "/api/session", cookie).body();
            bodies.add(session);
            int c = session.indexOf("\"csrf\":\"") + 8;
            String csrf = session.substring(c, session.indexOf('"', c));
            for (String path :
                    List.of(
                            "/",
                            "/api/overview",
                            "/api/alerts",
                            "/api/sources",
                            "/api/audit",
                            "/metrics",
                            "/api/series?area=Tarwewijk&topic=all&window=1h&range=7d",
                            "/api/series?area=Charlois&topic=local-incident&window=24h&range=30d",
                            "/api/series?area=city&topic=all&window=1h&range=7d")) {
                HttpResponse<String> r = get(http, base + path, cookie);
                bodies.add(r.headers().map() + "\n" + r.body());
            }
            String alerts = get(http, base + "/api/alerts", cookie).body();
            int a = alerts.indexOf("\"id\":\"");
            if (a >= 0) {
                String id = alerts.substring(a + 6, alerts.indexOf('"', a + 6));
                bodies.add(get(http, base + "/api/alerts/" + id, cookie).body());
                bodies.add(
                        http.send(
                                        HttpRequest.newBuilder(
                                                        URI.create(
                                                                base
                                                                        + "/api/alerts/"
                                                                        + id
                                                                        + "/ack"))
                                                .header("Cookie", cookie)
                                                .header("X-CSRF-Token", csrf)
                                                .POST(HttpRequest.BodyPublishers.noBody())
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .body());
            }
            bodies.add(sse(base + "/api/events", cookie));
        }
    }

    /** Reads the live stream for two seconds. */
    private static String sse(String url, String cookie) throws Exception {
        java.net.HttpURLConnection c =
                (java.net.HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestProperty("Cookie", cookie);
        c.setRequestProperty("Accept", "text/event-stream");
        c.setReadTimeout(2_000);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long end = System.currentTimeMillis() + 2_000;
        try (InputStream in = c.getInputStream()) {
            byte[] buf = new byte[8192];
            int n;
            while (System.currentTimeMillis() < end && (n = in.read(buf)) > 0) {
                got.write(buf, 0, n);
            }
        } catch (java.net.SocketTimeoutException expected) {
            // the stream stays open
        } finally {
            c.disconnect();
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> get(HttpClient http, String url, String cookie)
            throws IOException, InterruptedException {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    // ------------------------------------------------------------------ Kafka, files, logs

    /** A file of one of the input topics' partition folders in the broker's data folder. */
    private static boolean isInputTopicSegment(Path kafkaDir, Path file, Set<String> inputTopics) {
        if (!file.startsWith(kafkaDir)) {
            return false;
        }
        for (Path p = file.getParent(); p != null && p.startsWith(kafkaDir); p = p.getParent()) {
            String name = p.getFileName().toString();
            for (String t : inputTopics) {
                if (name.matches(java.util.regex.Pattern.quote(t) + "-\\d+(\\..*)?")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int latestCheckpoint(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir, 2)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("chk-\\d+"))
                    .mapToInt(n -> Integer.parseInt(n.substring(4)))
                    .max()
                    .orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    private static List<Path> listFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String isolation) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("isolation.level", isolation);
        p.put("enable.auto.commit", "false");
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    /** Committed records in a topic. */
    private static long count(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrap, "read_committed")) {
            List<TopicPartition> parts = partitions(c, topic);
            return c.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum()
                    - c.beginningOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Every record, aborted transactions included (read_uncommitted). */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrap, "read_uncommitted")) {
            List<TopicPartition> parts = partitions(c, topic);
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline
                    && parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> c, String topic) {
        return c.partitionsFor(topic).stream()
                .map(i -> new TopicPartition(topic, i.partition()))
                .toList();
    }

    /**
     * Sends every log event of the run to {@code file}: everything at INFO and up, LVDS's own
     * loggers at TRACE. The console keeps its usual WARN level.
     */
    private static Runnable captureLogs(Path file) {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        org.apache.logging.log4j.core.config.Configuration cfg = ctx.getConfiguration();
        Appender appender =
                FileAppender.newBuilder()
                        .setName("canary-capture")
                        .withFileName(file.toString())
                        .setLayout(
                                PatternLayout.newBuilder()
                                        .withPattern("%d %-5p [%t] %c - %m%n%throwable")
                                        .withConfiguration(cfg)
                                        .build())
                        .setConfiguration(cfg)
                        .build();
        appender.start();
        cfg.addAppender(appender);
        LoggerConfig rootLogger = cfg.getRootLogger();
        Level rootLevel = rootLogger.getLevel();
        Map<String, Appender> rootAppenders = new HashMap<>(rootLogger.getAppenders());
        for (Map.Entry<String, Appender> e : rootAppenders.entrySet()) {
            rootLogger.removeAppender(e.getKey());
            rootLogger.addAppender(e.getValue(), rootLevel, null);
        }
        rootLogger.setLevel(Level.INFO);
        rootLogger.addAppender(appender, Level.ALL, null);
        // existing named loggers (e.g. Kafka's at ERROR) also go to the file, at INFO at least
        Map<String, Level> levels = new HashMap<>();
        for (LoggerConfig lc : cfg.getLoggers().values()) {
            if (lc != rootLogger) {
                levels.put(lc.getName(), lc.getLevel());
                lc.setLevel(Level.INFO);
                lc.addAppender(appender, Level.ALL, null);
            }
        }
        LoggerConfig lvds = new LoggerConfig("nl.lvds", Level.TRACE, true);
        cfg.addLogger("nl.lvds", lvds);
        ctx.updateLoggers();
        return () -> {
            cfg.removeLogger("nl.lvds");
            for (LoggerConfig lc : cfg.getLoggers().values()) {
                lc.removeAppender("canary-capture");
                if (levels.containsKey(lc.getName())) {
                    lc.setLevel(levels.get(lc.getName()));
                }
            }
            rootLogger.setLevel(rootLevel);
            ctx.updateLoggers();
            appender.stop();
        };
    }

    private static String utf8(byte[] b) {
        return b == null ? "" : new String(b, StandardCharsets.UTF_8);
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(String what, Duration timeout, Check check) throws Exception {
        waitFor(() -> what, timeout, check);
    }

    private interface What {
        String describe() throws Exception;
    }

    private static void waitFor(What what, Duration timeout, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.ok()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("timed out waiting for " + what.describe());
    }

    /** Writes to two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws IOException {
            a.write(x);
            synchronized (b) {
                b.write(x);
            }
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            synchronized (b) {
                b.write(buf, off, len);
            }
        }
    }
}
