package nl.lvds.models.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void plattShouldRecoverAKnownLogisticRelation() {
        SplittableRandom r = new SplittableRandom(1);
        int n = 20_000;
        double[] z = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            z[i] = r.nextDouble(-4, 4);
            y[i] = r.nextDouble() < Calibration.sigmoid(0.5 * z[i] - 1.0);
        }
        double[] ab = Calibration.platt(z, y);
        assertThat(ab[0]).isCloseTo(0.5, within(0.05));
        assertThat(ab[1]).isCloseTo(-1.0, within(0.08));
    }

    @Test
    void temperatureShouldSoftenOverconfidentScores() {
        // scores that are right 70% of the time but claim ~99.9%: the fitted temperature must be >
        // 1
        SplittableRandom r = new SplittableRandom(2);
        double[][] s = new double[3000][3];
        int[] y = new int[3000];
        for (int i = 0; i < s.length; i++) {
            y[i] = r.nextInt(3);
            int predicted = r.nextDouble() < 0.7 ? y[i] : (y[i] + 1) % 3;
            s[i][predicted] = 7.0;
        }
        assertThat(Calibration.temperature(s, y)).isGreaterThan(2.0);
    }

    @Test
    void aucShouldBeOneForPerfectRankingAndHalfForTies() {
        assertThat(
                        Metrics.auc(
                                new double[] {0.1, 0.2, 0.8, 0.9},
                                new boolean[] {false, false, true, true}))
                .isEqualTo(1.0);
        assertThat(
                        Metrics.auc(
                                new double[] {0.5, 0.5, 0.5, 0.5},
                                new boolean[] {false, true, false, true}))
                .isEqualTo(0.5);
        assertThat(Metrics.auc(new double[] {0.9, 0.1}, new boolean[] {false, true}))
                .isEqualTo(0.0);
    }

    @Test
    void tensionDecisionShouldFavourHostileAboveItsThreshold() {
        assertThat(TensionDecision.decide(new double[] {0.4, 0.25, 0.35}, 0.3)).isEqualTo(2);
        assertThat(TensionDecision.decide(new double[] {0.4, 0.35, 0.25}, 0.3)).isEqualTo(0);
        assertThat(TensionDecision.decide(new double[] {0.3, 0.45, 0.25}, 0.3)).isEqualTo(1);
    }
}
