package nl.lvds.models.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nl.lvds.models.classify.Corpus;
import nl.lvds.models.classify.CorpusExample;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the precomputed trigram sums of lexicon words against looking up every
 * trigram of every word: same language, best class, word count and margin (to the last bit), on the
 * corpus posts, the labelled language-id set, and long posts of lexicon words (which fill the
 * accumulator many times over, so its flushes fall at other places than on the plain path).
 */
class LanguageIdWordCacheTest {

    private final LanguageId cached = LanguageId.load(LanguageId.Params.DEFAULT, true);
    private final LanguageId plain = LanguageId.load(LanguageId.Params.DEFAULT, false);
    private final LanguageId.WordCache words = cached.newWordCache();

    private void assertSame(String text) {
        LanguageId.Result expected = plain.analyse(text);
        assertThat(cached.analyse(text)).as(text).isEqualTo(expected);
        assertThat(cached.analyse(text, words)).as(text).isEqualTo(expected);
        assertThat(cached.analyse(text, words)).as(text).isEqualTo(expected); // all hits now
    }

    @Test
    void shouldDecideExactlyAsThePlainLookupOnCorpusAndLabelledPosts() throws Exception {
        List<String> texts = new ArrayList<>();
        for (CorpusExample e : Corpus.load(Path.of("corpus")).examples()) {
            texts.add(e.text());
        }
        for (LangIdCases.Case c : LangIdCases.load()) {
            texts.add(c.text());
        }
        int nl = 0;
        for (String t : texts) {
            assertSame(t);
            nl += cached.detect(t).equals(LanguageId.NL) ? 1 : 0;
        }
        assertThat(nl).isGreaterThan(1000);
        System.out.printf("%d posts (%d nl): same results with the word cache%n", texts.size(), nl);
    }

    @Test
    void shouldDecideExactlyAsThePlainLookupOnLongPostsOfLexiconAndOtherWords() {
        String[] words = {
            "de",
            "het",
            "een",
            "niet",
            "ik",
            "the",
            "and",
            "wollah",
            "mattie",
            "ff",
            "ook",
            "maar",
            "Rotterdam",
            "Maashaven",
            "zooooo",
            "m'n",
            "don't",
            "hahaha",
            "lol",
            "onze",
            "buurt",
            "gemeente",
            "schandalig",
            "vandaag",
            "nobody",
            "cares",
            "waarom"
        };
        Random rnd = new Random(11);
        for (int post = 0; post < 200; post++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + rnd.nextInt(post < 20 ? 400 : 40);
            for (int i = 0; i < n; i++) {
                sb.append(words[rnd.nextInt(words.length)]).append(' ');
            }
            assertSame(sb.toString());
        }
    }
}
