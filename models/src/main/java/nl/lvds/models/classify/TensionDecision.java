package nl.lvds.models.classify;

/** The tension decision rule shared by training, evaluation and the live classifier. */
public final class TensionDecision {

    private TensionDecision() {}

    /**
     * Hostile when P(hostile) reaches the threshold chosen on dev (favouring hostile recall);
     * otherwise the more likely of calm and uneasy.
     */
    public static int decide(double[] p, double hostileThreshold) {
        if (p[2] >= hostileThreshold) {
            return 2;
        }
        return p[1] > p[0] ? 1 : 0;
    }
}
