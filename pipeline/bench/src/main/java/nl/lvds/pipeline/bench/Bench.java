package nl.lvds.pipeline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The benchmark suite runner behind {@code lvds bench}: runs the selected suites in order, one at a
 * time, against one shared embedded broker and one generated archive; prints a table on {@code
 * out}, progress on {@code log}, and writes a results JSON with the machine facts, every figure,
 * the load average with each figure, the targets and whether they are met.
 */
public final class Bench {

    /** Bench options beyond the sizes. */
    public record Options(
            List<String> only,
            BenchSizes sizes,
            Path corpus,
            boolean coreNlpSentiment,
            int latencyShortCheckpointSeconds,
            Map<String, String> latencyConfig,
            Path out,
            String stateBackend) {

        /** Validates the state backend: {@code hashmap} or {@code rocksdb}. */
        public Options {
            if (!LocalFlink.BACKENDS.contains(stateBackend)) {
                throw new IllegalArgumentException(
                        "--state-backend must be one of "
                                + LocalFlink.BACKENDS
                                + ", was "
                                + stateBackend);
            }
        }
    }

    private Bench() {}

    /**
     * The suites, in the order they run. Each entry: name (for --only) -> the suite.
     *
     * <p>{@code badinput}: the valid stream's rate with vs without bad records.
     */
    static Map<String, Supplier<Suite>> suites(Options o) {
        Map<String, Supplier<Suite>> m = new LinkedHashMap<>();
        m.put("models", () -> new ModelsSuite(o.corpus(), o.coreNlpSentiment()));
        m.put("plumbing", PlumbingSuite::new);
        m.put("review", ReviewSuite::new);
        m.put(
                "latency",
                () -> new LatencySuite(o.latencyShortCheckpointSeconds(), o.latencyConfig()));
        m.put("scaling", ScalingSuite::new);
        m.put("badinput", BadInputSuite::new);
        return m;
    }

    /** Suite names known to the command, including slots not wired yet. */
    public static final List<String> KNOWN =
            List.of("models", "plumbing", "review", "latency", "scaling", "badinput");

    /**
     * Runs the bench.
     *
     * @return the results JSON (also written to {@code o.out()})
     */
    public static ObjectNode run(Options o, PrintStream out, PrintStream log) throws Exception {
        Map<String, Supplier<Suite>> all = suites(o);
        List<String> selected =
                o.only() == null || o.only().isEmpty() ? List.copyOf(all.keySet()) : o.only();
        for (String s : selected) {
            if (!KNOWN.contains(s)) {
                throw new IllegalArgumentException(
                        "unknown suite: " + s + " (known: " + KNOWN + ")");
            }
            if (!all.containsKey(s)) {
                throw new IllegalArgumentException(
                        "suite " + s + " is not available in this build yet");
            }
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode json = mapper.createObjectNode();
        ObjectNode machine = json.putObject("machine");
        Machine.describe(machine);
        Machine.putLoad(machine, "loadAverageAtStart");
        json.set("sizes", mapper.valueToTree(o.sizes()));
        json.putArray("suitesRun").addAll(selected.stream().map(json::textNode).toList());
        ObjectNode suites = json.putObject("suites");
        List<Row> rows = new ArrayList<>();
        Instant started = Instant.now();
        json.put("stateBackend", o.stateBackend());
        try (BenchContext ctx = new BenchContext(o.sizes(), log, o.stateBackend())) {
            for (String name : all.keySet()) {
                if (!selected.contains(name)) {
                    continue;
                }
                Suite suite = all.get(name).get();
                ObjectNode sj = suites.putObject(name);
                Machine.putLoad(sj, "loadAverageAtStart");
                Instant t0 = Instant.now();
                ctx.progress("=== %s ===", name);
                suite.run(ctx, sj, rows);
                sj.put("suiteSeconds", Duration.between(t0, Instant.now()).toMillis() / 1000.0);
                Machine.putLoad(sj, "loadAverageAtEnd");
                Files.writeString(
                        o.out(), mapper.writeValueAsString(json) + "\n"); // partial results
            }
        }
        Machine.putLoad(machine, "loadAverageAtEnd");
        json.put("benchSeconds", Duration.between(started, Instant.now()).toMillis() / 1000.0);
        ArrayNode targets = json.putArray("targets");
        for (String name : selected) {
            ObjectNode t = (ObjectNode) suites.path(name).get("target");
            if (t != null) {
                targets.addObject().put("suite", name).setAll(t);
            }
        }
        Files.writeString(o.out(), mapper.writeValueAsString(json) + "\n");
        print(out, rows, machine);
        out.println("\nwrote " + o.out());
        return json;
    }

    static void print(PrintStream out, List<Row> rows, ObjectNode machine) {
        out.printf(
                Locale.ROOT,
                "%nLVDS bench, %s: %d cores, Java %s, load average %s at start, %s at end%n%n",
                machine.path("date").asText(),
                machine.path("cores").asInt(),
                machine.path("java").asText(),
                machine.path("loadAverageAtStart"),
                machine.path("loadAverageAtEnd"));
        String[] h = {"suite", "figure", "value", "target", "status", "load"};
        int[] w = new int[h.length];
        List<String[]> lines = new ArrayList<>();
        lines.add(h);
        for (Row r : rows) {
            lines.add(
                    new String[] {
                        r.suite(),
                        r.figure(),
                        r.value(),
                        r.target(),
                        r.status(),
                        String.format(Locale.ROOT, "%.2f", r.load())
                    });
        }
        for (String[] l : lines) {
            for (int i = 0; i < l.length; i++) {
                w[i] = Math.max(w[i], l[i].length());
            }
        }
        for (int j = 0; j < lines.size(); j++) {
            String[] l = lines.get(j);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < l.length; i++) {
                b.append(i == 0 ? "" : "  ");
                b.append(String.format(Locale.ROOT, "%-" + w[i] + "s", l[i]));
            }
            out.println(b.toString().stripTrailing());
            if (j == 0) {
                out.println("-".repeat(b.length()));
            }
        }
    }
}
