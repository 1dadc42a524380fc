package nl.lvds.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The latency suite's attribution of early (provisional) counts to the signals they include. */
class EarlyLatenciesTest {

    private static final long HOUR = 3_600_000L;
    private static final long END = 10 * HOUR; // a window [9:00, 10:00)

    @Test
    void shouldGiveEachSignalTheFirstRecordWhoseCountIncludesIt() {
        LatencySuite.PartitionLog[] logs = {
            new LatencySuite.PartitionLog(), new LatencySuite.PartitionLog()
        };
        // appended at 1000, 1010, 1020, 1030 (alternating partitions), all in the window
        for (int i = 0; i < 4; i++) {
            logs[i % 2].add(END - HOUR + i, 1000 + 10 * i);
        }
        List<long[]> early =
                List.of(
                        new long[] {END, 2, 1500}, // includes the first two
                        new long[] {END, 2, 1600}, // a repeat: changes nothing
                        new long[] {END, 4, 2100}); // and then all four
        long[] lat = LatencySuite.earlyLatencies(logs, early, 0);
        assertThat(lat).containsExactlyInAnyOrder(500, 490, 1080, 1070);
    }

    @Test
    void shouldTakeTheEarliestOfTheOverlappingWindowsAndSkipUnmeasuredSignals() {
        LatencySuite.PartitionLog[] logs = {new LatencySuite.PartitionLog()};
        logs[0].add(END - 10, 1000); // in [9:00,10:00) and in [9:15,10:15)
        logs[0].add(END + 10, 1200); // only in the later window
        logs[0].add(END + 20, 1300); // never included by a record
        List<long[]> early =
                List.of(
                        new long[] {END + 15 * 60_000L, 2, 1400}, // later window, first two
                        new long[] {END, 1, 3000}); // the first one's own window, later
        long[] lat = LatencySuite.earlyLatencies(logs, early, 0);
        assertThat(lat).containsExactlyInAnyOrder(400, 200);
        // only signals appended from measureFrom on are reported
        assertThat(LatencySuite.earlyLatencies(logs, early, 1100)).containsExactly(200);
    }
}
