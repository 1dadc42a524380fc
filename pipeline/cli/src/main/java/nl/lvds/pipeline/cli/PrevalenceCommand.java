package nl.lvds.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import nl.lvds.models.classify.Classification;
import nl.lvds.models.classify.Corpus;
import nl.lvds.models.classify.ModelBuilder;
import nl.lvds.models.classify.SignalClassifier;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.prevalence.Estimate;
import nl.lvds.models.prevalence.Method;
import nl.lvds.models.prevalence.PrevalenceCalibration;
import nl.lvds.models.prevalence.PrevalenceEstimator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lvds prevalence}: JSONL posts in, per group one line with each label's raw share, its
 * share corrected for the classifier's measured error rates and a 90% interval.
 */
@Command(
        name = "prevalence",
        mixinStandardHelpOptions = true,
        description = {
            "Share of hostile, uneasy and each topic in a set of posts, corrected for the",
            "classifier's error rates (measured on the corpus dev split), with a 90%% interval.",
            "In: {\"id\",\"text\",\"lang\"?,<FIELD>?} per line (stdin by default).",
            "Out: one line per --group-by value (one line without it):",
            "{\"format\":1,\"<FIELD>\":v,\"n\":N,\"prevalence\":{\"hostile\":{\"estimate\",\"low\",\"high\",\"raw\"},...}}.",
            "Unreadable lines go to stderr as {\"line\":N,\"error\":\"...\"}; the text is never echoed.",
            "With --calibrate: measure the model's error rates on the dev split and write",
            PrevalenceCalibration.FILE + " next to the model (and its summary into the card)."
        })
final class PrevalenceCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The output format version. */
    static final int FORMAT = 1;

    @Option(names = "--input", description = "Input JSONL file (default: stdin).")
    Path input;

    @Option(names = "--output", description = "Output JSONL file (default: stdout).")
    Path output;

    @Option(
            names = "--group-by",
            paramLabel = "FIELD",
            description =
                    "A top-level input field to group by (e.g. district or day); posts without it"
                            + " form the group null. Fields that identify a person are refused.")
    String groupBy;

    @Option(
            names = "--model",
            description =
                    "A model file (default: the shipped model); its "
                            + PrevalenceCalibration.FILE
                            + " is read from the same folder.")
    Path model;

    @Option(
            names = "--method",
            description =
                    "Estimation method: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Method method = PrevalenceEstimator.DEFAULT_METHOD;

    @Option(
            names = "--draws",
            description = "Bootstrap draws per interval (default: ${DEFAULT-VALUE}).")
    int draws = PrevalenceEstimator.DEFAULT_DRAWS;

    @Option(
            names = "--calibrate",
            description =
                    "Measure the error rates of the model (--model, or the model in the default"
                            + " model folder) on the dev split of --corpus and write "
                            + PrevalenceCalibration.FILE
                            + " next to it.")
    boolean calibrate;

    @Option(
            names = "--corpus",
            description =
                    "With --calibrate: the corpus the model was trained on (default: ${DEFAULT-VALUE}).")
    Path corpus = Paths.corpus();

    @Override
    public Integer call() throws Exception {
        if (calibrate) {
            return calibrate(System.err);
        }
        if (groupBy != null
                && (LvdsJson.IDENTITY_FIELDS.contains(groupBy.toLowerCase(Locale.ROOT))
                        || groupBy.equals("text")
                        || groupBy.equals("id"))) {
            System.err.println(
                    "lvds prevalence: --group-by "
                            + groupBy
                            + " is refused: shares are reported for groups of posts, never per"
                            + " person or per post");
            return 2;
        }
        if (draws < 50) {
            System.err.println("lvds prevalence: --draws must be at least 50");
            return 2;
        }
        if (input != null && !Files.exists(input)) {
            System.err.println("lvds prevalence: no such file: " + input);
            return 2;
        }
        SignalClassifier classifier;
        PrevalenceCalibration calibration;
        try {
            classifier = model == null ? SignalClassifier.load() : SignalClassifier.load(model);
            calibration =
                    (model == null
                                    ? PrevalenceCalibration.shipped()
                                    : PrevalenceCalibration.nextTo(model))
                            .checkModel(classifier.modelVersion());
        } catch (Exception e) {
            System.err.println("lvds prevalence: " + e.getMessage());
            return 2;
        }
        PrevalenceEstimator estimator = new PrevalenceEstimator(calibration, method, draws, 1L);

        Map<String, Group> groups = new TreeMap<>();
        int ok = 0;
        int errors = 0;
        try (BufferedReader reader = PostLines.open(input)) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                PostLines.Line post = PostLines.parse(line, lineNo);
                String error = post.error();
                JsonNode key = NullNode.getInstance();
                if (error == null && groupBy != null) {
                    JsonNode v = post.post().get(groupBy);
                    if (v != null && (v.isContainerNode())) {
                        error = "bad_group_value";
                    } else if (v != null) {
                        key = v;
                    }
                }
                if (error != null) {
                    errors++;
                    System.err.println(
                            MAPPER.writeValueAsString(
                                    MAPPER.createObjectNode()
                                            .put("line", lineNo)
                                            .put("error", error)));
                    continue;
                }
                Classification c = classifier.classify(post.text(), post.lang(), null);
                // nulls sort last; values of different JSON types with the same text stay apart
                String sortKey =
                        key.isNull() ? "\uffff" : key.asText() + "\u0000" + key.getNodeType();
                JsonNode k = key;
                groups.computeIfAbsent(sortKey, x -> new Group(k)).posts.add(c);
                ok++;
            }
        }
        System.err.printf(
                "lvds prevalence: %d posts in %d groups, %d unreadable lines, model %s, method %s%n",
                ok, groups.size(), errors, classifier.modelVersion(), method);
        if (ok == 0) {
            System.err.println("lvds prevalence: no readable posts");
            return 1;
        }
        try (Writer out =
                output == null
                        ? new BufferedWriter(
                                new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                        : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            for (Group g : groups.values()) {
                out.write(MAPPER.writeValueAsString(line(g, estimator.estimate(g.posts))));
                out.write('\n');
            }
        }
        return 0;
    }

    private ObjectNode line(Group g, Map<String, Estimate> estimates) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("format", FORMAT);
        if (groupBy != null) {
            o.set(groupBy, g.key);
        }
        o.put("n", g.posts.size());
        ObjectNode p = o.putObject("prevalence");
        estimates.forEach(
                (label, e) ->
                        p.putObject(label)
                                .put("estimate", round(e.estimate()))
                                .put("low", round(e.low()))
                                .put("high", round(e.high()))
                                .put("raw", round(e.raw())));
        return o;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    private int calibrate(PrintStream log) throws Exception {
        if (!Files.exists(corpus)) {
            log.println("lvds prevalence: corpus not found: " + corpus);
            return 2;
        }
        SignalClassifier classifier =
                model == null ? SignalClassifier.load() : SignalClassifier.load(model);
        Path dir = model == null ? Paths.modelDir() : model.toAbsolutePath().getParent();
        PrevalenceCalibration pc;
        try {
            pc =
                    PrevalenceCalibration.refresh(
                            classifier, Corpus.load(corpus), dir, ModelBuilder.CARD_FILE);
        } catch (java.io.IOException e) {
            log.println("lvds prevalence: " + e.getMessage());
            return 2;
        }
        log.println(
                "lvds prevalence: wrote "
                        + dir.resolve(PrevalenceCalibration.FILE)
                        + " ("
                        + pc.posts()
                        + " dev posts, model "
                        + pc.model()
                        + ")");
        log.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(pc.summary()));
        return 0;
    }

    private static final class Group {
        final JsonNode key;
        final List<Classification> posts = new ArrayList<>();

        Group(JsonNode key) {
            this.key = key;
        }
    }
}
