package nl.lvds.models.classify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Hand-written cue lexicons (in models/src/main/resources/nl/lvds/models/lexicon), looked up per
 * normalised token. An entry ending in {@code *} matches any token starting with it (checked for
 * prefixes of 4 to 10 characters). These are features for the classifiers, not rules: the weights
 * are learned from the corpus.
 */
public final class Lexicon {

    /** The cue categories, one file each. */
    public static final List<String> CATEGORIES =
            List.of(
                    "group",
                    "dehumanising",
                    "threat",
                    "slur",
                    "negation",
                    "counter",
                    "curse",
                    "topic-middle-east",
                    "topic-local-incident",
                    "topic-migration",
                    "topic-discrimination",
                    "topic-anti-government",
                    "topic-extremism");

    private static final int MIN_PREFIX = 4;
    private static final int MAX_PREFIX = 10;

    /** Exact entries and prefix entries, keyed by the FNV hash of their characters. */
    private final LongIntMap exact = new LongIntMap(1024);

    private final LongIntMap prefixes = new LongIntMap(1024);
    private final Set<String> entries = new HashSet<>();

    private static final Lexicon DEFAULT = load();

    private Lexicon() {}

    /** The shipped lexicons (loaded once). */
    public static Lexicon get() {
        return DEFAULT;
    }

    private static Lexicon load() {
        Lexicon lex = new Lexicon();
        for (int c = 0; c < CATEGORIES.size(); c++) {
            String name = "/nl/lvds/models/lexicon/" + CATEGORIES.get(c) + ".txt";
            try (InputStream in = Lexicon.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("missing lexicon " + name);
                }
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String line;
                while ((line = r.readLine()) != null) {
                    line = line.strip();
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    String entry = TokenNormalizer.normalize(line.replace("*", ""));
                    int bit = 1 << c;
                    lex.entries.add(entry);
                    if (line.endsWith("*") && entry.length() >= MIN_PREFIX) {
                        lex.prefixes.or(Hashing.fnv1a64(entry), bit);
                    } else {
                        lex.exact.or(Hashing.fnv1a64(entry), bit);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lex;
    }

    /** Bit set of the categories (by index in {@link #CATEGORIES}) that a normalised token hits. */
    public int categories(String token) {
        int n = token.length();
        long h = Hashing.fnv1a64("");
        int bits = 0;
        for (int len = 1; len <= n; len++) {
            h = Hashing.add(h, token.charAt(len - 1));
            if (len >= MIN_PREFIX && len <= MAX_PREFIX) {
                bits |= prefixes.get(h, 0);
            }
        }
        // after the loop h is the hash of the whole token
        return bits | exact.get(h, 0);
    }

    /** Bit of a category. */
    public static int bit(String category) {
        int i = CATEGORIES.indexOf(category);
        if (i < 0) {
            throw new IllegalArgumentException(category);
        }
        return 1 << i;
    }

    /** Number of entries, for the model card. */
    public int size() {
        return entries.size();
    }
}
