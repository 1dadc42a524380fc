package nl.lvds.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import nl.lvds.broker.EmbeddedKafka;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.models.rules.RuleSetChange;
import nl.lvds.models.rules.RuleSetCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lvds rules publish / show} against a real in-process Kafka broker. */
class RulesCommandITCase {

    private static final String HASH =
            "pbkdf2-sha256$600000$vabLIj2tACxulD9ycXuGEQ$N2CxIciUq5dyBtHqtqsvIgzsonPeQzLjdCzgTIg9YKM";
    private static final Instant LATEST_END = Instant.parse("2024-03-07T18:00:00Z");

    static EmbeddedKafka kafka;

    @TempDir static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(List.of("lvds.rules"), 1);
        kafka.createTopics(List.of("lvds.indicators"), 2);
    }

    @AfterAll
    static void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new LvdsCli());
        CommandLine rules = cli.getSubcommands().get("rules");
        for (String sub : List.of("show", "publish")) {
            RulesCommand.Common c = rules.getSubcommands().get(sub).getCommand();
            c.out = new PrintStream(out, true, StandardCharsets.UTF_8);
            c.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        }
        int exit = cli.execute(args);
        return new Run(
                exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path config() {
        return Path.of(System.getProperty("lvds.home", "../.."))
                .resolve("config/lvds.yaml")
                .toAbsolutePath()
                .normalize();
    }

    private static Path dashboardConfig() throws Exception {
        Path file = tmp.resolve("dashboard.yaml");
        if (!Files.exists(file)) {
            Files.writeString(
                    file,
                    "stateDir: "
                            + tmp.resolve("state")
                            + "\nauditLog: "
                            + tmp.resolve("audit.jsonl")
                            + "\nusers:\n"
                            + "  - {name: beheer, role: admin, passwordHash: '"
                            + HASH
                            + "'}\n"
                            + "  - {name: analist, role: analyst, passwordHash: '"
                            + HASH
                            + "'}\n");
        }
        return file;
    }

    private static Path rulesFile(String name, String yaml) throws Exception {
        return Files.writeString(tmp.resolve(name), yaml);
    }

    private static String[] publish(Path file, String by, String... extra) throws Exception {
        List<String> a =
                new ArrayList<>(
                        List.of(
                                "rules",
                                "publish",
                                "--config",
                                config().toString(),
                                "--bootstrap",
                                kafka.bootstrapServers(),
                                "--dashboard-config",
                                dashboardConfig().toString(),
                                "--file",
                                file.toString(),
                                "--by",
                                by,
                                "--reason",
                                "Hostility watch raised after the November review"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    private static List<ConsumerRecord<byte[], byte[]>> rulesRecords() {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition("lvds.rules", 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (c.position(tp) < end && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    private static List<String> auditLines() throws Exception {
        Path log = tmp.resolve("audit.jsonl");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private static void produceIndicator(Instant end) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            TensionIndicator t =
                    new TensionIndicator(
                            1,
                            "Tarwewijk",
                            "Charlois",
                            "all",
                            end.toEpochMilli() - 3_600_000L,
                            end.toEpochMilli(),
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            10.0,
                            2.0,
                            null,
                            0,
                            true,
                            "m1");
            producer.send(new ProducerRecord<>("lvds.indicators", LvdsJson.encodeIndicator(t)));
            producer.flush();
        }
    }

    @Test
    void shouldPublishValidateAuditAndShow() throws Exception {
        produceIndicator(LATEST_END.minusSeconds(3600));
        produceIndicator(LATEST_END);
        Path raised =
                rulesFile(
                        "raised.yaml",
                        """
                        # the config's hostile-stories rule with a higher watch level
                        alerts:
                          cooldownHours: 6
                          rules:
                            - id: hostile-stories
                              type: hostile-stories
                              minSignals: 10
                              thresholds: {watch: 3.0, warning: 4.0, critical: 7.0}
                              criticalMinSourceTypes: 2
                              cooldownHours: 0
                        """);

        // 1. a dry run publishes and audit-logs nothing
        Run dry = run(publish(raised, "beheer", "--dry-run"));
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("Dry run").contains("2024-03-07T18:15:00Z");
        assertThat(rulesRecords()).isEmpty();
        assertThat(auditLines()).isEmpty();

        // 2. publish: version 1, the next window after the latest indicator
        Run first = run(publish(raised, "beheer"));
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("Published version 1")
                .contains(
                        "removed [volume, serious-incident, coordinated]; changed [hostile-stories]");
        List<ConsumerRecord<byte[], byte[]>> records = rulesRecords();
        assertThat(records).hasSize(1);
        assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8))
                .isEqualTo(RuleSetCodec.KAFKA_KEY);
        RuleSetChange change = RuleSetCodec.read(records.get(0).value());
        assertThat(change.version()).isOne();
        assertThat(Instant.ofEpochMilli(change.effectiveFrom()))
                .isEqualTo(LATEST_END.plus(Duration.ofMinutes(15)));
        assertThat(change.changedBy()).isEqualTo("beheer");
        assertThat(change.rules())
                .singleElement()
                .satisfies(r -> assertThat(r.thresholds().watch()).isEqualTo(3.0));
        assertThat(change.rulesSha256())
                .isEqualTo(
                        RuleSetCodec.sha256(
                                LvdsConfig.parseAlerts(Files.readString(raised), 6, "x")));

        List<String> audit = auditLines();
        assertThat(audit).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(audit.get(0));
        assertThat(line.get("user").asText()).isEqualTo("beheer");
        assertThat(line.get("role").asText()).isEqualTo("admin");
        assertThat(line.get("action").asText()).isEqualTo("rules-publish");
        assertThat(line.get("path").asText()).isEqualTo("lvds.rules");
        assertThat(line.get("filter").get("version").asText()).isEqualTo("1");
        assertThat(line.get("filter").get("rulesSha256").asText()).isEqualTo(change.rulesSha256());
        assertThat(line.get("filter").get("effectiveFrom").asText())
                .isEqualTo("2024-03-07T18:15:00Z");
        assertThat(line.get("filter").get("offset").asText()).isEqualTo("0");

        // 3. refused: the past, an off-boundary time, a bad rule file, a wrong account
        Run past = run(publish(raised, "beheer", "--effective-from", "2024-03-07T18:00:00Z"));
        assertThat(past.exit()).isEqualTo(2);
        assertThat(past.err())
                .contains("not after the latest published window end 2024-03-07T18:00:00Z")
                .contains("earliest possible is 2024-03-07T18:15:00Z");
        Run offBoundary =
                run(publish(raised, "beheer", "--effective-from", "2024-03-08T10:07:00+01:00"));
        assertThat(offBoundary.err())
                .contains(
                        "15-minute window boundary, e.g. 2024-03-08T09:00:00Z or 2024-03-08T09:15:00Z");
        Path bad =
                rulesFile(
                        "bad.yaml",
                        "rules:\n  - {id: h, type: spyke, minSignals: 5, thresholds: {watch: 1}}\n");
        Run badRun = run(publish(bad, "beheer"));
        assertThat(badRun.exit()).isEqualTo(2);
        assertThat(badRun.err()).contains("unknown rule type 'spyke'").contains("rules[0].type");
        Path decreasing =
                rulesFile(
                        "decreasing.yaml",
                        "rules:\n  - {id: h, type: hostility, minSignals: 5,"
                                + " thresholds: {watch: 0.5, warning: 0.3}}\n");
        assertThat(run(publish(decreasing, "beheer")).err()).contains("levels must not decrease");
        assertThat(run(publish(raised, "analist")).err()).contains("role analyst");
        assertThat(run(publish(raised, "jansen")).err())
                .contains("not an account")
                .contains("beheer, analist");
        assertThat(rulesRecords()).hasSize(1);
        assertThat(auditLines()).hasSize(1);

        // 4. an explicit effectiveFrom, version 2
        Run second =
                run(
                        publish(
                                rulesFile(
                                        "defaults.yaml",
                                        "rules:\n"
                                                + "  - {id: hostility, type: hostility,"
                                                + " minSignals: 20, thresholds: {watch: 0.25,"
                                                + " warning: 0.35, critical: 0.5}}\n"),
                                "beheer",
                                "--effective-from",
                                "2024-03-08T01:00:00+01:00"));
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(rulesRecords()).hasSize(2);
        RuleSetChange v2 = RuleSetCodec.read(rulesRecords().get(1).value());
        assertThat(v2.version()).isEqualTo(2);
        assertThat(Instant.ofEpochMilli(v2.effectiveFrom()))
                .isEqualTo(Instant.parse("2024-03-08T00:00:00Z"));
        assertThat(auditLines()).hasSize(2);

        // 5. show: config rules and the latest change
        Run show =
                run(
                        "rules",
                        "show",
                        "--config",
                        config().toString(),
                        "--bootstrap",
                        kafka.bootstrapServers());
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out())
                .contains("hostile-stories")
                .contains("Latest change on lvds.rules: version 2 (2 valid change(s)")
                .contains("2024-03-08T00:00:00Z")
                .contains("beheer");
    }

    @Test
    void shouldSayClearlyWhenKafkaCannotBeReached() throws Exception {
        Path file =
                rulesFile(
                        "ok.yaml",
                        "rules:\n  - {id: h, type: hostility, minSignals: 5,"
                                + " thresholds: {watch: 0.5}}\n");
        String[] args = publish(file, "beheer", "--timeout", "PT2S");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--bootstrap")) {
                args[i + 1] = "127.0.0.1:" + EmbeddedKafka.freePort();
            }
        }
        Run r = run(args);
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("did not answer within 2 s");
    }
}
