package nl.lvds.models.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
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
}
