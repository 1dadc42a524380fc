package nl.lvds.pipeline.functions;

import static org.assertj.core.api.Assertions.assertThat;

import nl.lvds.models.event.ClassifiedSignal;
import nl.lvds.models.event.Signal;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ClassifyFunctionTest {

    @Test
    void shouldClassifyAndCarryNoText() throws Exception {
        Signal s =
                new Signal(
                        1,
                        "s-9",
                        "social",
                        "synthetic",
                        1_709_829_300_000L,
                        null,
                        "Weer een explosie bij een voordeur aan de Schammenkamp, ik ben er klaar mee",
                        null,
                        "ak-3");
        try (OneInputStreamOperatorTestHarness<Signal, ClassifiedSignal> h =
                new OneInputStreamOperatorTestHarness<>(new StreamMap<>(new ClassifyFunction()))) {
            h.open();
            h.processElement(s, s.ts());
            ClassifiedSignal c = h.extractOutputValues().get(0);
            assertThat(c.id()).isEqualTo("s-9");
            assertThat(c.ts()).isEqualTo(s.ts());
            assertThat(c.topics()).contains("local-incident");
            assertThat(c.area()).isEqualTo("Tarwewijk");
            assertThat(c.district()).isEqualTo("Charlois");
            assertThat(c.synthetic()).isTrue();
            assertThat(c.topicScores()).hasSize(6);
            assertThat(c.tensionScores()).hasSize(3);
            // no field of the classified record holds the text
            assertThat(c.toString()).doesNotContain("voordeur aan de Schammenkamp", "klaar mee");
        }
    }

    @Test
    void shouldUseTheUpstreamAreaHintWhenTheTextHasNone() {
        Signal s =
                new Signal(
                        1,
                        "s-1",
                        "forum",
                        null,
                        0L,
                        "nl",
                        "Het is hier onrustig vanavond",
                        "Spangen",
                        null);
        ClassifiedSignal c = ClassifyFunction.classify(ClassifyFunction.sharedClassifier(), s);
        assertThat(c.area()).isEqualTo("Spangen");
        assertThat(c.district()).isEqualTo("Delfshaven");
        assertThat(c.synthetic()).isFalse();
    }
}
