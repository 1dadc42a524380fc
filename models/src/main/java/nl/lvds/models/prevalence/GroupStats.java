package nl.lvds.models.prevalence;

import java.util.List;

/**
 * The classifier's measured behaviour on one label group, on labelled data it was not trained on:
 * the confusion counts and, per true class, the mean and variance of the calibrated probability it
 * gives each class.
 *
 * @param name group name ({@code tension} or a topic)
 * @param classes class names, in index order
 * @param confusion counts, rows the true class, columns the predicted class
 * @param scoreMean per true class, the mean calibrated probability of each class
 * @param scoreVar per true class, the variance of that probability over the posts
 */
public record GroupStats(
        String name,
        List<String> classes,
        long[][] confusion,
        double[][] scoreMean,
        double[][] scoreVar) {

    /** Posts of true class {@code i}. */
    public long total(int i) {
        long n = 0;
        for (long v : confusion[i]) {
            n += v;
        }
        return n;
    }

    /** Hard confusion rates: P(predicted j | true i). A class with no posts gets the identity. */
    public double[][] rates() {
        int k = classes.size();
        double[][] m = new double[k][k];
        for (int i = 0; i < k; i++) {
            long n = total(i);
            for (int j = 0; j < k; j++) {
                m[i][j] = n == 0 ? (i == j ? 1 : 0) : confusion[i][j] / (double) n;
            }
        }
        return m;
    }

    /**
     * The class shares of the calibration data (the prior its probabilities were calibrated to).
     */
    public double[] prior() {
        int k = classes.size();
        double[] p = new double[k];
        long all = 0;
        for (int i = 0; i < k; i++) {
            all += total(i);
        }
        for (int i = 0; i < k; i++) {
            p[i] = all == 0 ? 1.0 / k : total(i) / (double) all;
        }
        return p;
    }
}
