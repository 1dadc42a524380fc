package nl.lvds.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nl.lvds.connectors.deadletter.DeadLetter;
import nl.lvds.connectors.deadletter.DeadLetters;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.config.AlertRule;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.Signal;
import nl.lvds.models.rules.RuleSetChange;
import nl.lvds.models.rules.RuleSetCodec;
import nl.lvds.pipeline.functions.TensionIndexFormula;
import nl.lvds.pipeline.generate.ArchiveGenerator;
import nl.lvds.pipeline.generate.DayGenerator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rule-set change on a real rules topic, read by the live topology on a MiniCluster: the alerts
 * of windows ending before its effectiveFrom come from the config's rules, those from its
 * effectiveFrom on from the new rules, and a bad rules record is dead-lettered without stopping
 * anything.
 *
 * <p>The change is on the topic before the job starts (the sources are bounded so the test ends);
 * "mid-stream" is in event time: effectiveFrom lies in the middle of the alerts that the generated
 * Schammenkamp event (explosion 7 March 2024 17:31 local) raises in this data. The new rules are
 * the config's rules under new ids ({@code <id>-v2}), so every alert names the rule set that raised
 * it.
 */
class RulesChangeITCase {

    @RegisterExtension static final PipelineCluster CLUSTER = new PipelineCluster();

    /**
     * Just after the first flags of the Schammenkamp explosion (16:31Z on 7 March, first flagged in
     * the window ending 16:45Z): the group it raises is raised under the config's rules, and the
     * cells flagged later, under the changed rules, join it.
     */
    static final Instant EFFECTIVE = Instant.parse("2024-03-07T17:00:00Z");

    private static LvdsConfig.Alerts renamed(LvdsConfig.Alerts config) {
        List<AlertRule> rules = new ArrayList<>();
        for (AlertRule r : config.rules()) {
            rules.add(
                    new AlertRule(
                            r.id() + "-v2",
                            r.type(),
                            r.enabled(),
                            r.description(),
                            r.window(),
                            r.topics(),
                            r.areaLevels(),
                            r.minSignals(),
                            r.thresholds(),
                            r.criticalMinSourceTypes(),
                            r.cooldownHours(),
                            r.minSeverity(),
                            r.withinHours(),
                            r.baselineLookbackHours(),
                            r.zScoreThresholds()));
        }
        return new LvdsConfig.Alerts(config.cooldownHours(), rules);
    }

    @Test
    void shouldApplyAPublishedChangeFromItsEffectiveWindowOn() throws Exception {
        PipelineCluster.Topics t = CLUSTER.topics(PipelineCluster.LIVE_TOPICS);
        String signals = t.get("signals");
        String incidents = t.get("incidents");
        String rules = t.get("rules");

        LvdsConfig cfg = LvdsConfig.defaults();
        DayGenerator days = new ArchiveGenerator().dayGenerator(11, 1_000);
        try (KafkaProducer<byte[], byte[]> p = CLUSTER.producer()) {
            // a bad record first: dead-lettered, the rules in force stay
            String bad =
                    new String(
                                    RuleSetCodec.encode(
                                            RuleSetChange.of(
                                                    1,
                                                    EFFECTIVE.toEpochMilli(),
                                                    0L,
                                                    "beheer",
                                                    "typo in the type",
                                                    cfg.alerts())),
                                    StandardCharsets.UTF_8)
                            .replace("\"type\":\"volume\"", "\"type\":\"spyke\"");
            p.send(new ProducerRecord<>(rules, bad.getBytes(StandardCharsets.UTF_8)));
            p.send(
                    new ProducerRecord<>(
                            rules,
                            RuleSetCodec.encode(
                                    RuleSetChange.of(
                                            1,
                                            EFFECTIVE.toEpochMilli(),
                                            0L,
                                            "beheer",
                                            "rules renamed to tell them apart",
                                            renamed(cfg.alerts())))));
            for (LocalDate d = LocalDate.of(2024, 3, 1);
                    !d.isAfter(LocalDate.of(2024, 3, 8));
                    d = d.plusDays(1)) {
                DayGenerator.DayBatch batch = days.generate(d);
                for (Signal s : batch.signals()) {
                    p.send(new ProducerRecord<>(signals, LvdsJson.encodeSignal(s)));
                }
                for (Incident i : batch.incidents()) {
                    p.send(new ProducerRecord<>(incidents, LvdsJson.encodeIncident(i)));
                }
            }
            p.flush();
        }

        TensionTopology.Settings settings =
                new TensionTopology.Settings(
                        10,
                        Duration.ofSeconds(60),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(5),
                        TensionIndexFormula.DEFAULT,
                        3, // days of history: the data starts on 1 March
                        3,
                        Set.of("synthetic"),
                        Set.of(),
                        cfg.alerts());
        StreamExecutionEnvironment env = CLUSTER.environment();
        CLUSTER.liveTopology(settings, t).addTo(env);
        long t0 = System.nanoTime();
        env.execute("rules-change-it");
        double seconds = (System.nanoTime() - t0) / 1e9;

        List<Alert> raised = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : CLUSTER.readCommitted(t.get("alerts"))) {
            raised.add(LvdsJson.decodeAlert(r.value()).orThrow());
        }
        long effective = EFFECTIVE.toEpochMilli();
        List<Alert> before = raised.stream().filter(a -> a.raisedAt() < effective).toList();
        List<Alert> after = raised.stream().filter(a -> a.raisedAt() >= effective).toList();
        System.out.printf(
                "RulesChangeITCase: job %.1f s; %d alert records before %s (config rules), %d from"
                        + " it (version 1)%n",
                seconds, before.size(), EFFECTIVE, after.size());
        raised.forEach(
                a ->
                        System.out.printf(
                                "RulesChangeITCase:   %s %s %s %s|%s %s cells %s%n",
                                Instant.ofEpochMilli(a.raisedAt()),
                                a.id().substring(0, 8),
                                a.status(),
                                a.area(),
                                a.topic(),
                                a.level(),
                                a.cells().stream().map(c -> c.area() + ":" + c.rule()).toList()));

        // flags before the change come from the config's rules; flags after it, from version 1
        assertThat(before)
                .isNotEmpty()
                .allSatisfy(
                        a ->
                                assertThat(a.cells())
                                        .noneSatisfy(c -> assertThat(c.rule()).endsWith("-v2")));
        assertThat(after)
                .isNotEmpty()
                .anySatisfy(
                        a ->
                                assertThat(a.cells())
                                        .anySatisfy(c -> assertThat(c.rule()).endsWith("-v2")));

        List<DeadLetter> letters = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : CLUSTER.readCommitted(t.get("deadletters"))) {
            letters.add(DeadLetters.decode(r.value()));
        }
        assertThat(letters)
                .filteredOn(d -> DeadLetter.RULES.equals(d.contract()))
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.reason()).isEqualTo("bad_value");
                            assertThat(d.field()).isEqualTo("rules");
                            assertThat(d.offset()).isZero();
                        });
    }
}
