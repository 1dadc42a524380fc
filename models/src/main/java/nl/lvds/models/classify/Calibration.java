package nl.lvds.models.classify;

/** Fits calibration parameters on dev-split scores: Platt scaling and a softmax temperature. */
public final class Calibration {

    private Calibration() {}

    /** The logistic function. */
    public static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /**
     * Fits p = sigmoid(a * z + b) to binary labels by Newton's method on the log-loss, with Platt's
     * smoothed targets so a separable dev set does not drive a to infinity.
     *
     * @return {a, b}
     */
    public static double[] platt(double[] z, boolean[] y) {
        int pos = 0;
        for (boolean b : y) {
            pos += b ? 1 : 0;
        }
        int neg = y.length - pos;
        double hi = (pos + 1.0) / (pos + 2.0);
        double lo = 1.0 / (neg + 2.0);
        double a = 1.0;
        double b = 0.0;
        for (int iter = 0; iter < 100; iter++) {
            double g1 = 0, g2 = 0, h11 = 1e-9, h12 = 0, h22 = 1e-9;
            for (int i = 0; i < z.length; i++) {
                double t = y[i] ? hi : lo;
                double p = sigmoid(a * z[i] + b);
                double d = p - t;
                double w = p * (1 - p);
                g1 += d * z[i];
                g2 += d;
                h11 += w * z[i] * z[i];
                h12 += w * z[i];
                h22 += w;
            }
            double det = h11 * h22 - h12 * h12;
            if (Math.abs(det) < 1e-12) {
                break;
            }
            double da = (h22 * g1 - h12 * g2) / det;
            double db = (h11 * g2 - h12 * g1) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) {
                break;
            }
        }
        return new double[] {a, b};
    }

    /** Softmax of {@code scores[from..from+n)} divided by a temperature, into {@code out}. */
    public static void softmax(double[] scores, int from, int n, double temperature, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, scores[from + i] / temperature);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            out[i] = Math.exp(scores[from + i] / temperature - max);
            sum += out[i];
        }
        for (int i = 0; i < n; i++) {
            out[i] /= sum;
        }
    }

    /** The temperature (grid 0.5 to 4) that minimises the dev log-loss of 3-class scores. */
    public static double temperature(double[][] scores, int[] labels) {
        double best = 1.0;
        double bestLoss = Double.POSITIVE_INFINITY;
        double[] p = new double[3];
        for (double t = 0.5; t <= 4.0001; t += 0.05) {
            double loss = 0;
            for (int i = 0; i < scores.length; i++) {
                softmax(scores[i], 0, 3, t, p);
                loss -= Math.log(Math.max(1e-12, p[labels[i]]));
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                best = t;
            }
        }
        return Math.round(best * 100) / 100.0;
    }
}
