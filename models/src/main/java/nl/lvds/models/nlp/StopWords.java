package nl.lvds.models.nlp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Dutch and English function words and social-media filler ("rt", "via"), which never explain a
 * rise: kept out of the terms an indicator or alert shows. The list is a resource, not code.
 */
public final class StopWords {

    /** Classpath location of the list. */
    public static final String RESOURCE = "/nl/lvds/models/lexicon/stopwords.txt";

    private static final Set<String> WORDS = load();

    private StopWords() {}

    /** Whether {@code term} (any case) is a stop word. */
    public static boolean contains(String term) {
        return term != null && WORDS.contains(term.toLowerCase(Locale.ROOT));
    }

    private static Set<String> load() {
        try (InputStream in = StopWords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            Set<String> words = new HashSet<>();
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    String w = line.strip();
                    if (!w.isEmpty() && !w.startsWith("#")) {
                        words.add(w.toLowerCase(Locale.ROOT));
                    }
                }
            }
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
