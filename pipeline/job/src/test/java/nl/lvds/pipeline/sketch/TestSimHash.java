package nl.lvds.pipeline.sketch;

import java.util.List;
import nl.lvds.models.nlp.SocialTokenizer;

/**
 * A copy of the production SimHash ({@code SignalClassifier.simhash} in models: FNV-1a of each
 * normalised token, SplitMix64-finalised, one vote per token and bit, ties 0) over the shipped
 * tokenizer, skipping one-character punctuation as the feature extractor does.
 */
final class TestSimHash {
    private static final SocialTokenizer TOKENIZER = new SocialTokenizer();

    private TestSimHash() {}

    static long of(String text) {
        int[] v = new int[64];
        List<String> tokens = TOKENIZER.tokenize(text);
        for (String t : tokens) {
            if (t.length() == 1 && !Character.isLetterOrDigit(t.charAt(0))) {
                continue;
            }
            long h = Hash64.mix(fnv1a64(t));
            for (int b = 0; b < 64; b++) {
                v[b] += ((h >>> b) & 1L) != 0 ? 1 : -1;
            }
        }
        long out = 0;
        for (int b = 0; b < 64; b++) {
            if (v[b] > 0) {
                out |= 1L << b;
            }
        }
        return out;
    }

    private static long fnv1a64(CharSequence s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
