package nl.lvds.models.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenNormalizerTest {

    @Test
    void shouldReturnPlainTokensUnchanged() {
        String plain = "rotterdam";
        assertThat(TokenNormalizer.normalize(plain)).isSameAs(plain);
        assertThat(TokenNormalizer.normalize("2024")).isEqualTo("2024");
        assertThat(TokenNormalizer.normalize("17:31")).isEqualTo("17:31");
    }

    @Test
    void shouldUndoLeetspeakInsideWords() {
        assertThat(TokenNormalizer.normalize("m0sl1ms")).isEqualTo("moslims");
        assertThat(TokenNormalizer.normalize("j00d")).isEqualTo("jood");
        assertThat(TokenNormalizer.normalize("h0mo's")).isEqualTo("homo's");
    }

    @Test
    void shouldCollapseElongationsAndFoldAccents() {
        assertThat(TokenNormalizer.normalize("echttttt")).isEqualTo("echtt");
        assertThat(TokenNormalizer.normalize("israël")).isEqualTo("israel");
        assertThat(TokenNormalizer.normalize("café")).isEqualTo("cafe");
    }
}
