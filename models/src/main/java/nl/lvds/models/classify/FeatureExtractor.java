package nl.lvds.models.classify;

import java.util.List;

/**
 * Turns a tokenised, scrubbed post into hashed feature ids for the linear classifiers: unigrams,
 * bigrams, character n-grams (robust to compounds and obfuscation), lexicon cues, negation scope,
 * quotation and a few conjunctions (group + dehumanising term, group + threat, counter-speech +
 * slur, "geen racist maar").
 *
 * <p>Feature ids are 32-bit folds of 64-bit FNV hashes: no strings are built on the hot path.
 * Collisions are rare at the vocabulary sizes here and are learned around by the classifier. The
 * extractor is stateless and thread-safe; the caller supplies a per-thread {@link FeatureBuffer}.
 */
public final class FeatureExtractor {

    /** The always-present bias feature. */
    public static final int BIAS = fold(Hashing.fnv1a64("__bias__"));

    private static final int GROUP = Lexicon.bit("group");
    private static final int DEHUM = Lexicon.bit("dehumanising");
    private static final int THREAT = Lexicon.bit("threat");
    private static final int SLUR = Lexicon.bit("slur");
    private static final int NEGATION = Lexicon.bit("negation");
    private static final int COUNTER = Lexicon.bit("counter");
    private static final int CURSE = Lexicon.bit("curse");

    private final FeatureConfig config;
    private final Lexicon lexicon;

    /** An extractor for a configuration, with the shipped lexicons. */
    public FeatureExtractor(FeatureConfig config) {
        this(config, Lexicon.get());
    }

    FeatureExtractor(FeatureConfig config, Lexicon lexicon) {
        this.config = config;
        this.lexicon = lexicon;
    }

    /** The configuration this extractor builds features for. */
    public FeatureConfig config() {
        return config;
    }

    /** Extracts features of a token list into {@code out} (cleared first). */
    public void extract(List<String> tokens, FeatureBuffer out) {
        out.clear();
        out.add(BIAS);
        int negationLeft = 0;
        boolean inQuote = false;
        int postBits = 0;
        int negatedBits = 0;
        int quotedBits = 0;
        long prev = 0;
        boolean sawNot = false;
        boolean sawRacistAfterNot = false;
        boolean disclaimer = false;
        int content = 0;
        for (int t = 0; t < tokens.size(); t++) {
            String raw = tokens.get(t);
            if (raw.isEmpty()) {
                continue;
            }
            char first = raw.charAt(0);
            if (raw.length() == 1 && isQuote(first)) {
                inQuote = !inQuote;
                out.add(fold(Hashing.start('Q')));
                continue;
            }
            if (raw.length() == 1 && isBoundary(first)) {
                negationLeft = 0;
                prev = 0;
                if (first == '?' || first == '!') {
                    out.add(fold(Hashing.add(Hashing.start('p'), first)));
                }
                continue;
            }
            String tok = TokenNormalizer.normalize(raw);
            content++;
            long uni = Hashing.add(Hashing.start('u'), tok);
            int uniId = fold(uni);
            out.addToken(tok, uniId, out.add(uniId));
            if (negationLeft > 0) {
                out.add(fold(Hashing.add(Hashing.start('n'), tok)));
            }
            if (inQuote) {
                out.add(fold(Hashing.add(Hashing.start('q'), tok)));
            }
            if (config.bigrams()) {
                long b = prev == 0 ? Hashing.add(Hashing.start('b'), '^') : prev;
                out.add(fold(Hashing.add(Hashing.add(b, '|'), tok)));
                prev = Hashing.add(Hashing.start('b'), tok);
            }
            if (config.charNgramMin() > 0 && tok.length() >= config.charNgramMinTokenLength()) {
                charNgrams(tok, out);
            }
            int bits = lexicon.categories(tok);
            if (bits != 0) {
                for (int c = 0; c < Lexicon.CATEGORIES.size(); c++) {
                    if ((bits & (1 << c)) != 0) {
                        long h = Hashing.add(Hashing.start('l'), (char) ('a' + c));
                        out.add(fold(h));
                        if (negationLeft > 0) {
                            out.add(fold(Hashing.add(h, '!')));
                        }
                    }
                }
                postBits |= bits;
                if (negationLeft > 0) {
                    negatedBits |= bits;
                }
                if (inQuote) {
                    quotedBits |= bits;
                }
            }
            // "ik ben geen racist maar ..." / "I'm not racist but ..."
            if (sawRacistAfterNot && (tok.equals("maar") || tok.equals("but"))) {
                disclaimer = true;
            }
            if (sawNot && tok.startsWith("racist")) {
                sawRacistAfterNot = true;
            }
            if (tok.equals("geen") || tok.equals("not") || tok.equals("no")) {
                sawNot = true;
            }
            if (tok.equals("maar") || tok.equals("but")) {
                negationLeft = 0;
            } else if ((bits & NEGATION) != 0) {
                negationLeft = config.negationScope();
            } else if (negationLeft > 0) {
                negationLeft--;
            }
        }
        conjunctions(postBits, negatedBits, quotedBits, disclaimer, out);
        out.add(fold(Hashing.add(Hashing.start('L'), lengthBucket(content))));
    }

    private void conjunctions(
            int bits, int negated, int quoted, boolean disclaimer, FeatureBuffer out) {
        boolean group = (bits & GROUP) != 0;
        int hostileCue = DEHUM | THREAT | SLUR;
        if (group && (bits & DEHUM) != 0) {
            out.add(fold(Hashing.fnv1a64("x:group+dehum")));
        }
        if (group && (bits & THREAT) != 0) {
            out.add(fold(Hashing.fnv1a64("x:group+threat")));
        }
        if (group && (bits & CURSE) != 0) {
            out.add(fold(Hashing.fnv1a64("x:group+curse")));
        }
        if ((bits & COUNTER) != 0 && (bits & hostileCue) != 0) {
            out.add(fold(Hashing.fnv1a64("x:counter+hostilecue")));
        }
        if ((quoted & hostileCue) != 0) {
            out.add(fold(Hashing.fnv1a64("x:quoted-hostilecue")));
        }
        if ((negated & (hostileCue | GROUP)) != 0) {
            out.add(fold(Hashing.fnv1a64("x:negated-cue")));
        }
        if ((bits & hostileCue) != 0 && (negated & hostileCue) == 0 && (quoted & hostileCue) == 0) {
            out.add(fold(Hashing.fnv1a64("x:plain-hostilecue")));
        }
        if (disclaimer) {
            out.add(fold(Hashing.fnv1a64("x:disclaimer")));
        }
    }

    private void charNgrams(String tok, FeatureBuffer out) {
        // One pass per start position emits every n-gram length from that start (the running
        // hash of the n-gram is a prefix of the longer one's), instead of re-hashing per length.
        int len = tok.length() + 2;
        int min = config.charNgramMin();
        int max = config.charNgramMax();
        for (int s = 0; s + min <= len; s++) {
            long h = Hashing.start('c');
            int end = Math.min(len, s + max);
            for (int k = s; k < end; k++) {
                char c = k == 0 ? '^' : k == len - 1 ? '$' : tok.charAt(k - 1);
                h = Hashing.add(h, c);
                if (k - s + 1 >= min) {
                    out.add(fold(h));
                }
            }
        }
    }

    private static char lengthBucket(int tokens) {
        return tokens < 6 ? 's' : tokens < 20 ? 'm' : 'l';
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '“' || c == '”' || c == '„' || c == '«' || c == '»' || c == '\''
                || c == '‘' || c == '’';
    }

    private static boolean isBoundary(char c) {
        return c == '.' || c == ',' || c == '!' || c == '?' || c == ';' || c == ':' || c == '('
                || c == ')' || c == '-' || c == '…';
    }

    /** Folds a 64-bit hash into a non-zero 32-bit feature id. */
    static int fold(long h) {
        int id = (int) (Hashing.mix(h) >>> 32);
        return id == 0 ? 1 : id;
    }
}
