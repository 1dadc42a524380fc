package nl.lvds.models.classify;

import edu.stanford.nlp.classify.Dataset;
import edu.stanford.nlp.classify.LinearClassifier;
import edu.stanford.nlp.classify.LinearClassifierFactory;
import edu.stanford.nlp.ling.BasicDatum;
import edu.stanford.nlp.stats.Counter;
import edu.stanford.nlp.util.logging.RedwoodConfiguration;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import nl.lvds.models.event.Topic;

/**
 * Trains the topic and tension classifiers with CoreNLP's {@link LinearClassifierFactory} (maximum
 * entropy, quasi-Newton, Gaussian prior) on the train split, and chooses on the dev split: the
 * prior's sigma per classifier, Platt calibration and a decision threshold per topic, a softmax
 * temperature and the hostile threshold for tension. The test split is never looked at here.
 *
 * <p>Deterministic: the same corpus and options give the same bundle.
 */
public final class Trainer {

    /** The version prefix of models trained by this code. */
    public static final String VERSION_PREFIX = "lvds-1.0";

    /** Hostile recall the dev threshold is chosen to reach, when it can. */
    public static final double HOSTILE_RECALL_FLOOR = 0.88;

    /**
     * Training options.
     *
     * @param features feature configuration
     * @param sigmas the prior sigmas tried per classifier
     * @param featureCountThreshold features seen in fewer training posts are dropped
     * @param hostileRecallFloor hostile recall the dev threshold must reach (0: balance hostile
     *     precision and recall instead)
     */
    public record Options(
            FeatureConfig features,
            double[] sigmas,
            int featureCountThreshold,
            double hostileRecallFloor) {
        /** The options of the shipped model. */
        public static final Options DEFAULT =
                new Options(
                        FeatureConfig.DEFAULT,
                        new double[] {0.125, 0.25, 0.5, 1.0, 2.0, 4.0},
                        2,
                        HOSTILE_RECALL_FLOOR);

        /** Options with the default hostile recall floor. */
        public Options(FeatureConfig features, double[] sigmas, int featureCountThreshold) {
            this(features, sigmas, featureCountThreshold, HOSTILE_RECALL_FLOOR);
        }
    }

    /** A trained bundle with what was chosen on dev, for the model card. */
    public record Result(ModelBundle bundle, List<String> choices) {}

    private final TextPreprocessor pre;
    private final PrintStream log;

    public Trainer(TextPreprocessor pre, PrintStream log) {
        this.pre = pre;
        this.log = log;
    }

    /** Trains on {@code corpus} (train split) and tunes on its dev split. */
    public Result train(Corpus corpus, Options options) {
        RedwoodConfiguration.current().clear().apply(); // CoreNLP's optimiser is chatty
        FeatureExtractor fx = new FeatureExtractor(options.features());
        List<CorpusExample> train = corpus.split(CorpusExample.Split.TRAIN);
        List<CorpusExample> dev = corpus.split(CorpusExample.Split.DEV);
        log.printf(
                "corpus: %d posts (train %d, dev %d, test %d held out)%n",
                corpus.examples().size(),
                train.size(),
                dev.size(),
                corpus.examples().size() - train.size() - dev.size());
        List<List<Integer>> trainX = featurize(train, fx);
        List<List<Integer>> devX = featurize(dev, fx);
        // the tension classifier never sees a group noun's own features (see FeatureExtractor)
        List<List<Integer>> trainTX = withoutTopicOnly(trainX);
        List<List<Integer>> devTX = withoutTopicOnly(devX);
        List<String> choices = new ArrayList<>();

        int topics = Topic.ALL.size();
        List<LinearClassifier<String, Integer>> topicClassifiers = new ArrayList<>();
        double[] plattA = new double[topics];
        double[] plattB = new double[topics];
        double[] thresholds = new double[topics];
        for (int t = 0; t < topics; t++) {
            String topic = Topic.ALL.get(t);
            List<String> y = new ArrayList<>();
            for (CorpusExample e : train) {
                y.add(e.topics().contains(topic) ? ModelBundle.YES : ModelBundle.NO);
            }
            boolean[] devY = new boolean[dev.size()];
            for (int i = 0; i < dev.size(); i++) {
                devY[i] = dev.get(i).topics().contains(topic);
            }
            LinearClassifier<String, Integer> best = null;
            double bestLoss = Double.POSITIVE_INFINITY;
            double bestSigma = 0;
            double[] bestZ = null;
            for (double sigma : options.sigmas()) {
                LinearClassifier<String, Integer> c =
                        fit(trainX, y, sigma, options.featureCountThreshold());
                double[] z = logits(c, devX);
                double loss = 0;
                for (int i = 0; i < z.length; i++) {
                    double p = Calibration.sigmoid(z[i]);
                    loss -= Math.log(Math.max(1e-12, devY[i] ? p : 1 - p));
                }
                if (loss < bestLoss) {
                    bestLoss = loss;
                    best = c;
                    bestSigma = sigma;
                    bestZ = z;
                }
            }
            double[] ab = Calibration.platt(bestZ, devY);
            plattA[t] = ab[0];
            plattB[t] = ab[1];
            thresholds[t] = bestF1Threshold(bestZ, devY, ab);
            topicClassifiers.add(best);
            String line =
                    String.format(
                            "topic %-16s sigma %.2f  platt a=%.3f b=%.3f  threshold %.2f",
                            topic, bestSigma, ab[0], ab[1], thresholds[t]);
            choices.add(line);
            log.println(line);
        }

        List<String> ty = new ArrayList<>();
        for (CorpusExample e : train) {
            ty.add(Integer.toString(e.tension()));
        }
        int[] devT = dev.stream().mapToInt(CorpusExample::tension).toArray();
        LinearClassifier<String, Integer> bestT = null;
        double bestF1 = -1;
        double bestSigma = 0;
        double[][] bestS = null;
        for (double sigma : options.sigmas()) {
            LinearClassifier<String, Integer> c =
                    fit(trainTX, ty, sigma, options.featureCountThreshold());
            double[][] s = tensionScores(c, devTX);
            Metrics.Confusion cm = new Metrics.Confusion(3);
            for (int i = 0; i < s.length; i++) {
                cm.add(devT[i], argmax(s[i]));
            }
            if (cm.macroF1() > bestF1) {
                bestF1 = cm.macroF1();
                bestT = c;
                bestSigma = sigma;
                bestS = s;
            }
        }
        double temperature = Calibration.temperature(bestS, devT);
        double hostile = hostileThreshold(bestS, devT, temperature, options.hostileRecallFloor());
        String line =
                String.format(
                        "tension sigma %.2f  temperature %.2f  hostile threshold %.2f",
                        bestSigma, temperature, hostile);
        choices.add(line);
        log.println(line);

        String version = VERSION_PREFIX + "+" + corpus.sha256().substring(0, 8);
        ModelBundle bundle =
                new ModelBundle(
                        version,
                        options.features(),
                        Topic.ALL,
                        List.copyOf(topicClassifiers),
                        bestT,
                        plattA,
                        plattB,
                        thresholds,
                        temperature,
                        hostile);
        return new Result(bundle, List.copyOf(choices));
    }

    /** Features of each example as CoreNLP feature lists (boxed ids). */
    List<List<Integer>> featurize(List<CorpusExample> examples, FeatureExtractor fx) {
        FeatureBuffer buf = new FeatureBuffer();
        List<List<Integer>> out = new ArrayList<>(examples.size());
        for (CorpusExample e : examples) {
            fx.extract(pre.scrubAndTokenize(e.text()), buf);
            List<Integer> f = new ArrayList<>(buf.size());
            for (int i = 0; i < buf.size(); i++) {
                f.add(buf.feature(i));
            }
            out.add(f);
        }
        return out;
    }

    static List<List<Integer>> withoutTopicOnly(List<List<Integer>> x) {
        List<List<Integer>> out = new ArrayList<>(x.size());
        for (List<Integer> f : x) {
            List<Integer> kept = new ArrayList<>(f.size());
            for (Integer id : f) {
                if (!FeatureExtractor.isTopicOnly(id)) {
                    kept.add(id);
                }
            }
            out.add(kept);
        }
        return out;
    }

    private static LinearClassifier<String, Integer> fit(
            List<List<Integer>> x, List<String> y, double sigma, int countThreshold) {
        Dataset<String, Integer> ds = new Dataset<>();
        for (int i = 0; i < x.size(); i++) {
            ds.add(new BasicDatum<>(x.get(i), y.get(i)));
        }
        if (countThreshold > 1) {
            ds.applyFeatureCountThreshold(countThreshold);
        }
        LinearClassifierFactory<String, Integer> factory = new LinearClassifierFactory<>();
        factory.setSigma(sigma);
        factory.setVerbose(false);
        factory.setTol(1e-5);
        return factory.trainClassifier(ds);
    }

    static double[] logits(LinearClassifier<String, Integer> c, List<List<Integer>> x) {
        double[] z = new double[x.size()];
        for (int i = 0; i < x.size(); i++) {
            Counter<String> s = c.scoresOf(new BasicDatum<>(x.get(i)));
            z[i] = s.getCount(ModelBundle.YES) - s.getCount(ModelBundle.NO);
        }
        return z;
    }

    static double[][] tensionScores(LinearClassifier<String, Integer> c, List<List<Integer>> x) {
        double[][] out = new double[x.size()][3];
        for (int i = 0; i < x.size(); i++) {
            Counter<String> s = c.scoresOf(new BasicDatum<>(x.get(i)));
            for (int level = 0; level < 3; level++) {
                out[i][level] = s.getCount(Integer.toString(level));
            }
        }
        return out;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double bestF1Threshold(double[] z, boolean[] y, double[] ab) {
        double best = 0.5;
        double bestF1 = -1;
        for (int k = 10; k <= 90; k++) {
            double th = k / 100.0;
            Metrics.Binary b = new Metrics.Binary();
            for (int i = 0; i < z.length; i++) {
                b.add(y[i], Calibration.sigmoid(ab[0] * z[i] + ab[1]) >= th);
            }
            // ties go to the threshold closest to 0.5, for stability
            if (b.f1() > bestF1 + 1e-12
                    || Math.abs(b.f1() - bestF1) <= 1e-12
                            && Math.abs(th - 0.5) < Math.abs(best - 0.5)) {
                bestF1 = b.f1();
                best = th;
            }
        }
        return best;
    }

    /**
     * The P(hostile) threshold chosen on dev. With a recall floor: the best macro-F1 among the
     * thresholds reaching it (or the best macro-F1 if none does). Without (floor 0): the threshold
     * where the smaller of hostile precision and recall is largest (ties: better macro-F1), so that
     * neither is bought with the other.
     */
    static double hostileThreshold(
            double[][] scores, int[] gold, double temperature, double recallFloor) {
        double best = 0.5;
        double bestKey = -1;
        double bestF1 = -1;
        double[] p = new double[3];
        for (int k = 10; k <= 90; k++) {
            double th = k / 100.0;
            Metrics.Confusion cm = new Metrics.Confusion(3);
            for (int i = 0; i < scores.length; i++) {
                Calibration.softmax(scores[i], 0, 3, temperature, p);
                cm.add(gold[i], TensionDecision.decide(p, th));
            }
            double f1 = cm.macroF1();
            double key =
                    recallFloor > 0
                            ? (cm.of(2).recall() >= recallFloor ? 1 : 0)
                            : Math.min(cm.of(2).recall(), cm.of(2).precision());
            if (key > bestKey + 1e-12 || Math.abs(key - bestKey) <= 1e-12 && f1 > bestF1 + 1e-12) {
                best = th;
                bestKey = key;
                bestF1 = f1;
            }
        }
        return best;
    }
}
