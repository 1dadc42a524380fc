package nl.lvds.models.classify;

/** Precision, recall and F1 bookkeeping for evaluation. */
public final class Metrics {

    private Metrics() {}

    /** Counts for one binary label. */
    public static final class Binary {
        public int tp;
        public int fp;
        public int fn;
        public int tn;

        /** Records one decision. */
        public void add(boolean gold, boolean predicted) {
            if (gold && predicted) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (gold) {
                fn++;
            } else {
                tn++;
            }
        }

        public double precision() {
            return tp + fp == 0 ? (tp + fn == 0 ? 1.0 : 0.0) : tp / (double) (tp + fp);
        }

        public double recall() {
            return tp + fn == 0 ? 1.0 : tp / (double) (tp + fn);
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
        }

        public int support() {
            return tp + fn;
        }
    }

    /** A confusion matrix over k classes (rows gold, columns predicted). */
    public static final class Confusion {
        public final int[][] m;

        public Confusion(int k) {
            m = new int[k][k];
        }

        public void add(int gold, int predicted) {
            m[gold][predicted]++;
        }

        /** Per-class binary counts. */
        public Binary of(int c) {
            Binary b = new Binary();
            for (int g = 0; g < m.length; g++) {
                for (int p = 0; p < m.length; p++) {
                    if (g == c && p == c) {
                        b.tp += m[g][p];
                    } else if (p == c) {
                        b.fp += m[g][p];
                    } else if (g == c) {
                        b.fn += m[g][p];
                    } else {
                        b.tn += m[g][p];
                    }
                }
            }
            return b;
        }

        /** Mean F1 over classes that occur in gold or predictions. */
        public double macroF1() {
            double sum = 0;
            int n = 0;
            for (int c = 0; c < m.length; c++) {
                Binary b = of(c);
                if (b.tp + b.fp + b.fn > 0) {
                    sum += b.f1();
                    n++;
                }
            }
            return n == 0 ? 0 : sum / n;
        }

        public double accuracy() {
            int ok = 0;
            int all = 0;
            for (int g = 0; g < m.length; g++) {
                for (int p = 0; p < m.length; p++) {
                    all += m[g][p];
                    ok += g == p ? m[g][p] : 0;
                }
            }
            return all == 0 ? 0 : ok / (double) all;
        }

        public int total() {
            int all = 0;
            for (int[] row : m) {
                for (int v : row) {
                    all += v;
                }
            }
            return all;
        }
    }

    /**
     * Area under the ROC curve of scores against binary labels (ties count half), by the rank-sum
     * formula.
     */
    public static double auc(double[] scores, boolean[] positive) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSumPos = 0;
        long pos = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double avgRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSumPos += avgRank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = scores.length - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (rankSumPos - pos * (pos + 1) / 2.0) / (pos * (double) neg);
    }
}
