package nl.lvds.pipeline.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.rules.RuleSetChange;
import nl.lvds.pipeline.alert.RuleSetHistory.Outcome;
import org.junit.jupiter.api.Test;

class RuleSetHistoryTest {

    private static final long DAY = 86_400_000L;
    private static final long T = Cells.T0;

    private static RuleSetChange change(long version, long effectiveFrom) {
        return RuleSetChange.of(
                version,
                effectiveFrom,
                0L,
                "beheer",
                "v" + version,
                LvdsConfig.defaults().alerts());
    }

    @Test
    void shouldChooseTheHighestVersionInForceAtTheWindowEnd() {
        RuleSetHistory h = RuleSetHistory.empty();
        assertThat(h.add(change(1, T + DAY)).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(h.add(change(2, T + 3 * DAY)).outcome()).isEqualTo(Outcome.ACCEPTED);
        // a correction published later with an earlier effectiveFrom supersedes version 2
        assertThat(h.add(change(3, T + 2 * DAY)).outcome()).isEqualTo(Outcome.ACCEPTED);

        assertThat(h.forWindowEnd(T)).isNull(); // config rules
        assertThat(h.forWindowEnd(T + DAY - 1)).isNull();
        assertThat(h.forWindowEnd(T + DAY).version()).isEqualTo(1);
        assertThat(h.forWindowEnd(T + 2 * DAY).version()).isEqualTo(3);
        assertThat(h.forWindowEnd(T + 4 * DAY).version()).isEqualTo(3);
        assertThat(h.latestVersion()).isEqualTo(3);
    }

    @Test
    void shouldRefuseDuplicatesConflictsAndStaleVersionsWithoutChange() {
        RuleSetHistory h = RuleSetHistory.empty();
        h.add(change(5, T));
        assertThat(h.add(change(5, T)).outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(h.add(change(5, T + DAY)).outcome()).isEqualTo(Outcome.CONFLICTING);
        assertThat(h.add(change(4, T)).outcome()).isEqualTo(Outcome.STALE);
        assertThat(h.versions().keySet()).containsExactly(5L);
        assertThat(h.forWindowEnd(T + DAY).effectiveFrom()).isEqualTo(T);
    }

    @Test
    void shouldStayBoundedAndKeepWhatRecentWindowsNeed() {
        RuleSetHistory h = RuleSetHistory.empty();
        for (int v = 1; v <= 100; v++) {
            h.add(change(v, T + v * DAY));
        }
        // versions in force within the last 7 days before version 100's effectiveFrom
        assertThat(h.versions().keySet()).containsExactly(93L, 94L, 95L, 96L, 97L, 98L, 99L, 100L);
        assertThat(h.pruned()).isTrue();
        assertThat(h.forWindowEnd(T + 93 * DAY).version()).isEqualTo(93);
        // older than everything kept: the oldest kept, not the config rules
        assertThat(h.forWindowEnd(T).version()).isEqualTo(93);

        RuleSetHistory sameDay = RuleSetHistory.empty();
        for (int v = 1; v <= 100; v++) {
            sameDay.add(change(v, T + v * 15 * 60_000L));
        }
        assertThat(sameDay.versions()).hasSize(RuleSetHistory.MAX_VERSIONS);
        assertThat(sameDay.versions().lastKey()).isEqualTo(100);
    }

    @Test
    void shouldGiveTheSameStateForTheSameSequenceOfChanges() {
        List<RuleSetChange> changes = new ArrayList<>();
        for (int v = 1; v <= 40; v++) {
            changes.add(change(v, T + (v % 7) * DAY));
        }
        Collections.shuffle(changes, new Random(7));
        RuleSetHistory a = RuleSetHistory.empty();
        RuleSetHistory b = new RuleSetHistory(Map.of(), false);
        changes.forEach(a::add);
        changes.forEach(b::add);
        assertThat(a.versions()).isEqualTo(b.versions());
        assertThat(a.pruned()).isEqualTo(b.pruned());
    }
}
