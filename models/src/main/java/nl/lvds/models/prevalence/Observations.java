package nl.lvds.models.prevalence;

import java.util.List;
import nl.lvds.models.classify.Classification;

/**
 * Classified posts in the form the estimator reads: per label group, the predicted class and the
 * calibrated class probabilities of every post. A batch is a set of row indices into it.
 */
public final class Observations {
    private final List<String> groups = LabelGroup.names();
    private final int[][] hard;
    private final double[][][] soft;

    public Observations(List<Classification> posts) {
        hard = new int[groups.size()][posts.size()];
        soft = new double[groups.size()][posts.size()][];
        for (int g = 0; g < groups.size(); g++) {
            String name = groups.get(g);
            for (int p = 0; p < posts.size(); p++) {
                hard[g][p] = LabelGroup.predicted(name, posts.get(p));
                soft[g][p] = LabelGroup.scores(name, posts.get(p));
            }
        }
    }

    /** Posts held. */
    public int size() {
        return hard.length == 0 ? 0 : hard[0].length;
    }

    /** Every row, in order. */
    public int[] all() {
        int[] rows = new int[size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return rows;
    }

    int[] hard(String group) {
        return hard[groups.indexOf(group)];
    }

    double[][] soft(String group) {
        return soft[groups.indexOf(group)];
    }
}
