package nl.lvds.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import nl.lvds.models.classify.Classification;
import nl.lvds.models.classify.Corpus;
import nl.lvds.models.classify.CorpusCoverage;
import nl.lvds.models.classify.CorpusExample;
import nl.lvds.models.classify.Evaluation;
import nl.lvds.models.classify.ExternalChecks;
import nl.lvds.models.classify.ModelBuilder;
import nl.lvds.models.classify.SignalClassifier;
import nl.lvds.models.prevalence.Method;
import nl.lvds.models.prevalence.PrevalenceCalibration;
import nl.lvds.models.prevalence.PrevalenceCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lvds evaluate}: per-label metrics of the model on a labelled file or a corpus split. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Per-label metrics of the model on labelled data.",
            "Prints precision/recall/F1 per label, macro-F1, the tension confusion matrix, and",
            "figures per language, per hard-case type, per target group (share of non-hostile",
            "posts called hostile, hostile recall) and per form, for a labelled JSONL file or folder",
            "(corpus format) or a split of the corpus; optionally the external Dutch HateCheck and",
            "RTP-LX checks. With --record, the --data figures and the data's hash are written into the",
            "model card as the held-out (blind) figures of the frozen model."
        })
final class EvaluateCommand implements Callable<Integer> {

    @Option(
            names = "--data",
            description = "Labelled JSONL in the corpus format (a file or a folder of *.jsonl).")
    Path data;

    @Option(
            names = "--record",
            description =
                    "Write the --data figures, with the data's SHA-256, into the model card"
                            + " (default card: ${DEFAULT-VALUE}) under \"heldOut\".")
    boolean record;

    @Option(
            names = "--coverage",
            description =
                    "Print what the corpus (or --data) covers instead: Markdown tables of posts per"
                            + " form x target group x language.")
    boolean coverage;

    @Option(names = "--card", description = "The model card --record writes to.")
    Path card = Paths.modelDir().resolve(ModelBuilder.CARD_FILE);

    @Option(
            names = "--split",
            description = "Evaluate a split of the corpus instead: ${COMPLETION-CANDIDATES}.")
    CorpusExample.Split split;

    @Option(names = "--model", description = "A model file (default: the shipped model).")
    Path model;

    @Option(
            names = "--external-data",
            description =
                    "Folder with mhc-nl/ and rtplx-nl/ (e.g. ../shared/data) for the external checks.")
    Path externalData;

    @Option(
            names = "--prevalence",
            description =
                    "The prevalence check instead: batches of 150-400 posts with 2%%-35%% hostile drawn"
                            + " from --data (or --split; dev is cross-fitted in halves), each label's"
                            + " share estimated per method, and per method the mean absolute error,"
                            + " the 90%% interval's coverage and width next to raw classify and count.")
    boolean prevalence;

    @Option(
            names = "--batches",
            description = "With --prevalence: batches drawn (default: ${DEFAULT-VALUE}).")
    int batches = PrevalenceCheck.Settings.DEFAULT.batches();

    @Option(
            names = "--seed",
            description = "With --prevalence: random seed (default: ${DEFAULT-VALUE}).")
    long seed = PrevalenceCheck.Settings.DEFAULT.seed();

    @Option(
            names = "--methods",
            split = ",",
            description =
                    "With --prevalence: methods to compare (default: all of ${COMPLETION-CANDIDATES}).")
    List<Method> methods = List.of(Method.values());

    @Option(names = "--json", description = "With --prevalence: also write the table as JSON here.")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (prevalence) {
            return prevalence();
        }
        if (coverage) {
            Corpus c = Corpus.load(data != null ? data : Paths.corpus());
            printProblems(c);
            System.out.print(CorpusCoverage.markdown(c.examples()));
            return 0;
        }
        if (record && data == null) {
            System.err.println("lvds evaluate: --record needs --data");
            return 2;
        }
        if (data == null && split == null && externalData == null) {
            System.err.println(
                    "lvds evaluate: give --data FILE, --split test|dev|train, or --external-data DIR");
            return 2;
        }
        long t0 = System.nanoTime();
        SignalClassifier classifier =
                model == null ? SignalClassifier.load() : SignalClassifier.load(model);
        System.out.printf(
                "model %s (loaded in %.2f s)%n%n",
                classifier.modelVersion(), (System.nanoTime() - t0) / 1e9);
        if (data != null) {
            if (!Files.exists(data)) {
                System.err.println("lvds evaluate: no such file: " + data);
                return 2;
            }
            Corpus corpus = Corpus.load(data);
            printProblems(corpus);
            Evaluation result = Evaluation.run(classifier, corpus.examples());
            System.out.println(result.toText(data.getFileName().toString()));
            System.out.println("data sha256 " + corpus.sha256());
            if (record) {
                ModelBuilder.recordHeldOut(
                        card, classifier.modelVersion(), data, corpus, result, System.out);
            }
        }
        if (split != null) {
            List<CorpusExample> examples = Corpus.load(Paths.corpus()).split(split);
            System.out.println(
                    Evaluation.run(classifier, examples)
                            .toText(
                                    "corpus "
                                            + split.name().toLowerCase(java.util.Locale.ROOT)
                                            + " split"));
        }
        if (externalData != null) {
            Path mhc = externalData.resolve("mhc-nl/mhc_nl.jsonl");
            Path rtp = externalData.resolve("rtplx-nl/rtplx_nl.jsonl");
            ExternalChecks.HateCheck h =
                    Files.exists(mhc) ? ExternalChecks.hateCheck(classifier, mhc) : null;
            ExternalChecks.RtpLx r =
                    Files.exists(rtp) ? ExternalChecks.rtpLx(classifier, rtp) : null;
            if (h == null && r == null) {
                System.err.println("lvds evaluate: neither " + mhc + " nor " + rtp + " exists");
                return 2;
            }
            System.out.println(ExternalChecks.toText(h, r));
        }
        return 0;
    }

    private int prevalence() throws Exception {
        if (data == null && split == null) {
            System.err.println("lvds evaluate: --prevalence needs --data FILE or --split test|dev");
            return 2;
        }
        if (data != null && !Files.exists(data)) {
            System.err.println("lvds evaluate: no such file: " + data);
            return 2;
        }
        if (split == CorpusExample.Split.TRAIN) {
            System.err.println("lvds evaluate: --prevalence on the train split says nothing");
            return 2;
        }
        SignalClassifier classifier =
                model == null ? SignalClassifier.load() : SignalClassifier.load(model);
        List<CorpusExample> examples;
        String title;
        if (data != null) {
            Corpus corpus = Corpus.load(data);
            printProblems(corpus);
            examples = corpus.examples();
            title =
                    data.getFileName()
                            + " ("
                            + examples.size()
                            + " posts, SHA-256 "
                            + corpus.sha256()
                            + ")";
        } else {
            examples = Corpus.load(Paths.corpus()).split(split);
            title =
                    "corpus "
                            + split.name().toLowerCase(java.util.Locale.ROOT)
                            + " split ("
                            + examples.size()
                            + " posts)";
        }
        List<Classification> predicted = new java.util.ArrayList<>(examples.size());
        for (CorpusExample e : examples) {
            predicted.add(classifier.classify(e.text(), e.lang(), null));
        }
        PrevalenceCheck.Settings d = PrevalenceCheck.Settings.DEFAULT;
        PrevalenceCheck.Settings settings =
                new PrevalenceCheck.Settings(
                        batches,
                        d.minSize(),
                        d.maxSize(),
                        d.minShare(),
                        d.maxShare(),
                        seed,
                        d.draws());
        PrevalenceCheck check = new PrevalenceCheck(settings, methods);
        long t0 = System.nanoTime();
        if (split == CorpusExample.Split.DEV && data == null) {
            check.crossFit(classifier.modelVersion(), examples, predicted);
            title += ", error rates from one half, batches from the other";
        } else {
            PrevalenceCalibration cal =
                    (model == null
                                    ? PrevalenceCalibration.shipped()
                                    : PrevalenceCalibration.nextTo(model))
                            .checkModel(classifier.modelVersion());
            check.run(cal, PrevalenceCheck.Pool.of(examples, predicted), batches, seed);
            title += ", error rates from the " + cal.source() + " (" + cal.posts() + " posts)";
        }
        System.out.printf("model %s%n", classifier.modelVersion());
        System.out.print(check.toText(title));
        System.out.printf("(%.1f s)%n", (System.nanoTime() - t0) / 1e9);
        if (json != null) {
            ObjectNode o = check.toJson(title);
            o.put("model", classifier.modelVersion());
            Files.writeString(
                    json,
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(o)
                            + "\n");
        }
        return 0;
    }

    /** The first few load problems and how many there are (skipped lines count as such). */
    private static void printProblems(Corpus c) {
        List<String> problems = c.problems();
        problems.stream().limit(10).forEach(p -> System.err.println("lvds evaluate: " + p));
        if (problems.size() > 10) {
            System.err.printf(
                    "lvds evaluate: ... %d problems in all, %d lines skipped%n",
                    problems.size(),
                    problems.stream().filter(p -> p.endsWith("(line skipped)")).count());
        }
    }
}
