package nl.lvds.models.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.PTBTokenizer;
import edu.stanford.nlp.process.TokenizerFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SocialTokenizerTest {

    private final SocialTokenizer tokenizer = new SocialTokenizer();

    private List<String> tok(String text) {
        return tokenizer.tokenize(text);
    }

    @Test
    void shouldLowerCaseAndSplitPunctuation() {
        assertThat(tok("Wat een CHAOS, echt!"))
                .containsExactly("wat", "een", "chaos", ",", "echt", "!");
        assertThat(tok("(Weer) \"rellen\"; toch?"))
                .containsExactly("(", "weer", ")", "\"", "rellen", "\"", ";", "toch", "?");
    }

    @Test
    void shouldKeepHashtagsAndHandles() {
        assertThat(tok("#Rotterdam is top #010 @RET"))
                .containsExactly("#rotterdam", "is", "top", "#010", "@ret");
    }

    @Test
    void shouldKeepPlaceholdersAsOneToken() {
        assertThat(tok("Mail <email> of zie <url:ad.nl>, bel <phone>."))
                .containsExactly(
                        "mail", "<email>", "of", "zie", "<url:ad.nl>", ",", "bel", "<phone>", ".");
        assertThat(tok("<postcode><plate>")).containsExactly("<postcode>", "<plate>");
        assertThat(tok("a <b> c")).containsExactly("a", "<", "b", ">", "c");
    }

    @Test
    void shouldKeepEmojiAsSingleTokens() {
        assertThat(tok("Top 😂😂 👍🏽 🇳🇱 👨‍👩‍👧 ❤️!"))
                .containsExactly("top", "😂", "😂", "👍🏽", "🇳🇱", "👨‍👩‍👧", "❤️", "!");
        assertThat(tok("nee😡")).containsExactly("nee", "😡");
    }

    @Test
    void shouldKeepDutchGenitiveAdverbsWhole() {
        assertThat(tok("'s Avonds en 's nachts is het eng"))
                .containsExactly("'s avonds", "en", "'s nachts", "is", "het", "eng");
        assertThat(tok("'s-avonds in 's-Gravenhage"))
                .containsExactly("'s-avonds", "in", "'s-gravenhage");
        assertThat(tok("’s morgens")).containsExactly("'s morgens");
    }

    @Test
    void shouldKeepCliticsAsTokensOfTheirOwn() {
        assertThat(tok("m'n fiets en z'n slot, d'r auto"))
                .containsExactly("m'n", "fiets", "en", "z'n", "slot", ",", "d'r", "auto");
        assertThat(tok("Moet je 't zien, weer 'n ongeluk"))
                .containsExactly("moet", "je", "'t", "zien", ",", "weer", "'n", "ongeluk");
        assertThat(tok("'t Is zo'n dag")).containsExactly("'t", "is", "zo'n", "dag");
    }

    @Test
    void shouldKeepPluralsWithApostropheWhole() {
        assertThat(tok("auto's, foto's en baby's"))
                .containsExactly("auto's", ",", "foto's", "en", "baby's");
        assertThat(tok("Auto’s")).containsExactly("auto's");
    }

    @Test
    void shouldTreatOtherApostrophesAsQuotes() {
        assertThat(tok("'hallo' zei hij")).containsExactly("'", "hallo", "'", "zei", "hij");
        assertThat(tok("jaren '90")).containsExactly("jaren", "'90");
    }

    @Test
    void shouldKeepHyphenatedCompoundsWhole() {
        assertThat(tok("Kralingen-Crooswijk is anti-joods?"))
                .containsExactly("kralingen-crooswijk", "is", "anti-joods", "?");
        assertThat(tok("Noord - Zuid")).containsExactly("noord", "-", "zuid");
    }

    @Test
    void shouldKeepNumbersWhole() {
        assertThat(tok("€12,50 om 17:31, 1.250 euro, 17.31u, 3-1 en 25%"))
                .containsExactly(
                        "€", "12,50", "om", "17:31", ",", "1.250", "euro", ",", "17.31u", ",",
                        "3-1", "en", "25", "%");
        assertThat(tok("op 07-03-2024.")).containsExactly("op", "07-03-2024", ".");
    }

    @Test
    void shouldKeepElongationsAndPunctuationRuns() {
        assertThat(tok("Heeeel mooi!!! Echt?! Nou..."))
                .containsExactly("heeeel", "mooi", "!!!", "echt", "?!", "nou", "...");
    }

    @Test
    void shouldKeepTextEmoticons() {
        assertThat(tok("leuk :) maar ook :-( <3"))
                .containsExactly("leuk", ":)", "maar", "ook", ":-(", "<3");
        assertThat(tok("tijd: 19:30")).containsExactly("tijd", ":", "19:30");
    }

    @Test
    void shouldHandleEmptyAndBlankText() {
        assertThat(tok("")).isEmpty();
        assertThat(tok(" \t\n ")).isEmpty();
    }

    @Test
    void shouldGiveTheSameTokensThroughTheSink() {
        String text = "Bel <phone>! 's Avonds 😂 auto's #010, 12,50";
        List<String> viaSink = new ArrayList<>();
        int n = tokenizer.tokenize(text, (buf, s, e) -> viaSink.add(new String(buf, s, e - s)));
        assertThat(viaSink).isEqualTo(tok(text));
        assertThat(n).isEqualTo(viaSink.size());
    }

    @Test
    void shouldHandleTextsLongerThanTheInitialBuffer() {
        String text = "woord ".repeat(400);
        assertThat(tok(text)).hasSize(400).containsOnly("woord");
    }

    // ------------------------------------------------------------ agreement with CoreNLP

    private static final TokenizerFactory<CoreLabel> CORENLP =
            PTBTokenizer.factory(new CoreLabelTokenFactory(), SocialTokenizer.CORENLP_OPTIONS);

    static List<String> coreNlp(String text) {
        List<String> out = new ArrayList<>();
        for (CoreLabel l : CORENLP.getTokenizer(new StringReader(text)).tokenize()) {
            out.add(l.word().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Wat een mooie zonsondergang boven de Maas vanavond.",
                "Waarom wordt de Afrikaanderwijk altijd vergeten door de gemeente?",
                "Eindelijk weer een bakker in de buurt, heerlijk brood!",
                "De buren zijn super aardig; echt een fijne straat.",
                "Iemand een tip voor een goede kapper in Kralingen?",
                "The Markthal is amazing, must visit if you are in town.",
                "Why is there always construction on the Coolsingel?",
                "Straatverlichting op de Boezemweg doet het weer niet (alweer).",
                "Hij zei: \"Nee.\" En toen liep hij weg.",
                "Kralingen-Crooswijk heeft de beste horeca van de stad.",
                "Feyenoord wint met 3-1 van Ajax!",
                "Huur is omhoog naar 1.250 euro per maand.",
                "Om 17:31 hoorde ik drie knallen bij de Maashaven.",
                "Zware regenval: kelders lopen onder in Schiebroek...",
                "Buurthuis gaat dicht, waar moeten de ouderen nu heen?",
                "Great vibes at the street festival, see you next year!"
            })
    void shouldAgreeWithCoreNlpOnPlainSentences(String sentence) {
        assertThat(tok(sentence)).isEqualTo(coreNlp(sentence));
    }

    @Test
    void shouldKeepDutchFormsThatCoreNlpSplits() {
        // Documented difference: CoreNLP splits these, which is why the hot path does not use it.
        String text = "Moet je 't zien, auto's op de stoep";
        assertThat(coreNlp(text)).isNotEqualTo(tok(text));
        assertThat(tok(text)).contains("'t", "auto's");
    }
}
