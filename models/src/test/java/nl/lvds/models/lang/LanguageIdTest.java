package nl.lvds.models.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LanguageIdTest {

    private final LanguageId id = LanguageId.get();

    @Test
    void shouldReachTargetAccuracyOnTheLabelledSet() {
        List<LangIdCases.Case> cases = LangIdCases.load();
        LangIdCases.Tally t = LangIdCases.tally(cases, id::detect);
        System.out.println("LanguageId on " + cases.size() + " labelled posts: " + t.summary());
        t.errors().forEach(e -> System.out.println("  miss: " + e));

        assertThat(cases).hasSizeGreaterThanOrEqualTo(400);
        assertThat(t.accuracy("nl")).isGreaterThanOrEqualTo(0.95);
        assertThat(t.accuracy("en")).isGreaterThanOrEqualTo(0.95);
        assertThat(t.accuracy("other")).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void shouldDetectPlainDutchAndEnglish() {
        assertThat(id.detect("De gemeente sluit de Maastunnel dit weekend voor onderhoud."))
                .isEqualTo("nl");
        assertThat(id.detect("The city closes the Maas tunnel this weekend for maintenance."))
                .isEqualTo("en");
    }

    @Test
    void shouldUnderstandRotterdamStreetLanguageAsDutch() {
        assertThat(id.detect("wollah mattie ff chillen")).isEqualTo("nl");
        assertThat(id.detect("ik zweer het bro")).isEqualTo("nl");
        assertThat(id.detect("ewa sahbi alles goed?")).isEqualTo("nl");
        assertThat(id.detect("skeer tot het einde van de maand")).isEqualTo("nl");
    }

    @Test
    void shouldIgnoreHandlesHashtagsLinksAndPlaceholders() {
        String dutch = "ik ben er bijna, wacht even";
        String noise =
                "@the_best_coffee_in_town #thankyou https://example.com/what-a-day?x=1 "
                        + "www.greatnews.co.uk <url:theguardian.com> <email> <handle> "
                        + "bit.ly/wonderful 😂🔥 12:45 &amp; ";
        assertThat(id.detect(noise + dutch)).isEqualTo("nl");
        assertThat(id.detect(dutch + " " + noise)).isEqualTo("nl");
        assertThat(id.analyse(noise).words()).isZero();
        assertThat(id.detect(noise)).isEqualTo("other");
    }

    @Test
    void shouldAnswerTheDominantLanguageOfCodeSwitchedPosts() {
        assertThat(id.detect("Ik ben zo done met deze week, alles gaat fout")).isEqualTo("nl");
        assertThat(id.detect("Die meeting was echt een waste of time, ik ga naar huis"))
                .isEqualTo("nl");
        assertThat(id.detect("I love this city so much, it just feels like home, gezellig"))
                .isEqualTo("en");
    }

    @Test
    void shouldCallOtherLanguagesOther() {
        assertThat(
                        List.of(
                                "Ich habe heute keine Lust, zur Arbeit zu gehen.",
                                "Je ne comprends pas pourquoi les loyers sont si chers ici.",
                                "Bugün hava çok güzel, parka gidiyoruz.",
                                "Dzisiaj jest bardzo zimno, zostaję w domu.",
                                "No entiendo por qué los alquileres son tan caros aquí.",
                                "الجو اليوم جميل جدا في روتردام",
                                "Mi ta hopi kontentu awe, mi a haña un trabou nobo.",
                                "Mi lobi yu furu.",
                                "Ek weet nie wat om te doen nie"))
                .allSatisfy(t -> assertThat(id.detect(t)).as(t).isEqualTo("other"));
    }

    @Test
    void shouldToleratePlayfulSpellingAndTypos() {
        assertThat(id.detect("jaaaa eindelijkkk")).isEqualTo("nl");
        assertThat(id.detect("WAT IS DIT VOOR ONZIN")).isEqualTo("nl");
        assertThat(id.detect("i realy dont no what to do")).isEqualTo("en");
        assertThat(id.detect("sooooo tired todayyy")).isEqualTo("en");
    }

    @Test
    void shouldCallTextWithoutWordsOther() {
        assertThat(id.detect(null)).isEqualTo("other");
        assertThat(id.detect("")).isEqualTo("other");
        assertThat(id.detect("😂😂😂 👍 12345 !!!")).isEqualTo("other");
        assertThat(id.detect("hahahaha lol xd")).isEqualTo("other");
    }

    @Test
    void shouldTrustAValidHintOnlyWhenTheTextIsTooShort() {
        assertThat(id.detect("😂😂😂", "nl")).isEqualTo("nl");
        assertThat(id.detect("hahaha", "en-GB")).isEqualTo("en");
        assertThat(id.detect("@buurman", "de")).isEqualTo("other");
        assertThat(id.detect("😂😂😂", "und")).isEqualTo("other");
        assertThat(id.detect("😂😂😂", "n1")).isEqualTo("other");
        // enough text: the text wins over a wrong hint
        assertThat(id.detect("Ik ben vandaag echt heel erg moe van alles", "en")).isEqualTo("nl");
        assertThat(id.detect("Thank you so much for your help today", "nl")).isEqualTo("en");
    }

    @Test
    void shouldHandleLongTextsAndStrayMarkup() {
        // > 256 trigrams exercises the accumulator flush; stray '<' and '&' must not eat the text
        String longDutch =
                "Ik vind het echt niet normaal wat er in onze straat gebeurt. ".repeat(200);
        assertThat(id.detect(longDutch)).isEqualTo("nl");
        assertThat(id.detect("The weather is lovely today, let's go outside. ".repeat(200)))
                .isEqualTo("en");
        assertThat(id.detect("3 < 5 & ik ben het er helemaal mee eens")).isEqualTo("nl");
        assertThat(id.detect("<<<>>> &&& ;;; <")).isEqualTo("other");
    }

    @Test
    void shouldNormaliseHints() {
        assertThat(LanguageId.normaliseHint("NL")).isEqualTo("nl");
        assertThat(LanguageId.normaliseHint("nl-BE")).isEqualTo("nl");
        assertThat(LanguageId.normaliseHint("en_US")).isEqualTo("en");
        assertThat(LanguageId.normaliseHint("tr")).isEqualTo("other");
        assertThat(LanguageId.normaliseHint(" ")).isNull();
        assertThat(LanguageId.normaliseHint("und")).isNull();
        assertThat(LanguageId.normaliseHint("dutch!")).isNull();
        assertThat(LanguageId.normaliseHint(null)).isNull();
    }

    @Test
    void shouldRecogniseLinksAndAddressesAsNoise() {
        assertThat(LanguageId.isLinkOrAddress("ad.nl", 0, 5)).isTrue();
        assertThat(LanguageId.isLinkOrAddress("bit.ly/x", 0, 8)).isTrue();
        assertThat(LanguageId.isLinkOrAddress("jan@example.org", 0, 15)).isTrue();
        assertThat(LanguageId.isLinkOrAddress("https://x", 0, 9)).isTrue();
        assertThat(LanguageId.isLinkOrAddress("einde.", 0, 6)).isFalse();
        assertThat(LanguageId.isLinkOrAddress("en/of", 0, 5)).isFalse();
    }

    @Test
    void shouldGiveTheSameAnswersWhenSharedAcrossThreads() {
        List<LangIdCases.Case> cases = LangIdCases.load();
        List<String> sequential = cases.stream().map(c -> id.detect(c.text())).toList();
        List<String> parallel =
                cases.parallelStream().map(c -> id.detect(c.text())).collect(Collectors.toList());
        assertThat(parallel).isEqualTo(sequential);
    }
}
