package nl.lvds.models.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureExtractorTest {

    private final FeatureExtractor fx = new FeatureExtractor(FeatureConfig.DEFAULT);

    private int[] features(String... tokens) {
        FeatureBuffer b = new FeatureBuffer();
        fx.extract(List.of(tokens), b);
        int[] f = b.toArray();
        Arrays.sort(f);
        return f;
    }

    private static boolean has(int[] sorted, String name) {
        return Arrays.binarySearch(sorted, FeatureExtractor.fold(Hashing.fnv1a64(name))) >= 0;
    }

    @Test
    void shouldBeDeterministicAndDeduplicated() {
        int[] a = features("haat", "haat", "haat", "de", "haat");
        int[] b = features("haat", "de", "haat");
        assertThat(a).isEqualTo(features("haat", "haat", "haat", "de", "haat"));
        assertThat(Arrays.stream(a).distinct().count()).isEqualTo(a.length);
        // repetition adds no unigram weight: the unigram features of both posts are the same set
        assertThat(has(a, "x:plain-hostilecue")).isEqualTo(has(b, "x:plain-hostilecue"));
    }

    @Test
    void shouldMarkGroupWithDehumanisingTerm() {
        assertThat(has(features("die", "moslims", "zijn", "ongedierte"), "x:group+dehum")).isTrue();
        assertThat(has(features("die", "ratten", "in", "de", "kelder"), "x:group+dehum")).isFalse();
    }

    @Test
    void shouldSeeNegationScopeOverCues() {
        int[] negated = features("ik", "haat", "moslims", "niet");
        int[] scoped = features("niet", "alle", "moslims", "zijn", "ongedierte");
        assertThat(has(scoped, "x:negated-cue")).isTrue();
        assertThat(has(negated, "x:negated-cue")).isFalse();
    }

    @Test
    void shouldSeeQuotedHostileCues() {
        int[] quoted = features("hij", "riep", "\"", "vuile", "ratten", "\"", "walgelijk");
        assertThat(has(quoted, "x:quoted-hostilecue")).isTrue();
        assertThat(has(quoted, "x:counter+hostilecue")).isTrue();
        assertThat(has(quoted, "x:plain-hostilecue")).isFalse();
    }

    @Test
    void shouldRecogniseTheDisclaimerPattern() {
        assertThat(
                        has(
                                features("ik", "ben", "geen", "racist", "maar", "die", "lui"),
                                "x:disclaimer"))
                .isTrue();
        assertThat(has(features("ik", "ben", "geen", "racist"), "x:disclaimer")).isFalse();
    }

    @Test
    void shouldMatchObfuscatedSpellingsToTheSameUnigram() {
        FeatureBuffer a = new FeatureBuffer();
        FeatureBuffer b = new FeatureBuffer();
        fx.extract(List.of("m0slims"), a);
        fx.extract(List.of("moslims"), b);
        assertThat(a.tokenFeature(0)).isEqualTo(b.tokenFeature(0));
    }
}
