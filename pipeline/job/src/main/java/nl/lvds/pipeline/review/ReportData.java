package nl.lvds.pipeline.review;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.models.event.Topic;

/**
 * What the review report shows, gathered in one pass over the sorted indicators and alerts: monthly
 * means of the city's and districts' 24 h tension index, the highest 1 h peaks, alerts per level.
 * Aggregates of aggregates only; suppressed indicators never contribute a number.
 */
public final class ReportData {

    /** Local time of the city: months and days are local. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    private static final long HOUR = 3_600_000L;
    private static final int PEAK_POOL = 400;

    /** A mean under construction. */
    public static final class Mean {
        private double sum;
        private long n;
        private double max = Double.NEGATIVE_INFINITY;

        void add(double v) {
            sum += v;
            n++;
            max = Math.max(max, v);
        }

        /** The mean, or NaN when empty. */
        public double mean() {
            return n == 0 ? Double.NaN : sum / n;
        }

        /** The maximum, or NaN when empty. */
        public double max() {
            return n == 0 ? Double.NaN : max;
        }

        /** Values seen. */
        public long count() {
            return n;
        }
    }

    /** Topic → month (yyyy-MM) → mean of the city's 24 h tension index. */
    final Map<String, Map<String, Mean>> cityTopicMonth = new TreeMap<>();

    /** District → month → mean of the district's all-topics 24 h tension index. */
    final Map<String, Map<String, Mean>> districtMonth = new TreeMap<>();

    /** Month → city all-topics signals in the 24 h windows ending at local midnight. */
    final Map<String, Long> citySignalsPerMonth = new TreeMap<>();

    /** Peaks rank by z-score (surprise against the cell's own baseline), then tension index. */
    private static final Comparator<TensionIndicator> PEAK_ORDER =
            Comparator.comparingDouble(ReportData::z).thenComparingDouble(ReportData::index);

    private final PriorityQueue<TensionIndicator> peakPool = new PriorityQueue<>(PEAK_ORDER);

    private final LocalDate lastDay;

    /** Report data for a review ending on {@code lastDay}: later windows are left out. */
    public ReportData(LocalDate lastDay) {
        this.lastDay = lastDay;
    }

    final List<Alert> alerts = new ArrayList<>();
    final Map<String, Long> alertsPerLevel = new TreeMap<>();
    long indicators;
    long suppressed;
    final Set<String> modelVersions = new HashSet<>();

    /** Takes one indicator (in any order). */
    public void add(TensionIndicator t) {
        indicators++;
        if (t.modelVersion() != null) {
            modelVersions.add(t.modelVersion());
        }
        if (t.suppressed() || t.tensionIndex() == null) {
            suppressed++;
            return;
        }
        if (lastDay != null && day(t.windowEnd() - 1).isAfter(lastDay)) {
            return; // windows reaching past the period (the 24 h windows after the last day)
        }
        long length = t.windowEnd() - t.windowStart();
        String month = month(t.windowEnd() - 1);
        if (length == 24 * HOUR) {
            if (TensionIndicator.CITY.equals(t.area())) {
                cityTopicMonth
                        .computeIfAbsent(t.topic(), k -> new TreeMap<>())
                        .computeIfAbsent(month, k -> new Mean())
                        .add(t.tensionIndex());
                if (Topic.ALL_TOPICS.equals(t.topic())
                        && Instant.ofEpochMilli(t.windowEnd()).atZone(ZONE).getHour() == 0
                        && t.signals() != null) {
                    citySignalsPerMonth.merge(
                            month(t.windowEnd() - 1), (long) t.signals(), Long::sum);
                }
            } else if (t.area().equals(t.district()) && Topic.ALL_TOPICS.equals(t.topic())) {
                districtMonth
                        .computeIfAbsent(t.district(), k -> new TreeMap<>())
                        .computeIfAbsent(month, k -> new Mean())
                        .add(t.tensionIndex());
            }
        } else if (length == HOUR
                && t.area().equals(t.district())
                && !Topic.ALL_TOPICS.equals(t.topic())) {
            peakPool.add(t);
            if (peakPool.size() > PEAK_POOL) {
                peakPool.poll();
            }
        }
    }

    /**
     * Takes one suppressed indicator by its model version alone: what {@link
     * #add(TensionIndicator)} uses of a suppressed indicator.
     */
    public void addSuppressed(String modelVersion) {
        indicators++;
        if (modelVersion != null) {
            modelVersions.add(modelVersion);
        }
        suppressed++;
    }

    /** Takes one alert. */
    public void add(Alert a) {
        alerts.add(a);
        alertsPerLevel.merge(a.level(), 1L, Long::sum);
    }

    /**
     * The highest 1 h district peaks, at most one per district, topic and local day, highest first.
     */
    public List<TensionIndicator> peaks(int max) {
        List<TensionIndicator> all = new ArrayList<>(peakPool);
        all.sort(
                PEAK_ORDER
                        .reversed()
                        .thenComparingLong(TensionIndicator::windowEnd)
                        .thenComparing(TensionIndicator::area)
                        .thenComparing(TensionIndicator::topic));
        List<TensionIndicator> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (TensionIndicator t : all) {
            String key = t.area() + "|" + t.topic() + "|" + day(t.windowEnd() - 1);
            if (seen.add(key)) {
                out.add(t);
                if (out.size() == max) {
                    break;
                }
            }
        }
        return out;
    }

    /** Alerts of an area and topic whose window overlaps {@code [start, end)}. */
    public List<Alert> alertsAround(String area, String topic, long start, long end) {
        return alerts.stream()
                .filter(a -> a.area().equals(area) && a.topic().equals(topic))
                .filter(a -> a.windowStart() < end + 6 * HOUR && a.windowEnd() > start - 6 * HOUR)
                .toList();
    }

    private static double z(TensionIndicator t) {
        return t.zScore() == null ? Double.NEGATIVE_INFINITY : t.zScore();
    }

    private static double index(TensionIndicator t) {
        return t.tensionIndex() == null ? -1 : t.tensionIndex();
    }

    /** The local month (yyyy-MM) of an instant. */
    public static String month(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis)
                .atZone(ZONE)
                .toLocalDate()
                .toString()
                .substring(0, 7);
    }

    /** The local day of an instant. */
    public static LocalDate day(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(ZONE).toLocalDate();
    }
}
