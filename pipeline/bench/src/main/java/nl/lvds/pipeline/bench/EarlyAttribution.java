package nl.lvds.pipeline.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which early (provisional) record first included a signal. Aggregates cannot name their signals
 * (by design), so a record of window W with count c is taken to include the first c signals of W in
 * the order they were counted. Used by the latency suite (per signal, in Kafka append order) and by
 * the soak (per 10 ms bin of signals, at the dashboard).
 */
public final class EarlyAttribution {

    private EarlyAttribution() {}

    /**
     * The earliest arrival, per member, of a record whose count includes it wholly.
     *
     * @param eventTimes each member's event time, members in the order they were counted
     * @param weights the signals each member stands for (1 per signal; a bin's count)
     * @param records {@code {windowEnd, count, arrivedAt}} per record, any order
     * @param windowMs window length: a record of window end W counts event times in [W - windowMs,
     *     W)
     * @return per member the arrival, or {@link Long#MAX_VALUE} when no record included it
     */
    public static long[] firstIncluded(
            long[] eventTimes, long[] weights, List<long[]> records, long windowMs) {
        int n = eventTimes.length;
        long[] first = new long[n];
        Arrays.fill(first, Long.MAX_VALUE);
        Map<Long, List<long[]>> byWindow = new TreeMap<>();
        for (long[] r : records) {
            byWindow.computeIfAbsent(r[0], w -> new ArrayList<>()).add(r);
        }
        int[] members = new int[n];
        for (Map.Entry<Long, List<long[]>> w : byWindow.entrySet()) {
            long end = w.getKey();
            List<long[]> inArrivalOrder = new ArrayList<>(w.getValue());
            inArrivalOrder.sort((a, b) -> Long.compare(a[2], b[2]));
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (eventTimes[i] >= end - windowMs && eventTimes[i] < end) {
                    members[m++] = i;
                }
            }
            int next = 0;
            long cumulative = 0;
            for (long[] r : inArrivalOrder) {
                while (next < m && cumulative + weights[members[next]] <= r[1]) {
                    int i = members[next++];
                    cumulative += weights[i];
                    first[i] = Math.min(first[i], r[2]);
                }
            }
        }
        return first;
    }
}
