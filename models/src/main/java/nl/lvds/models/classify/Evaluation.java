package nl.lvds.models.classify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import nl.lvds.models.event.Topic;

/**
 * Per-label precision, recall and F1, macro-F1, the tension confusion matrix, and breakdowns per
 * language and per hard-case type, for a classifier on a labelled set in the corpus format.
 */
public final class Evaluation {

    /** Counts for one slice of the data (all, one language, one hard-case type). */
    public static final class Slice {
        final Metrics.Binary[] topics = new Metrics.Binary[Topic.ALL.size()];
        final Metrics.Confusion tension = new Metrics.Confusion(3);
        int exactTopics;
        int n;

        Slice() {
            for (int i = 0; i < topics.length; i++) {
                topics[i] = new Metrics.Binary();
            }
        }

        void add(CorpusExample gold, Classification c) {
            n++;
            for (int t = 0; t < topics.length; t++) {
                String label = Topic.ALL.get(t);
                topics[t].add(gold.topics().contains(label), c.topics().contains(label));
            }
            tension.add(gold.tension(), c.tension());
            if (new java.util.HashSet<>(gold.topics())
                    .equals(new java.util.HashSet<>(c.topics()))) {
                exactTopics++;
            }
        }

        /** Mean F1 over the topics that occur (in gold or predicted) in this slice. */
        public double topicMacroF1() {
            double sum = 0;
            int k = 0;
            for (Metrics.Binary b : topics) {
                if (b.tp + b.fp + b.fn > 0) {
                    sum += b.f1();
                    k++;
                }
            }
            return k == 0 ? 1.0 : sum / k;
        }

        public double tensionMacroF1() {
            return tension.macroF1();
        }

        public double hostileRecall() {
            return tension.of(2).recall();
        }

        public double hostilePrecision() {
            return tension.of(2).precision();
        }

        public double exactTopicAccuracy() {
            return n == 0 ? 0 : exactTopics / (double) n;
        }

        public int size() {
            return n;
        }
    }

    /**
     * Hostile decisions on the posts of one target group or one form: how many non-hostile posts
     * (gold calm or uneasy) were called hostile, and how many hostile posts were found.
     */
    public static final class HostileCounts {
        int nonHostile;
        int falseHostile;
        int hostile;
        int found;
        int correct;

        void add(CorpusExample gold, Classification c) {
            if (gold.tension() == 2) {
                hostile++;
                found += c.tension() == 2 ? 1 : 0;
            } else {
                nonHostile++;
                falseHostile += c.tension() == 2 ? 1 : 0;
            }
            correct += gold.tension() == c.tension() ? 1 : 0;
        }

        /** Share of non-hostile posts called hostile (0 when there are none). */
        public double falseHostileRate() {
            return nonHostile == 0 ? 0 : falseHostile / (double) nonHostile;
        }

        /** Share of hostile posts called hostile (NaN when there are none). */
        public double hostileRecall() {
            return hostile == 0 ? Double.NaN : found / (double) hostile;
        }

        public int nonHostile() {
            return nonHostile;
        }

        public int falseHostile() {
            return falseHostile;
        }

        public int hostile() {
            return hostile;
        }

        public int found() {
            return found;
        }

        /** Tension accuracy (all three levels). */
        public double tensionAccuracy() {
            int n = hostile + nonHostile;
            return n == 0 ? 0 : correct / (double) n;
        }
    }

    private final Slice all = new Slice();
    private final Map<String, Slice> byLang = new TreeMap<>();
    private final Map<String, Slice> byHard = new TreeMap<>();
    private final Map<String, HostileCounts> byGroup = new java.util.LinkedHashMap<>();
    private final Map<String, HostileCounts> byForm = new TreeMap<>();

    /** Evaluates a classifier on examples. */
    public static Evaluation run(SignalClassifier classifier, List<CorpusExample> examples) {
        Evaluation e = new Evaluation();
        for (CorpusExample x : examples) {
            e.add(x, classifier.classify(x.text()));
        }
        return e;
    }

    /** Adds one classified example. */
    void add(CorpusExample x, Classification c) {
        all.add(x, c);
        byLang.computeIfAbsent(x.lang(), k -> new Slice()).add(x, c);
        byHard.computeIfAbsent(x.hard() == null ? "(none)" : x.hard(), k -> new Slice()).add(x, c);
        for (String g : x.groups()) {
            byGroup.computeIfAbsent(g, k -> new HostileCounts()).add(x, c);
        }
        if (x.form() != null) {
            byForm.computeIfAbsent(x.form(), k -> new HostileCounts()).add(x, c);
        }
    }

    public Slice all() {
        return all;
    }

    /** Hostile decisions per target group (from the examples' {@code groups}), in group order. */
    public Map<String, HostileCounts> byGroup() {
        Map<String, HostileCounts> out = new java.util.LinkedHashMap<>();
        for (String g : TargetGroups.GROUPS) {
            if (byGroup.containsKey(g)) {
                out.put(g, byGroup.get(g));
            }
        }
        return out;
    }

    /** Hostile decisions per form (from the examples' {@code form}). */
    public Map<String, HostileCounts> byForm() {
        return byForm;
    }

    /** The highest false-hostile rate of any group with non-hostile posts (0 if none). */
    public double worstGroupFalseHostileRate() {
        return byGroup.values().stream()
                .filter(h -> h.nonHostile > 0)
                .mapToDouble(HostileCounts::falseHostileRate)
                .max()
                .orElse(0);
    }

    /** A plain-text report, as printed by {@code lvds evaluate}. */
    public String toText(String title) {
        StringBuilder sb = new StringBuilder();
        sb.append(title).append(" (").append(all.n).append(" posts)\n\n");
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%-18s %9s %9s %9s %8s%n",
                        "topic",
                        "precision",
                        "recall",
                        "F1",
                        "support"));
        for (int t = 0; t < Topic.ALL.size(); t++) {
            Metrics.Binary b = all.topics[t];
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "%-18s %9.3f %9.3f %9.3f %8d%n",
                            Topic.ALL.get(t),
                            b.precision(),
                            b.recall(),
                            b.f1(),
                            b.support()));
        }
        sb.append(
                String.format(Locale.ROOT, "%-18s %29.3f%n", "topic macro-F1", all.topicMacroF1()));
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%-18s %29.3f%n%n",
                        "exact topic set",
                        all.exactTopicAccuracy()));
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%-18s %9s %9s %9s %8s%n",
                        "tension",
                        "precision",
                        "recall",
                        "F1",
                        "support"));
        for (int level = 0; level < 3; level++) {
            Metrics.Binary b = all.tension.of(level);
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "%-18s %9.3f %9.3f %9.3f %8d%n",
                            Topic.TENSION_LEVELS.get(level),
                            b.precision(),
                            b.recall(),
                            b.f1(),
                            b.support()));
        }
        sb.append(
                String.format(
                        Locale.ROOT, "%-18s %29.3f%n", "tension macro-F1", all.tensionMacroF1()));
        sb.append("\nconfusion (rows gold, columns predicted: calm uneasy hostile)\n");
        for (int g = 0; g < 3; g++) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "  %-8s %6d %6d %6d%n",
                            Topic.TENSION_LEVELS.get(g),
                            all.tension.m[g][0],
                            all.tension.m[g][1],
                            all.tension.m[g][2]));
        }
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%n%-22s %5s %9s %9s %9s%n",
                        "per language",
                        "n",
                        "topic-F1",
                        "tens-F1",
                        "host-rec"));
        byLang.forEach(
                (k, s) ->
                        sb.append(
                                String.format(
                                        Locale.ROOT,
                                        "  %-20s %5d %9.3f %9.3f %9.3f%n",
                                        k,
                                        s.n,
                                        s.topicMacroF1(),
                                        s.tensionMacroF1(),
                                        s.hostileRecall())));
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%n%-22s %5s %11s %9s%n",
                        "per hard-case type",
                        "n",
                        "topics-ok",
                        "tens-acc"));
        byHard.forEach(
                (k, s) ->
                        sb.append(
                                String.format(
                                        Locale.ROOT,
                                        "  %-20s %5d %11.3f %9.3f%n",
                                        k,
                                        s.n,
                                        s.exactTopicAccuracy(),
                                        s.tension.accuracy())));
        if (!byGroup.isEmpty()) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "%n%-22s %22s %22s%n",
                            "per target group",
                            "false-hostile (n)",
                            "hostile recall (n)"));
            byGroup()
                    .forEach(
                            (k, h) ->
                                    sb.append(
                                            String.format(
                                                    Locale.ROOT,
                                                    "  %-20s %6.3f %4d/%-10d %6s %4d/%-10d%n",
                                                    k,
                                                    h.falseHostileRate(),
                                                    h.falseHostile,
                                                    h.nonHostile,
                                                    fmt(h.hostileRecall()),
                                                    h.found,
                                                    h.hostile)));
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "  %-20s %6.3f%n",
                            "worst false-hostile",
                            worstGroupFalseHostileRate()));
        }
        if (!byForm.isEmpty()) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "%n%-26s %5s %9s %14s%n",
                            "per form",
                            "n",
                            "tens-acc",
                            "called hostile"));
            byForm.forEach(
                    (k, h) ->
                            sb.append(
                                    String.format(
                                            Locale.ROOT,
                                            "  %-24s %5d %9.3f %14.3f%n",
                                            k,
                                            h.hostile + h.nonHostile,
                                            h.tensionAccuracy(),
                                            (h.found + h.falseHostile)
                                                    / (double) (h.hostile + h.nonHostile))));
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** The figures as JSON, for the model card. */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("posts", all.n);
        ObjectNode topics = o.putObject("topics");
        for (int t = 0; t < Topic.ALL.size(); t++) {
            Metrics.Binary b = all.topics[t];
            ObjectNode x = topics.putObject(Topic.ALL.get(t));
            x.put("precision", round(b.precision()));
            x.put("recall", round(b.recall()));
            x.put("f1", round(b.f1()));
            x.put("support", b.support());
        }
        o.put("topicMacroF1", round(all.topicMacroF1()));
        ObjectNode tension = o.putObject("tension");
        for (int level = 0; level < 3; level++) {
            Metrics.Binary b = all.tension.of(level);
            ObjectNode x = tension.putObject(Topic.TENSION_LEVELS.get(level));
            x.put("precision", round(b.precision()));
            x.put("recall", round(b.recall()));
            x.put("f1", round(b.f1()));
            x.put("support", b.support());
        }
        o.put("tensionMacroF1", round(all.tensionMacroF1()));
        ArrayNode cm = o.putArray("tensionConfusion");
        for (int[] row : all.tension.m) {
            ArrayNode r = cm.addArray();
            for (int v : row) {
                r.add(v);
            }
        }
        ObjectNode langs = o.putObject("perLanguage");
        byLang.forEach(
                (k, s) -> {
                    ObjectNode x = langs.putObject(k);
                    x.put("n", s.n);
                    x.put("topicMacroF1", round(s.topicMacroF1()));
                    x.put("tensionMacroF1", round(s.tensionMacroF1()));
                    x.put("hostileRecall", round(s.hostileRecall()));
                });
        ObjectNode hard = o.putObject("perHardCase");
        byHard.forEach(
                (k, s) -> {
                    ObjectNode x = hard.putObject(k);
                    x.put("n", s.n);
                    x.put("exactTopics", round(s.exactTopicAccuracy()));
                    x.put("tensionAccuracy", round(s.tension.accuracy()));
                });
        if (!byGroup.isEmpty()) {
            ObjectNode groups = o.putObject("perGroup");
            byGroup()
                    .forEach(
                            (k, h) -> {
                                ObjectNode x = groups.putObject(k);
                                x.put("nonHostile", h.nonHostile);
                                x.put("falseHostile", h.falseHostile);
                                x.put("falseHostileRate", round(h.falseHostileRate()));
                                x.put("hostile", h.hostile);
                                x.put("hostileFound", h.found);
                                if (h.hostile > 0) {
                                    x.put("hostileRecall", round(h.hostileRecall()));
                                }
                            });
            o.put("worstGroupFalseHostileRate", round(worstGroupFalseHostileRate()));
        }
        if (!byForm.isEmpty()) {
            ObjectNode forms = o.putObject("perForm");
            byForm.forEach(
                    (k, h) -> {
                        ObjectNode x = forms.putObject(k);
                        x.put("n", h.hostile + h.nonHostile);
                        x.put("tensionAccuracy", round(h.tensionAccuracy()));
                        x.put(
                                "calledHostile",
                                round(
                                        (h.found + h.falseHostile)
                                                / (double) (h.hostile + h.nonHostile)));
                    });
        }
        o.put("hostileRecall", round(all.hostileRecall()));
        o.put("hostilePrecision", round(all.hostilePrecision()));
        return o;
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
