package nl.lvds.models.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the classifier's faster top terms and story hash against the plain versions
 * they replaced (a second table probe per token, stop-word check first; one +1/-1 per hash bit per
 * token), written out here, on every corpus post and on long posts.
 */
class SignalClassifierDifferentialTest {

    private static final Set<String> STOP =
            Set.of(
                    "de", "het", "een", "en", "van", "in", "op", "te", "dat", "die", "is", "er",
                    "zijn", "was", "met", "voor", "niet", "aan", "ook", "als", "maar", "om", "dan",
                    "nog", "wel", "naar", "bij", "ze", "zij", "hij", "ik", "je", "jij", "we", "wij",
                    "hun", "ons", "onze", "deze", "dit", "wat", "wie", "hoe", "waar", "of", "al",
                    "uit", "tot", "door", "over", "heb", "hebben", "heeft", "wordt", "worden",
                    "kan", "moet", "zou", "gaat", "gaan", "meer", "veel", "echt", "gewoon", "nu",
                    "the", "and", "for", "that", "this", "with", "are", "you", "they", "have",
                    "has", "not", "but", "what", "all", "just", "our", "their", "from", "about",
                    "who", "will", "can", "its", "it's", "weer", "zo", "mijn", "jullie");

    private final SignalClassifier classifier = SignalClassifier.load();
    private final RuntimeModel model = classifier.model();
    private final FeatureExtractor features = new FeatureExtractor(model.features());
    private final TextPreprocessor pre = new TextPreprocessor();

    /** Top terms as computed before: stop words first, then a fresh probe per token. */
    private List<String> referenceTopTerms(FeatureBuffer b, List<String> topics, int tension) {
        LinearModel m = model.weights();
        int[] columns;
        if (!topics.isEmpty()) {
            columns = new int[topics.size()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = model.topics().indexOf(topics.get(i));
            }
        } else if (tension > 0) {
            columns = new int[] {m.topics() + tension};
        } else {
            return List.of();
        }
        String[] best = new String[3];
        double[] bestW = {0.05, 0.05, 0.05};
        for (int i = 0; i < b.tokenCount(); i++) {
            String tok = b.token(i);
            if (tok.length() < 3
                    || tok.charAt(0) == '<'
                    || STOP.contains(tok)
                    || tok.chars().noneMatch(Character::isLetter)) {
                continue;
            }
            double w = 0;
            for (int c : columns) {
                w = Math.max(w, m.weight(b.tokenFeature(i), c));
            }
            for (int k = 0; k < 3; k++) {
                if (tok.equals(best[k])) {
                    break;
                }
                if (w > bestW[k]) {
                    for (int j = 2; j > k; j--) {
                        best[j] = best[j - 1];
                        bestW[j] = bestW[j - 1];
                    }
                    best[k] = tok;
                    bestW[k] = w;
                    break;
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String t : best) {
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    /** SimHash as computed before: +1 or -1 per bit per token. */
    private static long referenceSimhash(FeatureBuffer b) {
        int[] v = new int[64];
        for (int i = 0; i < b.tokenCount(); i++) {
            long h = Hashing.mix(Hashing.fnv1a64(b.token(i)));
            for (int bit = 0; bit < 64; bit++) {
                v[bit] += ((h >>> bit) & 1L) != 0 ? 1 : -1;
            }
        }
        long out = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (v[bit] > 0) {
                out |= 1L << bit;
            }
        }
        return out;
    }

    private void assertSameAsReference(String text) {
        Classification c = classifier.classify(text);
        FeatureBuffer b = new FeatureBuffer();
        features.extract(pre.scrubAndTokenize(text), b);
        model.weights().score(b, new double[model.weights().width()]);
        assertThat(c.topTerms()).as(text).isEqualTo(referenceTopTerms(b, c.topics(), c.tension()));
        assertThat(c.storyHash()).as(text).isEqualTo(referenceSimhash(b));
    }

    @Test
    void shouldGiveTheSameTopTermsAndStoryHashAsThePlainVersionsOnEveryCorpusPost()
            throws Exception {
        int withTerms = 0;
        List<CorpusExample> examples = Corpus.load(Path.of("corpus")).examples();
        for (CorpusExample e : examples) {
            assertSameAsReference(e.text());
            withTerms += classifier.classify(e.text()).topTerms().isEmpty() ? 0 : 1;
        }
        assertThat(withTerms).isGreaterThan(1000);
        System.out.printf(
                "%d corpus posts (%d with top terms): same terms and story hashes%n",
                examples.size(), withTerms);
    }

    @Test
    void shouldGiveTheSameTopTermsAndStoryHashOnLongPosts() {
        // more than 255 tokens (the story hash's byte counters are flushed), and more distinct
        // features than the buffer keeps (late tokens have no resolved row)
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 900; i++) {
            sb.append(i % 3 == 0 ? "moskee" : "woord").append(Integer.toString(i, 36)).append(' ');
            if (i % 7 == 0) {
                sb.append("de moslims en de vluchtelingen ");
            }
        }
        assertSameAsReference(sb.toString());
        assertSameAsReference("hetzelfde woord ".repeat(400));
    }
}
