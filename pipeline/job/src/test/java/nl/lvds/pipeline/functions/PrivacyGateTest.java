package nl.lvds.pipeline.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import nl.lvds.models.event.Signal;
import org.apache.flink.streaming.api.operators.StreamFlatMap;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class PrivacyGateTest {

    static Signal signal(String platform, String text) {
        return new Signal(
                1, "s-1", "social", platform, 1_709_829_300_000L, "nl", text, null, "ak-1");
    }

    private static List<Signal> run(PrivacyGate gate, Signal... in) throws Exception {
        try (OneInputStreamOperatorTestHarness<Signal, Signal> h =
                new OneInputStreamOperatorTestHarness<>(new StreamFlatMap<>(gate))) {
            h.open();
            for (Signal s : in) {
                h.processElement(s, s.ts());
            }
            return h.extractOutputValues();
        }
    }

    @Test
    void shouldScrubPiiBeforeAnythingElse() throws Exception {
        List<Signal> out =
                run(
                        PrivacyGate.open(),
                        signal("x", "Bel 06-12345678 of mail piet@example.nl, vraag @pietje"));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).text())
                .doesNotContain("12345678", "piet@example.nl", "@pietje")
                .contains("<phone>", "<email>", "<handle>");
        assertThat(out.get(0).authorKey()).isEqualTo("ak-1");
    }

    @Test
    void shouldDropUndeclaredPlatforms() throws Exception {
        List<Signal> out =
                run(
                        new PrivacyGate(Set.of("synthetic", "public-forum"), Set.of("forum")),
                        signal("synthetic", "hallo"),
                        signal("closed-group", "geheim"),
                        signal(null, "zonder platform, type social"));
        assertThat(out).extracting(Signal::platform).containsExactly("synthetic");
    }

    @Test
    void shouldLetInSignalsWithoutPlatformWhenTheirTypeIsDeclared() throws Exception {
        List<Signal> out =
                run(new PrivacyGate(Set.of("x"), Set.of("social")), signal(null, "type social"));
        assertThat(out).hasSize(1);
    }
}
