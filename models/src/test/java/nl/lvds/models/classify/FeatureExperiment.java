package nl.lvds.models.classify;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import nl.lvds.models.area.AreaGazetteer;
import nl.lvds.models.lang.LanguageId;

/**
 * Compares feature configurations on the DEV split only (never the test split, never external
 * data): {@code java ... FeatureExperiment corpus "4,5,5,true,3" "3,5,4,true,3" ...}.
 */
public final class FeatureExperiment {
    public static void main(String[] args) throws Exception {
        Corpus corpus = Corpus.load(Path.of(args[0]));
        for (int i = 1; i < args.length; i++) {
            String[] p = args[i].split(",");
            FeatureConfig fc =
                    new FeatureConfig(
                            Integer.parseInt(p[0]),
                            Integer.parseInt(p[1]),
                            Integer.parseInt(p[2]),
                            Boolean.parseBoolean(p[3]),
                            Integer.parseInt(p[4]));
            Trainer.Options o = new Trainer.Options(fc, Trainer.Options.DEFAULT.sigmas(), 2);
            TextPreprocessor pre = new TextPreprocessor();
            ModelBundle b =
                    new Trainer(pre, new PrintStream(new ByteArrayOutputStream()))
                            .train(corpus, o)
                            .bundle();
            SignalClassifier c =
                    new SignalClassifier(b, pre, LanguageId.get(), AreaGazetteer.rotterdam());
            Evaluation dev = Evaluation.run(c, corpus.split(CorpusExample.Split.DEV));
            System.out.printf(
                    "%-16s dev topic macro-F1 %.3f  tension macro-F1 %.3f  hostile recall %.3f  features %d%n",
                    args[i],
                    dev.all().topicMacroF1(),
                    dev.all().tensionMacroF1(),
                    dev.all().hostileRecall(),
                    LinearModel.compile(b).featureCount());
        }
    }
}
