package nl.lvds.models.prevalence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.lvds.models.classify.Classification;
import nl.lvds.models.classify.Corpus;
import nl.lvds.models.classify.CorpusExample;
import nl.lvds.models.classify.SignalClassifier;

/**
 * The classifier's error rates per label group, measured on the corpus dev split (never trained on,
 * never the blind set), stored next to the model as {@value #FILE} and summarised in the model
 * card. The prevalence estimator corrects raw shares with them and carries their uncertainty (the
 * counts are finite) into its intervals.
 *
 * @param format file format version ({@value #FORMAT})
 * @param model the model version the rates were measured for
 * @param source what the rates were measured on
 * @param dataSha256 hash of the data they were measured on (the corpus hash for the dev split)
 * @param posts posts measured
 * @param measuredAt when
 * @param groups per label group: confusion counts and score distributions
 */
public record PrevalenceCalibration(
        int format,
        String model,
        String source,
        String dataSha256,
        int posts,
        String measuredAt,
        List<GroupStats> groups) {

    /** File name next to the model files. */
    public static final String FILE = "prevalence-calibration.json";

    /** Classpath location of the shipped calibration. */
    public static final String RESOURCE = "/nl/lvds/models/model/" + FILE;

    /** The file format this build writes and reads. */
    public static final int FORMAT = 1;

    /** What the shipped calibration is measured on. */
    public static final String DEV_SOURCE = "corpus dev split";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The group with this name. */
    public GroupStats group(String name) {
        for (GroupStats g : groups) {
            if (g.name().equals(name)) {
                return g;
            }
        }
        throw new IllegalArgumentException("no label group " + name + " in the calibration");
    }

    /** Measures the classifier on labelled posts (classifies them). */
    public static PrevalenceCalibration measure(
            SignalClassifier classifier, List<CorpusExample> labelled, String source, String sha) {
        List<Classification> predicted = new ArrayList<>(labelled.size());
        for (CorpusExample e : labelled) {
            predicted.add(classifier.classify(e.text(), e.lang(), null));
        }
        return measure(classifier.modelVersion(), labelled, predicted, source, sha);
    }

    /** The rates of already classified labelled posts ({@code predicted.get(i)} is of post i). */
    public static PrevalenceCalibration measure(
            String model,
            List<CorpusExample> labelled,
            List<Classification> predicted,
            String source,
            String sha) {
        List<GroupStats> groups = new ArrayList<>();
        for (String name : LabelGroup.names()) {
            List<String> classes = LabelGroup.classes(name);
            int k = classes.size();
            long[][] confusion = new long[k][k];
            double[][] sum = new double[k][k];
            double[][] sumSq = new double[k][k];
            for (int p = 0; p < labelled.size(); p++) {
                int t = LabelGroup.truth(name, labelled.get(p));
                Classification c = predicted.get(p);
                confusion[t][LabelGroup.predicted(name, c)]++;
                double[] s = LabelGroup.scores(name, c);
                for (int j = 0; j < k; j++) {
                    sum[t][j] += s[j];
                    sumSq[t][j] += s[j] * s[j];
                }
            }
            double[][] mean = new double[k][k];
            double[][] var = new double[k][k];
            for (int i = 0; i < k; i++) {
                long n = 0;
                for (long v : confusion[i]) {
                    n += v;
                }
                for (int j = 0; j < k; j++) {
                    if (n > 0) {
                        mean[i][j] = sum[i][j] / n;
                        var[i][j] =
                                n > 1
                                        ? Math.max(
                                                0,
                                                (sumSq[i][j] - n * mean[i][j] * mean[i][j])
                                                        / (n - 1))
                                        : 0;
                    } else {
                        mean[i][j] = i == j ? 1 : 0;
                    }
                }
            }
            groups.add(new GroupStats(name, classes, confusion, mean, var));
        }
        return new PrevalenceCalibration(
                FORMAT,
                model,
                source,
                sha,
                labelled.size(),
                Instant.now().toString(),
                List.copyOf(groups));
    }

    /** Measures on the dev split of a corpus (what {@code lvds train} does). */
    public static PrevalenceCalibration onDevSplit(SignalClassifier classifier, Corpus corpus) {
        return measure(
                classifier, corpus.split(CorpusExample.Split.DEV), DEV_SOURCE, corpus.sha256());
    }

    /**
     * Measures the classifier on the dev split of the corpus it was trained on and writes the
     * calibration into {@code outDir}; when a model card of the same model version is there, its
     * {@code prevalence} summary is replaced. Refuses a corpus whose hash is not the one in the
     * model version (the dev split of another corpus may hold posts the model was trained on).
     */
    public static PrevalenceCalibration refresh(
            SignalClassifier classifier, Corpus corpus, Path outDir, String cardFile)
            throws IOException {
        String version = classifier.modelVersion();
        String suffix = "+" + corpus.sha256().substring(0, 8);
        if (!version.endsWith(suffix)) {
            throw new IOException(
                    "model "
                            + version
                            + " was not trained on this corpus (SHA-256 "
                            + corpus.sha256().substring(0, 8)
                            + "...): its dev split is not held out from that model");
        }
        PrevalenceCalibration pc = onDevSplit(classifier, corpus);
        Files.createDirectories(outDir);
        pc.write(outDir.resolve(FILE));
        Path card = outDir.resolve(cardFile);
        if (Files.exists(card)) {
            ObjectMapper pretty =
                    new ObjectMapper()
                            .enable(
                                    com.fasterxml.jackson.databind.SerializationFeature
                                            .INDENT_OUTPUT);
            JsonNode c = pretty.readTree(card.toFile());
            if (c instanceof ObjectNode o && version.equals(o.path("version").asText())) {
                o.set("prevalence", pc.summary());
                Files.writeString(card, pretty.writeValueAsString(o) + "\n");
            }
        }
        return pc;
    }

    /** The calibration as JSON (the file's content). */
    public ObjectNode toJson() {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("format", format);
        o.put("model", model);
        o.put("source", source);
        o.put("dataSha256", dataSha256);
        o.put("posts", posts);
        o.put("measuredAt", measuredAt);
        ArrayNode gs = o.putArray("groups");
        for (GroupStats g : groups) {
            ObjectNode x = gs.addObject();
            x.put("name", g.name());
            ArrayNode cl = x.putArray("classes");
            g.classes().forEach(cl::add);
            ArrayNode conf = x.putArray("confusion");
            for (long[] row : g.confusion()) {
                ArrayNode r = conf.addArray();
                for (long v : row) {
                    r.add(v);
                }
            }
            x.set("scoreMean", matrix(g.scoreMean()));
            x.set("scoreVar", matrix(g.scoreVar()));
        }
        return o;
    }

    private static ArrayNode matrix(double[][] m) {
        ArrayNode a = MAPPER.createArrayNode();
        for (double[] row : m) {
            ArrayNode r = a.addArray();
            for (double v : row) {
                r.add(v);
            }
        }
        return a;
    }

    /**
     * A short summary for the model card: per reported label, the true-positive and false-positive
     * rates with their counts.
     */
    public ObjectNode summary() {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("file", FILE);
        o.put("format", format);
        o.put("source", source);
        o.put("posts", posts);
        ObjectNode labels = o.putObject("labels");
        for (String label : LabelGroup.labels()) {
            GroupStats g = group(LabelGroup.groupOf(label));
            int c = LabelGroup.classOf(label);
            long pos = g.total(c);
            long tp = g.confusion()[c][c];
            long neg = 0;
            long fp = 0;
            for (int i = 0; i < g.classes().size(); i++) {
                if (i != c) {
                    neg += g.total(i);
                    fp += g.confusion()[i][c];
                }
            }
            ObjectNode x = labels.putObject(label);
            x.put("positives", pos);
            x.put("tpr", pos == 0 ? 0 : Math.round(1000.0 * tp / pos) / 1000.0);
            x.put("negatives", neg);
            x.put("fpr", neg == 0 ? 0 : Math.round(1000.0 * fp / neg) / 1000.0);
        }
        return o;
    }

    /** Reads the JSON written by {@link #write}. */
    public static PrevalenceCalibration fromJson(JsonNode o) throws IOException {
        if (o == null || o.path("format").asInt(-1) != FORMAT) {
            throw new IOException(
                    "not a prevalence calibration of format "
                            + FORMAT
                            + " (format "
                            + (o == null ? "none" : o.path("format").asText("none"))
                            + ")");
        }
        List<GroupStats> groups = new ArrayList<>();
        for (JsonNode x : o.path("groups")) {
            List<String> classes = new ArrayList<>();
            x.path("classes").forEach(c -> classes.add(c.asText()));
            int k = classes.size();
            long[][] conf = new long[k][k];
            double[][] mean = new double[k][k];
            double[][] var = new double[k][k];
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    conf[i][j] = x.path("confusion").path(i).path(j).asLong();
                    mean[i][j] = x.path("scoreMean").path(i).path(j).asDouble();
                    var[i][j] = x.path("scoreVar").path(i).path(j).asDouble();
                }
            }
            groups.add(
                    new GroupStats(x.path("name").asText(), List.copyOf(classes), conf, mean, var));
        }
        PrevalenceCalibration pc =
                new PrevalenceCalibration(
                        FORMAT,
                        o.path("model").asText(),
                        o.path("source").asText(),
                        o.path("dataSha256").asText(),
                        o.path("posts").asInt(),
                        o.path("measuredAt").asText(),
                        List.copyOf(groups));
        for (String name : LabelGroup.names()) {
            pc.group(name); // every group must be there
        }
        return pc;
    }

    /** Writes the calibration file. */
    public void write(Path file) throws IOException {
        Files.writeString(
                file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson()) + "\n");
    }

    /** Reads a calibration file. */
    public static PrevalenceCalibration read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return fromJson(MAPPER.readTree(in));
        }
    }

    /** The calibration shipped with the model on the classpath. */
    public static PrevalenceCalibration shipped() {
        try (InputStream in = PrevalenceCalibration.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "no prevalence calibration on the classpath ("
                                + RESOURCE
                                + "): run ./lvds prevalence --calibrate");
            }
            return fromJson(MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The calibration next to a model file ({@value #FILE} in the same folder). */
    public static PrevalenceCalibration nextTo(Path modelFile) throws IOException {
        Path dir = modelFile.toAbsolutePath().getParent();
        Path f = dir.resolve(FILE);
        if (!Files.exists(f)) {
            throw new IOException(
                    "no "
                            + FILE
                            + " next to "
                            + modelFile
                            + ": run ./lvds prevalence --calibrate --model "
                            + modelFile);
        }
        return read(f);
    }

    /** Fails unless this calibration was measured for {@code modelVersion}. */
    public PrevalenceCalibration checkModel(String modelVersion) {
        if (!model.equals(modelVersion)) {
            throw new IllegalStateException(
                    "the prevalence calibration is for model "
                            + model
                            + ", not "
                            + modelVersion
                            + ": run ./lvds prevalence --calibrate");
        }
        return this;
    }
}
