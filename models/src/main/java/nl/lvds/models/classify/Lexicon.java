package nl.lvds.models.classify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Hand-written cue lexicons (in models/src/main/resources/nl/lvds/models/lexicon), looked up per
 * normalised token. An entry ending in {@code *} matches any token starting with it (checked for
 * prefixes of 4 to 10 characters). An entry of two to four words is a phrase, matched on
 * consecutive tokens. These are features for the classifiers, not rules: the weights are learned
 * from the corpus.
 *
 * <p>Who is targeted is kept apart from how: {@code target-groups.tsv} maps group nouns to one of
 * {@link TargetGroups#GROUPS} (returned in the high bits of a lookup, see {@link #group}); the
 * other files hold cues of hostility, counter-speech and the like that do not name a group.
 *
 * <p>Spelling variants of group nouns, slurs and dehumanising terms are matched as well: for every
 * such entry of six or more letters, each form with one letter dropped or two neighbouring letters
 * swapped is stored next to it (so "mosilms", "moslms" and, after dropping an asterisk, "k*nker"
 * hit), unless that form is itself another entry. The lookup cost does not change.
 */
public final class Lexicon {

    /** The cue categories, one file each (bits 0-25 of a lookup). */
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
                    "topic-extremism",
                    "compare",
                    "expulsion",
                    "conspiracy",
                    "recruit",
                    "implicit-threat",
                    "positive",
                    "report",
                    "first-person",
                    "symbol",
                    "conditional",
                    "role",
                    "derogatory");

    /** Bits of a lookup that hold categories. */
    public static final int CATEGORY_MASK = (1 << 26) - 1;

    private static final int GROUP_SHIFT = 26;
    private static final int MIN_PREFIX = 4;
    private static final int MAX_PREFIX = 10;
    private static final int MIN_VARIANT_SOURCE = 6;

    /** Exact entries and prefix entries, keyed by the FNV hash of their characters. */
    private final LongIntMap exact = new LongIntMap(4096);

    private final LongIntMap prefixes = new LongIntMap(4096);

    /** Phrases, keyed by {@link #phraseHash} over their tokens' unigram hashes. */
    private final LongIntMap phrases = new LongIntMap(512);

    private final Set<String> entries = new HashSet<>();
    private int maxPhrase = 1;

    private static final Lexicon DEFAULT = load();

    private Lexicon() {}

    /** The shipped lexicons (loaded once). */
    public static Lexicon get() {
        return DEFAULT;
    }

    private record Entry(String text, boolean prefix, int value, boolean variants) {}

    private static Lexicon load() {
        Lexicon lex = new Lexicon();
        List<Entry> all = new ArrayList<>();
        int variantBits = bit("group") | bit("slur") | bit("dehumanising");
        for (int c = 0; c < CATEGORIES.size(); c++) {
            String name = "/nl/lvds/models/lexicon/" + CATEGORIES.get(c) + ".txt";
            for (String line : lines(name)) {
                int value = 1 << c;
                all.add(entry(line, value, (value & variantBits) != 0));
            }
        }
        for (String line : lines("/nl/lvds/models/lexicon/target-groups.tsv")) {
            String[] parts = line.split("\t");
            if (parts.length != 2 || !TargetGroups.isGroup(parts[1].strip())) {
                throw new IllegalStateException("bad target-groups.tsv line: " + line);
            }
            String group = parts[1].strip();
            int value = bit("group") | (TargetGroups.GROUPS.indexOf(group) + 1) << GROUP_SHIFT;
            if (group.equals("police")
                    || group.equals("officials")
                    || group.equals("politicians")
                    || group.equals("journalists")) {
                value |= bit("role");
            }
            all.add(entry(parts[0], value, true));
        }
        // a variant that is a word in its own right ("zware" from "zwarte") is left out
        Set<String> words = commonWords();
        for (Entry e : all) {
            words.add(e.text());
        }
        for (Entry e : all) {
            lex.put(e.text(), e.prefix(), e.value());
        }
        // spelling variants after all entries, so that a variant never shadows an entry
        for (Entry e : all) {
            if (!e.variants() || e.text().length() < MIN_VARIANT_SOURCE || e.text().contains(" ")) {
                continue;
            }
            for (String v : variants(e.text())) {
                if (!words.contains(v)) {
                    lex.putVariant(v, e.prefix(), e.value());
                }
            }
        }
        return lex;
    }

    /** The language-id word lists plus a few frequent words close to a group noun. */
    private static Set<String> commonWords() {
        Set<String> out = new HashSet<>(List.of("zware", "zwaren", "vouwen", "joden", "polen"));
        for (String line : lines("/nl/lvds/models/lang/lexicon.txt")) {
            int hash = line.indexOf('#');
            String body = hash >= 0 ? line.substring(0, hash) : line;
            for (String w : body.split("\\s+")) {
                if (!w.isEmpty() && w.charAt(0) != '@') {
                    out.add(TokenNormalizer.normalize(w.toLowerCase(java.util.Locale.ROOT)));
                }
            }
        }
        return out;
    }

    private static Entry entry(String line, int value, boolean variants) {
        String text = line.strip();
        boolean prefix = text.endsWith("*");
        String[] words = text.replace("*", "").split("\\s+");
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            sb.append(sb.length() == 0 ? "" : " ")
                    .append(TokenNormalizer.normalize(w.toLowerCase(java.util.Locale.ROOT)));
        }
        return new Entry(sb.toString(), prefix && words.length == 1, value, variants);
    }

    private void put(String entry, boolean prefix, int value) {
        entries.add(entry);
        if (entry.contains(" ")) {
            String[] words = entry.split(" ");
            if (words.length > 4) {
                throw new IllegalStateException("phrase longer than four words: " + entry);
            }
            long h = 0;
            for (String w : words) {
                h = phraseHash(h, unigramHash(w));
            }
            phrases.or(h, value);
            maxPhrase = Math.max(maxPhrase, words.length);
        } else if (prefix && entry.length() >= MIN_PREFIX) {
            prefixes.or(Hashing.fnv1a64(entry), value);
        } else {
            exact.or(Hashing.fnv1a64(entry), value);
        }
    }

    private void putVariant(String variant, boolean prefix, int value) {
        if (prefix && variant.length() >= MIN_PREFIX + 1) {
            prefixes.or(Hashing.fnv1a64(variant), value);
        } else if (!prefix) {
            exact.or(Hashing.fnv1a64(variant), value);
        }
    }

    /** Every form of {@code w} with one letter dropped or two neighbouring letters swapped. */
    static Set<String> variants(String w) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < w.length(); i++) {
            out.add(w.substring(0, i) + w.substring(i + 1));
            if (i + 1 < w.length() && w.charAt(i) != w.charAt(i + 1)) {
                out.add(w.substring(0, i) + w.charAt(i + 1) + w.charAt(i) + w.substring(i + 2));
            }
        }
        out.remove(w);
        return out;
    }

    private static List<String> lines(String name) {
        List<String> out = new ArrayList<>();
        try (InputStream in = Lexicon.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing lexicon " + name);
            }
            BufferedReader r =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.strip().startsWith("#")) {
                    continue;
                }
                out.add(line.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Lookup of a normalised token: bit set of the categories (by index in {@link #CATEGORIES}) in
     * the low 24 bits, and the target group in the high bits (see {@link #group}).
     */
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
        // after the loop h is the hash of the whole token; an exact entry's group wins
        int whole = exact.get(h, 0);
        if ((whole >>> GROUP_SHIFT) != 0) {
            bits &= CATEGORY_MASK;
        }
        return bits | whole;
    }

    /** Lookup of the concatenation of two tokens, without building it. */
    public int categoriesJoined(String a, String b) {
        int n = a.length() + b.length();
        long h = Hashing.fnv1a64("");
        int bits = 0;
        for (int len = 1; len <= n; len++) {
            char c = len <= a.length() ? a.charAt(len - 1) : b.charAt(len - 1 - a.length());
            h = Hashing.add(h, c);
            if (len >= MIN_PREFIX && len <= MAX_PREFIX && len > a.length()) {
                bits |= prefixes.get(h, 0);
            }
        }
        return bits | exact.get(h, 0);
    }

    /** The target group of a lookup: an index into {@link TargetGroups#GROUPS}, or -1. */
    public static int group(int lookup) {
        int g = (lookup >>> GROUP_SHIFT) & 0x1f;
        return g == 0 || g > TargetGroups.GROUPS.size() ? -1 : g - 1;
    }

    /** The unigram hash of a normalised token, as the feature extractor computes it. */
    static long unigramHash(String token) {
        return Hashing.add(Hashing.start('u'), token);
    }

    /** Extends a phrase hash by one token's unigram hash (start from 0). */
    static long phraseHash(long h, long unigram) {
        return Hashing.mix(h + 0x9E3779B97F4A7C15L) ^ unigram;
    }

    /** The categories of a phrase hash (0 when it is not a phrase). */
    int phrase(long h) {
        return phrases.get(h, 0);
    }

    /** The number of words of the longest phrase. */
    int maxPhrase() {
        return maxPhrase;
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
