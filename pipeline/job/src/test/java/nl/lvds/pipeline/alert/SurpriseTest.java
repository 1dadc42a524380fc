package nl.lvds.pipeline.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SurpriseTest {

    @Test
    void shouldGivePoissonTailsWhenTheHistoryIsNotOverdispersed() {
        // P(X >= 3 | Poisson(1)) = 1 - e^-1 (1 + 1 + 1/2) = 0.0803
        assertThat(Surprise.upperTail(3, 1.0, 1.0)).isCloseTo(0.0803014, within(1e-6));
        // P(X >= 10 | Poisson(2)) = 4.650e-5
        assertThat(Surprise.upperTail(10, 2.0, 1.0)).isCloseTo(4.64980e-5, within(1e-9));
    }

    @Test
    void shouldGiveNegativeBinomialTailsWithLargerVarianceThanPoisson() {
        // NB with mean 4, variance 8 (r = 4, p = 0.5): P(X >= 12) = 0.01833 (summed by hand)
        double nb = Surprise.upperTail(12, 4.0, 2.0);
        assertThat(nb).isCloseTo(reference(12, 4.0, 4.0), within(1e-9));
        assertThat(nb).isGreaterThan(Surprise.upperTail(12, 4.0, 1.0));
    }

    @Test
    void shouldNotSurpriseAtOrBelowTheMean() {
        assertThat(Surprise.upperTail(4, 4.0, 1.0)).isEqualTo(1.0);
        assertThat(Surprise.upperTail(0, 0.5, 3.0)).isEqualTo(1.0);
    }

    @Test
    void shouldReachFarIntoTheTailWithoutUnderflowingToZeroTooEarly() {
        double p = Surprise.upperTail(200, 10.0, 1.0);
        assertThat(p).isGreaterThan(0).isLessThan(1e-100);
        assertThat(Surprise.surprise(p, 800)).isGreaterThan(100);
    }

    @Test
    void shouldCorrectForTheNumberOfTests() {
        assertThat(Surprise.surprise(1e-6, 100)).isCloseTo(4.0, within(1e-9));
        assertThat(Surprise.surprise(0.5, 100)).isZero();
    }

    @Test
    void shouldLeaveOutTheLargestTenthOfTheHistory() {
        int[] quiet = new int[28];
        java.util.Arrays.fill(quiet, 5);
        int[] withEvent = quiet.clone();
        withEvent[3] = 400; // an event four days ago
        withEvent[10] = 300;
        withEvent[20] = 250;
        Surprise.Expectation a = Surprise.expect(quiet, 7);
        Surprise.Expectation b = Surprise.expect(withEvent, 7);
        assertThat(b.mean()).isEqualTo(a.mean()).isEqualTo(5.0);
        assertThat(b.days()).isEqualTo(28);
    }

    @Test
    void shouldFollowTheWeekdayRhythm() {
        int[] samples = new int[28];
        for (int i = 0; i < 28; i++) {
            samples[i] = (i + 1) % 7 == 0 ? 30 : 10; // the same weekday is busier
        }
        Surprise.Expectation e = Surprise.expect(samples, 7);
        // all-days trimmed mean (3 largest left out: 25 samples, one of them 30): 10.8;
        // same weekday (one 30 left): 30; blend (30 + 4 x 10.8) / 5 = 14.64
        assertThat(e.mean()).isCloseTo(14.64, within(1e-9));
        assertThat(e.dispersion()).isGreaterThan(1.0);
    }

    @Test
    void shouldNeedTheMinimumNumberOfDays() {
        assertThat(Surprise.expect(new int[] {1, 2, 3}, 7)).isNull();
    }

    /** The negative binomial tail by direct summation of its pmf, for the test above. */
    private static double reference(int observed, double r, double mean) {
        double p = r / (r + mean);
        double cdf = 0;
        for (int x = 0; x < observed; x++) {
            cdf +=
                    Math.exp(
                            Surprise.logGamma(x + r)
                                    - Surprise.logGamma(r)
                                    - Surprise.logGamma(x + 1.0)
                                    + r * Math.log(p)
                                    + x * Math.log(1 - p));
        }
        return 1 - cdf;
    }
}
