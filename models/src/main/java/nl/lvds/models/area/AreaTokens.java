package nl.lvds.models.area;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The normalised word tokens of one text, with offsets back into the original (package-private).
 *
 * <p>A token is a maximal run of letters and digits; everything else (spaces, hyphens, apostrophes,
 * punctuation, emoji) separates tokens, so "Kralingen-Crooswijk", "kralingen crooswijk" and
 * "'s-Gravenland"/"s Gravenland" normalise alike. Letters are lower-cased and stripped of accents
 * ("Ĳ" becomes "ij"). The normalised characters of all tokens live in one buffer and each token's
 * {@link String#hashCode()}-compatible hash is computed on the fly, so the trie can be probed
 * without creating a String per token: the hot path allocates only a few arrays per text.
 */
final class AreaTokens {

    /**
     * Fold of each char below {@link #TABLE_SIZE}: null separates, "" is skipped, else appended.
     */
    private static final int TABLE_SIZE = 0x250;

    private static final String[] FOLD = buildFoldTable();

    final String text;
    char[] buf;
    int[] start;
    int[] end;
    int[] off;
    int[] len;
    int[] hash;
    int count;

    /** -1 unknown, 0 no, 1 yes; computed on first use only (rarely needed). */
    private int mostlyCapitalised = -1;

    private AreaTokens(String text) {
        this.text = text;
        int cap = Math.max(4, text.length() / 4 + 2);
        buf = new char[text.length() + 8];
        start = new int[cap];
        end = new int[cap];
        off = new int[cap];
        len = new int[cap];
        hash = new int[cap];
    }

    static AreaTokens of(String text) {
        AreaTokens t = new AreaTokens(text);
        t.tokenize();
        return t;
    }

    private void tokenize() {
        final String s = text;
        final int n = s.length();
        int b = 0;
        boolean inToken = false;
        int h = 0;
        int tokStart = 0;
        int tokOff = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 128) {
                char f;
                if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                    f = c;
                } else if (c >= 'A' && c <= 'Z') {
                    f = (char) (c + 32);
                } else {
                    if (inToken) {
                        add(tokStart, i, tokOff, b - tokOff, h);
                        inToken = false;
                    }
                    continue;
                }
                if (!inToken) {
                    inToken = true;
                    tokStart = i;
                    tokOff = b;
                    h = 0;
                }
                if (b == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
                buf[b++] = f;
                h = 31 * h + f;
                continue;
            }
            String fold = fold(c);
            if (fold == null) {
                if (inToken) {
                    add(tokStart, i, tokOff, b - tokOff, h);
                    inToken = false;
                }
                continue;
            }
            if (fold.isEmpty()) {
                continue; // a combining mark: part of the word, but not of its key
            }
            if (!inToken) {
                inToken = true;
                tokStart = i;
                tokOff = b;
                h = 0;
            }
            for (int k = 0; k < fold.length(); k++) {
                char f = fold.charAt(k);
                if (b == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
                buf[b++] = f;
                h = 31 * h + f;
            }
        }
        if (inToken) {
            add(tokStart, n, tokOff, b - tokOff, h);
        }
    }

    private void add(int s, int e, int o, int l, int h) {
        if (count == start.length) {
            int cap = count * 2;
            start = java.util.Arrays.copyOf(start, cap);
            end = java.util.Arrays.copyOf(end, cap);
            off = java.util.Arrays.copyOf(off, cap);
            len = java.util.Arrays.copyOf(len, cap);
            hash = java.util.Arrays.copyOf(hash, cap);
        }
        start[count] = s;
        end[count] = e;
        off[count] = o;
        len[count] = l;
        hash[count] = h;
        count++;
    }

    private static String fold(char c) {
        if (c < TABLE_SIZE) {
            return FOLD[c];
        }
        int type = Character.getType(c);
        if (type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK) {
            return "";
        }
        if (Character.isLetterOrDigit(c)) {
            return String.valueOf(Character.toLowerCase(c));
        }
        return null;
    }

    private static String[] buildFoldTable() {
        String[] table = new String[TABLE_SIZE];
        for (char c = 0; c < TABLE_SIZE; c++) {
            if (!Character.isLetterOrDigit(c)) {
                continue;
            }
            // NFKD also splits ligatures such as "ĳ" into "ij"; then drop the accents.
            String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKD);
            StringBuilder sb = new StringBuilder(2);
            for (int k = 0; k < decomposed.length(); k++) {
                char d = decomposed.charAt(k);
                if (Character.isLetterOrDigit(d)) {
                    sb.append(d);
                }
            }
            String folded = sb.toString().toLowerCase(Locale.ROOT);
            table[c] = folded.isEmpty() ? null : folded;
        }
        return table;
    }

    /** The normalised text of token {@code i}. */
    String norm(int i) {
        return new String(buf, off[i], len[i]);
    }

    /** The normalised tokens {@code [from, to)} joined by single spaces: a lookup key. */
    String key(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i > from) {
                sb.append(' ');
            }
            sb.append(buf, off[i], len[i]);
        }
        return sb.toString();
    }

    /** True when token {@code i} normalises to {@code word} (lower case, no accents). */
    boolean is(int i, String word) {
        int l = len[i];
        if (l != word.length()) {
            return false;
        }
        int o = off[i];
        for (int k = 0; k < l; k++) {
            if (buf[o + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    boolean startsWithDigit(int i) {
        char c = buf[off[i]];
        return c >= '0' && c <= '9';
    }

    /** True when token {@code i} starts with an upper-case letter in the original text. */
    boolean isCapitalised(int i) {
        char c = text.charAt(start[i]);
        return Character.isUpperCase(c) || Character.isTitleCase(c);
    }

    /**
     * True when token {@code i} opens a sentence: it starts the text, or follows a line break or
     * {@code . ! ? …} (looking past spaces and opening quotes/brackets). Capitals there are no
     * evidence of a proper name.
     */
    boolean isSentenceInitial(int i) {
        int p = start[i] - 1;
        while (p >= 0) {
            char c = text.charAt(p);
            if (c == '\n' || c == '\r') {
                return true;
            }
            if (Character.isWhitespace(c) || isOpening(c)) {
                p--;
                continue;
            }
            return c == '.' || c == '!' || c == '?' || c == '…';
        }
        return true;
    }

    private static boolean isOpening(char c) {
        return c == '"' || c == '\'' || c == '(' || c == '[' || c == '{' || c == '«' || c == '“'
                || c == '‘' || c == '„' || c == '*' || c == '_';
    }

    /** True when token {@code i} is glued to a preceding word by a hyphen ("Amsterdam-Noord"). */
    boolean hyphenBefore(int i) {
        int s = start[i];
        return s >= 2 && isHyphen(text.charAt(s - 1)) && isWordChar(text.charAt(s - 2));
    }

    /** True when token {@code i} is glued to a following word by a hyphen ("Noord-Korea"). */
    boolean hyphenAfter(int i) {
        int e = end[i];
        return e + 1 < text.length() && isHyphen(text.charAt(e)) && isWordChar(text.charAt(e + 1));
    }

    private static boolean isHyphen(char c) {
        return c == '-' || c == '\u2010' || c == '\u2011' || c == '\u2013';
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c);
    }

    /**
     * True for headlines, title case and shouting: at least four words of which more than 60% start
     * with a capital. Capitals then carry no information about proper names.
     */
    boolean isMostlyCapitalised() {
        if (mostlyCapitalised < 0) {
            int words = 0;
            int caps = 0;
            for (int i = 0; i < count; i++) {
                char c = text.charAt(start[i]);
                if (Character.isLetter(c)) {
                    words++;
                    if (Character.isUpperCase(c) || Character.isTitleCase(c)) {
                        caps++;
                    }
                }
            }
            mostlyCapitalised = words >= 4 && caps * 10 > words * 6 ? 1 : 0;
        }
        return mostlyCapitalised == 1;
    }
}
