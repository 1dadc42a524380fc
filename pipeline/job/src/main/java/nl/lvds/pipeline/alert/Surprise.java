package nl.lvds.pipeline.alert;

/**
 * How surprising a cell's count is against its own history: the expected count for this time of day
 * and week, the history's overdispersion, and the upper tail probability of the observed count
 * under a negative binomial with that mean and variance (quasi-Poisson, as in the Farrington method
 * of public-health surveillance).
 *
 * <p><b>Expected.</b> The history is the same 1 h window at the same time of day on each of up to
 * 28 earlier days. The largest tenth of the samples is left out (past events must not raise the bar
 * for the next one, as Farrington down-weights outbreaks in the baseline). The mean of the
 * remaining samples is blended with the mean of the same weekday's samples (hour-of-week
 * seasonality), each weighted by its number of samples plus four for the all-days mean, so a cell
 * with a weekly rhythm follows it while a short history does not chase noise.
 *
 * <p><b>Overdispersion.</b> {@code φ = max(1, s² / mean)} over the kept samples, inflated by {@code
 * 1 + 1/n} for the uncertainty of a mean estimated from {@code n} days. The count is then tested
 * against a negative binomial with mean {@code μ} and variance {@code φμ}: a busy cell whose hour
 * swings a lot from day to day needs a larger rise to surprise than a steady one.
 */
public final class Surprise {

    /** Same-weekday samples are every seventh day. */
    private static final int WEEK = 7;

    /** Prior weight (in samples) of the all-days mean against the same-weekday mean. */
    private static final double WEEKDAY_PRIOR = 4.0;

    private Surprise() {}

    /**
     * The expectation for one window.
     *
     * @param mean expected count (before any floor)
     * @param dispersion variance / mean, at least 1, including the estimate's uncertainty
     * @param days samples behind it
     */
    public record Expectation(double mean, double dispersion, int days) {}

    /**
     * The expectation from per-day samples, {@code samples[i]} being the count {@code i + 1} days
     * earlier; null with fewer than {@code minDays} samples.
     */
    public static Expectation expect(int[] samples, int minDays) {
        int n = samples.length;
        if (n < minDays || n == 0) {
            return null;
        }
        int drop = n >= 10 ? (n + 9) / 10 : 0;
        boolean[] dropped = new boolean[n];
        for (int d = 0; d < drop; d++) { // the largest samples, the most recent first on ties
            int max = -1;
            for (int i = 0; i < n; i++) {
                if (!dropped[i] && (max < 0 || samples[i] > samples[max])) {
                    max = i;
                }
            }
            dropped[max] = true;
        }
        double sum = 0;
        double sumSq = 0;
        int kept = 0;
        double weekSum = 0;
        int weekKept = 0;
        for (int i = 0; i < n; i++) {
            if (dropped[i]) {
                continue;
            }
            int x = samples[i];
            sum += x;
            sumSq += (double) x * x;
            kept++;
            if ((i + 1) % WEEK == 0) {
                weekSum += x;
                weekKept++;
            }
        }
        double all = sum / kept;
        double mean =
                weekKept == 0 ? all : (weekSum + WEEKDAY_PRIOR * all) / (weekKept + WEEKDAY_PRIOR);
        double variance = kept > 1 ? (sumSq - kept * all * all) / (kept - 1) : all;
        double dispersion = all > 0 ? Math.max(1.0, variance / all) : 1.0;
        return new Expectation(mean, dispersion * (1.0 + 1.0 / kept), n);
    }

    /**
     * P(X ≥ observed) for X negative binomial with the given mean and variance {@code dispersion ×
     * mean} (Poisson when the dispersion is 1). Returns 1 when observed does not exceed the mean.
     */
    public static double upperTail(int observed, double mean, double dispersion) {
        if (observed <= mean || observed <= 0) {
            return 1.0;
        }
        double logPmf;
        boolean poisson = dispersion <= 1.0 + 1e-9;
        double r = poisson ? Double.POSITIVE_INFINITY : mean / (dispersion - 1.0);
        double q = poisson ? 0 : mean / (r + mean); // success probability per trial
        if (poisson) {
            logPmf = observed * Math.log(mean) - mean - logGamma(observed + 1.0);
        } else {
            logPmf =
                    logGamma(observed + r)
                            - logGamma(r)
                            - logGamma(observed + 1.0)
                            + r * Math.log1p(-q)
                            + observed * Math.log(q);
        }
        double term = Math.exp(logPmf);
        double sum = 0;
        for (int x = observed; x < observed + 100_000; x++) {
            sum += term;
            double ratio = poisson ? mean / (x + 1.0) : (x + r) / (x + 1.0) * q;
            term *= ratio;
            if (term < sum * 1e-15 || term == 0) {
                break;
            }
        }
        return Math.min(1.0, sum);
    }

    /**
     * The surprise of a p-value among {@code tests} tests: {@code -log10(min(1, p × tests))}, 0
     * when unremarkable (Bonferroni: the chance that any of the tests reaches a surprise of {@code
     * s} by chance is at most {@code 10^-s}).
     */
    public static double surprise(double pValue, int tests) {
        double corrected = Math.min(1.0, pValue * tests);
        return corrected <= 0 ? 300.0 : -Math.log10(corrected);
    }

    /** Natural log of the gamma function (Lanczos approximation, g = 7, n = 9; ~1e-15). */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1.0 - x);
        }
        double[] c = {
            0.99999999999980993,
            676.5203681218851,
            -1259.1392167224028,
            771.32342877765313,
            -176.61502916214059,
            12.507343278686905,
            -0.13857109526572012,
            9.9843695780195716e-6,
            1.5056327351493116e-7
        };
        x -= 1.0;
        double a = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += c[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }
}
