package nl.lvds.models.nlp;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Replaces personal data in post text with typed placeholders before any other step sees the text;
 * thread-safe and stateless.
 *
 * <p>Placeholders: {@code <email>}, {@code <phone>}, {@code <handle>}, {@code <url:host>}, {@code
 * <postcode>}, {@code <iban>}, {@code <bsn>}, {@code <plate>}. See {@link PiiType}.
 *
 * <p><b>Why a hand-written scanner and not regular expressions.</b> The scrubber runs on every post
 * and the whole NLP path has a budget of 20 µs per post (50,000 posts/s on one core). Eight {@code
 * java.util.regex} patterns over a 200-character post cost several microseconds each even when
 * nothing matches. This scanner copies the text into a {@code char[]} once (reading a UTF-16 {@code
 * String} - any post with an emoji - through {@code charAt} was three times slower), makes one
 * pre-pass that rules out whole families (no {@code @}: no e-mail or handle; no digit: no phone,
 * BSN, IBAN, postcode or plate; no dot inside a word: no URL), and then looks only at word starts,
 * dispatching on the first character. An ordinary word costs one scan of its letters. A text
 * without PII is returned as the same instance. Figures: see {@link PiiScrubberEval} ({@code
 * --bench}).
 *
 * <p><b>Decisions on what counts as PII</b> (each with the near-miss it protects):
 *
 * <ul>
 *   <li><b>Phone</b>: Dutch numbers are 10 digits starting with {@code 0} (not {@code 00}), in any
 *       grouping with single spaces, dashes, dots, slashes or {@code " - "}, and a first group of
 *       2-4 digits ({@code 06-12345678}, {@code 010 123 45 67}, {@code (010) 123 45 67}); {@code
 *       +31}/{@code 0031} need exactly 9 national digits (an optional {@code (0)} is allowed);
 *       other {@code +}/{@code 00} numbers need 8-15 digits; US numbers are only taken in the exact
 *       shapes {@code (555) 123-4567} and {@code 555-123-4567}. Dates with a 4-digit year ({@code
 *       07-03-2024}) are skipped before phones are tried, so {@code 07-03-2024 17 uur} is no phone.
 *       Short service numbers ({@code 112}, {@code 0900-8844}, {@code 14 010}) are not personal and
 *       are kept; capcodes (6-7 digits) never reach 10 digits.
 *   <li><b>Postcode</b>: a postcode alone is scrubbed ({@code 3072 AB}: a PC6 covers about 20
 *       addresses, too fine to keep), and the placeholder swallows the house number written next to
 *       it, after ({@code 3072 AB 12a}) or before ({@code Putselaan 12, 3074 JA} becomes {@code
 *       Putselaan <postcode>}). The street name stays: the area step needs it and a street alone
 *       identifies nobody. Letters must be upper case ({@code 1500 ha} is hectares) and not SA, SD
 *       or SS, which PostNL does not issue. A street and number without postcode ({@code Coolsingel
 *       40}) is not scrubbed: it is not one of the listed types and would hit {@code tram 23}-like
 *       phrases.
 *   <li><b>URL</b>: scheme ({@code http(s)://}), {@code www.} and bare domains become {@code
 *       <url:host>} with the host lower-cased and a leading {@code www.} or {@code m.} removed. A
 *       bare domain needs a path if its TLD is a Dutch word or a country code that typos produce
 *       ({@code huis.de volgende dag}); only nl, com, org, net, eu, be, uk, io, info, gov and edu
 *       are taken without a path. File names ({@code foto.jpg}) and {@code Node.js} have no known
 *       TLD.
 *   <li><b>Handle</b>: {@code @} followed by a name with at least one letter; not after an e-mail
 *       local part, not {@code @ 5 euro}; {@code @user@server.social} is one handle.
 *   <li><b>IBAN</b>: known European country code, the country's exact length, contiguous or in
 *       groups of four, and the ISO 7064 mod-97 check; a mistyped IBAN is kept.
 *   <li><b>BSN</b>: nine digits (contiguous, {@code 123.456.782}, {@code 1234.56.782} or with
 *       spaces) passing the 11-test; other nine-digit numbers are kept. One random 9-digit number
 *       in 11 passes the test, so order numbers are sometimes scrubbed: that is the price of recall
 *       on BSNs.
 *   <li><b>Plate</b>: the 14 Dutch sidecodes with dashes in upper case ({@code 12-ABC-3}, {@code
 *       AB-123-C}, {@code GH-12-34}); lower case or without dashes only right after a plate word
 *       ({@code kenteken}, {@code plate}, ...). Month groups ({@code 5-MEI-24}) are not plates.
 *   <li>Hashtags are never scrubbed inside, and a number right after a currency sign is a price.
 * </ul>
 */
public final class PiiScrubber {

    /** Receives each span found, left to right, without overlaps. */
    private interface Emitter {
        void span(int start, int end, PiiType type, String placeholder);
    }

    private static final int HAS_AT = 1;
    private static final int HAS_DIGIT = 2;
    private static final int HAS_DOTTED_WORD = 4;

    /** TLDs taken for a bare domain even without a path ("lees nu.nl"). */
    private static final Set<String> SAFE_TLDS =
            Set.of("nl", "com", "org", "net", "eu", "be", "uk", "io", "info", "gov", "edu");

    /** TLDs taken for a bare domain only with a path: they double as words or typos. */
    private static final Set<String> PATH_TLDS =
            Set.of(
                    "de",
                    "fr",
                    "es",
                    "it",
                    "at",
                    "ch",
                    "pl",
                    "se",
                    "dk",
                    "no",
                    "fi",
                    "tr",
                    "ma",
                    "ru",
                    "us",
                    "ca",
                    "au",
                    "in",
                    "me",
                    "tv",
                    "co",
                    "ly",
                    "gl",
                    "app",
                    "dev",
                    "ai",
                    "fm",
                    "to",
                    "nu",
                    "gg",
                    "link",
                    "shop",
                    "online",
                    "site",
                    "news",
                    "social",
                    "amsterdam",
                    "rotterdam",
                    "frl",
                    "xyz",
                    "cc",
                    "ws",
                    "is",
                    "gd",
                    "sr",
                    "cw",
                    "aw",
                    "biz",
                    "media",
                    "live",
                    "tech");

    /** Words that make a lower-case or undashed plate a plate. */
    private static final String[] PLATE_CONTEXT = {
        "kenteken", "nummerbord", "nummerplaat", "plate", "license", "licence", "registration"
    };

    /** Letter groups that make "5-MEI-24" a date, not a plate. */
    private static final Set<String> MONTHS =
            Set.of(
                    "JAN", "FEB", "MRT", "MAA", "APR", "MEI", "JUN", "JUL", "AUG", "SEP", "OKT",
                    "NOV", "DEC", "MAR", "MAY", "OCT");

    /**
     * The 14 Dutch sidecodes, L = letters, D = digits, groups separated by dashes. Each is encoded
     * as "lengths and kinds" of the three groups, e.g. "LL-DD-DD".
     */
    private static final Set<String> SIDECODES =
            Set.of(
                    "LL-DD-DD",
                    "DD-DD-LL",
                    "DD-LL-DD",
                    "LL-DD-LL",
                    "LL-LL-DD",
                    "DD-LL-LL",
                    "DD-LLL-D",
                    "D-LLL-DD",
                    "LL-DDD-L",
                    "L-DDD-LL",
                    "LLL-DD-L",
                    "L-DD-LLL",
                    "D-LL-DDD",
                    "DDD-LL-D");

    /** IBAN length per country code (index c1 * 26 + c2), 0 for unknown countries. */
    private static final int[] IBAN_LENGTHS = new int[26 * 26];

    static {
        String[] table = {
            "AD24", "AT20", "BE16", "BG22", "CH21", "CY28", "CZ24", "DE22", "DK18", "EE20", "ES24",
            "FI18", "FO18", "FR27", "GB22", "GI23", "GL18", "GR27", "HR21", "HU28", "IE22", "IS26",
            "IT27", "LI21", "LT20", "LU20", "LV21", "MC27", "MT31", "NL18", "NO15", "PL28", "PT25",
            "RO24", "SE24", "SI19", "SK24", "SM27", "TR26", "VA22", "XK20", "MA28", "RS22", "ME22",
            "BA20", "AL28", "MK19", "MD24", "UA29"
        };
        for (String e : table) {
            IBAN_LENGTHS[(e.charAt(0) - 'A') * 26 + (e.charAt(1) - 'A')] =
                    Integer.parseInt(e.substring(2));
        }
    }

    /** Creates a scrubber; all tables are static, so instances are cheap and interchangeable. */
    public PiiScrubber() {}

    /**
     * Returns {@code text} with every PII span replaced by its placeholder; returns the same
     * instance when nothing was found.
     */
    public String scrub(String text) {
        char[] chars = text.toCharArray();
        int flags = prescan(chars);
        if (flags == 0) {
            return text;
        }
        Replacer r = new Replacer(text, null);
        scan(chars, flags, r);
        return r.result();
    }

    /** Like {@link #scrub} and also counts the replaced spans per type. */
    public ScrubResult scrubWithCounts(String text) {
        int[] counts = new int[PiiType.values().length];
        char[] chars = text.toCharArray();
        int flags = prescan(chars);
        String out = text;
        if (flags != 0) {
            Replacer r = new Replacer(text, counts);
            scan(chars, flags, r);
            out = r.result();
        }
        Map<PiiType, Integer> map = new EnumMap<>(PiiType.class);
        for (PiiType t : PiiType.values()) {
            map.put(t, counts[t.ordinal()]);
        }
        return new ScrubResult(out, map);
    }

    /** The spans that {@link #scrub} would replace, with offsets into {@code text}. */
    public List<PiiSpan> findSpans(String text) {
        List<PiiSpan> spans = new ArrayList<>();
        char[] chars = text.toCharArray();
        int flags = prescan(chars);
        if (flags != 0) {
            scan(chars, flags, (s, e, t, p) -> spans.add(new PiiSpan(s, e, t, p)));
        }
        return spans;
    }

    // ------------------------------------------------------------------ driver

    /**
     * One cheap pass deciding which families can occur at all: without '@' no e-mail or handle,
     * without a digit no phone/BSN/IBAN/postcode/plate, without a dot inside a word no URL.
     */
    private static int prescan(char[] s) {
        int flags = 0;
        int n = s.length;
        for (int i = 0; i < n; i++) {
            char c = s[i];
            if (c <= '9') {
                if (c >= '0') {
                    flags |= HAS_DIGIT;
                } else if (c == '.'
                        && i > 0
                        && i + 1 < n
                        && isAsciiAlnum(s[i - 1])
                        && isAsciiAlnum(s[i + 1])) {
                    flags |= HAS_DOTTED_WORD;
                }
            } else if (c == '@') {
                flags |= HAS_AT;
            }
        }
        return flags;
    }

    private static void scan(char[] s, int flags, Emitter out) {
        int n = s.length;
        int i = 0;
        while (i < n) {
            char c = s[i];
            if (c == '@') {
                int end = -1;
                if (i == 0 || !isLocalChar(s[i - 1])) {
                    end = handle(s, i);
                }
                if (end > 0) {
                    out.span(i, end, PiiType.HANDLE, PiiType.HANDLE.placeholder());
                    i = end;
                } else {
                    i++;
                }
                continue;
            }
            if (c == '<') {
                // Skip placeholders of an earlier pass, so scrubbing twice changes nothing.
                i = placeholderEnd(s, i);
                continue;
            }
            if (c == '#') {
                // Hashtags are topic words ("#Rotterdam", "#010"): never scrubbed inside.
                i = skipWord(s, i + 1);
                continue;
            }
            if (c == '€' || c == '$' || c == '£') {
                i = skipPrice(s, i + 1);
                continue;
            }
            if (c == '+' || c == '(') {
                if ((flags & HAS_DIGIT) != 0 && (i == 0 || !Character.isLetterOrDigit(s[i - 1]))) {
                    int end = phone(s, i);
                    if (end > 0) {
                        out.span(i, end, PiiType.PHONE, PiiType.PHONE.placeholder());
                        i = end;
                        continue;
                    }
                }
                i++;
                continue;
            }
            if (!Character.isLetterOrDigit(c)) {
                i++;
                continue;
            }
            if (i > 0 && !wordStart(s, i)) {
                i = skipWord(s, i);
                continue;
            }
            if (isAsciiLetter(c)) {
                // Fast path for ordinary words: a run of letters can only start PII (e-mail, URL,
                // IBAN, plate) if it goes on with one of . @ - _ + % : / or a digit.
                int j = i + 1;
                while (j < n && isAsciiLetter(s[j])) {
                    j++;
                }
                if (j == n) {
                    break;
                }
                char next = s[j];
                if (!mayContinuePii(next)) {
                    i = Character.isLetter(next) ? skipWord(s, j) : j; // "coöperatie"
                    continue;
                }
            }
            int end = matchAt(s, i, flags, out);
            i = end > 0 ? end : skipWord(s, i);
        }
    }

    /**
     * Tries every family that can start with the character at {@code i}. Returns the position to
     * continue from (after an emitted span or a skipped date), or -1 when nothing matched.
     */
    private static int matchAt(char[] s, int i, int flags, Emitter out) {
        char c = s[i];
        int end;
        if ((flags & HAS_AT) != 0) {
            end = email(s, i);
            if (end > 0) {
                out.span(i, end, PiiType.EMAIL, PiiType.EMAIL.placeholder());
                return end;
            }
        }
        boolean digit = isDigit(c);
        if (digit && (flags & HAS_DIGIT) != 0) {
            end = date(s, i);
            if (end > 0) {
                return end;
            }
        }
        if ((flags & HAS_DOTTED_WORD) != 0 && isAsciiAlnum(c)) {
            end = url(s, i, out);
            if (end > 0) {
                return end;
            }
        }
        if ((flags & HAS_DIGIT) == 0 || !isAsciiAlnum(c)) {
            return -1;
        }
        if (digit) {
            end = phone(s, i);
            if (end > 0) {
                out.span(i, end, PiiType.PHONE, PiiType.PHONE.placeholder());
                return end;
            }
            end = bsn(s, i);
            if (end > 0) {
                out.span(i, end, PiiType.BSN, PiiType.BSN.placeholder());
                return end;
            }
            end = postcode(s, i);
            if (end > 0) {
                out.span(i, end, PiiType.POSTCODE, PiiType.POSTCODE.placeholder());
                return end;
            }
        } else {
            end = iban(s, i);
            if (end > 0) {
                out.span(i, end, PiiType.IBAN, PiiType.IBAN.placeholder());
                return end;
            }
            if (end < -1) {
                // IBAN-shaped but failing mod 97: skip it whole, or "NL55 RABO 0123 4567 89"
                // would leave "0123 4567 89" to the phone check.
                return -end;
            }
        }
        end = plate(s, i);
        if (end > 0) {
            out.span(i, end, PiiType.PLATE, PiiType.PLATE.placeholder());
            return end;
        }
        return -1;
    }

    /**
     * Whether position {@code i} (a letter or digit) starts a word: not inside a word, a dotted
     * name ("foo.bar") or a number ("12.345", "3-1").
     */
    private static boolean wordStart(char[] s, int i) {
        char p = s[i - 1];
        if (Character.isLetterOrDigit(p) || p == '_') {
            return false;
        }
        if (i >= 2 && Character.isLetterOrDigit(s[i - 2])) {
            char pp = s[i - 2];
            if (p == '.' || p == '@' || (p == '/' && !isDigit(pp))) {
                return false; // "foo.bar", "a@b", "path/part"; but "06-12345678/06-87654321"
            }
            if (isDigit(s[i]) && isDigit(pp) && (p == ':' || p == '-')) {
                return false; // "17:31", "3-1"
            }
        }
        return true;
    }

    /** The end of a placeholder such as {@code <url:ad.nl>} at {@code i}, or {@code i + 1}. */
    private static int placeholderEnd(char[] s, int i) {
        int n = s.length;
        int j = i + 1;
        while (j < n && s[j] >= 'a' && s[j] <= 'z') {
            j++;
        }
        if (j >= n || PiiType.ofLabel(new String(s, i + 1, j - (i + 1))) == null) {
            return i + 1;
        }
        if (s[j] == ':') {
            while (j < n && s[j] != '>' && s[j] > ' ') {
                j++;
            }
        }
        return j < n && s[j] == '>' ? j + 1 : i + 1;
    }

    private static int skipWord(char[] s, int i) {
        int n = s.length;
        int start = i;
        while (i < n && (Character.isLetterOrDigit(s[i]) || s[i] == '_')) {
            i++;
        }
        return Math.max(i, start + 1);
    }

    /** Skips an amount after a currency sign ("€ 123.456.782", "€12,50"). */
    private static int skipPrice(char[] s, int i) {
        int n = s.length;
        if (i < n && s[i] == ' ') {
            i++;
        }
        while (i < n) {
            char c = s[i];
            if (isDigit(c) || ((c == '.' || c == ',') && i + 1 < n && isDigit(s[i + 1]))) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    // ------------------------------------------------------------------ e-mail, handle, URL

    private static int email(char[] s, int i) {
        int n = s.length;
        int j = i;
        // A local part has at most 64 characters; the bound also keeps a hostile text such as
        // "a-a-a-a-..." (one word start per part) from costing quadratic time.
        while (j < n && isLocalChar(s[j]) && j - i <= 64) {
            j++;
        }
        if (j == i || j >= n || s[j] != '@' || s[j - 1] == '.') {
            return -1;
        }
        return domainEnd(s, j + 1);
    }

    private static int handle(char[] s, int i) {
        int n = s.length;
        int j = i + 1;
        boolean letter = false;
        while (j < n) {
            char c = s[j];
            if (Character.isLetterOrDigit(c) || c == '_') {
                if (!isDigit(c)) {
                    letter = true;
                }
                j++;
            } else if (c == '.'
                    && j > i + 1
                    && j + 1 < n
                    && (Character.isLetterOrDigit(s[j + 1]) || s[j + 1] == '_')) {
                j++; // Instagram-style "@wijkteam.noord"
            } else {
                break;
            }
        }
        if (!letter) {
            return -1; // "@ 5 euro", "@5"
        }
        if (j < n && s[j] == '@') {
            int d = domainEnd(s, j + 1); // fediverse "@user@mastodon.social"
            if (d > 0) {
                j = d;
            }
        }
        return j;
    }

    /**
     * The end of a domain name starting at {@code p} (at least two labels, the last all letters and
     * two or more long), or -1.
     */
    private static int domainEnd(char[] s, int p) {
        int n = s.length;
        int labels = 0;
        int good = -1;
        int q = p;
        while (q < n && isAsciiAlnum(s[q])) {
            int ls = q;
            boolean letters = true;
            while (q < n && (isAsciiAlnum(s[q]) || s[q] == '-')) {
                if (!isAsciiLetter(s[q])) {
                    letters = false;
                }
                if (++q - ls > 63) {
                    return -1; // DNS labels have at most 63 characters; keeps scans linear
                }
            }
            if (s[q - 1] == '-') {
                break;
            }
            labels++;
            if (labels >= 2 && letters && q - ls >= 2) {
                good = q;
            }
            if (q + 1 < n && s[q] == '.' && isAsciiAlnum(s[q + 1])) {
                q++;
            } else {
                break;
            }
        }
        return good;
    }

    private static int url(char[] s, int i, Emitter out) {
        int n = s.length;
        int hostStart;
        boolean scheme = false;
        boolean bare = false;
        if (regionMatchesIgnoreCase(s, i, "https://")) {
            hostStart = i + 8;
            scheme = true;
        } else if (regionMatchesIgnoreCase(s, i, "http://")) {
            hostStart = i + 7;
            scheme = true;
        } else if (regionMatchesIgnoreCase(s, i, "www.")) {
            hostStart = i;
        } else {
            hostStart = i;
            bare = true;
        }
        int hostEnd = domainEnd(s, hostStart);
        String domain;
        if (hostEnd < 0) {
            if (!scheme) {
                return -1;
            }
            // An IP address or "localhost": still a URL, but no name to keep.
            hostEnd = hostStart;
            while (hostEnd < n && (isAsciiAlnum(s[hostEnd]) || s[hostEnd] == '.')) {
                hostEnd++;
            }
            if (hostEnd == hostStart) {
                return -1;
            }
            domain = null;
        } else {
            domain = new String(s, hostStart, hostEnd - hostStart).toLowerCase(Locale.ROOT);
        }
        int q = hostEnd;
        if (q + 1 < n && s[q] == ':' && isDigit(s[q + 1])) {
            q++;
            while (q < n && isDigit(s[q])) {
                q++;
            }
        }
        boolean path = q < n && (s[q] == '/' || s[q] == '?' || s[q] == '#');
        if (bare) {
            int dot = domain.lastIndexOf('.');
            String tld = domain.substring(dot + 1);
            String written = new String(s, hostStart + dot + 1, hostEnd - (hostStart + dot + 1));
            boolean oneCase = written.equals(tld) || written.equals(tld.toUpperCase(Locale.ROOT));
            if (!oneCase || !(SAFE_TLDS.contains(tld) || (path && PATH_TLDS.contains(tld)))) {
                return -1;
            }
            if (hostEnd < n && (s[hostEnd] == '@' || s[hostEnd] == '-')) {
                return -1;
            }
        }
        if (path) {
            q = urlPathEnd(s, q);
        }
        String placeholder;
        if (domain == null) {
            placeholder = PiiType.URL.placeholder();
        } else {
            if (domain.startsWith("www.") && domain.indexOf('.', 4) > 0) {
                domain = domain.substring(4);
            } else if (domain.startsWith("m.") && domain.indexOf('.', 2) > 0) {
                domain = domain.substring(2);
            }
            placeholder = "<url:" + domain + ">";
        }
        out.span(i, q, PiiType.URL, placeholder);
        return q;
    }

    /** The end of a URL path: up to white space, minus trailing sentence punctuation. */
    private static int urlPathEnd(char[] s, int q) {
        int n = s.length;
        int open = 0;
        int close = 0;
        while (q < n) {
            char c = s[q];
            if (c <= ' '
                    || c == '<'
                    || c == '>'
                    || c == '"'
                    || c == '\u00A0'
                    || Character.isSurrogate(c)
                    || Character.isWhitespace(c)) {
                break;
            }
            if (c == '(') {
                open++;
            } else if (c == ')') {
                close++;
            }
            q++;
        }
        while (q > 0) {
            char c = s[q - 1];
            if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\''
                    || c == '*') {
                q--;
            } else if (c == ')' && close > open) {
                close--;
                q--;
            } else {
                break;
            }
        }
        return q;
    }

    // ------------------------------------------------------------------ numbers

    /**
     * The end of a date at {@code i} (dd-mm-yyyy, d/m/yyyy, dd.mm.yy, yyyy-mm-dd), or -1. A date
     * with a two-digit year that continues with more digit groups is left to the phone check:
     * "06-12-34-56-78" is a number.
     */
    private static int date(char[] s, int i) {
        int n = s.length;
        int a = digitsEnd(s, i);
        int la = a - i;
        if (a >= n || (la != 1 && la != 2 && la != 4)) {
            return -1;
        }
        char sep = s[a];
        if (sep != '-' && sep != '/' && sep != '.') {
            return -1;
        }
        int b = digitsEnd(s, a + 1);
        int lb = b - a - 1;
        if (lb < 1 || lb > 2 || b >= n || s[b] != sep) {
            return -1;
        }
        int c = digitsEnd(s, b + 1);
        int lc = c - b - 1;
        int first = parse(s, i, a);
        int second = parse(s, a + 1, b);
        if (la == 4) {
            if (lc < 1 || lc > 2 || first < 1900 || first > 2099) {
                return -1;
            }
            return second >= 1 && second <= 12 && parse(s, b + 1, c) <= 31 ? c : -1;
        }
        if (lc != 2 && lc != 4) {
            return -1;
        }
        if (first < 1 || first > 31 || second < 1 || second > 12) {
            return -1;
        }
        if (lc == 2 && c + 1 < n && (s[c] == sep || s[c] == ' ') && isDigit(s[c + 1])) {
            return -1;
        }
        return c;
    }

    /**
     * The end of a phone number at {@code i}, or -1. Collects digit groups joined by single
     * separators, then takes the longest run of groups that forms a valid number, so a number
     * followed by "3 keer" still ends at the number.
     */
    private static int phone(char[] s, int i) {
        int n = s.length;
        int p = i;
        boolean plus = false;
        if (s[p] == '+') {
            plus = true;
            p++;
            if (p >= n || !isDigit(s[p])) {
                return -1;
            }
        }
        char[] dg = new char[24];
        int[] gEnd = new int[10];
        int[] gNd = new int[10];
        int[] gLen = new int[10];
        boolean firstParen = false;
        int groups = 0;
        int nd = 0;
        int q = p;
        while (groups < 10) {
            boolean paren = q < n && s[q] == '(';
            int ds = paren ? q + 1 : q;
            int de = ds;
            while (de < n && isDigit(s[de]) && nd + (de - ds) < dg.length) {
                de++;
            }
            int len = de - ds;
            if (len == 0 || (paren && (de >= n || s[de] != ')'))) {
                break;
            }
            for (int k = ds; k < de; k++) {
                dg[nd++] = s[k];
            }
            q = paren ? de + 1 : de;
            if (groups == 0) {
                firstParen = paren;
            }
            gEnd[groups] = q;
            gNd[groups] = nd;
            gLen[groups] = len;
            groups++;
            int r = q;
            if (r >= n) {
                break;
            }
            char c = s[r];
            if (c == ' ' || c == '\u00A0') {
                r++;
                if (r + 1 < n && (s[r] == '-' || s[r] == '/') && s[r + 1] == ' ') {
                    r += 2;
                }
            } else if (c == '-' || c == '.' || c == '/') {
                r++;
            } else if (c != '(' && !(paren && isDigit(c))) {
                break; // "(0)6" and "+31(0)6" need no separator
            }
            if (r < n && (isDigit(s[r]) || (s[r] == '(' && r + 1 < n && isDigit(s[r + 1])))) {
                q = r;
            } else {
                break;
            }
        }
        if (groups == 0) {
            return -1;
        }
        for (int k = groups; k >= 1; k--) {
            int end = gEnd[k - 1];
            if (numberEndOk(s, end)
                    && validPhone(dg, gNd[k - 1], plus, k, gLen, firstParen, s, gEnd)) {
                return end;
            }
        }
        return -1;
    }

    private static boolean validPhone(
            char[] dg,
            int cnt,
            boolean plus,
            int groups,
            int[] gLen,
            boolean firstParen,
            char[] s,
            int[] gEnd) {
        if (plus) {
            return validInternational(dg, 0, cnt);
        }
        if (cnt >= 4 && dg[0] == '0' && dg[1] == '0') {
            return validInternational(dg, 2, cnt);
        }
        if (cnt == 10 && dg[0] == '0') {
            return groups == 1 || firstParen || (gLen[0] >= 2 && gLen[0] <= 4);
        }
        // US shapes only: "(555) 123-4567", "555-123-4567".
        if (cnt == 10 && groups == 3 && gLen[0] == 3 && gLen[1] == 3 && gLen[2] == 4) {
            return dg[0] >= '2' && (firstParen || s[gEnd[0]] == '-');
        }
        return false;
    }

    /** Digits after "+" or "00": +31 needs 9 national digits (after an optional trunk 0). */
    private static boolean validInternational(char[] dg, int off, int cnt) {
        int len = cnt - off;
        if (len >= 2 && dg[off] == '3' && dg[off + 1] == '1') {
            int rest = len - 2;
            int at = off + 2;
            if (rest == 10 && dg[at] == '0') {
                rest = 9;
                at++;
            }
            return rest == 9 && dg[at] != '0';
        }
        return len >= 8 && len <= 15 && dg[off] != '0';
    }

    /**
     * A number ends at {@code end} unless a letter, a digit, a decimal part (",50") or another part
     * joined by {@code . : -} follows.
     */
    private static boolean numberEndOk(char[] s, int end) {
        int n = s.length;
        if (end >= n) {
            return true;
        }
        char c = s[end];
        if (Character.isLetterOrDigit(c)) {
            return false;
        }
        if (end + 1 >= n || !isDigit(s[end + 1])) {
            return true;
        }
        if (c == ',') {
            // "123456782,50" is an amount; "0612345678,0687654321" is a list
            return digitsEnd(s, end + 1) - end - 1 > 2;
        }
        return c != '.' && c != ':' && c != '-';
    }

    /** The end of a BSN (nine digits passing the 11-test, optionally grouped), or -1. */
    private static int bsn(char[] s, int i) {
        int n = s.length;
        int a = digitsEnd(s, i);
        int len = a - i;
        int end;
        if (len == 9) {
            end = a;
        } else if ((len == 3 || len == 4) && a < n) {
            char sep = s[a];
            if (sep != '.' && sep != ' ' && sep != '-') {
                return -1;
            }
            int b = digitsEnd(s, a + 1);
            if (b - a - 1 != (len == 3 ? 3 : 2) || b >= n || s[b] != sep) {
                return -1;
            }
            int c = digitsEnd(s, b + 1);
            if (c - b - 1 != 3) {
                return -1;
            }
            if (sep == ' ' && c + 1 < n && s[c] == ' ' && isDigit(s[c + 1])) {
                return -1;
            }
            end = c;
        } else {
            return -1;
        }
        if (!numberEndOk(s, end) || followedByAmountWord(s, end)) {
            return -1;
        }
        int sum = 0;
        int w = 9;
        int last = 0;
        for (int k = i; k < end; k++) {
            char c = s[k];
            if (!isDigit(c)) {
                continue;
            }
            if (w > 1) {
                sum += w * (c - '0');
            } else {
                last = c - '0';
            }
            w--;
        }
        sum -= last;
        return sum != 0 && sum % 11 == 0 ? end : -1;
    }

    private static boolean followedByAmountWord(char[] s, int end) {
        int k = end;
        if (k + 1 < s.length && s[k] == ',' && s[k + 1] == '-') {
            return true; // "123.456.782,-"
        }
        if (k < s.length && s[k] == ' ') {
            k++;
        }
        return regionMatchesIgnoreCase(s, k, "euro")
                || regionMatchesIgnoreCase(s, k, "eur ")
                || regionMatchesIgnoreCase(s, k, "dollar");
    }

    /**
     * A postcode at {@code i} ("3072 AB", "3072AB") with the house number after it, or a house
     * number followed by a postcode ("12, 3074 JA"); returns the end or -1.
     */
    private static int postcode(char[] s, int i) {
        int e = pc6(s, i);
        if (e > 0) {
            return houseNumberAfter(s, e);
        }
        int n = s.length;
        int j = digitsEnd(s, i);
        if (j - i > 5 || j >= n) {
            return -1;
        }
        if (isAsciiLetter(s[j]) && (j + 1 >= n || !Character.isLetterOrDigit(s[j + 1]))) {
            j++; // "41B"
        }
        if (j < n && s[j] == ',') {
            j++;
        }
        if (j + 1 >= n || s[j] != ' ' || !isDigit(s[j + 1])) {
            return -1;
        }
        return pc6(s, j + 1);
    }

    private static int pc6(char[] s, int i) {
        int n = s.length;
        if (i + 6 > n || s[i] == '0') {
            return -1;
        }
        for (int k = i; k < i + 4; k++) {
            if (!isDigit(s[k])) {
                return -1;
            }
        }
        int j = i + 4;
        if (j < n && s[j] == ' ') {
            j++;
        }
        if (j + 2 > n) {
            return -1;
        }
        char l1 = s[j];
        char l2 = s[j + 1];
        if (l1 < 'A' || l1 > 'Z' || l2 < 'A' || l2 > 'Z') {
            return -1;
        }
        if (l1 == 'S' && (l2 == 'A' || l2 == 'D' || l2 == 'S')) {
            return -1;
        }
        j += 2;
        if (j < n && (Character.isLetterOrDigit(s[j]) || s[j] == '-')) {
            return -1;
        }
        return j;
    }

    private static int houseNumberAfter(char[] s, int e) {
        int n = s.length;
        int j = e;
        if (j < n && s[j] == ',') {
            j++;
        }
        if (j + 1 >= n || s[j] != ' ' || !isDigit(s[j + 1])) {
            return e;
        }
        int d = digitsEnd(s, j + 1);
        if (d - j - 1 > 5) {
            return e;
        }
        if (d < n && isAsciiLetter(s[d]) && (d + 1 >= n || !Character.isLetterOrDigit(s[d + 1]))) {
            d++; // "12a"
        } else if (d + 1 < n && s[d] == '-' && isAsciiAlnum(s[d + 1])) {
            int k = d + 1;
            while (k < n && k - d <= 4 && isAsciiAlnum(s[k])) {
                k++;
            }
            if (k >= n || !Character.isLetterOrDigit(s[k])) {
                d = k; // "105-B", "12-14"
            }
        }
        return numberEndOk(s, d) ? d : e;
    }

    /**
     * The end of an IBAN at {@code i} (contiguous or in groups of four); minus its end when it has
     * the shape of an IBAN but fails the check; -1 otherwise.
     */
    private static int iban(char[] s, int i) {
        int n = s.length;
        if (i + 4 > n) {
            return -1;
        }
        char c1 = Character.toUpperCase(s[i]);
        char c2 = Character.toUpperCase(s[i + 1]);
        if (c1 < 'A' || c1 > 'Z' || c2 < 'A' || c2 > 'Z') {
            return -1;
        }
        if (!isDigit(s[i + 2]) || !isDigit(s[i + 3])) {
            return -1;
        }
        int len = IBAN_LENGTHS[(c1 - 'A') * 26 + (c2 - 'A')];
        if (len == 0) {
            return -1;
        }
        char[] buf = new char[len];
        int count = 0;
        int q = i;
        while (count < len && q < n) {
            char c = s[q];
            if (isAsciiAlnum(c)) {
                buf[count++] = Character.toUpperCase(c);
                q++;
            } else if (c == ' '
                    && count > 0
                    && count % 4 == 0
                    && q + 1 < n
                    && isAsciiAlnum(s[q + 1])) {
                q++;
            } else {
                break;
            }
        }
        if (count < len || (q < n && Character.isLetterOrDigit(s[q]))) {
            return -1;
        }
        int rem = 0;
        for (int k = 0; k < len; k++) {
            char c = buf[(k + 4) % len];
            if (isDigit(c)) {
                rem = (rem * 10 + (c - '0')) % 97;
            } else {
                rem = (rem * 100 + (c - 'A' + 10)) % 97;
            }
        }
        return rem == 1 ? q : -q;
    }

    /** The end of a Dutch licence plate at {@code i}, or -1. */
    private static int plate(char[] s, int i) {
        int n = s.length;
        // Cheap exit for ordinary words: a plate starts with a run of at most three letters or
        // digits followed by a dash or by a run of the other kind.
        boolean firstLetter = isAsciiLetter(s[i]);
        int r = i;
        while (r < n && (firstLetter ? isAsciiLetter(s[r]) : isDigit(s[r]))) {
            if (++r - i > 3) {
                return -1;
            }
        }
        if (r >= n || !(s[r] == '-' || (firstLetter ? isDigit(s[r]) : isAsciiLetter(s[r])))) {
            return -1;
        }
        int[] starts = new int[3];
        int[] ends = new int[3];
        int groups = 0;
        int q = i;
        boolean dashed = false;
        while (groups < 3 && q < n) {
            char c = s[q];
            boolean letter = isAsciiLetter(c);
            if (!letter && !isDigit(c)) {
                break;
            }
            int k = q;
            while (k < n && (letter ? isAsciiLetter(s[k]) : isDigit(s[k]))) {
                k++;
                if (k - q > 3) {
                    return -1; // groups have at most three characters
                }
            }
            starts[groups] = q;
            ends[groups] = k;
            groups++;
            if (groups == 3) {
                q = k;
                break;
            }
            if (k < n && s[k] == '-' && groups == 1) {
                dashed = true;
                q = k + 1;
            } else if (dashed) {
                if (k < n && s[k] == '-') {
                    q = k + 1;
                } else {
                    return -1;
                }
            } else {
                q = k; // undashed: the next run must be of the other kind
            }
        }
        if (groups != 3) {
            return -1;
        }
        if (q < n && (Character.isLetterOrDigit(s[q]) || s[q] == '-')) {
            return -1;
        }
        StringBuilder shape = new StringBuilder(9);
        boolean upper = true;
        boolean lower = true;
        for (int g = 0; g < 3; g++) {
            if (g > 0) {
                shape.append('-');
            }
            boolean letters = isAsciiLetter(s[starts[g]]);
            for (int k = starts[g]; k < ends[g]; k++) {
                char c = s[k];
                shape.append(letters ? 'L' : 'D');
                if (letters) {
                    upper &= c <= 'Z';
                    lower &= c >= 'a';
                }
            }
            if (letters && ends[g] - starts[g] == 3) {
                String grp = new String(s, starts[g], ends[g] - starts[g]).toUpperCase(Locale.ROOT);
                if (MONTHS.contains(grp)) {
                    return -1;
                }
            }
        }
        if (!SIDECODES.contains(shape.toString())) {
            return -1;
        }
        if (dashed && upper) {
            return q;
        }
        return (upper || lower) && plateContextBefore(s, i) ? q : -1;
    }

    private static boolean plateContextBefore(char[] s, int i) {
        int from = Math.max(0, i - 40);
        for (String w : PLATE_CONTEXT) {
            for (int k = from; k + w.length() <= i; k++) {
                if (regionMatchesIgnoreCase(s, k, w)) {
                    return true;
                }
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ characters

    /** Whether {@code w} (lower case or symbols) occurs at {@code k}, ignoring case. */
    private static boolean regionMatchesIgnoreCase(char[] s, int k, String w) {
        if (k < 0 || k + w.length() > s.length) {
            return false;
        }
        for (int m = 0; m < w.length(); m++) {
            char c = s[k + m];
            if (c != w.charAt(m) && Character.toLowerCase(c) != w.charAt(m)) {
                return false;
            }
        }
        return true;
    }

    private static int digitsEnd(char[] s, int i) {
        int n = s.length;
        while (i < n && isDigit(s[i])) {
            i++;
        }
        return i;
    }

    private static int parse(char[] s, int from, int to) {
        int v = 0;
        for (int k = from; k < to; k++) {
            v = v * 10 + (s[k] - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiAlnum(char c) {
        return isDigit(c) || isAsciiLetter(c);
    }

    private static boolean mayContinuePii(char c) {
        return isDigit(c)
                || c == '.'
                || c == '@'
                || c == '-'
                || c == '_'
                || c == '+'
                || c == '%'
                || c == ':'
                || c == '/';
    }

    private static boolean isLocalChar(char c) {
        return isAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    /** Builds the scrubbed text lazily: no copy until the first span. */
    private static final class Replacer implements Emitter {
        private final String text;
        private final int[] counts;
        private StringBuilder sb;
        private int last;

        Replacer(String text, int[] counts) {
            this.text = text;
            this.counts = counts;
        }

        @Override
        public void span(int start, int end, PiiType type, String placeholder) {
            if (sb == null) {
                sb = new StringBuilder(text.length());
            }
            sb.append(text, last, start).append(placeholder);
            last = end;
            if (counts != null) {
                counts[type.ordinal()]++;
            }
        }

        String result() {
            if (sb == null) {
                return text;
            }
            sb.append(text, last, text.length());
            return sb.toString();
        }
    }
}
