package nl.lvds.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutputDiffTest {

    @Test
    void shouldCountLostAndDuplicatedRecordsAsMultisetsIgnoringOrder() {
        OutputDiff same = OutputDiff.of(List.of("a", "b", "b"), List.of("b", "a", "b"));
        assertThat(same.lost()).isZero();
        assertThat(same.duplicated()).isZero();
        same.assertNothingLostOrDoubled();

        OutputDiff d = OutputDiff.of(List.of("a", "b", "c"), List.of("a", "a", "b", "x"));
        assertThat(d.compared()).isEqualTo(4);
        assertThat(d.lost()).as("c").isEqualTo(1);
        assertThat(d.duplicated()).as("the second a, and x").isEqualTo(2);
        assertThatThrownBy(d::assertNothingLostOrDoubled).hasMessageContaining("lost c");
    }
}
