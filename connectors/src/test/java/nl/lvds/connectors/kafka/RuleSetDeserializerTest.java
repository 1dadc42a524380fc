package nl.lvds.connectors.kafka;

import static nl.lvds.connectors.kafka.DeserializersTest.record;
import static nl.lvds.connectors.kafka.DeserializersTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import nl.lvds.connectors.deadletter.DeadLetter;
import nl.lvds.connectors.deadletter.RouteDeadLetters;
import nl.lvds.connectors.inbound.InboundRuleSet;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.rules.RuleSetChange;
import nl.lvds.models.rules.RuleSetCodec;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class RuleSetDeserializerTest {

    private static final String REASON = "canary reason: drempels omhoog";

    static String validChange() {
        return new String(
                RuleSetCodec.encode(
                        RuleSetChange.of(
                                1,
                                Instant.parse("2024-03-07T18:00:00Z").toEpochMilli(),
                                0L,
                                "beheer",
                                REASON,
                                LvdsConfig.defaults().alerts())),
                StandardCharsets.UTF_8);
    }

    @Test
    void shouldDecodeAValidChange() throws Exception {
        List<InboundRuleSet> out = run(JsonDeserializer.rules(), record(validChange(), 0, 3));

        assertThat(out).singleElement().satisfies(i -> assertThat(i.change().version()).isOne());
    }

    @Test
    void shouldDeadLetterAnUnknownRuleTypeWithoutQuotingTheReason() throws Exception {
        String bad = validChange().replace("\"type\":\"hostile-stories\"", "\"type\":\"spyke\"");

        List<InboundRuleSet> out = run(JsonDeserializer.rules(), record(bad, 0, 4));

        DeadLetter dead = out.get(0).deadLetter();
        assertThat(dead.reason()).isEqualTo("bad_value");
        assertThat(dead.field()).isEqualTo("rules");
        assertThat(dead.contract()).isEqualTo(DeadLetter.RULES);
        assertThat(dead.offset()).isEqualTo(4);
        assertThat(dead.excerpt()).doesNotContain("canary");
    }

    @Test
    void shouldRouteChangesAndDeadLetters() throws Exception {
        var router = RouteDeadLetters.rules();
        try (var harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(router))) {
            harness.open();
            harness.processElement(
                    run(JsonDeserializer.rules(), record(validChange(), 0, 1)).get(0), 0L);
            harness.processElement(
                    run(JsonDeserializer.rules(), record("{\"v\":1}", 0, 2)).get(0), 0L);

            assertThat(harness.extractOutputValues())
                    .singleElement()
                    .satisfies(c -> assertThat(c.changedBy()).isEqualTo("beheer"));
            assertThat(harness.getSideOutput(RouteDeadLetters.DEAD_LETTERS)).hasSize(1);
            assertThat(router.deadLetterCount("missing_field")).isOne();
        }
    }
}
