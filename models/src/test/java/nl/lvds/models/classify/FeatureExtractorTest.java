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

    private static int[] shared(int[] features) {
        return Arrays.stream(features).filter(f -> !FeatureExtractor.isTopicOnly(f)).toArray();
    }

    private static boolean hasCategory(int[] sorted, String category) {
        int c = Lexicon.CATEGORIES.indexOf(category);
        long h = Hashing.add(Hashing.start('l'), (char) ('a' + c));
        return Arrays.binarySearch(sorted, FeatureExtractor.fold(h)) >= 0;
    }

    @Test
    void shouldMarkGroupWithHostilityCue() {
        assertThat(has(features("die", "moslims", "zijn", "ongedierte"), "x:g+plain-hostile"))
                .isTrue();
        assertThat(has(features("die", "ratten", "in", "de", "kelder"), "x:g+plain-hostile"))
                .isFalse();
        assertThat(has(features("moslims", "zijn", "welkom"), "x:g-no-cue")).isTrue();
    }

    @Test
    void tensionShouldSeeTheSameFeaturesWhicheverGroupIsNamed() {
        // the group noun's own features are topic-only: for tension, all groups look alike
        assertThat(shared(features("die", "moslims", "zijn", "ongedierte")))
                .isEqualTo(shared(features("die", "joden", "zijn", "ongedierte")))
                .isEqualTo(shared(features("die", "vrouwen", "zijn", "ongedierte")));
        assertThat(shared(features("homo's", "zijn", "welkom", "hier")))
                .isEqualTo(shared(features("marokkanen", "zijn", "welkom", "hier")));
        // but not for topics
        assertThat(features("die", "moslims", "zijn", "ongedierte"))
                .isNotEqualTo(features("die", "joden", "zijn", "ongedierte"));
        // police, officials, politicians and journalists share a placeholder of their own
        assertThat(shared(features("die", "agenten", "moeten", "dood")))
                .isEqualTo(shared(features("die", "journalisten", "moeten", "dood")))
                .isNotEqualTo(shared(features("die", "moslims", "moeten", "dood")));
    }

    @Test
    void shouldRepairSpacedAndStarredSpellings() {
        FeatureBuffer a = new FeatureBuffer();
        FeatureBuffer b = new FeatureBuffer();
        fx.extract(List.of("m", "o", "s", "l", "i", "m", "s", "zijn", "ratten"), a);
        fx.extract(List.of("moslims", "zijn", "ratten"), b);
        assertThat(a.toArray()).isEqualTo(b.toArray());
        fx.extract(List.of("mos", "lims", "zijn", "ratten"), a);
        assertThat(a.toArray()).isEqualTo(b.toArray());
        assertThat(hasCategory(features("vuile", "k", "*", "nker", "turken"), "dehumanising"))
                .isTrue();
        // swapped and dropped letters in group nouns
        assertThat(shared(features("mosilms", "zijn", "ratten")))
                .isEqualTo(shared(features("moslims", "zijn", "ratten")));
    }

    @Test
    void shouldMatchPhrasesWithinAClause() {
        assertThat(hasCategory(features("we", "weten", "waar", "je", "woont"), "implicit-threat"))
                .isTrue();
        assertThat(
                        hasCategory(
                                features("we", "weten", ".", "waar", "je", "woont"),
                                "implicit-threat"))
                .isTrue(); // "waar je woont" alone
        assertThat(
                        hasCategory(
                                features("we", "weten", ".", "waar", "ben", "je"),
                                "implicit-threat"))
                .isFalse();
        assertThat(hasCategory(features("terug", "naar", "je", "land"), "expulsion")).isTrue();
    }

    @Test
    void shouldMarkDehumanisingComparisons() {
        assertThat(has(features("ze", "gedragen", "zich", "als", "beesten"), "x:compare-dehum"))
                .isTrue();
        assertThat(has(features("die", "turken", "zijn", "net", "ratten"), "x:compare-dehum+g"))
                .isTrue();
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

    @Test
    void shouldSeeHowAGroupIsSpokenOfWithoutAHostilityCue() {
        assertThat(has(features("vrouwen", "zijn", "geweldig"), "x:g~praise-only")).isTrue();
        assertThat(has(features("vrouwen", "zijn", "walgelijk"), "x:g~derogatory-only")).isTrue();
        assertThat(has(features("vrouwen", "zijn", "walgelijk"), "x:g~praise-only")).isFalse();
        // said of no group, or with a hostility cue, neither applies
        assertThat(has(features("het", "weer", "is", "walgelijk"), "x:g~derogatory-only"))
                .isFalse();
        assertThat(has(features("vrouwen", "zijn", "ratten"), "x:g~derogatory-only")).isFalse();
    }

    @Test
    void shouldSeeTheWordsSaidNearAGroupWhicheverGroupItIs() {
        // the content word near the group is a feature; its position before or after is not
        int[] after = features("marokkanen", "zijn", "uitvreters");
        int[] before = features("uitvreters", "zijn", "marokkanen");
        int[] none = features("uitvreters", "zijn", "dat");
        int near =
                FeatureExtractor.fold(
                        Hashing.mix(Lexicon.unigramHash("uitvreters"))
                                ^ FeatureExtractor.NEAR_WORD);
        assertThat(Arrays.binarySearch(after, near) >= 0).isTrue();
        assertThat(Arrays.binarySearch(before, near) >= 0).isTrue();
        assertThat(Arrays.binarySearch(none, near) >= 0).isFalse();
        assertThat(shared(after)).isEqualTo(shared(features("joden", "zijn", "uitvreters")));
    }
}
