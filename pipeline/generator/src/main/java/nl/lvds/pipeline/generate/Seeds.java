package nl.lvds.pipeline.generate;

import java.util.SplittableRandom;

/** Seed mixing and small sampling functions shared by the generator (all deterministic). */
final class Seeds {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {}

    /** The SplitMix64 finaliser: a strong 64-bit mix, so nearby inputs give unrelated outputs. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Mixes several values into one seed; order matters. */
    static long mix(long first, long... more) {
        long h = mix(first + GOLDEN);
        for (long m : more) {
            h = mix(h * GOLDEN + mix(m + GOLDEN));
        }
        return h;
    }

    /** A Poisson-distributed count (Knuth for small means, a rounded normal for large ones). */
    static int poisson(double mean, SplittableRandom r) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double p = 1.0;
        int k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > limit);
        return k - 1;
    }

    /**
     * Rounds {@code x} up with probability equal to its fraction: the expected value is kept, which
     * matters when many small expectations (per hour, per event) are summed.
     */
    static int stochasticRound(double x, SplittableRandom r) {
        if (x <= 0) {
            return 0;
        }
        double floor = Math.floor(x);
        return (int) floor + (r.nextDouble() < x - floor ? 1 : 0);
    }

    /** Twelve lower-case hex digits of a 64-bit value (48 bits are plenty for a day's pool). */
    static String hex12(long v) {
        char[] out = new char[12];
        for (int i = 11; i >= 0; i--) {
            out[i] = Character.forDigit((int) (v & 0xF), 16);
            v >>>= 4;
        }
        return new String(out);
    }
}
