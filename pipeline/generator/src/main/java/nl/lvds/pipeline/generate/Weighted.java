package nl.lvds.pipeline.generate;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** A fixed discrete distribution over indices 0..n-1, sampled by binary search. */
final class Weighted {

    private final double[] cumulative;

    Weighted(double[] weights) {
        if (weights.length == 0) {
            throw new IllegalArgumentException("no weights");
        }
        cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("bad weight " + weights[i] + " at " + i);
            }
            sum += weights[i];
            cumulative[i] = sum;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("weights sum to zero");
        }
    }

    static Weighted of(List<Double> weights) {
        return new Weighted(weights.stream().mapToDouble(Double::doubleValue).toArray());
    }

    int size() {
        return cumulative.length;
    }

    /** The probability of index {@code i}. */
    double share(int i) {
        double total = cumulative[cumulative.length - 1];
        return (cumulative[i] - (i == 0 ? 0 : cumulative[i - 1])) / total;
    }

    int pick(SplittableRandom r) {
        double u = r.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, u);
        i = i >= 0 ? i + 1 : -i - 1;
        // u == total cannot happen (nextDouble < 1), but zero-weight tails must never be chosen.
        while (i > 0 && i < cumulative.length && cumulative[i] == cumulative[i - 1]) {
            i++;
        }
        return Math.min(i, cumulative.length - 1);
    }
}
