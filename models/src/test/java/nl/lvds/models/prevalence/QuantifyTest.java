package nl.lvds.models.prevalence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuantifyTest {

    @Test
    void twoClassSolveShouldInvertKnownRates() {
        double[][] m = {{0.95, 0.05}, {0.10, 0.90}};
        // 30% positives: 0.7 * 0.05 + 0.3 * 0.90 = 0.305 called positive
        double[] pi = Quantify.solve(m, new double[] {0.695, 0.305});
        assertThat(pi[1]).isCloseTo(0.30, within(1e-9));
        assertThat(pi[0]).isCloseTo(0.70, within(1e-9));
    }

    @Test
    void twoClassSolveShouldClipBelowTheFalsePositiveRate() {
        double[][] m = {{0.95, 0.05}, {0.10, 0.90}};
        assertThat(Quantify.solve(m, new double[] {0.97, 0.03})[1]).isZero();
        assertThat(Quantify.solve(m, new double[] {0.02, 0.98})[1]).isEqualTo(1.0);
    }

    @Test
    void threeClassSolveShouldInvertAKnownConfusion() {
        double[][] m = {{0.80, 0.15, 0.05}, {0.20, 0.70, 0.10}, {0.05, 0.10, 0.85}};
        double[] truth = {0.5, 0.3, 0.2};
        double[] q = new double[3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                q[j] += truth[i] * m[i][j];
            }
        }
        double[] pi = Quantify.solve(m, q);
        for (int i = 0; i < 3; i++) {
            assertThat(pi[i]).isCloseTo(truth[i], within(1e-9));
        }
    }

    @Test
    void threeClassSolveShouldStayOnTheSimplexWhenNoExactSolutionDoes() {
        double[][] m = {{0.80, 0.15, 0.05}, {0.20, 0.70, 0.10}, {0.05, 0.10, 0.85}};
        // fewer hostile calls than calm and uneasy posts alone would produce
        double[] q = {0.70, 0.29, 0.01};
        assertThat(Quantify.exact(m, q)).isNull();
        double[] pi = Quantify.solve(m, q);
        assertThat(pi[0] + pi[1] + pi[2]).isCloseTo(1.0, within(1e-9));
        assertThat(Math.min(pi[0], Math.min(pi[1], pi[2]))).isGreaterThanOrEqualTo(0);
        assertThat(pi[2]).isCloseTo(0.0, within(1e-3));
        // and it fits better (in KL) than a nearby point with some hostile share
        assertThat(kl(q, image(m, pi))).isLessThan(kl(q, image(m, new double[] {0.6, 0.35, 0.05})));
    }

    @Test
    void sldShouldRecoverAShiftedPriorFromCalibratedPosteriors() {
        // two Gaussian classes N(-1,1) and N(1,1); posteriors calibrated under a 50/50 prior
        SplittableRandom r = new SplittableRandom(4);
        int n = 20_000;
        double[][] p = new double[n][];
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            boolean pos = r.nextDouble() < 0.2;
            double x = (pos ? 1 : -1) + r.nextGaussian();
            double p1 = 1 / (1 + Math.exp(-2 * x));
            p[i] = new double[] {1 - p1, p1};
            rows[i] = i;
        }
        double[] pi = Quantify.sld(p, rows, new double[] {0.5, 0.5});
        assertThat(pi[1]).isCloseTo(0.2, within(0.015));
    }

    @Test
    void dirichletDrawsShouldHaveTheRightMean() {
        SplittableRandom r = new SplittableRandom(5);
        double[] alpha = {0.5, 3, 6.5};
        double[] sum = new double[3];
        for (int i = 0; i < 20_000; i++) {
            double[] d = Quantify.dirichlet(alpha, r);
            for (int j = 0; j < 3; j++) {
                sum[j] += d[j];
            }
        }
        assertThat(sum[0] / 20_000).isCloseTo(0.05, within(0.005));
        assertThat(sum[1] / 20_000).isCloseTo(0.30, within(0.01));
        assertThat(sum[2] / 20_000).isCloseTo(0.65, within(0.01));
    }

    private static double[] image(double[][] m, double[] pi) {
        double[] q = new double[pi.length];
        for (int i = 0; i < pi.length; i++) {
            for (int j = 0; j < pi.length; j++) {
                q[j] += pi[i] * m[i][j];
            }
        }
        return q;
    }

    private static double kl(double[] q, double[] p) {
        double s = 0;
        for (int j = 0; j < q.length; j++) {
            if (q[j] > 0) {
                s += q[j] * Math.log(q[j] / p[j]);
            }
        }
        return s;
    }
}
