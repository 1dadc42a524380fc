package nl.lvds.models.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped model: loads, is shared safely across threads, and gets the textbook cases right. */
class SignalClassifierTest {

    private static SignalClassifier classifier;

    @BeforeAll
    static void load() {
        long t0 = System.nanoTime();
        classifier = SignalClassifier.load();
        System.out.printf(
                "shipped model %s loaded in %.2f s%n",
                classifier.modelVersion(), (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void shouldReturnCalibratedScoresAndNoText() {
        Classification c =
                classifier.classify(
                        "Harde knal bij de Schammenkamp, politie en brandweer ter plaatse");
        assertThat(c.topicScores()).hasSize(6);
        for (double p : c.topicScores()) {
            assertThat(p).isBetween(0.0, 1.0);
        }
        assertThat(c.tensionScores()).hasSize(3);
        assertThat(c.tensionScores()[0] + c.tensionScores()[1] + c.tensionScores()[2])
                .isBetween(0.999, 1.001);
        assertThat(c.area()).isEqualTo("Tarwewijk");
        assertThat(c.district()).isEqualTo("Charlois");
        assertThat(c.topics()).contains("local-incident");
    }

    @Test
    void shouldNotPutPiiIntoTopTerms() {
        Classification c =
                classifier.classify(
                        "Mail jan.jansen@example.nl of bel 06-12345678 over de explosie, @janj weet meer");
        assertThat(String.join(" ", c.topTerms()))
                .doesNotContain("jansen", "12345678", "janj", "example");
    }

    @Test
    void shouldTreatFalseFriendsAsNoTopic() {
        assertThat(
                        classifier
                                .classify("Wat een explosie van kleur op de Zomercarnaval vandaag!")
                                .topics())
                .isEmpty();
    }

    @Test
    void shouldGiveTheSameAnswerFromManyThreads() throws Exception {
        List<String> posts =
                List.of(
                        "Die azc komt er toch wel, de gemeente luistert nooit naar ons",
                        "Solidariteit met iedereen in Gaza en Israël die een dierbare verloor",
                        "Feyenoord gaat Ajax zondag helemaal slopen haha",
                        "Alle asielzoekers moeten het land uit, ongedierte is het");
        List<Classification> expected = posts.stream().map(classifier::classify).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results =
                    IntStream.range(0, 400)
                            .mapToObj(
                                    i ->
                                            pool.submit(
                                                    () -> {
                                                        Classification c =
                                                                classifier.classify(
                                                                        posts.get(i % 4));
                                                        Classification e = expected.get(i % 4);
                                                        return c.topics().equals(e.topics())
                                                                && c.tension() == e.tension()
                                                                && c.storyHash() == e.storyHash();
                                                    }))
                            .toList();
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void nearDuplicatesShouldHaveCloseStoryHashes() {
        long a =
                classifier
                        .classify(
                                "Kom allemaal zaterdag naar de Binnenrotte, we laten ons niet wegjagen!")
                        .storyHash();
        long b =
                classifier
                        .classify(
                                "Kom allemaal zaterdag naar de Binnenrotte, we laten ons niet wegjagen!! 🔥")
                        .storyHash();
        long c =
                classifier
                        .classify(
                                "Mooi weer vandaag in het Zuiderpark, lekker gebarbecued met de buren")
                        .storyHash();
        assertThat(Long.bitCount(a ^ b)).isLessThan(Long.bitCount(a ^ c));
    }
}
