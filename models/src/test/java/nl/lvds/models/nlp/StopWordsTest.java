package nl.lvds.models.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StopWordsTest {

    @Test
    void shouldKnowDutchAndEnglishFunctionWordsAndFiller() {
        assertThat(StopWords.contains("moeten")).isTrue();
        assertThat(StopWords.contains("Those")).isTrue();
        assertThat(StopWords.contains("den")).isTrue();
        assertThat(StopWords.contains("RT")).isTrue();
    }

    @Test
    void shouldLeaveContentWordsAlone() {
        assertThat(StopWords.contains("explosie")).isFalse();
        assertThat(StopWords.contains("schammenkamp")).isFalse();
        assertThat(StopWords.contains("azc")).isFalse();
        assertThat(StopWords.contains(null)).isFalse();
    }
}
