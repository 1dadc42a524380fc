package nl.lvds.pipeline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import nl.lvds.models.classify.ModelBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lvds train}: rebuilds the topic and tension models from the corpus in the repository. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Retrain the topic and tension classifiers from the corpus.",
            "CoreNLP maxent, trained on models/corpus (train split).",
            "Tunes on the dev split, reports the held-out test split, writes the model and its card.",
            "Reproducible: the same corpus gives the same model."
        })
final class TrainCommand implements Callable<Integer> {

    @Option(
            names = "--corpus",
            description = "Corpus file or folder of *.jsonl (default: ${DEFAULT-VALUE}).")
    Path corpus = Paths.corpus();

    @Option(
            names = "--out",
            description = "Output folder for the model and card (default: ${DEFAULT-VALUE}).")
    Path out = Paths.modelDir();

    @Option(
            names = "--external-data",
            description =
                    "Folder with mhc-nl/ and rtplx-nl/ (evaluation only, e.g. ../shared/data):"
                            + " adds Dutch HateCheck and RTP-LX figures to the card.")
    Path externalData;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(corpus)) {
            System.err.println("lvds train: corpus not found: " + corpus);
            return 2;
        }
        if (externalData != null && !Files.isDirectory(externalData)) {
            System.err.println("lvds train: --external-data is not a folder: " + externalData);
            return 2;
        }
        new ModelBuilder(System.err).build(corpus, out, externalData);
        return 0;
    }
}
