package nl.lvds.models.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * External checks on public Dutch evaluation sets that are never used for training or tuning:
 * Multilingual HateCheck (Dutch) accuracy with hostile = hateful, overall and per functionality,
 * and per target identity the share of non-hateful mentions called hostile and of hateful cases
 * found; and RTP-LX (Dutch) ROC AUC of the hostility score P(hostile) against the human toxicity
 * label. The files are read from a path given by the user; they are not part of the repository.
 */
public final class ExternalChecks {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ExternalChecks() {}

    /**
     * HateCheck result.
     *
     * @param n cases
     * @param accuracy share of cases where hostile (tension 2) equals hateful
     * @param perFunctionality per functionality: {accuracy, cases}
     * @param perGroup per target identity: {non-hateful cases called hostile, non-hateful cases,
     *     hateful cases found, hateful cases}
     */
    public record HateCheck(
            int n,
            double accuracy,
            Map<String, double[]> perFunctionality,
            Map<String, int[]> perGroup) {
        /** The lowest accuracy of any functionality. */
        public double worstFunctionality() {
            return perFunctionality.values().stream().mapToDouble(v -> v[0]).min().orElse(0);
        }

        /** Accuracy of one functionality (NaN if absent). */
        public double functionality(String name) {
            double[] v = perFunctionality.get(name);
            return v == null ? Double.NaN : v[0];
        }

        /** Share of a group's non-hateful mentions called hostile. */
        public static double falseHostileRate(int[] g) {
            return g[1] == 0 ? 0 : g[0] / (double) g[1];
        }

        /** Share of a group's hateful cases called hostile. */
        public static double recall(int[] g) {
            return g[3] == 0 ? Double.NaN : g[2] / (double) g[3];
        }

        /** The highest false-hostile rate on non-hateful mentions of any group. */
        public double worstGroupFalseHostileRate() {
            return perGroup.values().stream()
                    .mapToDouble(HateCheck::falseHostileRate)
                    .max()
                    .orElse(0);
        }
    }

    /** RTP-LX result. */
    public record RtpLx(int n, int toxic, double auc) {}

    /** Accuracy on a Multilingual HateCheck JSONL file ({@code text, label, functionality}). */
    public static HateCheck hateCheck(SignalClassifier c, Path jsonl) throws IOException {
        int ok = 0;
        int n = 0;
        Map<String, int[]> per = new TreeMap<>();
        Map<String, int[]> groups = new TreeMap<>();
        for (JsonNode row : read(jsonl)) {
            boolean gold = "hateful".equals(row.path("label").asText());
            boolean predicted = c.classify(row.path("text").asText()).tension() == 2;
            if (row.path("target_ident").isTextual()) {
                int[] g =
                        groups.computeIfAbsent(row.path("target_ident").asText(), k -> new int[4]);
                if (gold) {
                    g[3]++;
                    g[2] += predicted ? 1 : 0;
                } else {
                    g[1]++;
                    g[0] += predicted ? 1 : 0;
                }
            }
            int[] counts = per.computeIfAbsent(row.path("functionality").asText(), k -> new int[2]);
            counts[1]++;
            n++;
            if (gold == predicted) {
                ok++;
                counts[0]++;
            }
        }
        Map<String, double[]> out = new TreeMap<>();
        per.forEach((k, v) -> out.put(k, new double[] {v[0] / (double) v[1], v[1]}));
        return new HateCheck(n, n == 0 ? 0 : ok / (double) n, out, groups);
    }

    /** AUC of P(hostile) against {@code label == toxic} on an RTP-LX JSONL file. */
    public static RtpLx rtpLx(SignalClassifier c, Path jsonl) throws IOException {
        List<JsonNode> rows = read(jsonl);
        double[] scores = new double[rows.size()];
        boolean[] toxic = new boolean[rows.size()];
        int pos = 0;
        for (int i = 0; i < rows.size(); i++) {
            scores[i] = c.classify(rows.get(i).path("text").asText()).tensionScores()[2];
            toxic[i] = "toxic".equals(rows.get(i).path("label").asText());
            pos += toxic[i] ? 1 : 0;
        }
        return new RtpLx(rows.size(), pos, Metrics.auc(scores, toxic));
    }

    /** A text report of both checks. */
    public static String toText(HateCheck h, RtpLx r) {
        StringBuilder sb = new StringBuilder();
        if (h != null) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "Dutch HateCheck (%d cases): accuracy %.3f, worst functionality %.3f%n",
                            h.n(),
                            h.accuracy(),
                            h.worstFunctionality()));
            h.perFunctionality()
                    .forEach(
                            (k, v) ->
                                    sb.append(
                                            String.format(
                                                    Locale.ROOT,
                                                    "  %-34s %5.3f  (n=%d)%n",
                                                    k,
                                                    v[0],
                                                    (int) v[1])));
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "  identity-positive %.3f, identity-neutral %.3f%n",
                            h.functionality("ident_pos_nh"),
                            h.functionality("ident_neutral_nh")));
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "  %-20s %24s %20s%n",
                            "per target group",
                            "non-hateful called hostile",
                            "hateful found"));
            h.perGroup()
                    .forEach(
                            (k, g) ->
                                    sb.append(
                                            String.format(
                                                    Locale.ROOT,
                                                    "  %-20s %8.3f %5d/%-9d %8.3f %5d/%-5d%n",
                                                    k,
                                                    HateCheck.falseHostileRate(g),
                                                    g[0],
                                                    g[1],
                                                    HateCheck.recall(g),
                                                    g[2],
                                                    g[3])));
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "  worst group false-hostile rate %.3f%n",
                            h.worstGroupFalseHostileRate()));
        }
        if (r != null) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "RTP-LX Dutch (%d prompts, %d toxic): AUC of P(hostile) %.3f%n",
                            r.n(),
                            r.toxic(),
                            r.auc()));
        }
        return sb.toString();
    }

    /** Both results as JSON, for the model card. */
    public static ObjectNode toJson(HateCheck h, RtpLx r) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (h != null) {
            ObjectNode x = o.putObject("dutchHateCheck");
            x.put("cases", h.n());
            x.put("accuracy", Evaluation.round(h.accuracy()));
            x.put("worstFunctionality", Evaluation.round(h.worstFunctionality()));
            ObjectNode per = x.putObject("perFunctionality");
            h.perFunctionality().forEach((k, v) -> per.put(k, Evaluation.round(v[0])));
            ObjectNode groups = x.putObject("perGroup");
            h.perGroup()
                    .forEach(
                            (k, g) -> {
                                ObjectNode y = groups.putObject(k);
                                y.put("nonHateful", g[1]);
                                y.put(
                                        "falseHostileRate",
                                        Evaluation.round(HateCheck.falseHostileRate(g)));
                                y.put("hateful", g[3]);
                                y.put("hatefulRecall", Evaluation.round(HateCheck.recall(g)));
                            });
            x.put("worstGroupFalseHostileRate", Evaluation.round(h.worstGroupFalseHostileRate()));
        }
        if (r != null) {
            ObjectNode x = o.putObject("rtpLxDutch");
            x.put("prompts", r.n());
            x.put("toxic", r.toxic());
            x.put("aucHostile", Evaluation.round(r.auc()));
        }
        return o;
    }

    private static List<JsonNode> read(Path jsonl) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(MAPPER.readTree(line));
                }
            }
        }
        return out;
    }
}
