package nl.lvds.models.prevalence;

import java.util.random.RandomGenerator;

/**
 * The arithmetic of prevalence correction: solving "what class shares, pushed through the
 * classifier's error rates, give the shares it reported" on the probability simplex, the EM prior
 * adjustment of Saerens, Latinne and Decaestecker, and the random draws the intervals need.
 */
public final class Quantify {

    private Quantify() {}

    /**
     * The class shares {@code pi} (on the simplex) whose image {@code sum_i pi[i] * m[i][j]} comes
     * closest to the observed shares {@code q} in the Kullback-Leibler sense: the
     * maximum-likelihood estimate of a batch's class shares under a classifier with confusion rates
     * {@code m} (rows: true class, columns: predicted class, rows sum to 1). When an exact solution
     * lies inside the simplex it is that solution (for two classes, {@code (q - fpr) / (tpr -
     * fpr)}); otherwise it lies on the boundary (clipped, never negative). An uninformative
     * classifier (rows alike) gives no information; the answer then stays near the starting point,
     * the even split.
     */
    public static double[] solve(double[][] m, double[] q) {
        int k = q.length;
        if (k == 2) {
            double tpr = m[1][1];
            double fpr = m[0][1];
            double d = tpr - fpr;
            double p1;
            if (Math.abs(d) < 1e-9) {
                p1 = 0.5;
            } else {
                p1 = Math.max(0, Math.min(1, (q[1] - fpr) / d));
            }
            return new double[] {1 - p1, p1};
        }
        double[] exact = exact(m, q);
        if (exact != null) {
            return exact;
        }
        return em(m, q);
    }

    /** The exact solution of {@code m^T pi = q} when it exists and is on the simplex, else null. */
    static double[] exact(double[][] m, double[] q) {
        int k = q.length;
        // Gaussian elimination on m^T (k x k) with partial pivoting
        double[][] a = new double[k][k + 1];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < k; i++) {
                a[j][i] = m[i][j];
            }
            a[j][k] = q[j];
        }
        for (int c = 0; c < k; c++) {
            int pivot = c;
            for (int r = c + 1; r < k; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][c]) < 1e-9) {
                return null;
            }
            double[] t = a[c];
            a[c] = a[pivot];
            a[pivot] = t;
            for (int r = 0; r < k; r++) {
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    for (int cc = c; cc <= k; cc++) {
                        a[r][cc] -= f * a[c][cc];
                    }
                }
            }
        }
        double[] pi = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            pi[i] = a[i][k] / a[i][i];
            if (pi[i] < -1e-12) {
                return null;
            }
            pi[i] = Math.max(0, pi[i]);
            sum += pi[i];
        }
        if (sum <= 0) {
            return null;
        }
        for (int i = 0; i < k; i++) {
            pi[i] /= sum;
        }
        return pi;
    }

    /** EM for the misclassification likelihood (the boundary case of {@link #solve}). */
    static double[] em(double[][] m, double[] q) {
        int k = q.length;
        double[] pi = new double[k];
        java.util.Arrays.fill(pi, 1.0 / k);
        double[] next = new double[k];
        for (int iter = 0; iter < 2000; iter++) {
            java.util.Arrays.fill(next, 0);
            for (int j = 0; j < k; j++) {
                if (q[j] <= 0) {
                    continue;
                }
                double denom = 0;
                for (int i = 0; i < k; i++) {
                    denom += pi[i] * m[i][j];
                }
                if (denom <= 0) {
                    continue;
                }
                for (int i = 0; i < k; i++) {
                    next[i] += q[j] * pi[i] * m[i][j] / denom;
                }
            }
            double sum = 0;
            for (double v : next) {
                sum += v;
            }
            double change = 0;
            for (int i = 0; i < k; i++) {
                double v = sum > 0 ? next[i] / sum : pi[i];
                change = Math.max(change, Math.abs(v - pi[i]));
                pi[i] = v;
            }
            if (change < 1e-9) {
                break;
            }
        }
        return pi;
    }

    /**
     * Saerens-Latinne-Decaestecker EM: re-weights calibrated posteriors {@code p} (one row per
     * post) from the prior they were calibrated under ({@code prior}) to the batch's own prior,
     * until the batch prior is the mean of the re-weighted posteriors.
     */
    public static double[] sld(double[][] p, int[] rows, double[] prior) {
        int k = prior.length;
        double[] pi = prior.clone();
        double[] next = new double[k];
        double[] w = new double[k];
        for (int iter = 0; iter < 200; iter++) {
            java.util.Arrays.fill(next, 0);
            for (int i = 0; i < k; i++) {
                w[i] = prior[i] > 0 ? pi[i] / prior[i] : 0;
            }
            for (int r : rows) {
                double[] row = p[r];
                double s = 0;
                for (int i = 0; i < k; i++) {
                    s += w[i] * row[i];
                }
                if (s <= 0) {
                    continue;
                }
                for (int i = 0; i < k; i++) {
                    next[i] += w[i] * row[i] / s;
                }
            }
            double change = 0;
            for (int i = 0; i < k; i++) {
                double v = next[i] / rows.length;
                change = Math.max(change, Math.abs(v - pi[i]));
                pi[i] = v;
            }
            if (change < 1e-7) {
                break;
            }
        }
        return pi;
    }

    /** A draw from the Dirichlet distribution with parameters {@code alpha} (all > 0). */
    public static double[] dirichlet(double[] alpha, RandomGenerator r) {
        double[] x = new double[alpha.length];
        double sum = 0;
        for (int i = 0; i < alpha.length; i++) {
            x[i] = gamma(alpha[i], r);
            sum += x[i];
        }
        for (int i = 0; i < x.length; i++) {
            x[i] /= sum;
        }
        return x;
    }

    /** A Gamma(shape, 1) draw (Marsaglia and Tsang; shape below 1 by the boost u^(1/shape)). */
    static double gamma(double shape, RandomGenerator r) {
        if (shape < 1) {
            double u = r.nextDouble();
            return gamma(shape + 1, r) * Math.pow(Math.max(u, 1e-300), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = r.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = r.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x
                    || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /** The {@code p}-quantile of sorted values (linear interpolation). */
    public static double quantile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
