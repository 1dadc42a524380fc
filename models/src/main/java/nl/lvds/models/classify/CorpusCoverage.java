package nl.lvds.models.classify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a labelled set covers, as Markdown tables: posts per form x target group x language, and per
 * group the hostile and non-hostile posts per language. Shows where the corpus is thin (a group
 * with few non-hostile posts in English, a form that only occurs in Dutch).
 */
public final class CorpusCoverage {

    private static final List<String> LANGS = List.of("nl", "en", "mixed");

    private CorpusCoverage() {}

    /** The coverage tables of a set of examples. */
    public static String markdown(List<CorpusExample> examples) {
        StringBuilder sb = new StringBuilder();
        long withForm = examples.stream().filter(e -> e.form() != null).count();
        long withGroups = examples.stream().filter(e -> !e.groups().isEmpty()).count();
        sb.append(
                String.format(
                        "%d posts; %d with a form, %d naming a target group, %d in a contrastive"
                                + " pair.%n%n",
                        examples.size(),
                        withForm,
                        withGroups,
                        examples.stream().filter(e -> e.pair() != null).count()));

        // group x language, hostile / non-hostile
        sb.append("Per target group and language: hostile / non-hostile posts.\n\n");
        sb.append("| group | nl | en | mixed | all |\n|---|---:|---:|---:|---:|\n");
        List<String> groups = new ArrayList<>(TargetGroups.GROUPS);
        groups.add("(none)");
        for (String g : groups) {
            int[][] c = new int[LANGS.size() + 1][2];
            for (CorpusExample e : examples) {
                boolean in = g.equals("(none)") ? e.groups().isEmpty() : e.groups().contains(g);
                if (!in) {
                    continue;
                }
                int l = Math.max(0, LANGS.indexOf(e.lang()));
                int h = e.tension() == 2 ? 0 : 1;
                c[l][h]++;
                c[LANGS.size()][h]++;
            }
            sb.append("| ").append(g);
            for (int[] x : c) {
                sb.append(" | ").append(x[0]).append(" / ").append(x[1]);
            }
            sb.append(" |\n");
        }

        // form x group, cells nl.en.mixed
        TreeSet<String> forms = new TreeSet<>();
        examples.forEach(e -> forms.add(e.form() == null ? "(none)" : e.form()));
        Map<String, Map<String, int[]>> cells = new LinkedHashMap<>();
        for (CorpusExample e : examples) {
            String f = e.form() == null ? "(none)" : e.form();
            Map<String, int[]> row = cells.computeIfAbsent(f, k -> new LinkedHashMap<>());
            List<String> gs = e.groups().isEmpty() ? List.of("(none)") : e.groups();
            int l = Math.max(0, LANGS.indexOf(e.lang()));
            for (String g : gs) {
                row.computeIfAbsent(g, k -> new int[LANGS.size()])[l]++;
            }
        }
        sb.append(
                "\nPer form (rows, hostile forms marked *) and target group (columns): posts as"
                        + " nl.en.mixed; empty = none.\n\n");
        sb.append("| form |");
        for (String g : groups) {
            sb.append(' ').append(abbreviate(g)).append(" |");
        }
        sb.append("\n|---|");
        sb.append("---:|".repeat(groups.size()));
        sb.append('\n');
        for (String f : forms) {
            Map<String, int[]> row = cells.getOrDefault(f, Map.of());
            sb.append("| ").append(f).append(TargetGroups.HOSTILE_FORMS.contains(f) ? "*" : "");
            sb.append(" |");
            for (String g : groups) {
                int[] c = row.get(g);
                sb.append(' ');
                if (c != null) {
                    sb.append(c[0]).append('.').append(c[1]).append('.').append(c[2]);
                }
                sb.append(" |");
            }
            sb.append('\n');
        }
        sb.append("\nColumns: ");
        for (int i = 0; i < groups.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(abbreviate(groups.get(i))).append(" = ");
            sb.append(groups.get(i));
        }
        sb.append(".\n");
        return sb.toString();
    }

    private static String abbreviate(String group) {
        return switch (group) {
            case "moroccan-dutch" -> "mor";
            case "turkish-dutch" -> "tur";
            case "surinamese-dutch" -> "sur";
            case "antillean-dutch" -> "ant";
            case "eastern-european" -> "eeu";
            case "politicians" -> "pol";
            case "police" -> "plc";
            case "officials" -> "off";
            case "journalists" -> "jou";
            case "disabled" -> "dis";
            case "refugees" -> "ref";
            case "muslims" -> "mus";
            case "women" -> "wom";
            case "lgbtq" -> "lgb";
            case "black" -> "blk";
            case "jews" -> "jew";
            case "roma" -> "rom";
            default -> "none";
        };
    }
}
