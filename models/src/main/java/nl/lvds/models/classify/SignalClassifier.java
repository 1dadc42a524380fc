package nl.lvds.models.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nl.lvds.models.area.AreaGazetteer;
import nl.lvds.models.area.AreaMatch;
import nl.lvds.models.lang.LanguageId;

/**
 * The whole NLP path for one post: scrub PII, tokenise, detect the language, find the area, build
 * features and score all classifiers with the compiled model. One instance is shared read-only by
 * all threads (per-thread scratch buffers live in a ThreadLocal).
 */
public final class SignalClassifier {

    /** Classpath location of the shipped runtime model (compiled from the CoreNLP bundle). */
    public static final String MODEL_RESOURCE = "/nl/lvds/models/model/lvds-model.bin.gz";

    /** Classpath location of the shipped model card. */
    public static final String CARD_RESOURCE = "/nl/lvds/models/model/model-card.json";

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

    /** Language id reads at most this many characters of a post. */
    static final int LANG_PREFIX = 160;

    private final RuntimeModel bundle;
    private final LinearModel model;
    private final FeatureExtractor features;
    private final TextPreprocessor pre;
    private final LanguageId languages;
    private final AreaGazetteer areas;
    private final ThreadLocal<Scratch> scratch;

    private static final class Scratch {
        final FeatureBuffer buffer = new FeatureBuffer();
        final double[] row;
        final double[] tension = new double[3];
        final int[] simhash = new int[64];
        final long[] bitCounters = new long[8];
        final LanguageId.WordCache words;

        Scratch(int width, LanguageId languages) {
            row = new double[width];
            words = languages.newWordCache();
        }
    }

    public SignalClassifier(
            ModelBundle bundle, TextPreprocessor pre, LanguageId languages, AreaGazetteer areas) {
        this(RuntimeModel.of(bundle), pre, languages, areas);
    }

    public SignalClassifier(
            RuntimeModel bundle, TextPreprocessor pre, LanguageId languages, AreaGazetteer areas) {
        this.bundle = bundle;
        this.model = bundle.weights();
        this.features = new FeatureExtractor(bundle.features());
        this.pre = pre;
        this.languages = languages;
        this.areas = areas;
        int width = model.width();
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(width, languages));
    }

    /** The shipped model with the shipped scrubber, tokenizer, language id and gazetteer. */
    public static SignalClassifier load() {
        return new SignalClassifier(
                shippedBundle(),
                new TextPreprocessor(),
                LanguageId.get(),
                AreaGazetteer.rotterdam());
    }

    /**
     * A model file written by {@code lvds train} (the runtime {@code .bin.gz} or the CoreNLP bundle
     * {@code .ser.gz}), with the shipped components.
     */
    public static SignalClassifier load(Path modelFile) throws IOException {
        try (InputStream in = Files.newInputStream(modelFile)) {
            RuntimeModel model =
                    modelFile.getFileName().toString().endsWith(".ser.gz")
                            ? RuntimeModel.of(ModelBundle.read(in))
                            : RuntimeModel.read(in);
            return new SignalClassifier(
                    model, new TextPreprocessor(), LanguageId.get(), AreaGazetteer.rotterdam());
        }
    }

    /** The runtime model shipped on the classpath. */
    public static RuntimeModel shippedBundle() {
        try (InputStream in = SignalClassifier.class.getResourceAsStream(MODEL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "no trained model on the classpath ("
                                + MODEL_RESOURCE
                                + "): run ./lvds train");
            }
            return RuntimeModel.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model version, e.g. {@code lvds-1.0+3f9a2c1b}. */
    public String modelVersion() {
        return bundle.version();
    }

    /** The runtime model this classifier scores with. */
    public RuntimeModel model() {
        return bundle;
    }

    /** Classifies one post; hints may be null. */
    public Classification classify(String text, String langHint, String areaHint) {
        return classifyScrubbed(pre.scrub(text), langHint, areaHint);
    }

    /**
     * Classifies a post whose text already went through {@link TextPreprocessor#scrub} (the
     * pipeline's privacy gate scrubs first; scrubbing twice would cost time, not change the text).
     */
    public Classification classifyScrubbed(String scrubbed, String langHint, String areaHint) {
        Scratch s = scratch.get();
        List<String> tokens = pre.tokens(scrubbed);
        features.extract(tokens, s.buffer);
        model.score(s.buffer, s.row);

        int topicCount = model.topics();
        double[] topicScores = new double[topicCount];
        List<String> topics = new ArrayList<>(2);
        for (int t = 0; t < topicCount; t++) {
            double p = Calibration.sigmoid(bundle.plattA()[t] * s.row[t] + bundle.plattB()[t]);
            topicScores[t] = p;
            if (p >= bundle.topicThresholds()[t]) {
                topics.add(bundle.topics().get(t));
            }
        }
        double[] tensionScores = new double[3];
        Calibration.softmax(s.row, topicCount, 3, bundle.tensionTemperature(), tensionScores);
        int tension = TensionDecision.decide(tensionScores, bundle.hostileThreshold());

        // The first LANG_PREFIX characters decide the language as well as the whole post does
        // (a post's language rarely changes after its first sentence) at a bounded cost.
        String lang =
                languages.detect(
                        scrubbed.length() > LANG_PREFIX
                                ? scrubbed.substring(0, LANG_PREFIX)
                                : scrubbed,
                        langHint,
                        s.words);
        Optional<AreaMatch> area = Optional.empty();
        if (areaHint != null && !areaHint.isBlank()) {
            area = areas.resolve(areaHint);
        }
        if (area.isEmpty()) {
            area = areas.match(scrubbed);
        }
        List<String> terms = topTerms(s, topics, tension);
        long story = simhash(s);
        return new Classification(
                lang,
                List.copyOf(topics),
                topicScores,
                tension,
                tensionScores,
                area.map(AreaMatch::neighbourhood).orElse(null),
                area.map(AreaMatch::district).orElse(null),
                terms,
                story);
    }

    /** Classifies a post without hints. */
    public Classification classify(String text) {
        return classify(text, null, null);
    }

    private List<String> topTerms(Scratch s, List<String> topics, int tension) {
        FeatureBuffer b = s.buffer;
        int[] columns;
        if (!topics.isEmpty()) {
            columns = new int[topics.size()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = bundle.topics().indexOf(topics.get(i));
            }
        } else if (tension > 0) {
            columns = new int[] {model.topics() + tension};
        } else {
            return List.of();
        }
        String[] best = new String[3];
        double[] bestW = {0.05, 0.05, 0.05};
        for (int i = 0; i < b.tokenCount(); i++) {
            // the row scoring resolved for the token's unigram (no second probe of the table)
            int at = b.tokenPosition(i);
            double w = 0;
            for (int c : columns) {
                w =
                        Math.max(
                                w,
                                at >= 0
                                        ? model.weight(b, at, c)
                                        : model.weight(b.tokenFeature(i), c));
            }
            // bestW is in descending order: a weight not above the third changes nothing below,
            // so the string checks run only for candidates
            if (w <= bestW[2]) {
                continue;
            }
            String tok = b.token(i);
            if (tok.length() < 3 || tok.charAt(0) == '<' || STOP.contains(tok) || !hasLetter(tok)) {
                continue;
            }
            for (int k = 0; k < 3; k++) {
                if (tok.equals(best[k])) {
                    break;
                }
                if (w > bestW[k]) {
                    for (int m = 2; m > k; m--) {
                        best[m] = best[m - 1];
                        bestW[m] = bestW[m - 1];
                    }
                    best[k] = tok;
                    bestW[k] = w;
                    break;
                }
            }
        }
        List<String> out = new ArrayList<>(3);
        for (String t : best) {
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private static boolean hasLetter(String tok) {
        for (int i = 0; i < tok.length(); i++) {
            if (Character.isLetter(tok.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static final long LOW_BIT_OF_EACH_BYTE = 0x0101010101010101L;

    /**
     * 64-bit SimHash of the tokens: bit b is set when more than half of the tokens' hashes have bit
     * b set. Counted with byte-wide counters, eight bits of a hash per 64-bit add ({@code
     * counters[k]} byte j counts bit 8j + k), flushed before a byte can overflow.
     */
    private static long simhash(Scratch s) {
        int[] ones = s.simhash;
        java.util.Arrays.fill(ones, 0);
        long[] counters = s.bitCounters;
        java.util.Arrays.fill(counters, 0);
        FeatureBuffer b = s.buffer;
        int n = b.tokenCount();
        int pending = 0;
        for (int i = 0; i < n; i++) {
            long h = Hashing.mix(Hashing.fnv1a64(b.token(i)));
            for (int k = 0; k < 8; k++) {
                counters[k] += (h >>> k) & LOW_BIT_OF_EACH_BYTE;
            }
            if (++pending == 255) {
                flushBitCounters(counters, ones);
                pending = 0;
            }
        }
        flushBitCounters(counters, ones);
        long out = 0;
        for (int bit = 0; bit < 64; bit++) {
            // more ones than zeros: the sum of +1 per one and -1 per zero is positive
            if (2 * ones[bit] > n) {
                out |= 1L << bit;
            }
        }
        return out;
    }

    private static void flushBitCounters(long[] counters, int[] ones) {
        for (int k = 0; k < 8; k++) {
            long c = counters[k];
            for (int j = 0; j < 8; j++) {
                ones[8 * j + k] += (int) (c >>> (8 * j)) & 0xFF;
            }
            counters[k] = 0;
        }
    }
}
