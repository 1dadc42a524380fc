package nl.lvds.models.classify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import nl.lvds.models.area.AreaGazetteer;
import nl.lvds.models.lang.LanguageId;
import nl.lvds.models.prevalence.PrevalenceCalibration;

/**
 * The {@code lvds train} workflow: load the corpus, train and tune, evaluate on dev and on the
 * held-out test split, and write the model bundle and its model card (corpus hash, choices, metrics
 * per label, date) side by side.
 */
public final class ModelBuilder {

    /** File name of the CoreNLP bundle (the trained classifiers) in the output folder. */
    public static final String MODEL_FILE = "lvds-model.ser.gz";

    /** File name of the runtime model compiled from it, which the classifier loads. */
    public static final String RUNTIME_FILE = "lvds-model.bin.gz";

    /** File name of the model card in the output folder. */
    public static final String CARD_FILE = "model-card.json";

    private final PrintStream log;

    public ModelBuilder(PrintStream log) {
        this.log = log;
    }

    /**
     * Trains from {@code corpusPath} and writes into {@code outDir}; external checks run when
     * {@code externalData} (a folder with mhc-nl/ and rtplx-nl/) is given.
     *
     * @return the written model card
     */
    public ObjectNode build(Path corpusPath, Path outDir, Path externalData) throws IOException {
        long start = System.nanoTime();
        Corpus corpus = Corpus.load(corpusPath);
        corpus.problems().forEach(p -> log.println("corpus: " + p));
        TextPreprocessor pre = new TextPreprocessor();
        Trainer.Result result = new Trainer(pre, log).train(corpus, Trainer.Options.DEFAULT);
        ModelBundle bundle = result.bundle();

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bundle.write(bytes);
        Files.createDirectories(outDir);
        Files.write(outDir.resolve(MODEL_FILE), bytes.toByteArray());
        ByteArrayOutputStream runtime = new ByteArrayOutputStream();
        RuntimeModel.of(bundle).write(runtime);
        Files.write(outDir.resolve(RUNTIME_FILE), runtime.toByteArray());

        SignalClassifier classifier =
                new SignalClassifier(bundle, pre, LanguageId.get(), AreaGazetteer.rotterdam());
        Evaluation dev = Evaluation.run(classifier, corpus.split(CorpusExample.Split.DEV));
        Evaluation test = Evaluation.run(classifier, corpus.split(CorpusExample.Split.TEST));
        log.println();
        log.println(test.toText("Held-out test split"));

        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode card = mapper.createObjectNode();
        card.put("model", "LVDS topic + tension classifiers");
        card.put("version", bundle.version());
        card.put("trainedAt", Instant.now().toString());
        card.put(
                "trainer",
                "Stanford CoreNLP 4.5.10 LinearClassifierFactory (maximum entropy, quasi-Newton,"
                        + " Gaussian prior); one binary classifier per topic, one 3-class tension"
                        + " classifier");
        card.put("modelSha256", sha256(bytes.toByteArray()));
        card.put("runtimeModelSha256", sha256(runtime.toByteArray()));
        ObjectNode c = card.putObject("corpus");
        c.put("sha256", corpus.sha256());
        c.put("posts", corpus.examples().size());
        ArrayNode files = c.putArray("files");
        corpus.files().forEach(p -> files.add(p.getFileName().toString()));
        for (CorpusExample.Split s : CorpusExample.Split.values()) {
            c.put(s.name().toLowerCase(java.util.Locale.ROOT), corpus.split(s).size());
        }
        Map<String, Integer> langs = new TreeMap<>();
        corpus.examples().forEach(e -> langs.merge(e.lang(), 1, Integer::sum));
        ObjectNode l = c.putObject("languages");
        langs.forEach(l::put);
        c.put("problems", corpus.problems().size());
        c.put("withGroups", corpus.examples().stream().filter(e -> !e.groups().isEmpty()).count());
        c.put("twins", corpus.examples().stream().filter(e -> e.pair() != null).count());
        ObjectNode f = card.putObject("features");
        FeatureConfig fc = bundle.features();
        f.put("unigrams", true);
        f.put("bigrams", fc.bigrams());
        f.put("charNgrams", fc.charNgramMin() + "-" + fc.charNgramMax());
        f.put("charNgramMinTokenLength", fc.charNgramMinTokenLength());
        f.put("negationScope", fc.negationScope());
        f.put(
                "groupWords",
                switch (fc.groupWords()) {
                    case FeatureConfig.GROUP_WORDS_TOPIC_ONLY ->
                            "topic classifiers only; tension"
                                    + " sees a shared placeholder and group x cue conjunctions";
                    case FeatureConfig.GROUP_WORDS_NEAR_AND_BIGRAMS ->
                            "topic classifiers only; tension sees a shared placeholder, the"
                                    + " content words within four tokens of a group noun and group"
                                    + " x cue conjunctions";
                    case FeatureConfig.GROUP_WORDS_NEAR ->
                            "topic classifiers only; tension sees the content words within four"
                                    + " tokens of a group noun and group x cue conjunctions";
                    case FeatureConfig.GROUP_WORDS_PLACEHOLDER ->
                            "topic classifiers only; tension"
                                    + " sees a shared placeholder (also as a unigram)";
                    default -> "as any word";
                });
        ArrayNode cats = f.putArray("lexiconCategories");
        Lexicon.CATEGORIES.forEach(cats::add);
        f.put("lexiconEntries", Lexicon.get().size());
        f.put("compiledFeatures", LinearModel.compile(bundle).featureCount());
        ArrayNode choices = card.putArray("chosenOnDev");
        result.choices().forEach(choices::add);
        card.set("dev", dev.toJson());
        card.set("test", test.toJson());
        // error rates on dev for the prevalence estimator (docs/prevalence.md)
        PrevalenceCalibration prevalence = PrevalenceCalibration.onDevSplit(classifier, corpus);
        prevalence.write(outDir.resolve(PrevalenceCalibration.FILE));
        card.set("prevalence", prevalence.summary());
        if (externalData != null) {
            ExternalChecks.HateCheck h =
                    ExternalChecks.hateCheck(
                            classifier, externalData.resolve("mhc-nl/mhc_nl.jsonl"));
            ExternalChecks.RtpLx r =
                    ExternalChecks.rtpLx(
                            classifier, externalData.resolve("rtplx-nl/rtplx_nl.jsonl"));
            log.println(ExternalChecks.toText(h, r));
            card.set("external", ExternalChecks.toJson(h, r));
        }
        card.put(
                "intendedUse",
                "Aggregate-only tension indicators per district and topic for a municipality's"
                        + " public-order picture. Not for decisions about individual persons or posts.");
        card.put(
                "limitations",
                "Trained on a hand-written corpus (see docs/labelling-guide.md); synthetic generator"
                        + " text is never used for training or measurement. Scores are calibrated on"
                        + " the dev split only. Group nouns reach the tension classifier only as a"
                        + " shared placeholder, so errors do not depend on which group is named, but"
                        + " short template sentences about groups are still often called hostile and"
                        + " per-group false-hostile rates on held-out text exceed 0.05 for some"
                        + " groups (see heldOut and docs/model.md).");
        Files.writeString(outDir.resolve(CARD_FILE), mapper.writeValueAsString(card) + "\n");
        log.printf(
                "wrote %s, %s and %s (%.1f s)%n",
                outDir.resolve(MODEL_FILE),
                outDir.resolve(RUNTIME_FILE),
                outDir.resolve(CARD_FILE),
                (System.nanoTime() - start) / 1e9);
        return card;
    }

    /**
     * Writes the figures of the frozen model on held-out data (the blind set) into an existing
     * model card, with the data's hash, under {@code heldOut.<file name>}. Refuses when the card
     * belongs to another model version.
     */
    public static void recordHeldOut(
            Path cardFile,
            String modelVersion,
            Path data,
            Corpus corpus,
            Evaluation result,
            PrintStream log)
            throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode card = (ObjectNode) mapper.readTree(cardFile.toFile());
        if (!modelVersion.equals(card.path("version").asText())) {
            throw new IOException(
                    "model card "
                            + cardFile
                            + " is for "
                            + card.path("version").asText()
                            + ", not "
                            + modelVersion);
        }
        ObjectNode heldOut =
                card.has("heldOut") ? (ObjectNode) card.get("heldOut") : card.putObject("heldOut");
        ObjectNode x = heldOut.putObject(data.getFileName().toString());
        x.put("sha256", corpus.sha256());
        ArrayNode files = x.putArray("files");
        corpus.files().forEach(p -> files.add(p.getFileName().toString()));
        x.put("evaluatedAt", Instant.now().toString());
        x.setAll(result.toJson());
        Files.writeString(cardFile, mapper.writeValueAsString(card) + "\n");
        log.println("recorded in " + cardFile);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
