package nl.lvds.pipeline.soak;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import nl.lvds.pipeline.bench.EarlyAttribution;
import nl.lvds.pipeline.bench.LatencySuite;

/**
 * End-to-end latencies at the dashboard, from what was produced (signals per event-time second) and
 * what arrived over the dashboard's live feed (indicators and alerts with their window end).
 *
 * <p>Event time runs {@code speed} times as fast as the wall clock from {@code (wallStart,
 * eventStart)}; at speed 1 (the soak's default) event time is the wall clock and {@link
 * #wallOf(long)} is the identity. Latencies are wall-clock milliseconds:
 *
 * <ul>
 *   <li><b>indicator</b>: arrival at the dashboard client − the moment its window ended (the last
 *       signals of a window carry timestamps just before its end, so this is the latency from the
 *       newest signals in it);
 *   <li><b>alert</b>: the same for alerts;
 *   <li><b>signal</b>: for every signal produced, the arrival of the first 1 h indicator of its
 *       15-minute bucket − its timestamp: the wait for the bucket to end is part of it. Signals
 *       whose bucket had not arrived when the run ended are counted as not measured.
 *   <li><b>early</b> (event → dashboard): for every signal produced, the arrival of the first
 *       provisional ({@code early}) value of the city-wide all-topics cell whose count includes it
 *       − its timestamp. Aggregates cannot name their signals, so a value of window W with count c
 *       is taken to include the first c signals of W by timestamp (binned to 10 ms); signals no
 *       value ever included are counted as not measured.
 * </ul>
 */
final class Latencies {

    private final long wallStart;
    private final long eventStart;
    private final double speed;
    private final long bucketMs;

    /** Signals produced per event-time second. */
    private final TreeMap<Long, long[]> perSecond = new TreeMap<>();

    /** Signals produced per 10 ms of event time (the early values' attribution). */
    private final TreeMap<Long, long[]> perTenMs = new TreeMap<>();

    /** City-wide early values: window end, signals so far, arrival. */
    private final List<long[]> early = new ArrayList<>();

    private final List<Long> indicator = new ArrayList<>();
    private final List<Long> alert = new ArrayList<>();
    private final Map<Long, Long> firstHourIndicatorByEnd = new HashMap<>();
    private long indicatorsReceived;
    private long alertsReceived;

    Latencies(long wallStart, long eventStart, double speed, long bucketMs) {
        this.wallStart = wallStart;
        this.eventStart = eventStart;
        this.speed = speed;
        this.bucketMs = bucketMs;
    }

    /** The wall-clock moment event time {@code eventMs} was now. */
    long wallOf(long eventMs) {
        return wallStart + Math.round((eventMs - eventStart) / speed);
    }

    /** The event time at wall-clock moment {@code wallMs}. */
    long eventOf(long wallMs) {
        return eventStart + Math.round((wallMs - wallStart) * speed);
    }

    synchronized void produced(long eventMs) {
        perSecond.computeIfAbsent(Math.floorDiv(eventMs, 1000L), k -> new long[1])[0]++;
        perTenMs.computeIfAbsent(Math.floorDiv(eventMs, 10L), k -> new long[1])[0]++;
    }

    /** A provisional value of the city-wide all-topics cell arrived at the dashboard client. */
    synchronized void early(long windowEnd, long signals, long arrivedMs) {
        early.add(new long[] {windowEnd, signals, arrivedMs});
    }

    synchronized long earlyReceived() {
        return early.size();
    }

    /**
     * Signal -> first early value that includes it (event -> dashboard), weighted by the signals of
     * each 10 ms bin; a bin is taken as included once the count reaches its last signal. Only
     * signals stamped from {@code fromEventMs} on are reported (the soak leaves out the start-up,
     * when the job is still starting while signals already arrive).
     */
    synchronized Weighted early(long fromEventMs) {
        long[] bins = new long[perTenMs.size()];
        long[] eventTimes = new long[bins.length];
        long[] counts = new long[bins.length];
        int k = 0;
        for (Map.Entry<Long, long[]> b : perTenMs.entrySet()) {
            bins[k] = b.getKey();
            eventTimes[k] = b.getKey() * 10L;
            counts[k++] = b.getValue()[0];
        }
        long[] first = EarlyAttribution.firstIncluded(eventTimes, counts, early, 3_600_000L);
        List<long[]> pairs = new ArrayList<>();
        long measured = 0;
        long notMeasured = 0;
        for (int i = 0; i < bins.length; i++) {
            if (bins[i] < Math.floorDiv(fromEventMs, 10L)) {
                continue;
            }
            if (first[i] == Long.MAX_VALUE) {
                notMeasured += counts[i];
            } else {
                pairs.add(new long[] {first[i] - wallOf(eventTimes[i] + 5L), counts[i]});
                measured += counts[i];
            }
        }
        return Weighted.of(pairs, measured, notMeasured);
    }

    /**
     * An indicator arrived at the dashboard client.
     *
     * @param hour true for a 1 h window
     */
    synchronized void indicator(long windowEnd, boolean hour, long arrivedMs) {
        indicatorsReceived++;
        indicator.add(arrivedMs - wallOf(windowEnd));
        if (hour) {
            firstHourIndicatorByEnd.merge(windowEnd, arrivedMs, Math::min);
        }
    }

    synchronized void alert(long windowEnd, long arrivedMs) {
        alertsReceived++;
        alert.add(arrivedMs - wallOf(windowEnd));
    }

    synchronized long indicatorsReceived() {
        return indicatorsReceived;
    }

    synchronized long alertsReceived() {
        return alertsReceived;
    }

    /** Window ends whose first 1 h indicator arrived. */
    synchronized int windowsArrived() {
        return firstHourIndicatorByEnd.size();
    }

    synchronized Quantiles indicators() {
        return Quantiles.of(indicator.stream().mapToLong(Long::longValue).toArray());
    }

    synchronized Quantiles alerts() {
        return Quantiles.of(alert.stream().mapToLong(Long::longValue).toArray());
    }

    /** Signal -> first indicator of its bucket, weighted by the signals of each second. */
    synchronized Weighted signals() {
        List<long[]> pairs = new ArrayList<>(); // latency, count
        long measured = 0;
        long notMeasured = 0;
        for (Map.Entry<Long, long[]> e : perSecond.entrySet()) {
            long mid = e.getKey() * 1000L + 500L;
            long end = Math.floorDiv(mid, bucketMs) * bucketMs + bucketMs;
            Long arrived = firstHourIndicatorByEnd.get(end);
            long n = e.getValue()[0];
            if (arrived == null) {
                notMeasured += n;
            } else {
                pairs.add(new long[] {arrived - wallOf(mid), n});
                measured += n;
            }
        }
        return Weighted.of(pairs, measured, notMeasured);
    }

    /** Quantiles of latencies, milliseconds. */
    record Quantiles(int n, long p50, long p99, long max) {
        static Quantiles of(long[] v) {
            LatencySuite.Quantiles q = LatencySuite.Quantiles.of(v);
            return new Quantiles(q.n(), q.p50(), q.p99(), q.max());
        }

        String text() {
            return n == 0
                    ? "none arrived"
                    : String.format(
                            Locale.ROOT,
                            "%s / %s / %s (n=%,d)",
                            secs(p50),
                            secs(p99),
                            secs(max),
                            n);
        }

        void put(ObjectNode o) {
            o.put("n", n);
            o.put("p50Ms", p50);
            o.put("p99Ms", p99);
            o.put("maxMs", max);
        }
    }

    /** Weighted quantiles: each latency counts for the signals of one second. */
    record Weighted(long measured, long notMeasured, long p50, long p99, long max) {
        static Weighted of(List<long[]> pairs, long measured, long notMeasured) {
            if (measured == 0) {
                return new Weighted(0, notMeasured, -1, -1, -1);
            }
            List<long[]> s = new ArrayList<>(pairs);
            s.sort((a, b) -> Long.compare(a[0], b[0]));
            return new Weighted(
                    measured,
                    notMeasured,
                    at(s, measured, 0.50),
                    at(s, measured, 0.99),
                    s.get(s.size() - 1)[0]);
        }

        private static long at(List<long[]> sorted, long total, double q) {
            long rank = (long) Math.ceil(q * total);
            long seen = 0;
            for (long[] p : sorted) {
                seen += p[1];
                if (seen >= rank) {
                    return p[0];
                }
            }
            return sorted.get(sorted.size() - 1)[0];
        }

        String text() {
            return text("later, bucket still open");
        }

        /** The figures; {@code notMeasuredAs} says what the signals not measured are. */
        String text(String notMeasuredAs) {
            return measured == 0
                    ? "none measured"
                    : String.format(
                            Locale.ROOT,
                            "%s / %s / %s (n=%,d; %,d " + notMeasuredAs + ")",
                            secs(p50),
                            secs(p99),
                            secs(max),
                            measured,
                            notMeasured);
        }

        void put(ObjectNode o) {
            o.put("measured", measured);
            o.put("notMeasuredBucketOpenAtEnd", notMeasured);
            o.put("p50Ms", p50);
            o.put("p99Ms", p99);
            o.put("maxMs", max);
        }
    }

    static String secs(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
