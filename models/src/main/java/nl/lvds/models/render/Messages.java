package nl.lvds.models.render;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * User-facing words in one language, read from a resource bundle ({@code BASE_nl.properties},
 * {@code BASE_en.properties}, UTF-8). A message may hold placeholders {@code {0}}, {@code {1}}, …
 * that are replaced by the arguments as they are ({@link String#valueOf}): numbers and dates are
 * formatted by the caller, and an apostrophe is written once (no {@link java.text.MessageFormat}
 * quoting). A missing key is an error, not a silent fallback.
 */
public final class Messages {

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ResourceBundle bundle;
    private final String lang;

    private Messages(ResourceBundle bundle, String lang) {
        this.bundle = bundle;
        this.lang = lang;
    }

    /**
     * The messages of bundle {@code baseName} (e.g. {@code nl.lvds.dashboards.messages}) in {@code
     * lang} ({@code nl} or {@code en}), loaded by {@code loader}.
     */
    public static Messages load(String baseName, String lang, ClassLoader loader) {
        if (!"nl".equals(lang) && !"en".equals(lang)) {
            throw new IllegalArgumentException("lang must be nl or en, was " + lang);
        }
        return new Messages(
                ResourceBundle.getBundle(
                        baseName, Locale.forLanguageTag(lang), loader, NO_FALLBACK),
                lang);
    }

    /** The language code, {@code nl} or {@code en}. */
    public String lang() {
        return lang;
    }

    /** Whether the bundle has {@code key}. */
    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    /** The message {@code key} with its placeholders replaced by {@code args}. */
    public String get(String key, Object... args) {
        String s;
        try {
            s = bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalArgumentException(
                    "no message '" + key + "' in " + bundle.getBaseBundleName() + " (" + lang + ")",
                    e);
        }
        return args.length == 0 ? s : fill(s, args);
    }

    /** The message {@code key} if the bundle has it, else {@code fallback}. */
    public String getOrDefault(String key, String fallback) {
        return has(key) ? get(key) : fallback;
    }

    private static String fill(String s, Object[] args) {
        StringBuilder b = new StringBuilder(s.length() + 32);
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int close = c == '{' ? s.indexOf('}', i) : -1;
            if (close > i + 1 && isIndex(s, i + 1, close)) {
                int n = Integer.parseInt(s.substring(i + 1, close));
                if (n >= args.length) {
                    throw new IllegalArgumentException(
                            "message '" + s + "' needs argument " + n + ", got " + args.length);
                }
                b.append(args[n]);
                i = close + 1;
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }

    private static boolean isIndex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
