package nl.lvds.pipeline.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import nl.lvds.models.event.Topic;

/**
 * The generator's post templates and slot fillers ({@code texts.txt}), compiled once and rendered
 * with a per-thread {@link Context}. Synthetic demo/load text only: never a training corpus.
 *
 * <p>Rendering is allocation-light (one builder per context, templates pre-parsed into a small node
 * tree) because it runs once per generated signal.
 */
public final class TextBank {

    /** The template languages the file may use. */
    public static final List<String> LANGUAGES = List.of("nl", "en", "tr", "pl", "es");

    /** Variables the generator always provides; anything else must come from an event. */
    public static final Set<String> BUILT_IN_VARIABLES =
            Set.of("wijk", "gebied", "wijktag", "wijkplace");

    private static final String RESOURCE = "texts.txt";
    private static final int TENSIONS = Topic.TENSION_LEVELS.size();

    /** Per-thread, mutable render state: the post's area, whether to mention it, event vars. */
    public static final class Context {
        private final StringBuilder sb = new StringBuilder(256);
        private String wijk = "";
        private String gebied = "";
        private String wijktag = "";
        private List<CityMap.Place> places = List.of();
        private boolean mention;
        private boolean mentioned;
        private Map<String, String> vars = Map.of();

        /** Sets the post's area, whether the text should mention it, and the event variables. */
        public Context set(
                CityMap.Wijk w,
                List<CityMap.Place> wijkPlaces,
                boolean mentionArea,
                Map<String, String> variables) {
            this.wijk = w.name();
            this.gebied = w.gebied();
            this.wijktag = w.tag();
            this.places = wijkPlaces;
            this.mention = mentionArea;
            this.vars = variables;
            return this;
        }

        private String variable(String name, String lang, SplittableRandom r) {
            switch (name) {
                case "wijk":
                    return wijk;
                case "gebied":
                    return gebied;
                case "wijktag":
                    return wijktag;
                case "wijkplace":
                    return places.isEmpty() ? wijk : places.get(r.nextInt(places.size())).name();
                default:
                    String v = vars.get(name + "." + lang);
                    if (v == null) {
                        v = vars.get(name);
                    }
                    if (v == null) {
                        v = vars.get(name + ".nl");
                    }
                    if (v == null) {
                        throw new IllegalStateException(
                                "no value for template variable {" + name + "}");
                    }
                    return v;
            }
        }
    }

    private interface Node {
        void render(StringBuilder sb, Context c, SplittableRandom r);
    }

    private record Lit(String text) implements Node {
        @Override
        public void render(StringBuilder sb, Context c, SplittableRandom r) {
            sb.append(text);
        }
    }

    private record Seq(Node[] parts) implements Node {
        @Override
        public void render(StringBuilder sb, Context c, SplittableRandom r) {
            for (Node p : parts) {
                p.render(sb, c, r);
            }
        }
    }

    private record Choice(Node[] alternatives) implements Node {
        @Override
        public void render(StringBuilder sb, Context c, SplittableRandom r) {
            alternatives[r.nextInt(alternatives.length)].render(sb, c, r);
        }
    }

    private record Var(String name, String lang) implements Node {
        @Override
        public void render(StringBuilder sb, Context c, SplittableRandom r) {
            sb.append(c.variable(name, lang, r));
        }
    }

    /** A slot reference, bound after parsing so slots may refer to slots defined later. */
    private static final class SlotRef implements Node {
        private Node target;

        @Override
        public void render(StringBuilder sb, Context c, SplittableRandom r) {
            target.render(sb, c, r);
        }
    }

    /** {@code {where}}: an area mention when the post mentions its area, else nothing. */
    private record Where(Node slot) implements Node {
        @Override
        public void render(StringBuilder sb, Context c, SplittableRandom r) {
            if (c.mention) {
                slot.render(sb, c, r);
                c.mentioned = true;
            }
        }
    }

    private final Map<String, List<String>> slotDefs = new LinkedHashMap<>();
    private final Map<String, SlotRef> slots = new HashMap<>();
    private final Map<String, Node[]> sections = new LinkedHashMap<>();
    private final Map<String, Set<String>> variablesByKey = new LinkedHashMap<>();
    private final Map<String, Node[][][]> lookup = new HashMap<>();

    private TextBank(Reader source) throws IOException {
        Map<String, List<String>> rawSections = new LinkedHashMap<>();
        BufferedReader reader = new BufferedReader(source);
        List<String> current = null;
        int lineNo = 0;
        for (String line; (line = reader.readLine()) != null; ) {
            lineNo++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            if (s.startsWith("@")) {
                int eq = s.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException(
                            RESOURCE + ":" + lineNo + ": slot without '='");
                }
                String name = s.substring(1, eq).strip();
                List<String> alts = new ArrayList<>();
                for (String a : splitTopLevel(s.substring(eq + 1))) {
                    alts.add(a.strip());
                }
                slotDefs.put(name, alts);
            } else if (s.startsWith("[") && s.endsWith("]")) {
                String[] h = s.substring(1, s.length() - 1).strip().split("\\s+");
                if (h.length != 3
                        || !Topic.TENSION_LEVELS.contains(h[1])
                        || !LANGUAGES.contains(h[2])) {
                    throw new IllegalArgumentException(
                            RESOURCE + ":" + lineNo + ": bad section header " + s);
                }
                current =
                        rawSections.computeIfAbsent(
                                sectionKey(h[0], Topic.TENSION_LEVELS.indexOf(h[1]), h[2]),
                                k -> new ArrayList<>());
            } else {
                if (current == null) {
                    throw new IllegalArgumentException(
                            RESOURCE + ":" + lineNo + ": template outside a section");
                }
                current.add(s);
            }
        }
        // Compile every slot for every language first (so rendering never mutates the maps).
        Set<String> baseNames = new TreeSet<>();
        for (String name : slotDefs.keySet()) {
            baseNames.add(stripLang(name));
        }
        for (String lang : LANGUAGES) {
            for (String base : baseNames) {
                slotRef(lang, base);
            }
        }
        for (Map.Entry<String, List<String>> e : rawSections.entrySet()) {
            String[] k = e.getKey().split("\\|");
            String lang = k[2];
            Set<String> vars = variablesByKey.computeIfAbsent(k[0], x -> new LinkedHashSet<>());
            Node[] compiled = new Node[e.getValue().size()];
            for (int i = 0; i < compiled.length; i++) {
                compiled[i] = compile(e.getValue().get(i), lang, vars);
            }
            sections.put(e.getKey(), compiled);
        }
        for (String key : variablesByKey.keySet()) {
            Node[][][] table = new Node[TENSIONS][LANGUAGES.size()][];
            for (int t = 0; t < TENSIONS; t++) {
                for (int l = 0; l < LANGUAGES.size(); l++) {
                    table[t][l] = resolve(key, t, LANGUAGES.get(l));
                }
            }
            lookup.put(key, table);
        }
    }

    /** Loads the bank shipped with the generator. */
    public static TextBank load() {
        try (InputStream in = TextBank.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new TextBank(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a bank from text in the {@code texts.txt} format (for tests). */
    public static TextBank parse(String text) {
        try {
            return new TextBank(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sectionKey(String key, int tension, String lang) {
        return key + "|" + tension + "|" + lang;
    }

    private static String stripLang(String name) {
        int dot = name.indexOf('.');
        return dot > 0 && LANGUAGES.contains(name.substring(0, dot))
                ? name.substring(dot + 1)
                : name;
    }

    /** The section keys (topics and events) that have templates. */
    public Set<String> keys() {
        return lookup.keySet();
    }

    /** Whether templates exist for exactly this key, tension and language. */
    public boolean has(String key, int tension, String lang) {
        return sections.containsKey(sectionKey(key, tension, lang));
    }

    /** The non-built-in variables that the templates of {@code key} use (events must set them). */
    public Set<String> variables(String key) {
        return variablesByKey.getOrDefault(key, Set.of());
    }

    /**
     * Renders one post text: a random template of the section (falling back to a nearer tension,
     * then to Dutch, when the exact section does not exist), tidied, with an area mention added
     * when the context asks for one and the template had no {@code {where}}.
     */
    public String render(String key, int tension, String lang, Context c, SplittableRandom r) {
        Node[][][] table = lookup.get(key);
        if (table == null) {
            throw new IllegalArgumentException("no templates for " + key);
        }
        int l = languageIndex(lang);
        Node[] templates = table[tension][l < 0 ? 0 : l];
        if (templates == null) {
            throw new IllegalArgumentException("no templates for " + key + " in " + lang);
        }
        StringBuilder sb = c.sb;
        sb.setLength(0);
        c.mentioned = false;
        templates[r.nextInt(templates.length)].render(sb, c, r);
        if (c.mention && !c.mentioned) {
            String language = l < 0 ? "nl" : lang;
            if (r.nextBoolean()) {
                String body = sb.toString();
                sb.setLength(0);
                slotRef(language, "where_prefix").render(sb, c, r);
                sb.append(' ').append(body);
            } else {
                sb.append(' ');
                slotRef(language, "where_suffix").render(sb, c, r);
            }
        }
        return tidy(sb, true);
    }

    /** Renders one filler of slot {@code name} (e.g. {@code emoji.calm}) for a language. */
    public String slot(String name, String lang, Context c, SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        slotRef(LANGUAGES.contains(lang) ? lang : "nl", name).render(sb, c, r);
        return tidy(sb);
    }

    private static int languageIndex(String lang) {
        switch (lang) {
            case "nl":
                return 0;
            case "en":
                return 1;
            default:
                return LANGUAGES.indexOf(lang);
        }
    }

    private Node[] resolve(String key, int tension, String lang) {
        for (String l : lang.equals("nl") ? List.of("nl") : List.of(lang, "nl")) {
            for (int d = 0; d < TENSIONS; d++) {
                // Prefer the same tension, then milder ones, then stronger ones.
                int t = tension - d >= 0 ? tension - d : d;
                Node[] n = sections.get(sectionKey(key, t, l));
                if (n != null) {
                    return n;
                }
            }
            for (int t = tension + 1; t < TENSIONS; t++) {
                Node[] n = sections.get(sectionKey(key, t, l));
                if (n != null) {
                    return n;
                }
            }
        }
        return null;
    }

    private SlotRef slotRef(String lang, String name) {
        String cacheKey = lang + "|" + name;
        SlotRef ref = slots.get(cacheKey);
        if (ref != null) {
            return ref;
        }
        List<String> def = slotDefs.get(lang + "." + name);
        if (def == null) {
            def = slotDefs.get(name);
        }
        if (def == null) {
            def = slotDefs.get("nl." + name);
        }
        if (def == null) {
            throw new IllegalArgumentException("no slot @" + name);
        }
        ref = new SlotRef();
        slots.put(cacheKey, ref); // registered before compiling, so recursion terminates
        Node[] alts = new Node[def.size()];
        for (int i = 0; i < alts.length; i++) {
            alts[i] = compile(def.get(i), lang, null);
        }
        ref.target = new Choice(alts);
        return ref;
    }

    private boolean slotExists(String name) {
        for (String lang : LANGUAGES) {
            if (slotDefs.containsKey(lang + "." + name)) {
                return true;
            }
        }
        return slotDefs.containsKey(name);
    }

    private Node compile(String template, String lang, Set<String> usedVars) {
        List<Node> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char ch = template.charAt(i);
            if (ch == '}') {
                throw new IllegalArgumentException("unbalanced '}' in: " + template);
            }
            if (ch != '{') {
                lit.append(ch);
                i++;
                continue;
            }
            int end = matchingBrace(template, i);
            if (lit.length() > 0) {
                parts.add(new Lit(lit.toString()));
                lit.setLength(0);
            }
            String inner = template.substring(i + 1, end);
            List<String> alts = splitTopLevel(inner);
            if (alts.size() > 1) {
                Node[] nodes = new Node[alts.size()];
                for (int a = 0; a < nodes.length; a++) {
                    nodes[a] = compile(alts.get(a), lang, usedVars);
                }
                parts.add(new Choice(nodes));
            } else if (!inner.strip().matches("[\\p{L}\\p{N}_.\\-]+")) {
                // A group such as {een {shelter}}: a template of its own, not a name.
                parts.add(compile(inner, lang, usedVars));
            } else {
                String name = inner.strip();
                if (name.equals("where")) {
                    parts.add(new Where(slotRef(lang, "where")));
                } else if (slotExists(name)) {
                    parts.add(slotRef(lang, name));
                } else {
                    if (usedVars != null && !BUILT_IN_VARIABLES.contains(name)) {
                        usedVars.add(name);
                    }
                    parts.add(new Var(name, lang));
                }
            }
            i = end + 1;
        }
        if (lit.length() > 0) {
            parts.add(new Lit(lit.toString()));
        }
        return parts.size() == 1 ? parts.get(0) : new Seq(parts.toArray(new Node[0]));
    }

    private static int matchingBrace(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '{') {
                depth++;
            } else if (ch == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced '{' in: " + s);
    }

    /** Splits on '|' outside braces; keeps empty alternatives (they make a part optional). */
    private static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '{') {
                depth++;
            } else if (ch == '}') {
                depth--;
            } else if (ch == '|' && depth == 0) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }

    /**
     * Collapses runs of spaces and removes the spaces (and doubled commas) left behind by empty
     * optional parts: {@code "gewandeld , wat"} becomes {@code "gewandeld, wat"} and {@code "Hallo,
     * ."} becomes {@code "Hallo."}.
     */
    static String tidy(CharSequence s) {
        return tidy(s, false);
    }

    /**
     * {@link #tidy(CharSequence)} on a char array (it runs once per signal), optionally
     * capitalising.
     */
    private static String tidy(CharSequence s, boolean capitalise) {
        int n = s.length();
        char[] in = new char[n];
        if (s instanceof StringBuilder sb) {
            sb.getChars(0, n, in, 0);
        } else {
            s.toString().getChars(0, n, in, 0);
        }
        char[] out = new char[n];
        int len = 0;
        boolean space = false;
        for (int i = 0; i < n; i++) {
            char ch = in[i];
            if (ch == ' ' || ch == '\t' || ch == '\n') {
                space = len > 0;
                continue;
            }
            char last = len > 0 ? out[len - 1] : 0;
            if (ch == ',' && isPunctuation(last)) {
                space = false;
                continue;
            }
            if ((ch == '.' || ch == '!' || ch == '?') && last == ',') {
                len--; // "Hallo, ." from an empty last part
                last = len > 0 ? out[len - 1] : 0;
            }
            if (space && !isPunctuation(ch) && ch != ')' && len > 0 && last != '(') {
                out[len++] = ' ';
            }
            space = false;
            out[len++] = ch;
        }
        if (capitalise && len > 0 && Character.isLowerCase(out[0])) {
            out[0] = Character.toUpperCase(out[0]);
        }
        return new String(out, 0, len);
    }

    private static boolean isPunctuation(char ch) {
        switch (ch) {
            case ',':
            case '.':
            case '!':
            case '?':
            case ':':
            case ';':
                return true;
            default:
                return false;
        }
    }
}
