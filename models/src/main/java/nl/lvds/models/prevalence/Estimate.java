package nl.lvds.models.prevalence;

/**
 * One label's prevalence in a batch.
 *
 * @param raw the share of posts the classifier assigned the label (classify and count)
 * @param estimate the corrected share
 * @param low lower end of the interval
 * @param high upper end of the interval
 */
public record Estimate(double raw, double estimate, double low, double high) {

    /** Whether {@code share} lies in the interval. */
    public boolean covers(double share) {
        return low - 1e-12 <= share && share <= high + 1e-12;
    }
}
