package nl.lvds.models.classify;

import java.util.List;
import nl.lvds.models.nlp.StopWords;

/**
 * Turns a tokenised, scrubbed post into hashed feature ids for the linear classifiers: unigrams,
 * bigrams, character n-grams (robust to compounds and obfuscation), lexicon cues and phrases,
 * negation scope, quotation, and conjunctions of who is named with how they are spoken of.
 *
 * <p>Who and how are kept apart. A group noun (see {@link Lexicon#group}) is a feature of the topic
 * classifiers only; the tension classifier sees a placeholder in its place ("die &lt;g&gt; zijn",
 * "&lt;g&gt; ongedierte") and conjunctions of "a group is named" with hostility cues that do not
 * name a group (dehumanising comparison, violence, implicit threat, expulsion, conspiracy,
 * recruitment), with counter-speech, reported speech, negation, praise, a question or a first
 * person speaking. Naming a group is then no evidence of hostility in itself, and what the corpus
 * teaches about one group carries over to every group. Topic-only feature ids have their lowest bit
 * set ({@link #isTopicOnly}); the trainer leaves them out of the tension classifier.
 *
 * <p>Spelling repair before features: runs of single letters are joined ("m o s l i m s"), a word
 * split by asterisks is joined without them ("k*nker"), and two fragments are joined when together
 * they are a group noun, slur or dehumanising term ("mos lims"). Swapped or dropped letters in
 * those terms are matched by the lexicon itself.
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
    private static final int COMPARE = Lexicon.bit("compare");
    private static final int EXPULSION = Lexicon.bit("expulsion");
    private static final int CONSPIRACY = Lexicon.bit("conspiracy");
    private static final int RECRUIT = Lexicon.bit("recruit");
    private static final int IMPLICIT = Lexicon.bit("implicit-threat");
    private static final int POSITIVE = Lexicon.bit("positive");
    private static final int REPORT = Lexicon.bit("report");
    private static final int FIRST = Lexicon.bit("first-person");
    private static final int SYMBOL = Lexicon.bit("symbol");
    private static final int CONDITIONAL = Lexicon.bit("conditional");
    private static final int ROLE = Lexicon.bit("role");
    private static final int DEROGATORY = Lexicon.bit("derogatory");

    /** Cues of hostility that do not name a group. */
    private static final int HOSTILE_CUES =
            DEHUM | THREAT | SLUR | EXPULSION | CONSPIRACY | RECRUIT | IMPLICIT;

    /** Cues whose co-occurrence with a named group gets a conjunction feature, in bit order. */
    private static final int[] WITH_GROUP = {
        DEHUM,
        THREAT,
        SLUR,
        CURSE,
        EXPULSION,
        CONSPIRACY,
        RECRUIT,
        IMPLICIT,
        POSITIVE,
        COUNTER,
        REPORT,
        FIRST,
        SYMBOL,
        NEGATION,
        DEROGATORY
    };

    /** The topic lexicons' categories. */
    private static final int TOPIC_CUES =
            Lexicon.bit("topic-middle-east")
                    | Lexicon.bit("topic-local-incident")
                    | Lexicon.bit("topic-migration")
                    | Lexicon.bit("topic-discrimination")
                    | Lexicon.bit("topic-anti-government")
                    | Lexicon.bit("topic-extremism");

    /** Cues that a negation turns around ("geen ongedierte", "niet walgelijk"). */
    private static final int NEGATABLE = DEHUM | THREAT | SLUR | DEROGATORY;

    private static final long NEGATED = 0x6e65676174656400L;

    static final long NEAR_WORD = 0x6e656172776f7264L;

    /** Tokens either side of a group noun that count as near it. */
    private static final int NEAR = 4;

    private static final long PLACEHOLDER_GROUP = Lexicon.unigramHash("<g>");
    private static final long PLACEHOLDER_ROLE = Lexicon.unigramHash("<r>");

    private final FeatureConfig config;
    private final Lexicon lexicon;
    private final boolean separateGroups;
    private final boolean nearWords;
    private final boolean placeholderBigrams;

    /** An extractor for a configuration, with the shipped lexicons. */
    public FeatureExtractor(FeatureConfig config) {
        this(config, Lexicon.get());
    }

    FeatureExtractor(FeatureConfig config, Lexicon lexicon) {
        this.config = config;
        this.lexicon = lexicon;
        this.separateGroups = config.groupWords() != FeatureConfig.GROUP_WORDS_RAW;
        this.nearWords = config.groupWords() >= FeatureConfig.GROUP_WORDS_NEAR;
        this.placeholderBigrams = config.groupWords() != FeatureConfig.GROUP_WORDS_NEAR;
    }

    /** The configuration this extractor builds features for. */
    public FeatureConfig config() {
        return config;
    }

    /** Whether a feature id is for the topic classifiers only (a group noun's own features). */
    public static boolean isTopicOnly(int featureId) {
        return (featureId & 1) != 0;
    }

    /** Extracts features of a token list into {@code out} (cleared first). */
    public void extract(List<String> tokens, FeatureBuffer out) {
        out.clear();
        out.add(BIAS);
        tokens = repair(tokens, out);
        int negationLeft = 0;
        int compareLeft = 0;
        boolean inQuote = false;
        int postBits = 0;
        int negatedBits = 0;
        int quotedBits = 0;
        int nearBits = 0;
        long prev = 0;
        long prevShared = 0;
        boolean prevGroup = false;
        boolean sawNot = false;
        boolean sawRacistAfterNot = false;
        boolean disclaimer = false;
        boolean question = false;
        boolean comparison = false;
        boolean conditionalThreat = false;
        boolean conditional = false;
        int groups = 0;
        int lastGroup = -100;
        int recent0 = 0;
        int recent1 = 0;
        int recent2 = 0;
        int recent3 = 0;
        long near0 = 0;
        long near1 = 0;
        long near2 = 0;
        long near3 = 0;
        long p1 = 0;
        long p2 = 0;
        long p3 = 0;
        int inRun = 0;
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
            if (raw.length() == 1 && isBoundary(first) || isBoundaryRun(raw)) {
                negationLeft = 0;
                compareLeft = 0;
                prev = 0;
                prevShared = 0;
                prevGroup = false;
                inRun = 0;
                if (first == '?' || first == '!') {
                    out.add(fold(Hashing.add(Hashing.start('p'), first)));
                    question |= first == '?';
                }
                continue;
            }
            String tok = TokenNormalizer.normalize(raw);
            content++;
            int look = lexicon.categories(tok);
            int group = separateGroups ? Lexicon.group(look) : -1;
            boolean isGroup = group >= 0;
            long uni = Lexicon.unigramHash(tok);

            // phrases of two to four tokens ending here, within one clause
            inRun++;
            long q1 = Lexicon.phraseHash(0, uni);
            long q2 = inRun >= 2 ? Lexicon.phraseHash(p1, uni) : 0;
            long q3 = inRun >= 3 ? Lexicon.phraseHash(p2, uni) : 0;
            long q4 = inRun >= 4 ? Lexicon.phraseHash(p3, uni) : 0;
            p1 = q1;
            p2 = q2;
            p3 = q3;
            int bits = look & Lexicon.CATEGORY_MASK;
            if (q2 != 0) {
                bits |= lexicon.phrase(q2) & Lexicon.CATEGORY_MASK;
                if (q3 != 0) {
                    bits |= lexicon.phrase(q3) & Lexicon.CATEGORY_MASK;
                    if (q4 != 0) {
                        bits |= lexicon.phrase(q4) & Lexicon.CATEGORY_MASK;
                    }
                }
            }

            long shared =
                    isGroup ? ((bits & ROLE) != 0 ? PLACEHOLDER_ROLE : PLACEHOLDER_GROUP) : uni;
            // a hostile cue in a negation's scope ("zijn geen ongedierte") is only seen as negated:
            // its plain unigram and character n-grams would vote as if it were said
            boolean negatedCue = negationLeft > 0 && (bits & NEGATABLE) != 0;
            if (negatedCue) {
                uni = Hashing.mix(uni) ^ NEGATED;
            }
            int uniId = isGroup ? foldTopicOnly(uni) : fold(uni);
            out.addToken(tok, uniId, out.add(uniId));
            if (isGroup) {
                out.add(
                        config.groupWords() == FeatureConfig.GROUP_WORDS_PLACEHOLDER
                                ? fold(shared)
                                : foldTopicOnly(shared));
                out.add(foldTopicOnly(Hashing.add(Hashing.start('G'), (char) ('a' + group))));
            }
            if (negationLeft > 0) {
                out.add(fold(Hashing.mix(Hashing.start('n')) ^ shared));
            }
            if (inQuote) {
                out.add(fold(Hashing.mix(Hashing.start('q')) ^ shared));
            }
            if (config.bigrams()) {
                long b = prev == 0 ? Hashing.add(Hashing.start('b'), '^') : prev;
                long bigram = Hashing.add(Hashing.add(b, '|'), tok);
                if (isGroup || prevGroup) {
                    out.add(foldTopicOnly(bigram));
                    if (placeholderBigrams) {
                        long bs = prevShared == 0 ? Hashing.start('B') : prevShared;
                        out.add(fold(Hashing.mix(bs) ^ shared));
                    }
                } else {
                    out.add(fold(bigram));
                }
                prev = Hashing.add(Hashing.start('b'), tok);
                prevShared = shared;
                prevGroup = isGroup;
            }
            if (config.charNgramMin() > 0
                    && tok.length() >= config.charNgramMinTokenLength()
                    && !negatedCue) {
                charNgrams(tok, out, isGroup);
            }
            if (bits != 0) {
                for (int c = 0; c < Lexicon.CATEGORIES.size(); c++) {
                    if ((bits & (1 << c)) != 0) {
                        long h = Hashing.add(Hashing.start('l'), (char) ('a' + c));
                        if (isGroup && ((1 << c) & TOPIC_CUES) != 0) {
                            // "joden" is a middle-east cue for topics, never for tension
                            out.add(foldTopicOnly(h));
                            continue;
                        }
                        if (!negatedCue) {
                            out.add(fold(h));
                        }
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
            // who and how: cues within NEAR tokens of a group noun, either side
            long nearWord = 0;
            if (nearWords && !isGroup && !StopWords.contains(tok)) {
                nearWord = Hashing.mix(uni) ^ NEAR_WORD;
            }
            if (isGroup) {
                groups++;
                nearBits |= recent0 | recent1 | recent2 | recent3;
                if (content - lastGroup > NEAR) {
                    addNear(near0, out);
                    addNear(near1, out);
                    addNear(near2, out);
                    addNear(near3, out);
                }
                lastGroup = content;
            } else if (content - lastGroup <= NEAR) {
                nearBits |= bits;
                addNear(nearWord, out);
            }
            recent3 = recent2;
            recent2 = recent1;
            recent1 = recent0;
            recent0 = bits;
            near3 = near2;
            near2 = near1;
            near1 = near0;
            near0 = nearWord;
            // "gedragen zich als beesten", "like rats"
            if (compareLeft > 0 && (bits & DEHUM) != 0) {
                comparison = true;
            }
            if ((bits & CONDITIONAL) != 0) {
                conditional = true;
            } else if (conditional && (bits & (THREAT | IMPLICIT | EXPULSION)) != 0) {
                conditionalThreat = true;
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
            if ((bits & COMPARE) != 0) {
                compareLeft = 3;
            } else if (compareLeft > 0) {
                compareLeft--;
            }
        }
        conjunctions(postBits, negatedBits, quotedBits, disclaimer, out);
        if (separateGroups) {
            groupConjunctions(groups, postBits, nearBits, negatedBits, quotedBits, question, out);
        }
        if (comparison) {
            out.add(fold(Hashing.fnv1a64(groups > 0 ? "x:compare-dehum+g" : "x:compare-dehum")));
        }
        if (conditionalThreat) {
            out.add(fold(Hashing.fnv1a64("x:conditional-threat")));
        }
        out.add(fold(Hashing.add(Hashing.start('L'), lengthBucket(content))));
    }

    /** A word within {@link #NEAR} tokens of a group noun: how the group is spoken of. */
    private static void addNear(long nearWord, FeatureBuffer out) {
        if (nearWord != 0) {
            out.add(fold(nearWord));
        }
    }

    private void conjunctions(
            int bits, int negated, int quoted, boolean disclaimer, FeatureBuffer out) {
        boolean group = (bits & GROUP) != 0;
        int hostileCue = DEHUM | THREAT | SLUR;
        if (!separateGroups) {
            if (group && (bits & DEHUM) != 0) {
                out.add(fold(Hashing.fnv1a64("x:group+dehum")));
            }
            if (group && (bits & THREAT) != 0) {
                out.add(fold(Hashing.fnv1a64("x:group+threat")));
            }
            if (group && (bits & CURSE) != 0) {
                out.add(fold(Hashing.fnv1a64("x:group+curse")));
            }
        }
        if ((bits & COUNTER) != 0 && (bits & hostileCue) != 0) {
            out.add(fold(Hashing.fnv1a64("x:counter+hostilecue")));
        }
        if ((bits & REPORT) != 0 && (bits & hostileCue) != 0) {
            out.add(fold(Hashing.fnv1a64("x:report+hostilecue")));
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
        if ((bits & SYMBOL) != 0 && (bits & (THREAT | IMPLICIT)) != 0) {
            out.add(fold(Hashing.fnv1a64("x:symbol+threat")));
        }
        if (disclaimer) {
            out.add(fold(Hashing.fnv1a64("x:disclaimer")));
        }
    }

    /** Conjunctions of "a group is named" with how it is spoken of (shared by all groups). */
    private static void groupConjunctions(
            int groups,
            int bits,
            int near,
            int negated,
            int quoted,
            boolean question,
            FeatureBuffer out) {
        if (groups == 0) {
            return;
        }
        long base = Hashing.start('X');
        int plain = 0;
        for (int i = 0; i < WITH_GROUP.length; i++) {
            int cue = WITH_GROUP[i];
            if ((bits & cue) != 0) {
                out.add(fold(Hashing.add(base, (char) ('a' + i))));
                if ((near & cue) != 0) {
                    out.add(fold(Hashing.add(Hashing.add(base, '~'), (char) ('a' + i))));
                }
                if ((negated & cue) != 0) {
                    out.add(fold(Hashing.add(Hashing.add(base, '!'), (char) ('a' + i))));
                }
            }
        }
        int hostile = bits & HOSTILE_CUES;
        if (hostile == 0) {
            // a group named with no hostility cue at all: the common, harmless case
            out.add(fold(Hashing.fnv1a64(question ? "x:g-no-cue?" : "x:g-no-cue")));
            int nearPlain = near & ~negated & ~quoted;
            if ((nearPlain & POSITIVE) != 0 && (nearPlain & DEROGATORY) == 0) {
                out.add(fold(Hashing.fnv1a64("x:g~praise-only")));
            } else if ((nearPlain & DEROGATORY) != 0) {
                out.add(fold(Hashing.fnv1a64("x:g~derogatory-only")));
            }
        } else {
            plain = hostile & ~negated & ~quoted;
            if (plain != 0) {
                out.add(fold(Hashing.fnv1a64("x:g+plain-hostile")));
                if ((near & plain) != 0) {
                    out.add(fold(Hashing.fnv1a64("x:g~plain-hostile")));
                }
            } else {
                out.add(fold(Hashing.fnv1a64("x:g+guarded-hostile")));
            }
            if ((bits & (COUNTER | REPORT)) != 0) {
                out.add(fold(Hashing.fnv1a64("x:g+hostile+counter")));
            }
        }
        if (question) {
            out.add(fold(Hashing.fnv1a64("x:g+question")));
        }
        if (groups > 1) {
            out.add(fold(Hashing.fnv1a64("x:g-several")));
        }
    }

    /**
     * The tokens with spelling repairs applied, or {@code tokens} itself when nothing needs repair
     * (the common case: no allocation).
     */
    private List<String> repair(List<String> tokens, FeatureBuffer out) {
        int n = tokens.size();
        int i = 0;
        for (; i < n; i++) {
            if (needsRepair(tokens, i)) {
                break;
            }
        }
        if (i == n) {
            return tokens;
        }
        List<String> r = out.repaired;
        r.clear();
        for (int k = 0; k < i; k++) {
            r.add(tokens.get(k));
        }
        while (i < n) {
            String a = tokens.get(i);
            // a run of three or more single letters: "m o s l i m s"
            int run = i;
            while (run < n
                    && tokens.get(run).length() == 1
                    && isLetter(tokens.get(run).charAt(0))) {
                run++;
            }
            if (run - i >= 3) {
                StringBuilder sb = new StringBuilder(run - i);
                for (int k = i; k < run; k++) {
                    sb.append(tokens.get(k));
                }
                r.add(sb.toString());
                i = run;
                continue;
            }
            // "k*nker", "k**ker": letters, stars, letters
            if (i + 2 < n && isWord(a) && isStars(tokens.get(i + 1)) && isWord(tokens.get(i + 2))) {
                r.add(a + tokens.get(i + 2));
                i += 3;
                continue;
            }
            // "mos lims": two fragments that are one lexicon term
            if (i + 1 < n && joinable(a, tokens.get(i + 1))) {
                r.add(a + tokens.get(i + 1));
                i += 2;
                continue;
            }
            r.add(a);
            i++;
        }
        return r;
    }

    private static final int JOIN_BITS = GROUP | SLUR | DEHUM;

    private boolean needsRepair(List<String> tokens, int i) {
        String a = tokens.get(i);
        if (i + 2 < tokens.size()
                && a.length() == 1
                && isLetter(a.charAt(0))
                && tokens.get(i + 1).length() == 1
                && isLetter(tokens.get(i + 1).charAt(0))
                && tokens.get(i + 2).length() == 1
                && isLetter(tokens.get(i + 2).charAt(0))) {
            return true;
        }
        if (i + 2 < tokens.size() && isStars(tokens.get(i + 1)) && isWord(a)) {
            return isWord(tokens.get(i + 2));
        }
        return i + 1 < tokens.size() && joinable(a, tokens.get(i + 1));
    }

    /** Two short fragments, neither a lexicon term alone, that together are one. */
    private boolean joinable(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (la < 2 || lb < 2 || la > 6 || lb > 7 || la + lb < 6) {
            return false;
        }
        if (!isWord(a) || !isWord(b)) {
            return false;
        }
        if ((lexicon.categories(a) & JOIN_BITS) != 0 || (lexicon.categories(b) & JOIN_BITS) != 0) {
            return false;
        }
        return (lexicon.categoriesJoined(a, b) & JOIN_BITS) != 0;
    }

    private static boolean isWord(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (!isLetter(s.charAt(k))) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 0xC0 && Character.isLetter(c);
    }

    private static boolean isStars(String s) {
        if (s.isEmpty() || s.length() > 3) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) != '*') {
                return false;
            }
        }
        return true;
    }

    private void charNgrams(String tok, FeatureBuffer out, boolean topicOnly) {
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
                    out.add(topicOnly ? foldTopicOnly(h) : fold(h));
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

    /** "!!", "?!", "..." and the like end a clause as one mark does. */
    private static boolean isBoundaryRun(String s) {
        if (s.length() < 2 || s.length() > 4) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c != '!' && c != '?' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** Folds a 64-bit hash into a non-zero 32-bit feature id shared by all classifiers. */
    static int fold(long h) {
        int id = (int) (Hashing.mix(h) >>> 32) & ~1;
        return id == 0 ? 2 : id;
    }

    /** Folds a 64-bit hash into a feature id for the topic classifiers only (lowest bit set). */
    static int foldTopicOnly(long h) {
        return (int) (Hashing.mix(h) >>> 32) | 1;
    }
}
