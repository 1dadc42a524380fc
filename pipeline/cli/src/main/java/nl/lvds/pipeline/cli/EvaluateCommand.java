package nl.lvds.pipeline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import nl.lvds.models.classify.Corpus;
import nl.lvds.models.classify.CorpusExample;
import nl.lvds.models.classify.Evaluation;
import nl.lvds.models.classify.ExternalChecks;
import nl.lvds.models.classify.SignalClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lvds evaluate}: per-label metrics of the model on a labelled file or a corpus split. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Per-label metrics of the model on labelled data.",
            "Prints precision/recall/F1 per label, macro-F1, the tension confusion matrix, and",
            "figures per language and per hard-case type, for a labelled JSONL file (corpus format)",
            "or a split of the corpus; optionally the external Dutch HateCheck and RTP-LX checks."
        })
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--data", description = "Labelled JSONL in the corpus format.")
    Path data;

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

    @Override
    public Integer call() throws Exception {
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
            List<CorpusExample> examples = Corpus.load(data).examples();
            System.out.println(
                    Evaluation.run(classifier, examples).toText(data.getFileName().toString()));
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
}
