package nl.lvds.models.prevalence;

import java.util.ArrayList;
import java.util.List;
import nl.lvds.models.classify.Classification;
import nl.lvds.models.classify.CorpusExample;
import nl.lvds.models.event.Topic;

/**
 * What the estimator corrects, as groups of mutually exclusive classes: the three tension levels
 * (reported: uneasy and hostile) and, per topic, the two classes "no" and "yes" (reported: the
 * topic). Reads a class out of a {@link Classification} (predicted, hard and as calibrated
 * probabilities) and out of a labelled {@link CorpusExample} (true).
 */
public final class LabelGroup {

    /** The name of the tension group. */
    public static final String TENSION = "tension";

    private LabelGroup() {}

    /** The group names in their fixed order: tension, then the topics. */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        out.add(TENSION);
        out.addAll(Topic.ALL);
        return out;
    }

    /** The classes of a group. */
    public static List<String> classes(String group) {
        return TENSION.equals(group) ? Topic.TENSION_LEVELS : List.of("no", "yes");
    }

    /** The reported labels in output order: hostile, uneasy, then the topics. */
    public static List<String> labels() {
        List<String> out = new ArrayList<>();
        out.add("hostile");
        out.add("uneasy");
        out.addAll(Topic.ALL);
        return out;
    }

    /** The group a reported label belongs to. */
    public static String groupOf(String label) {
        return "hostile".equals(label) || "uneasy".equals(label) ? TENSION : label;
    }

    /** The class index of a reported label within its group. */
    public static int classOf(String label) {
        return switch (label) {
            case "hostile" -> 2;
            case "uneasy" -> 1;
            default -> 1;
        };
    }

    /** The class the classifier chose. */
    public static int predicted(String group, Classification c) {
        if (TENSION.equals(group)) {
            return c.tension();
        }
        return c.topics().contains(group) ? 1 : 0;
    }

    /** The classifier's calibrated probability of each class. */
    public static double[] scores(String group, Classification c) {
        if (TENSION.equals(group)) {
            return c.tensionScores().clone();
        }
        double p = c.topicScores()[Topic.ALL.indexOf(group)];
        return new double[] {1 - p, p};
    }

    /** The true class of a labelled post. */
    public static int truth(String group, CorpusExample e) {
        if (TENSION.equals(group)) {
            return e.tension();
        }
        return e.topics().contains(group) ? 1 : 0;
    }
}
