package nl.lvds.models.classify;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import nl.lvds.models.area.AreaGazetteer;
import nl.lvds.models.lang.LanguageId;

/**
 * Compares feature configurations on the DEV split only (never the test split, never external
 * data): {@code java ... FeatureExperiment corpus "4,5,5,true,3,1" "3,5,4,true,3,0" ...} (the
 * fields of {@link FeatureConfig}); {@code -v} before a configuration prints its full dev report.
 */
public final class FeatureExperiment {
    public static void main(String[] args) throws Exception {
        Corpus corpus = Corpus.load(Path.of(args[0]));
        boolean verbose = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("-v")) {
                verbose = true;
                continue;
            }
            String[] p = args[i].split(",");
            FeatureConfig fc =
                    new FeatureConfig(
                            Integer.parseInt(p[0]),
                            Integer.parseInt(p[1]),
                            Integer.parseInt(p[2]),
                            Boolean.parseBoolean(p[3]),
                            Integer.parseInt(p[4]),
                            p.length > 5 ? Integer.parseInt(p[5]) : 0);
            Trainer.Options o =
                    new Trainer.Options(
                            fc,
                            Trainer.Options.DEFAULT.sigmas(),
                            2,
                            p.length > 6
                                    ? Double.parseDouble(p[6])
                                    : Trainer.Options.DEFAULT.hostileRecallFloor());
            TextPreprocessor pre = new TextPreprocessor();
            Trainer.Result r =
                    new Trainer(pre, new PrintStream(new ByteArrayOutputStream())).train(corpus, o);
            ModelBundle b = r.bundle();
            SignalClassifier c =
                    new SignalClassifier(b, pre, LanguageId.get(), AreaGazetteer.rotterdam());
            Evaluation dev = Evaluation.run(c, corpus.split(CorpusExample.Split.DEV));
            System.out.printf(
                    "%-16s dev topic macro-F1 %.3f  tension macro-F1 %.3f  hostile P %.3f R %.3f"
                            + "  worst group false-hostile %.3f  features %d%n",
                    args[i],
                    dev.all().topicMacroF1(),
                    dev.all().tensionMacroF1(),
                    dev.all().hostilePrecision(),
                    dev.all().hostileRecall(),
                    dev.worstGroupFalseHostileRate(),
                    LinearModel.compile(b).featureCount());
            if (System.getProperty("dump") != null) {
                for (CorpusExample e : corpus.split(CorpusExample.Split.DEV)) {
                    Classification k = c.classify(e.text());
                    if ((k.tension() == 2) != (e.tension() == 2)) {
                        System.out.printf(
                                "%s gold %d got %d p=%.2f %s %s | %s%n",
                                e.id(),
                                e.tension(),
                                k.tension(),
                                k.tensionScores()[2],
                                e.form(),
                                e.groups(),
                                e.text());
                    }
                }
            }
            if (System.getProperty("dumpAll") != null) {
                FeatureExtractor fx = new FeatureExtractor(b.features());
                FeatureBuffer fb = new FeatureBuffer();
                int noCue = FeatureExtractor.fold(Hashing.fnv1a64("x:g-no-cue"));
                int noCueQ = FeatureExtractor.fold(Hashing.fnv1a64("x:g-no-cue?"));
                for (CorpusExample e : corpus.split(CorpusExample.Split.DEV)) {
                    Classification k = c.classify(e.text());
                    fx.extract(pre.scrubAndTokenize(e.text()), fb);
                    boolean nc = false;
                    for (int j = 0; j < fb.size(); j++) {
                        nc |= fb.feature(j) == noCue || fb.feature(j) == noCueQ;
                    }
                    System.out.printf(
                            "A\t%s\t%d\t%.4f\t%s\t%s\t%s%n",
                            e.id(),
                            e.tension(),
                            k.tensionScores()[2],
                            nc,
                            String.join(",", e.groups()),
                            e.form());
                }
            }
            if (System.getProperty("dumpTopics") != null) {
                for (CorpusExample e : corpus.split(CorpusExample.Split.DEV)) {
                    Classification k = c.classify(e.text());
                    java.util.Set<String> got = new java.util.TreeSet<>(k.topics());
                    java.util.Set<String> gold = new java.util.TreeSet<>(e.topics());
                    if (!got.equals(gold)) {
                        System.out.printf(
                                "T %s gold %s got %s | %s%n", e.id(), gold, got, e.text());
                    }
                }
            }
            if (verbose) {
                r.choices().forEach(System.out::println);
                System.out.println(dev.toText("dev split"));
                verbose = false;
            }
        }
    }
}
