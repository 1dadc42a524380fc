package nl.lvds.pipeline.functions;

import java.io.Serializable;

/**
 * The tension index of an indicator window, 0-100: a weighted mean of three components in [0, 1].
 *
 * <pre>
 *   index = 100 × (wHostile × hostile/signals + wUneasy × uneasy/signals + wVolume × volume(z))
 *                 / (wHostile + wUneasy + wVolume)
 *   volume(z) = max(0, tanh(z / 4))          (= 2·sigmoid(z/2) − 1 for z > 0; 0 without a baseline)
 * </pre>
 *
 * rounded to one decimal. The shares say how the window's posts read; the volume term says how
 * unusual their number is for this cell and time of day (the z-score against the baseline), and
 * only counts above-normal volume: a quiet hour does not lower the index. It saturates: z = 2 gives
 * 0.46, z = 4 gives 0.76, z = 8 gives 0.96. Dividing by the weight sum keeps the index in 0-100 for
 * any non-negative weights, so the weights are relative and can be configured freely. With the
 * defaults (0.5, 0.2, 0.3) an ordinary calm cell (10% hostile, 25% uneasy, normal volume) scores
 * 10, an all-hostile window at normal volume 50, and a spike (40% hostile, 40% uneasy, z = 5) 53.4.
 */
public final class TensionIndexFormula implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Default weights: hostile share 0.5, uneasy share 0.2, volume 0.3. */
    public static final TensionIndexFormula DEFAULT = new TensionIndexFormula(0.5, 0.2, 0.3);

    private final double wHostile;
    private final double wUneasy;
    private final double wVolume;

    /**
     * A formula with the given relative weights.
     *
     * @throws IllegalArgumentException when a weight is negative or not finite, or all are 0
     */
    public TensionIndexFormula(double wHostile, double wUneasy, double wVolume) {
        for (double w : new double[] {wHostile, wUneasy, wVolume}) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights must be finite and >= 0: " + w);
            }
        }
        if (wHostile + wUneasy + wVolume <= 0) {
            throw new IllegalArgumentException("at least one weight must be positive");
        }
        this.wHostile = wHostile;
        this.wUneasy = wUneasy;
        this.wVolume = wVolume;
    }

    /**
     * The index of a window; 0 for an empty window.
     *
     * @param signals signals in the window
     * @param uneasy uneasy signals
     * @param hostile hostile signals
     * @param zScore the window's z-score, or null without a baseline
     */
    public double index(int signals, int uneasy, int hostile, Double zScore) {
        if (signals <= 0) {
            return 0.0;
        }
        double raw =
                (wHostile * hostile / signals
                                + wUneasy * uneasy / signals
                                + wVolume * volume(zScore))
                        / (wHostile + wUneasy + wVolume);
        double clamped = Math.max(0.0, Math.min(1.0, raw));
        return Math.round(clamped * 1000.0) / 10.0;
    }

    /** The volume component: max(0, tanh(z / 4)), 0 without a z-score. */
    public static double volume(Double zScore) {
        if (zScore == null || zScore.isNaN() || zScore <= 0) {
            return 0.0;
        }
        return Math.tanh(zScore / 4.0);
    }

    /** Weight of the hostile share. */
    public double hostileWeight() {
        return wHostile;
    }

    /** Weight of the uneasy share. */
    public double uneasyWeight() {
        return wUneasy;
    }

    /** Weight of the volume term. */
    public double volumeWeight() {
        return wVolume;
    }

    @Override
    public String toString() {
        return "TensionIndexFormula{hostile="
                + wHostile
                + ", uneasy="
                + wUneasy
                + ", volume="
                + wVolume
                + "}";
    }
}
