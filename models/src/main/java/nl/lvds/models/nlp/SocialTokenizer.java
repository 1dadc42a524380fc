package nl.lvds.models.nlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits scrubbed Dutch (and English) social-media text into lower-cased tokens; the tokenizer of
 * the hot path. Thread-safe.
 *
 * <p>Rules, in the order they are tried at a token start:
 *
 * <ul>
 *   <li>Scrubber placeholders stay one token: {@code <email>}, {@code <url:ad.nl>}.
 *   <li>Words run over letters, digits and combining marks, and are joined across a hyphen between
 *       word characters ({@code kralingen-crooswijk}, {@code anti-joods}, {@code 3-1}), an
 *       apostrophe between a word character and a letter ({@code auto's}, {@code m'n}, {@code z'n},
 *       {@code d'r}, {@code zo'n}), {@code . , :} between digits ({@code 12,50}, {@code 17:31},
 *       {@code 1.250}), and {@code / &} between word characters ({@code en/of}, {@code 24/7},
 *       {@code r&b}). Letters after a number stay with it ({@code 17.31u}, {@code 3e}).
 *   <li>A leading apostrophe: {@code 's avonds}, {@code 's nachts}, {@code 's-avonds}, {@code
 *       's-gravenhage} are one token (with the space or hyphen as written); the clitics {@code 't
 *       'n 'k 'm 'r 's 'ns 'em 'ie} and years ({@code '90}) are tokens of their own; any other
 *       apostrophe is a quote mark. Curly apostrophes are written as {@code '}.
 *   <li>{@code #tag} and {@code @name} are one token.
 *   <li>Emoji are one token each, with their modifiers: skin tones, variation selectors, ZWJ
 *       sequences and flag pairs ({@code 👍🏽}, {@code 👨‍👩‍👧}, {@code 🇳🇱}). Common text
 *       emoticons ({@code :)}, {@code :-(}, {@code <3}) are one token.
 *   <li>Everything else is punctuation, one character a token, except runs of {@code .} and of
 *       {@code !?} ({@code ...}, {@code !!!}, {@code ?!}), which stay together.
 * </ul>
 *
 * Elongations ({@code heeeel}) are kept as written; feature code may normalise them.
 *
 * <p><b>The hot path uses this tokenizer, not CoreNLP's.</b> CoreNLP's {@code PTBTokenizer} with
 * the Dutch-friendly options ({@link #CORENLP_OPTIONS}) agrees with it on plain words and
 * punctuation (checked in {@code SocialTokenizerTest}) and also keeps placeholders, emoji and
 * letter hashtags whole, but it splits {@code 't}, {@code auto's}, {@code foto's}, {@code 's
 * avonds}, {@code #010}, {@code :)} and {@code <3}: on the 3,000 posts of {@code TokenizerBench}
 * the two give identical token lists for 46% of the posts, and every difference is one of these
 * forms. And it is 35-60 times slower. Measured with {@code TokenizerBench} (3,000 generated posts
 * of 30 words / 166 characters, one thread, CPU time of the thread, best of 10 rounds, on the
 * 2-core build machine while other builds kept its load at about 8): this tokenizer 500,000-840,000
 * posts/s (1.2-2.0 µs/post, 17-28 M tokens/s) through {@link #tokenize(String, TokenSink)} and
 * 380,000-530,000 posts/s building a {@code List<String>}; CoreNLP 12,700-14,900 posts/s (67-79
 * µs/post). CoreNLP alone would take three to four times the 20 µs/post budget of the whole NLP
 * path; scrubbing plus tokenizing here takes 2.6-2.9 µs/post.
 */
public final class SocialTokenizer {

    /** CoreNLP tokenizer options that keep Dutch forms whole (their order matters). */
    public static final String CORENLP_OPTIONS =
            "invertible,ptb3Escaping=false,splitHyphenated=false,quotes=original,"
                    + "ellipses=original,dashes=original,normalizeParentheses=false,"
                    + "normalizeOtherBrackets=false,untokenizable=noneKeep";

    /** Receives tokens from {@link #tokenize(String, TokenSink)}. */
    @FunctionalInterface
    public interface TokenSink {
        /**
         * One token: characters {@code [start, end)} of {@code buf}, lower-cased. The buffer is
         * reused: copy what you keep before returning, and do not tokenize from inside the call.
         */
        void token(char[] buf, int start, int end);
    }

    private static final Set<String> PLACEHOLDERS =
            Set.of("email", "phone", "handle", "url", "postcode", "iban", "bsn", "plate");

    /** Words after "'s " that make one token with it; other words ending in -s do too. */
    private static final Set<String> S_WORDS =
            Set.of("gravenhage", "hertogenbosch", "gravenzande", "heerenberg", "graveland");

    private static final String[] CLITICS = {"ns", "em", "ie", "t", "n", "k", "m", "r", "s"};

    private static final String[] EMOTICONS = {
        ":-)", ":-(", ":-d", ":-p", ";-)", ":'(", ":)", ":(", ":d", ":p", ";)", ":o", ":/", "<3",
        ":-/", ":-o", ":s", ":-s", ":|", ";p"
    };

    /** Per-thread working buffer: the hot path allocates nothing per post. */
    private static final ThreadLocal<char[]> BUFFER = ThreadLocal.withInitial(() -> new char[512]);

    /** Creates a tokenizer; it has no state, so one instance can serve all threads. */
    public SocialTokenizer() {}

    /** Returns the tokens of {@code text}, lower-cased. */
    public List<String> tokenize(String text) {
        List<String> out = new ArrayList<>(text.length() / 4 + 4);
        tokenize(text, (buf, s, e) -> out.add(new String(buf, s, e - s)));
        return out;
    }

    /**
     * Sends the tokens of {@code text} to {@code sink} and returns their number; allocates nothing
     * on the usual path (the buffer is per thread).
     */
    public int tokenize(String text, TokenSink sink) {
        int n = text.length();
        char[] buf = BUFFER.get();
        if (buf.length < n) {
            buf = new char[Math.max(n, buf.length * 2)];
            BUFFER.set(buf);
        }
        text.getChars(0, n, buf, 0);
        lowerCase(buf, n);
        int count = 0;
        int i = 0;
        while (i < n) {
            char c = buf[i];
            if (c <= ' ' || Character.isWhitespace(c) || c == '\u00A0' || isInvisible(c)) {
                i++;
                continue;
            }
            int e;
            if (isWordChar(c)) {
                e = wordEnd(buf, i, n);
            } else if (c >= 0xD800 || (c >= 0x2190 && c <= 0x2BFF) || c == 0x00A9 || c == 0x00AE) {
                e = emojiEnd(buf, i, n);
            } else {
                e = specialEnd(buf, i, n);
            }
            sink.token(buf, i, e);
            count++;
            i = e;
        }
        return count;
    }

    // ------------------------------------------------------------------ words

    private static int wordEnd(char[] b, int i, int n) {
        int j = i;
        while (true) {
            while (j < n && isWordChar(b[j])) {
                j++;
            }
            if (j + 1 >= n) {
                return j;
            }
            char c = b[j];
            char next = b[j + 1];
            char prev = b[j - 1];
            if (c == '-' && isWordChar(next)) {
                j++;
            } else if (c == '\'' && Character.isLetter(next)) {
                j++; // auto's, m'n, don't
            } else if ((c == '.' || c == ',' || c == ':') && isDigit(prev) && isDigit(next)) {
                j++; // 12,50  17:31  1.250
            } else if ((c == '/' || c == '&') && isWordChar(next)) {
                j++; // en/of  24/7  r&b
            } else {
                return j;
            }
        }
    }

    /** Tokens that start with something other than a word character or an emoji. */
    private static int specialEnd(char[] b, int i, int n) {
        char c = b[i];
        if (c == '<') {
            int e = placeholderEnd(b, i, n);
            if (e > 0) {
                return e;
            }
        }
        if (c == '\'') {
            int e = apostropheEnd(b, i, n);
            if (e > 0) {
                return e;
            }
        }
        if ((c == '#' || c == '@') && i + 1 < n && isWordChar(b[i + 1])) {
            int j = i + 1;
            while (j < n && (isWordChar(b[j]) || b[j] == '_')) {
                j++;
            }
            return j;
        }
        if (c == ':' || c == ';' || c == '<') {
            for (String emo : EMOTICONS) {
                if (regionEquals(b, i, n, emo) && boundary(b, i + emo.length(), n)) {
                    return i + emo.length();
                }
            }
        }
        if (c == '.' || c == '!' || c == '?') {
            int j = i + 1;
            if (c == '.') {
                while (j < n && b[j] == '.') {
                    j++;
                }
            } else {
                while (j < n && (b[j] == '!' || b[j] == '?')) {
                    j++;
                }
            }
            return j;
        }
        return i + 1;
    }

    private static int placeholderEnd(char[] b, int i, int n) {
        int j = i + 1;
        while (j < n && b[j] >= 'a' && b[j] <= 'z') {
            j++;
        }
        if (j == i + 1 || j >= n || !PLACEHOLDERS.contains(new String(b, i + 1, j - i - 1))) {
            return -1;
        }
        if (b[j] == ':') {
            j++;
            while (j < n && b[j] != '>' && b[j] > ' ' && b[j] != '<') {
                j++;
            }
        }
        return j < n && b[j] == '>' ? j + 1 : -1;
    }

    private static int apostropheEnd(char[] b, int i, int n) {
        // "'s avonds", "'s-avonds", "'s-gravenhage"
        if (i + 3 < n && b[i + 1] == 's' && (b[i + 2] == ' ' || b[i + 2] == '-')) {
            if (Character.isLetter(b[i + 3])) {
                int e = wordEnd(b, i + 3, n);
                if (b[i + 2] == '-') {
                    return e;
                }
                String w = new String(b, i + 3, e - i - 3);
                if ((w.length() >= 4 && w.endsWith("s") && w.indexOf('\'') < 0)
                        || S_WORDS.contains(w)) {
                    return e;
                }
            }
        }
        for (String cl : CLITICS) {
            if (regionEquals(b, i + 1, n, cl) && boundary(b, i + 1 + cl.length(), n)) {
                return i + 1 + cl.length();
            }
        }
        if (i + 2 < n && isDigit(b[i + 1]) && isDigit(b[i + 2]) && boundary(b, i + 3, n)) {
            return i + 3; // jaren '90
        }
        return -1;
    }

    // ------------------------------------------------------------------ emoji

    private static int emojiEnd(char[] b, int i, int n) {
        int cp = Character.codePointAt(b, i, n);
        if (!isEmoji(cp)) {
            return i + Character.charCount(cp); // another symbol: one token
        }
        int j = i + Character.charCount(cp);
        boolean flag = cp >= 0x1F1E6 && cp <= 0x1F1FF;
        if (flag) {
            if (j < n) {
                int next = Character.codePointAt(b, j, n);
                if (next >= 0x1F1E6 && next <= 0x1F1FF) {
                    j += Character.charCount(next);
                }
            }
            return j;
        }
        while (j < n) {
            int next = Character.codePointAt(b, j, n);
            if (next == 0xFE0F
                    || next == 0xFE0E
                    || next == 0x20E3
                    || (next >= 0x1F3FB && next <= 0x1F3FF)
                    || (next >= 0xE0020 && next <= 0xE007F)) {
                j += Character.charCount(next); // variation selector, keycap, skin tone, tags
            } else if (next == 0x200D && j + 1 < n) {
                int after = Character.codePointAt(b, j + 1, n);
                if (!isEmoji(after)) {
                    break;
                }
                j += 1 + Character.charCount(after); // zero-width joiner sequence
            } else {
                break;
            }
        }
        return j;
    }

    private static boolean isEmoji(int cp) {
        return (cp >= 0x1F000 && cp <= 0x1FAFF)
                || (cp >= 0x2600 && cp <= 0x27BF)
                || (cp >= 0x2300 && cp <= 0x23FF)
                || (cp >= 0x2B00 && cp <= 0x2BFF)
                || (cp >= 0x2190 && cp <= 0x21FF)
                || cp == 0x00A9
                || cp == 0x00AE;
    }

    // ------------------------------------------------------------------ characters

    /** Lower-cases in place, one char for one char, and writes curly apostrophes as ASCII. */
    private static void lowerCase(char[] b, int n) {
        for (int k = 0; k < n; k++) {
            char c = b[k];
            if (c < 0x80) {
                if (c >= 'A' && c <= 'Z') {
                    b[k] = (char) (c + 32);
                }
            } else if (c == '\u2019' || c == '\u2018') {
                b[k] = '\'';
            } else if (!Character.isSurrogate(c)) {
                b[k] = Character.toLowerCase(c);
            }
        }
    }

    private static boolean isWordChar(char c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        }
        if (Character.isSurrogate(c)) {
            return false;
        }
        int t = Character.getType(c);
        return Character.isLetterOrDigit(c)
                || t == Character.NON_SPACING_MARK
                || t == Character.COMBINING_SPACING_MARK;
    }

    private static boolean isInvisible(char c) {
        return c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\uFEFF' || c == '\uFE0F';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean boundary(char[] b, int k, int n) {
        return k >= n || !isWordChar(b[k]);
    }

    private static boolean regionEquals(char[] b, int i, int n, String s) {
        if (i + s.length() > n) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (b[i + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
