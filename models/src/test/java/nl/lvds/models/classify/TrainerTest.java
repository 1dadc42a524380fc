package nl.lvds.models.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import edu.stanford.nlp.ling.BasicDatum;
import edu.stanford.nlp.stats.Counter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Training is reproducible, and the compiled scorer equals CoreNLP's own scoring. */
class TrainerTest {

    private static final Trainer.Options SMALL =
            new Trainer.Options(FeatureConfig.DEFAULT, new double[] {1.0}, 2);

    private static Corpus subset;
    private static Trainer.Result first;

    @BeforeAll
    static void trainOnce() throws Exception {
        Corpus full = Corpus.load(Path.of("corpus"));
        List<CorpusExample> some = new ArrayList<>();
        for (int i = 0; i < full.examples().size(); i += 3) {
            some.add(full.examples().get(i));
        }
        subset = new Corpus(some, full.sha256(), full.files());
        first = new Trainer(new TextPreprocessor(), quiet()).train(subset, SMALL);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    private static byte[] bytes(ModelBundle b) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        b.write(out);
        return out.toByteArray();
    }

    @Test
    void shouldProduceTheSameModelFromTheSameCorpus() throws Exception {
        Trainer.Result second = new Trainer(new TextPreprocessor(), quiet()).train(subset, SMALL);
        assertThat(bytes(second.bundle())).isEqualTo(bytes(first.bundle()));
        assertThat(second.choices()).isEqualTo(first.choices());
    }

    @Test
    void compiledScoresShouldEqualCoreNlpScores() {
        ModelBundle bundle = first.bundle();
        LinearModel compiled = LinearModel.compile(bundle);
        FeatureExtractor fx = new FeatureExtractor(bundle.features());
        TextPreprocessor pre = new TextPreprocessor();
        FeatureBuffer buf = new FeatureBuffer();
        double[] row = new double[compiled.width()];
        int checked = 0;
        for (CorpusExample e : subset.split(CorpusExample.Split.DEV)) {
            fx.extract(pre.scrubAndTokenize(e.text()), buf);
            compiled.score(buf, row);
            List<Integer> feats = new ArrayList<>();
            for (int i = 0; i < buf.size(); i++) {
                feats.add(buf.feature(i));
            }
            BasicDatum<String, Integer> d = new BasicDatum<>(feats);
            for (int t = 0; t < bundle.topics().size(); t++) {
                Counter<String> s = bundle.topicClassifiers().get(t).scoresOf(d);
                double logit = s.getCount(ModelBundle.YES) - s.getCount(ModelBundle.NO);
                assertThat(row[t]).isCloseTo(logit, within(1e-3));
            }
            Counter<String> ts = bundle.tensionClassifier().scoresOf(d);
            for (int level = 0; level < 3; level++) {
                assertThat(row[bundle.topics().size() + level])
                        .isCloseTo(ts.getCount(Integer.toString(level)), within(1e-3));
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(50);
    }

    @Test
    void runtimeModelFileShouldClassifyExactlyLikeTheBundle() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RuntimeModel.of(first.bundle()).write(out);
        RuntimeModel back = RuntimeModel.read(new java.io.ByteArrayInputStream(out.toByteArray()));
        assertThat(back.version()).isEqualTo(first.bundle().version());
        var languages = nl.lvds.models.lang.LanguageId.get();
        var areas = nl.lvds.models.area.AreaGazetteer.rotterdam();
        SignalClassifier fromBundle =
                new SignalClassifier(first.bundle(), new TextPreprocessor(), languages, areas);
        SignalClassifier fromFile =
                new SignalClassifier(back, new TextPreprocessor(), languages, areas);
        for (CorpusExample e : subset.split(CorpusExample.Split.TEST)) {
            Classification a = fromBundle.classify(e.text());
            Classification b = fromFile.classify(e.text());
            assertThat(b.topics()).isEqualTo(a.topics());
            assertThat(b.tension()).isEqualTo(a.tension());
            assertThat(b.topicScores()).isEqualTo(a.topicScores());
        }
    }

    @Test
    void shouldChooseThresholdsAndCalibrationInRange() {
        ModelBundle b = first.bundle();
        for (double th : b.topicThresholds()) {
            assertThat(th).isBetween(0.1, 0.9);
        }
        for (double a : b.plattA()) {
            assertThat(a).isPositive();
        }
        assertThat(b.hostileThreshold()).isBetween(0.1, 0.9);
        assertThat(b.version()).startsWith(Trainer.VERSION_PREFIX + "+");
    }
}
