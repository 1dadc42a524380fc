package nl.lvds.models.lang;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** The hand-labelled language-id evaluation set and the accuracy tally over it. */
final class LangIdCases {

    /** One labelled post; {@code kind} is the register or, for "other", the actual language. */
    record Case(String text, String lang, String kind) {}

    /** Correct / total per label, per label+kind and the confusion counts. */
    record Tally(
            Map<String, int[]> perLabel,
            Map<String, int[]> perKind,
            Map<String, Integer> confusion,
            List<String> errors) {

        double accuracy(String label) {
            int[] t = perLabel.get(label);
            return t == null || t[1] == 0 ? Double.NaN : (double) t[0] / t[1];
        }

        double overall() {
            int ok = 0;
            int all = 0;
            for (int[] t : perLabel.values()) {
                ok += t[0];
                all += t[1];
            }
            return (double) ok / all;
        }

        String summary() {
            StringBuilder b = new StringBuilder();
            for (Map.Entry<String, int[]> e : perLabel.entrySet()) {
                b.append(
                        String.format(
                                "%s %.3f (%d/%d)  ",
                                e.getKey(),
                                (double) e.getValue()[0] / e.getValue()[1],
                                e.getValue()[0],
                                e.getValue()[1]));
            }
            return b.append(String.format("overall %.3f", overall())).toString();
        }
    }

    static final String RESOURCE = "/nl/lvds/models/lang/langid-cases.jsonl";

    private LangIdCases() {}

    static List<Case> load() {
        ObjectMapper mapper = new ObjectMapper();
        List<Case> cases = new ArrayList<>();
        try (InputStream in = LangIdCases.class.getResourceAsStream(RESOURCE);
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = mapper.readTree(line);
                cases.add(
                        new Case(
                                n.get("text").asText(),
                                n.get("lang").asText(),
                                n.path("kind").asText("")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    static Tally tally(List<Case> cases, UnaryOperator<String> detector) {
        Map<String, int[]> perLabel = new TreeMap<>();
        Map<String, int[]> perKind = new LinkedHashMap<>();
        Map<String, Integer> confusion = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        for (Case c : cases) {
            String got = detector.apply(c.text());
            boolean ok = c.lang().equals(got);
            int[] l = perLabel.computeIfAbsent(c.lang(), k -> new int[2]);
            int[] k = perKind.computeIfAbsent(c.lang() + "/" + c.kind(), x -> new int[2]);
            l[1]++;
            k[1]++;
            if (ok) {
                l[0]++;
                k[0]++;
            } else {
                errors.add(c.lang() + "->" + got + " [" + c.kind() + "] " + c.text());
            }
            confusion.merge(c.lang() + "->" + got, 1, Integer::sum);
        }
        return new Tally(perLabel, perKind, confusion, errors);
    }
}
