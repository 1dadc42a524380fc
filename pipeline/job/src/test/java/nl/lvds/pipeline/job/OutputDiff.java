package nl.lvds.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The committed output of an undisturbed run vs. a disturbed run of the same input, as multisets of
 * records (their JSON): a record the undisturbed run has more often is lost, one the disturbed run
 * has more often is duplicated (or, if the undisturbed run lacks it, wrong). Order is ignored: only
 * what a read_committed consumer ends up with counts.
 *
 * @param compared records of the disturbed run
 * @param lost records missing from the disturbed run
 * @param duplicated records the disturbed run has in excess
 * @param examples up to five differing records, for the failure message
 */
record OutputDiff(int compared, int lost, int duplicated, List<String> examples) {

    static OutputDiff of(List<String> expected, List<String> actual) {
        Map<String, Integer> count = new LinkedHashMap<>();
        expected.forEach(s -> count.merge(s, 1, Integer::sum));
        actual.forEach(s -> count.merge(s, -1, Integer::sum));
        int lost = 0;
        int dup = 0;
        List<String> ex = new ArrayList<>();
        for (Map.Entry<String, Integer> c : count.entrySet()) {
            if (c.getValue() > 0) {
                lost += c.getValue();
            } else if (c.getValue() < 0) {
                dup -= c.getValue();
            }
            if (c.getValue() != 0 && ex.size() < 5) {
                ex.add((c.getValue() > 0 ? "lost " : "extra ") + c.getKey());
            }
        }
        return new OutputDiff(actual.size(), lost, dup, ex);
    }

    void assertNothingLostOrDoubled() {
        assertThat(lost).as("records lost; e.g. %s", examples).isZero();
        assertThat(duplicated).as("records duplicated or wrong; e.g. %s", examples).isZero();
    }
}
