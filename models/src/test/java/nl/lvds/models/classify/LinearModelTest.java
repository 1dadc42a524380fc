package nl.lvds.models.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the compiled scorer's hot path (dense rows resolved first, then added)
 * against the plain way: one table probe per feature, in feature order, adding its weights ({@link
 * LinearModel#weight(int, int)} reads the original sparse table). Sums must agree to the last bit,
 * not within a tolerance: the classifier's decisions and published scores may not move.
 */
class LinearModelTest {

    /** Scores the plain way: for each feature in order, add its weights if the model knows it. */
    private static double[] reference(LinearModel m, FeatureBuffer b) {
        double[] out = new double[m.width()];
        for (int i = 0; i < b.size(); i++) {
            for (int j = 0; j < m.width(); j++) {
                out[j] += m.weight(b.feature(i), j);
            }
        }
        return out;
    }

    private static void assertBitIdentical(double[] actual, double[] expected) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int j = 0; j < expected.length; j++) {
            assertThat(Double.doubleToRawLongBits(actual[j]))
                    .as("column %d: %s vs %s", j, actual[j], expected[j])
                    .isEqualTo(Double.doubleToRawLongBits(expected[j]));
        }
    }

    @Test
    void shippedModelShouldScoreEveryCorpusPostExactlyAsOneProbePerFeature() throws Exception {
        RuntimeModel model = SignalClassifier.shippedBundle();
        LinearModel m = model.weights();
        FeatureExtractor fx = new FeatureExtractor(model.features());
        TextPreprocessor pre = new TextPreprocessor();
        FeatureBuffer buf = new FeatureBuffer();
        double[] row = new double[m.width()];
        int posts = 0;
        long known = 0;
        long unknown = 0;
        for (CorpusExample e : Corpus.load(Path.of("corpus")).examples()) {
            fx.extract(pre.scrubAndTokenize(e.text()), buf);
            m.score(buf, row);
            assertBitIdentical(row, reference(m, buf));
            // the rows scoring resolved are the rows a fresh probe finds (top terms use them)
            for (int i = 0; i < buf.size(); i++) {
                boolean any = false;
                for (int j = 0; j < m.width(); j++) {
                    double w = m.weight(buf.feature(i), j);
                    assertThat(m.weight(buf, i, j)).isEqualTo(w);
                    any |= w != 0;
                }
                known += any ? 1 : 0;
                unknown += any ? 0 : 1;
            }
            for (int t = 0; t < buf.tokenCount(); t++) {
                assertThat(buf.feature(buf.tokenPosition(t))).isEqualTo(buf.tokenFeature(t));
            }
            posts++;
        }
        assertThat(posts).isGreaterThan(5000);
        assertThat(known).isPositive();
        assertThat(unknown).isPositive();
        System.out.printf(
                "%d corpus posts: %d known and %d unknown features, same sums to the bit%n",
                posts, known, unknown);
    }

    @Test
    void anyWidthShouldScoreExactlyAsOneProbePerFeature() throws Exception {
        // a random table of another width (2 topics + 3 levels) exercises the general loop
        Random rnd = new Random(5);
        int topics = 2;
        int stride = 5;
        int capacity = 1024;
        int[] keys = new int[capacity];
        for (int n = 0; n < 600; n++) {
            int key = rnd.nextInt(4000) + 1;
            int i = Math.floorMod(key * 0x9E3779B9 ^ key >>> 16, capacity);
            while (keys[i] != 0 && keys[i] != key) {
                i = (i + 1) & (capacity - 1);
            }
            keys[i] = key;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(bytes)) {
            d.writeInt(topics);
            d.writeInt(stride);
            d.writeInt(capacity);
            for (int k : keys) {
                d.writeInt(k);
            }
            for (int i = 0; i < capacity * stride; i++) {
                d.writeFloat(keys[i / stride] == 0 ? 0f : (float) rnd.nextGaussian());
            }
        }
        LinearModel m =
                LinearModel.read(
                        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        FeatureBuffer buf = new FeatureBuffer();
        double[] row = new double[stride];
        for (int post = 0; post < 200; post++) {
            buf.clear();
            int n = rnd.nextInt(300);
            for (int f = 0; f < n; f++) {
                buf.add(rnd.nextInt(8000) + 1); // about half of them unknown
            }
            m.score(buf, row);
            assertBitIdentical(row, reference(m, buf));
        }
    }
}
