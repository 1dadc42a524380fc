package nl.lvds.models.area;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Finds Rotterdam areas (gebieden, wijken and notable places) in names and free text and rolls them
 * up to wijk and gebied, from the gazetteer file {@code rotterdam-gazetteer.tsv}.
 *
 * <p>An instance is immutable after loading and safe to share between threads; {@link #rotterdam()}
 * loads the bundled file once.
 *
 * <h2>Lookup and matching</h2>
 *
 * <ul>
 *   <li>{@link #resolve(String)} is an exact lookup of one name or alias, for upstream {@code area}
 *       hints and P2000 place/street fields. Case, accents, hyphens, apostrophes and whitespace are
 *       ignored; a leading or trailing "Rotterdam" and trailing house numbers are dropped if the
 *       whole string is not a name ("Schammenkamp 12, Rotterdam" resolves to Tarwewijk).
 *   <li>{@link #matchAll(String)} finds every mention in a text: text and names are cut into word
 *       tokens (hyphens count as spaces), and at each token the longest name starting there wins,
 *       so matches respect word boundaries ("Noord" does not match inside "Noordereiland") and "Kop
 *       van Zuid-Entrepot" beats "Kop van Zuid". Matches do not overlap.
 *   <li>{@link #match(String)} returns the most specific mention: the first one that names a wijk
 *       (directly or through a place) or, when there is none, the first gebied.
 * </ul>
 *
 * <h2>Ambiguous names</h2>
 *
 * Some names are also ordinary words or names elsewhere ("noord", "centrum", "cool", "het park",
 * "de kuip", "oosterflank" as in NATO's eastern flank, "Hoogvliet" the supermarket chain). The data
 * file marks those spellings with a guard ({@code cue:}, {@code cap:} or {@code noart:}); unguarded
 * names always count. A {@code noart:} spelling counts unless an article precedes it ("bij de
 * Hoogvliet" is the supermarket; the town takes no article). A {@code cue:} or {@code cap:} mention
 * in free text is rejected when
 *
 * <ul>
 *   <li>it is glued to another word by a hyphen ("Noord-Korea", "Amsterdam-Noord",
 *       "NAVO-oosterflank"), or
 *   <li>it is followed by "van"/"of", unless then by "Rotterdam" ("het centrum van Utrecht" no,
 *       "het centrum van Rotterdam" yes), or by a capitalised word other than "Rotterdam", or by a
 *       word that makes it part of another name or phrase ("Centrum Utrecht", "noord holland",
 *       "centrum voor jeugd"), or
 *   <li>it is preceded by a capitalised word that is not a cue, article or "Rotterdam" ("Amsterdam
 *       Noord", "Den Haag Centrum").
 * </ul>
 *
 * Otherwise a {@code cap:} spelling counts only with capital evidence: one of its content words
 * starts with a capital, is not the first word of a sentence, and the text is not mostly
 * capitalised (headlines, shouting). A {@code cue:} spelling counts with capital evidence, or when
 * a locative cue precedes it (in, op, uit, naar, bij, rond, rondom, nabij, vanuit, richting, near,
 * around, wijk, buurt, stadsdeel, gebied, district, optionally followed by het/de/'t), or when
 * "Rotterdam" stands right before or after it. So "ik ga naar het noorden" and "ten noorden van"
 * never match (other words), "op noord" and "in het centrum" do, "we zaten in het park" does not
 * but "in Het Park" does. Known, deliberate misses: "Noord is onrustig" at the start of a post (a
 * sentence-initial capital is no evidence) and "Feyenoord wint in De Kuip van Ajax" (the "van"
 * rule); we prefer a missed mention to tension on the wrong district. "Rotterdam-Noord" is an
 * unguarded alias and always counts. {@link #resolve(String)} ignores guards: an upstream hint is
 * deliberate.
 *
 * <h2>Speed</h2>
 *
 * Names are tokenised once at load into a trie whose nodes are probed straight from the text's
 * token buffer (no regex, no String per token); guards are only evaluated for the rare guarded
 * candidates. {@code AreaGazetteerBench} (test sources) prints the throughput.
 */
public final class AreaGazetteer {

    /** The resource name of the bundled gazetteer, next to this class. */
    public static final String RESOURCE = "rotterdam-gazetteer.tsv";

    private static final String HEADER = "kind\tname\twijk\tgebied\taliases";

    private static final Set<String> CUES =
            Set.of(
                    "in",
                    "op",
                    "uit",
                    "naar",
                    "bij",
                    "rond",
                    "rondom",
                    "nabij",
                    "vanuit",
                    "richting",
                    "near",
                    "around",
                    "wijk",
                    "buurt",
                    "stadsdeel",
                    "gebied",
                    "district");

    private static final Set<String> ARTICLES = Set.of("het", "de", "t", "the");

    /** Words before which a {@code noart:} spelling does not count ("bij de Hoogvliet"). */
    private static final Set<String> NOART_BLOCKERS = Set.of("het", "de", "t", "the", "een");

    /** Words that carry no capital evidence inside a multi-word name ("Het Park"). */
    private static final Set<String> FUNCTION_WORDS =
            Set.of("het", "de", "t", "s", "van", "en", "op", "aan", "der", "den", "the", "of");

    /** Words after which a guarded name is part of another proper name or phrase. */
    private static final Set<String> COMPOUND_FOLLOWERS =
            Set.of(
                    "holland",
                    "brabant",
                    "limburg",
                    "korea",
                    "afrika",
                    "amerika",
                    "europa",
                    "ierland",
                    "macedonie",
                    "zee",
                    "pool",
                    "kaap",
                    "carolina",
                    "dakota",
                    "america",
                    "africa",
                    "ireland",
                    "sea",
                    "pole",
                    "oost",
                    "west",
                    "voor",
                    "for");

    /** Guards in increasing strictness; a spelling listed twice keeps the stricter one. */
    private enum Guard {
        NONE,
        NOART,
        CUE,
        CAP
    }

    /** What a spelling points at, and how much evidence it needs in free text. */
    private record Target(AreaMatch match, Guard guard) {}

    private final List<String> districts;
    private final Map<String, List<String>> neighbourhoodsByDistrict;
    private final Map<String, String> districtByKey;
    private final Map<String, AreaMatch> exact;
    private final TokenTrie<Target> trie;

    private AreaGazetteer(
            List<String> districts,
            Map<String, List<String>> neighbourhoodsByDistrict,
            Map<String, String> districtByKey,
            Map<String, AreaMatch> exact,
            TokenTrie<Target> trie) {
        this.districts = districts;
        this.neighbourhoodsByDistrict = neighbourhoodsByDistrict;
        this.districtByKey = districtByKey;
        this.exact = exact;
        this.trie = trie;
    }

    private static final class Bundled {
        static final AreaGazetteer INSTANCE = loadBundled();
    }

    /** The bundled Rotterdam gazetteer, loaded once on first use and shared. */
    public static AreaGazetteer rotterdam() {
        return Bundled.INSTANCE;
    }

    private static AreaGazetteer loadBundled() {
        InputStream in = AreaGazetteer.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("gazetteer resource missing: " + RESOURCE);
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads a gazetteer in the TSV format documented at the top of {@code rotterdam-gazetteer.tsv}.
     * The reader is read to the end but not closed.
     *
     * @throws IllegalArgumentException when the data is malformed or a spelling points at two areas
     * @throws UncheckedIOException when reading fails
     */
    public static AreaGazetteer load(Reader reader) {
        try {
            return build(parse(reader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Queries

    /** The gebieden (districts), sorted. */
    public List<String> districts() {
        return districts;
    }

    /**
     * The wijken of a gebied, sorted; empty for an unknown gebied. The gebied may be given in any
     * spelling the gazetteer knows for it ("kralingen crooswijk", "Kralingen").
     */
    public List<String> neighbourhoods(String district) {
        if (district == null) {
            return List.of();
        }
        AreaTokens t = AreaTokens.of(district);
        String d = districtByKey.get(t.key(0, t.count));
        return d == null ? List.of() : neighbourhoodsByDistrict.get(d);
    }

    /** The gebied of a gebied, wijk or place name, as {@link #resolve(String)} finds it. */
    public Optional<String> districtOf(String wijkOrGebied) {
        return resolve(wijkOrGebied).map(AreaMatch::district);
    }

    /**
     * Exact lookup of one name or alias (ignoring case, accents, hyphens and whitespace); a leading
     * or trailing "Rotterdam" and trailing house numbers are dropped when the whole is not a name.
     */
    public Optional<AreaMatch> resolve(String name) {
        if (name == null) {
            return Optional.empty();
        }
        AreaTokens t = AreaTokens.of(name);
        int from = 0;
        int to = t.count;
        while (from < to) {
            AreaMatch m = exact.get(t.key(from, to));
            if (m != null) {
                return Optional.of(m);
            }
            if (to - from > 1 && t.is(from, "rotterdam")) {
                from++;
            } else if (to - from > 1 && (t.is(to - 1, "rotterdam") || t.startsWithDigit(to - 1))) {
                to--;
            } else {
                break;
            }
        }
        return Optional.empty();
    }

    /**
     * The most specific area mentioned in a free text: the first mention that names a wijk, else
     * the first gebied; empty when no area is mentioned.
     */
    public Optional<AreaMatch> match(String text) {
        AreaMatch[] firstDistrictOnly = {null};
        AreaMatch wijk =
                scan(
                        text,
                        m -> {
                            if (firstDistrictOnly[0] == null) {
                                firstDistrictOnly[0] = m;
                            }
                            // nothing later can be more specific than a wijk
                            return m.neighbourhood() != null;
                        });
        return Optional.ofNullable(wijk != null ? wijk : firstDistrictOnly[0]);
    }

    /** Every area mention in a free text, in text order (a repeated mention appears again). */
    public List<AreaMatch> matchAll(String text) {
        List<AreaMatch> out = new ArrayList<>(2);
        scan(
                text,
                m -> {
                    out.add(m);
                    return false;
                });
        return out.isEmpty() ? List.of() : Collections.unmodifiableList(out);
    }

    /**
     * The one walk over a text's mentions: each mention (the longest accepted name from a token,
     * after which the walk continues behind it) goes to {@code visit}, in text order, until it
     * returns true; that mention is returned, or null when the text ends first.
     */
    private AreaMatch scan(String text, Predicate<AreaMatch> visit) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        AreaTokens t = AreaTokens.of(text);
        int[] ends = null;
        Object[] targets = null;
        int i = 0;
        while (i < t.count) {
            TokenTrie.Node<Target> node = trie.first(t, i);
            if (node == null) {
                i++;
                continue;
            }
            if (ends == null) {
                ends = new int[trie.maxDepth()];
                targets = new Object[trie.maxDepth()];
            }
            int found = longestAccepted(t, i, node, ends, targets);
            if (found < 0) {
                i++;
                continue;
            }
            AreaMatch m = ((Target) targets[found]).match();
            if (visit.test(m)) {
                return m;
            }
            i = ends[found];
        }
        return null;
    }

    /**
     * Walks the trie from token {@code i} (whose first node is given), records every name that ends
     * on the way, and returns the index of the longest one whose guard accepts it, or -1.
     */
    private int longestAccepted(
            AreaTokens t, int i, TokenTrie.Node<Target> node, int[] ends, Object[] targets) {
        int n = 0;
        int j = i;
        while (true) {
            j++;
            if (node.value != null) {
                ends[n] = j;
                targets[n] = node.value;
                n++;
            }
            if (j >= t.count) {
                break;
            }
            node = node.child(t, j);
            if (node == null) {
                break;
            }
        }
        for (int k = n - 1; k >= 0; k--) {
            Target target = (Target) targets[k];
            if (target.guard() == Guard.NONE || accepts(t, i, ends[k], target.guard())) {
                return k;
            }
        }
        return -1;
    }

    /** Applies the guard rules documented on the class to tokens {@code [from, to)}. */
    private static boolean accepts(AreaTokens t, int from, int to, Guard guard) {
        if (guard == Guard.NOART) {
            return from == 0 || !NOART_BLOCKERS.contains(t.norm(from - 1));
        }
        if (t.hyphenBefore(from) || t.hyphenAfter(to - 1)) {
            return false;
        }
        boolean nextIsRotterdam = false;
        if (to < t.count) {
            if (t.is(to, "van") || t.is(to, "of")) {
                if (!(to + 1 < t.count && t.is(to + 1, "rotterdam"))) {
                    return false;
                }
            } else if (COMPOUND_FOLLOWERS.contains(t.norm(to))) {
                return false;
            }
            nextIsRotterdam = t.is(to, "rotterdam");
            if (!nextIsRotterdam
                    && t.isCapitalised(to)
                    && !t.isSentenceInitial(to)
                    && !t.isMostlyCapitalised()) {
                return false; // "Centrum Utrecht", "binnenstad Amsterdam"
            }
        }
        boolean cue = false;
        boolean prevIsRotterdam = false;
        int prev = from - 1;
        if (prev >= 0) {
            String p = t.norm(prev);
            boolean article = ARTICLES.contains(p);
            cue = CUES.contains(p) || article && prev >= 1 && CUES.contains(t.norm(prev - 1));
            prevIsRotterdam = "rotterdam".equals(p);
            if (!cue
                    && !article
                    && !prevIsRotterdam
                    && t.isCapitalised(prev)
                    && !t.isMostlyCapitalised()) {
                return false; // "Amsterdam Noord", "Den Haag Centrum"
            }
        }
        if (hasCapitalEvidence(t, from, to)) {
            return true;
        }
        return guard == Guard.CUE && (cue || prevIsRotterdam || nextIsRotterdam);
    }

    private static boolean hasCapitalEvidence(AreaTokens t, int from, int to) {
        for (int k = from; k < to; k++) {
            if (t.isCapitalised(k)
                    && !t.isSentenceInitial(k)
                    && !FUNCTION_WORDS.contains(t.norm(k))) {
                return !t.isMostlyCapitalised();
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------
    // Loading

    private record Row(
            int line,
            String kind,
            String name,
            String wijk,
            String gebied,
            List<String> spellings,
            Map<String, Guard> guards) {}

    private static List<Row> parse(Reader reader) throws IOException {
        BufferedReader in =
                reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 14);
        List<Row> rows = new ArrayList<>();
        boolean headerSeen = false;
        int lineNo = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (!headerSeen) {
                if (!line.startsWith(HEADER)) {
                    throw bad(lineNo, "expected header '" + HEADER.replace('\t', ' ') + "'");
                }
                headerSeen = true;
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length < 5 || cols.length > 6) {
                throw bad(lineNo, "expected 5 or 6 tab-separated columns, got " + cols.length);
            }
            String kind = cols[0].strip();
            String name = cols[1].strip();
            String wijk = cols[2].strip();
            String gebied = cols[3].strip();
            if (!Set.of("gebied", "wijk", "place").contains(kind)) {
                throw bad(lineNo, "kind must be gebied, wijk or place: '" + kind + "'");
            }
            if (name.isEmpty() || wijk.isEmpty() || gebied.isEmpty()) {
                throw bad(lineNo, "name, wijk and gebied must not be empty");
            }
            List<String> spellings = new ArrayList<>();
            spellings.add(name);
            for (String alias : cols[4].split("\\|")) {
                if (!alias.isBlank()) {
                    spellings.add(alias.strip());
                }
            }
            Map<String, Guard> guards = new HashMap<>();
            if (cols.length == 6) {
                for (String g : cols[5].split("\\|")) {
                    if (g.isBlank()) {
                        continue;
                    }
                    String entry = g.strip();
                    Guard guard;
                    if (entry.startsWith("cue:")) {
                        guard = Guard.CUE;
                    } else if (entry.startsWith("cap:")) {
                        guard = Guard.CAP;
                    } else if (entry.startsWith("noart:")) {
                        guard = Guard.NOART;
                    } else {
                        throw bad(lineNo, "guard must be cue:, cap: or noart: '" + entry + "'");
                    }
                    String key = keyOf(entry.substring(entry.indexOf(':') + 1));
                    if (spellings.stream().noneMatch(s -> keyOf(s).equals(key))) {
                        throw bad(lineNo, "guarded spelling is not the name or an alias: " + entry);
                    }
                    guards.put(key, guard);
                }
            }
            rows.add(new Row(lineNo, kind, name, wijk, gebied, spellings, guards));
        }
        if (!headerSeen) {
            throw new IllegalArgumentException("gazetteer is empty (no header)");
        }
        return rows;
    }

    private static AreaGazetteer build(List<Row> rows) {
        // 1. gebieden and their wijken, validated
        Map<String, List<String>> wijkenByGebied = new TreeMap<>();
        for (Row r : rows) {
            if (r.kind().equals("gebied")) {
                if (!r.wijk().equals("-") || !r.gebied().equals(r.name())) {
                    throw bad(r.line(), "a gebied row has wijk '-' and its own name as gebied");
                }
                if (wijkenByGebied.put(r.name(), new ArrayList<>()) != null) {
                    throw bad(r.line(), "duplicate gebied " + r.name());
                }
            }
        }
        Map<String, String> gebiedOfWijk = new HashMap<>();
        for (Row r : rows) {
            if (r.kind().equals("wijk")) {
                if (!r.wijk().equals(r.name())) {
                    throw bad(r.line(), "a wijk row has its own name in the wijk column");
                }
                List<String> wijken = wijkenByGebied.get(r.gebied());
                if (wijken == null) {
                    throw bad(r.line(), "unknown gebied " + r.gebied());
                }
                if (gebiedOfWijk.put(r.name(), r.gebied()) != null) {
                    throw bad(r.line(), "duplicate wijk " + r.name());
                }
                wijken.add(r.name());
            }
        }
        for (Row r : rows) {
            if (r.kind().equals("place")) {
                if (!wijkenByGebied.containsKey(r.gebied())) {
                    throw bad(r.line(), "unknown gebied " + r.gebied());
                }
                if (!r.wijk().equals("-") && !r.gebied().equals(gebiedOfWijk.get(r.wijk()))) {
                    throw bad(r.line(), "wijk " + r.wijk() + " is not a wijk of " + r.gebied());
                }
            }
        }

        // 2. every spelling -> its candidate targets, then one target per spelling
        Map<String, List<Row>> rowsByKey = new LinkedHashMap<>();
        Map<String, List<String>> tokensByKey = new HashMap<>();
        for (Row r : rows) {
            for (String s : r.spellings()) {
                AreaTokens t = AreaTokens.of(s);
                if (t.count == 0) {
                    throw bad(r.line(), "spelling without letters or digits: '" + s + "'");
                }
                String key = t.key(0, t.count);
                List<Row> list = rowsByKey.computeIfAbsent(key, k -> new ArrayList<>());
                if (!list.contains(r)) {
                    list.add(r);
                }
                List<String> tokens = new ArrayList<>(t.count);
                for (int i = 0; i < t.count; i++) {
                    tokens.add(t.norm(i));
                }
                tokensByKey.put(key, tokens);
            }
        }
        Map<String, AreaMatch> exact = new HashMap<>();
        TokenTrie.Builder<Target> trie = new TokenTrie.Builder<>();
        for (Map.Entry<String, List<Row>> e : rowsByKey.entrySet()) {
            String key = e.getKey();
            AreaMatch match = choose(key, e.getValue(), wijkenByGebied);
            Guard guard = Guard.NONE;
            for (Row r : e.getValue()) {
                Guard g = r.guards().getOrDefault(key, Guard.NONE);
                if (g.ordinal() > guard.ordinal()) {
                    guard = g;
                }
            }
            exact.put(key, match);
            trie.put(tokensByKey.get(key), new Target(match, guard));
        }

        // 3. district spellings for neighbourhoods(String)
        Map<String, String> districtByKey = new HashMap<>();
        Map<String, List<String>> neighbourhoods = new HashMap<>();
        for (Row r : rows) {
            if (r.kind().equals("gebied")) {
                for (String s : r.spellings()) {
                    districtByKey.put(keyOf(s), r.name());
                }
            }
        }
        wijkenByGebied.forEach(
                (gebied, wijken) -> neighbourhoods.put(gebied, wijken.stream().sorted().toList()));
        return new AreaGazetteer(
                List.copyOf(wijkenByGebied.keySet()),
                Map.copyOf(neighbourhoods),
                Map.copyOf(districtByKey),
                Map.copyOf(exact),
                trie.build());
    }

    /** The area a spelling points at, resolving the allowed collisions documented in the TSV. */
    private static AreaMatch choose(
            String key, List<Row> candidates, Map<String, List<String>> wijkenByGebied) {
        List<AreaMatch> matches = new ArrayList<>();
        for (Row r : candidates) {
            matches.add(matchOf(r, wijkenByGebied));
        }
        AreaMatch first = matches.get(0);
        if (matches.stream()
                .allMatch(
                        m ->
                                m.district().equals(first.district())
                                        && java.util.Objects.equals(
                                                m.neighbourhood(), first.neighbourhood()))) {
            // Same area under several rows (a gebied and its only wijk): prefer the coarser row
            // kind.
            for (String kind : List.of("gebied", "wijk", "place")) {
                for (int k = 0; k < candidates.size(); k++) {
                    if (candidates.get(k).kind().equals(kind)) {
                        return matches.get(k);
                    }
                }
            }
        }
        boolean sameDistrict =
                matches.stream().allMatch(m -> m.district().equals(first.district()));
        List<AreaMatch> districtOnly =
                matches.stream().filter(m -> m.neighbourhood() == null).toList();
        if (sameDistrict && districtOnly.size() == 1) {
            return districtOnly.get(
                    0); // "Delfshaven": gebied and wijk; the coarser reading is safe
        }
        StringBuilder lines = new StringBuilder();
        for (Row r : candidates) {
            lines.append(' ').append(r.line());
        }
        throw new IllegalArgumentException(
                "spelling '" + key + "' points at different areas on lines" + lines);
    }

    private static AreaMatch matchOf(Row r, Map<String, List<String>> wijkenByGebied) {
        String wijk =
                switch (r.kind()) {
                    case "wijk" -> r.name();
                    case "place" -> r.wijk().equals("-") ? null : r.wijk();
                    default -> null;
                };
        if (wijk == null) {
            List<String> wijken = wijkenByGebied.get(r.gebied());
            if (wijken.size() == 1) {
                wijk = wijken.get(0); // Pernis, Rozenburg: the gebied is its only wijk
            }
        }
        return new AreaMatch(r.name(), wijk, r.gebied());
    }

    private static String keyOf(String spelling) {
        AreaTokens t = AreaTokens.of(spelling);
        return t.key(0, t.count);
    }

    private static IllegalArgumentException bad(int line, String message) {
        return new IllegalArgumentException("gazetteer line " + line + ": " + message);
    }
}
