package nl.lvds.models.prevalence;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import nl.lvds.models.classify.Classification;

/**
 * Estimates, for a batch of classified posts, the share of each label (hostile, uneasy, each topic)
 * with the classifier's measured error rates taken out, and an interval (docs/prevalence.md).
 *
 * <p>The interval of the adjusted methods (ACC, PACC) is a parametric bootstrap over both sources
 * of uncertainty: the error rates (each true class's row of the confusion matrix drawn from its
 * Dirichlet posterior given the calibration counts, or its mean probabilities from their sampling
 * distribution) and the batch's misclassification noise given its true mix. Every draw is solved on
 * the simplex, so no share leaves [0, 1]; the interval is the central {@link #LEVEL} of the draws,
 * widened if needed to contain the estimate. CC's interval is the Dirichlet posterior of the
 * counts; PCC's and SLD's come from resampling the posts.
 *
 * <p>Deterministic: the same batch, calibration and settings give the same answer.
 */
public final class PrevalenceEstimator {

    /** The method chosen by measurement (docs/prevalence.md). */
    public static final Method DEFAULT_METHOD = Method.PACC;

    /** Bootstrap draws per estimate. */
    public static final int DEFAULT_DRAWS = 400;

    /** Interval level. */
    public static final double LEVEL = 0.90;

    private final PrevalenceCalibration calibration;
    private final Method method;
    private final int draws;
    private final long seed;

    public PrevalenceEstimator(
            PrevalenceCalibration calibration, Method method, int draws, long seed) {
        this.calibration = calibration;
        this.method = method;
        this.draws = draws;
        this.seed = seed;
    }

    /** The shipped settings: {@link #DEFAULT_METHOD}, {@link #DEFAULT_DRAWS} draws, seed 1. */
    public PrevalenceEstimator(PrevalenceCalibration calibration) {
        this(calibration, DEFAULT_METHOD, DEFAULT_DRAWS, 1L);
    }

    public Method method() {
        return method;
    }

    public PrevalenceCalibration calibration() {
        return calibration;
    }

    /** Per label, in {@link LabelGroup#labels()} order; empty for an empty batch. */
    public Map<String, Estimate> estimate(List<Classification> batch) {
        if (batch.isEmpty()) {
            return Map.of();
        }
        Observations obs = new Observations(batch);
        return estimate(obs, obs.all(), new SplittableRandom(seed));
    }

    /** Per label, for the posts {@code rows} of {@code obs}. */
    public Map<String, Estimate> estimate(Observations obs, int[] rows, RandomGenerator random) {
        Map<String, Estimate> out = new LinkedHashMap<>();
        Map<String, Estimate[]> byGroup = new LinkedHashMap<>();
        for (String label : LabelGroup.labels()) {
            String group = LabelGroup.groupOf(label);
            Estimate[] e = byGroup.computeIfAbsent(group, g -> estimateGroup(obs, rows, g, random));
            out.put(label, e[LabelGroup.classOf(label)]);
        }
        return out;
    }

    /** Per class of one group. */
    Estimate[] estimateGroup(Observations obs, int[] rows, String group, RandomGenerator r) {
        GroupStats g = calibration.group(group);
        int k = g.classes().size();
        int[] hard = obs.hard(group);
        double[][] soft = obs.soft(group);
        int n = rows.length;
        double[] counts = new double[k];
        for (int row : rows) {
            counts[hard[row]]++;
        }
        return estimateGroup(g, n, counts, meanSoft(soft, rows, k), soft, rows, r);
    }

    /**
     * Per label, from aggregates alone (what a windowed job can keep instead of posts): the number
     * of posts and, per label group ({@link LabelGroup#names()}), how many posts were predicted in
     * each class and the sum of the calibrated probabilities of each class. For CC, ACC and PACC;
     * PCC and SLD need the posts.
     */
    public Map<String, Estimate> estimate(
            int n, Map<String, double[]> predictedCounts, Map<String, double[]> scoreSums) {
        if (method == Method.PCC || method == Method.SLD) {
            throw new IllegalStateException(method + " needs the posts, not aggregates");
        }
        if (n <= 0) {
            return Map.of();
        }
        RandomGenerator random = new SplittableRandom(seed);
        Map<String, Estimate> out = new LinkedHashMap<>();
        Map<String, Estimate[]> byGroup = new LinkedHashMap<>();
        for (String label : LabelGroup.labels()) {
            String group = LabelGroup.groupOf(label);
            Estimate[] e =
                    byGroup.computeIfAbsent(
                            group,
                            name -> {
                                GroupStats g = calibration.group(name);
                                int k = g.classes().size();
                                double[] mean = new double[k];
                                for (int j = 0; j < k; j++) {
                                    mean[j] = scoreSums.get(name)[j] / n;
                                }
                                return estimateGroup(
                                        g, n, predictedCounts.get(name), mean, null, null, random);
                            });
            out.put(label, e[LabelGroup.classOf(label)]);
        }
        return out;
    }

    private Estimate[] estimateGroup(
            GroupStats g,
            int n,
            double[] counts,
            double[] soft0,
            double[][] soft,
            int[] rows,
            RandomGenerator r) {
        int k = g.classes().size();
        double[] raw = new double[k];
        for (int j = 0; j < k; j++) {
            raw[j] = counts[j] / n;
        }
        double[] point = point(g, raw, soft0, soft, rows);
        double[][] samples = new double[k][draws];
        int[] resampled = new int[n];
        double[] countsPrior = new double[k];
        for (int j = 0; j < k; j++) {
            countsPrior[j] = counts[j] + 0.5;
        }
        for (int b = 0; b < draws; b++) {
            double[] pi;
            switch (method) {
                case CC -> pi = Quantify.dirichlet(countsPrior, r);
                case ACC -> {
                    double[][] m = drawRates(g, r);
                    pi = Quantify.solve(m, hardNoise(raw, Quantify.solve(m, raw), m, n, r));
                }
                case PCC -> pi = meanSoft(soft, resample(rows, resampled, r), k);
                case PACC -> {
                    double[][] m = drawMeans(g, r);
                    pi = Quantify.solve(m, softNoise(soft0, Quantify.solve(m, soft0), g, n, r));
                }
                case SLD -> {
                    double[] alpha = new double[k];
                    for (int i = 0; i < k; i++) {
                        alpha[i] = g.total(i) + 0.5;
                    }
                    pi =
                            Quantify.sld(
                                    soft,
                                    resample(rows, resampled, r),
                                    Quantify.dirichlet(alpha, r));
                }
                default -> throw new IllegalStateException(method.name());
            }
            for (int j = 0; j < k; j++) {
                samples[j][b] = pi[j];
            }
        }
        Estimate[] out = new Estimate[k];
        double tail = (1 - LEVEL) / 2;
        for (int j = 0; j < k; j++) {
            Arrays.sort(samples[j]);
            double lo = Quantify.quantile(samples[j], tail);
            double hi = Quantify.quantile(samples[j], 1 - tail);
            out[j] =
                    new Estimate(
                            raw[j],
                            point[j],
                            Math.max(0, Math.min(lo, point[j])),
                            Math.min(1, Math.max(hi, point[j])));
        }
        return out;
    }

    private double[] point(
            GroupStats g, double[] raw, double[] meanSoft, double[][] soft, int[] rows) {
        return switch (method) {
            case CC -> raw;
            case PCC -> meanSoft;
            case ACC -> Quantify.solve(g.rates(), raw);
            case PACC -> Quantify.solve(g.scoreMean(), meanSoft);
            case SLD -> Quantify.sld(soft, rows, g.prior());
        };
    }

    private static double[] meanSoft(double[][] soft, int[] rows, int k) {
        double[] m = new double[k];
        for (int row : rows) {
            for (int j = 0; j < k; j++) {
                m[j] += soft[row][j];
            }
        }
        for (int j = 0; j < k; j++) {
            m[j] /= rows.length;
        }
        return m;
    }

    private static int[] resample(int[] rows, int[] into, RandomGenerator r) {
        for (int i = 0; i < into.length; i++) {
            into[i] = rows[r.nextInt(rows.length)];
        }
        return into;
    }

    /**
     * The observed predicted shares {@code q} plus a draw of the misclassification noise of a batch
     * of {@code n} posts whose true shares are {@code pi}: each true class's posts are spread over
     * the predicted classes as a multinomial with the rates {@code m}, in its normal approximation.
     * Only the classifier's errors vary: the batch's true composition is what is estimated, so its
     * own sampling variation is not added.
     */
    static double[] hardNoise(double[] q, double[] pi, double[][] m, int n, RandomGenerator r) {
        int k = q.length;
        double[] out = q.clone();
        for (int i = 0; i < k; i++) {
            if (pi[i] <= 0) {
                continue;
            }
            double scale = Math.sqrt(pi[i] / n);
            double[] z = new double[k];
            double dot = 0;
            for (int j = 0; j < k; j++) {
                z[j] = r.nextGaussian() * Math.sqrt(m[i][j]);
                dot += z[j];
            }
            for (int j = 0; j < k; j++) {
                out[j] += scale * (z[j] - m[i][j] * dot);
            }
        }
        return simplex(out);
    }

    /**
     * The observed mean probabilities {@code q} plus a draw of their noise in a batch of {@code n}
     * posts with true shares {@code pi}: per true class, the spread of the probabilities the
     * calibration data shows for that class; the draw is centred so the shares still sum to one.
     */
    static double[] softNoise(double[] q, double[] pi, GroupStats g, int n, RandomGenerator r) {
        int k = q.length;
        double[] out = q.clone();
        double[] e = new double[k];
        double mean = 0;
        for (int j = 0; j < k; j++) {
            double var = 0;
            for (int i = 0; i < k; i++) {
                var += pi[i] * g.scoreVar()[i][j];
            }
            e[j] = r.nextGaussian() * Math.sqrt(var / n);
            mean += e[j] / k;
        }
        // centring shrinks the variance of each component by (k - 1) / k; undo that
        double widen = Math.sqrt(k / (k - 1.0));
        for (int j = 0; j < k; j++) {
            out[j] += (e[j] - mean) * widen;
        }
        return simplex(out);
    }

    private static double[] simplex(double[] v) {
        double sum = 0;
        for (int j = 0; j < v.length; j++) {
            v[j] = Math.max(0, v[j]);
            sum += v[j];
        }
        for (int j = 0; j < v.length; j++) {
            v[j] = sum > 0 ? v[j] / sum : 1.0 / v.length;
        }
        return v;
    }

    /** Confusion rates drawn from their posterior given the calibration counts (Jeffreys prior). */
    static double[][] drawRates(GroupStats g, RandomGenerator r) {
        int k = g.classes().size();
        double[][] m = new double[k][];
        double[] alpha = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                alpha[j] = g.confusion()[i][j] + 0.5;
            }
            m[i] = Quantify.dirichlet(alpha, r);
        }
        return m;
    }

    /** Mean probabilities per true class drawn from their (normal) sampling distribution. */
    static double[][] drawMeans(GroupStats g, RandomGenerator r) {
        int k = g.classes().size();
        double[][] m = new double[k][k];
        for (int i = 0; i < k; i++) {
            long n = Math.max(1, g.total(i));
            double sum = 0;
            for (int j = 0; j < k; j++) {
                double v =
                        g.scoreMean()[i][j] + r.nextGaussian() * Math.sqrt(g.scoreVar()[i][j] / n);
                m[i][j] = Math.max(1e-6, v);
                sum += m[i][j];
            }
            for (int j = 0; j < k; j++) {
                m[i][j] /= sum;
            }
        }
        return m;
    }
}
