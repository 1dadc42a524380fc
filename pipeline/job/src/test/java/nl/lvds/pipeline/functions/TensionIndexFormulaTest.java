package nl.lvds.pipeline.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TensionIndexFormulaTest {

    private final TensionIndexFormula f = TensionIndexFormula.DEFAULT;

    @Test
    void shouldScoreTheDocumentedExamples() {
        assertThat(f.index(100, 25, 10, 0.0)).isEqualTo(10.0); // ordinary calm cell
        assertThat(f.index(100, 0, 100, 0.0)).isEqualTo(50.0); // all hostile, normal volume
        assertThat(f.index(100, 40, 40, 5.0)).isEqualTo(53.4); // a spike
        assertThat(f.index(100, 0, 100, 1e9)).isEqualTo(80.0); // hostile and extreme volume
        assertThat(f.index(10, 0, 0, null)).isEqualTo(0.0);
    }

    @Test
    void shouldComputeTheFormulaFromItsWeights() {
        TensionIndexFormula g = new TensionIndexFormula(2, 1, 1);
        double expected = 100 * (2 * 0.3 + 1 * 0.2 + 1 * Math.tanh(3.0 / 4)) / 4;
        assertThat(g.index(50, 10, 15, 3.0)).isCloseTo(expected, within(0.05));
    }

    @Test
    void shouldOnlyCountAboveNormalVolume() {
        assertThat(TensionIndexFormula.volume(null)).isZero();
        assertThat(TensionIndexFormula.volume(-3.0)).isZero();
        assertThat(TensionIndexFormula.volume(0.0)).isZero();
        assertThat(TensionIndexFormula.volume(2.0)).isCloseTo(0.462, within(0.001));
        assertThat(TensionIndexFormula.volume(4.0)).isCloseTo(0.762, within(0.001));
        assertThat(TensionIndexFormula.volume(8.0)).isCloseTo(0.964, within(0.001));
        // tanh(z/4) == 2*sigmoid(z/2) - 1
        double z = 3.3;
        assertThat(TensionIndexFormula.volume(z))
                .isCloseTo(2 / (1 + Math.exp(-z / 2)) - 1, within(1e-12));
    }

    @Test
    void shouldStayWithinZeroAndHundred() {
        for (int h = 0; h <= 20; h++) {
            for (int u = 0; u + h <= 20; u++) {
                for (double z : new double[] {-10, 0, 1, 5, 50}) {
                    assertThat(f.index(20, u, h, z)).isBetween(0.0, 100.0);
                }
            }
        }
        assertThat(new TensionIndexFormula(0, 0, 1).index(5, 0, 0, 1e9)).isEqualTo(100.0);
    }

    @Test
    void shouldRiseWithHostilityAndWithVolume() {
        assertThat(f.index(100, 10, 30, 1.0)).isGreaterThan(f.index(100, 10, 20, 1.0));
        assertThat(f.index(100, 10, 20, 3.0)).isGreaterThan(f.index(100, 10, 20, 1.0));
    }

    @Test
    void shouldRefuseNegativeOrAllZeroWeights() {
        assertThatThrownBy(() -> new TensionIndexFormula(-1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TensionIndexFormula(0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TensionIndexFormula(Double.NaN, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
