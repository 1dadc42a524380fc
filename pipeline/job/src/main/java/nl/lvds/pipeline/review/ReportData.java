package nl.lvds.pipeline.review;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.AlertCell;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.models.event.Topic;

/**
 * What the review report shows, gathered in one pass over the sorted indicators and alerts: monthly
 * means of the city's and districts' 24 h tension index, the highest 1 h peaks (stories against
 * expected), alert groups (one per event) and copy-paste bursts, alerts per level. Aggregates of
 * aggregates only; suppressed indicators never contribute a number.
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

    /**
     * Peaks rank by surprise against the cell's own history: stories (near-duplicates collapsed)
     * against the stories expected for that hour, so a copy-paste burst (many posts, one story)
     * does not top the list; indicators without stories and expected counts (contract v1) by
     * z-score. Then tension index.
     */
    private static final Comparator<TensionIndicator> PEAK_ORDER =
            Comparator.comparingDouble(ReportData::surprise).thenComparingDouble(ReportData::index);

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

    /**
     * Alert records with a cell of this area and topic whose window overlaps {@code [start, end)}
     * (six hours either side).
     */
    public List<Alert> alertsAround(String area, String topic, long start, long end) {
        return alerts.stream()
                .filter(a -> hasCell(a, area, topic))
                .filter(a -> a.windowStart() < end + 6 * HOUR && a.windowEnd() > start - 6 * HOUR)
                .toList();
    }

    private static boolean hasCell(Alert a, String area, String topic) {
        if (a.cells() == null || a.cells().isEmpty()) {
            return a.area().equals(area) && a.topic().equals(topic);
        }
        for (AlertCell c : a.cells()) {
            if (c.area().equals(area) && c.topic().equals(topic)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One alert group over the whole review: every record with the same id (a version 1 alert is a
     * group of one).
     *
     * @param id the group's id
     * @param kind event or coordinated
     * @param latest the group's latest record
     * @param first the first record's time (the group's opening), epoch ms
     * @param last the latest record's time, epoch ms
     * @param records records of the group
     * @param maxLevel the highest level of its records and cells
     * @param minPValue the smallest p-value among its records and cells; null when none has one
     * @param cells every cell that was part of the group, most surprising first
     */
    public record Group(
            String id,
            String kind,
            Alert latest,
            long first,
            long last,
            int records,
            String maxLevel,
            Double minPValue,
            List<AlertCell> cells) {}

    /**
     * The alert groups: event groups ranked by highest level, then surprise (smallest p-value),
     * then time; coordinated bursts (kind {@code coordinated}) when {@code coordinated}, ranked by
     * copies.
     */
    public List<Group> groups(boolean coordinated) {
        Map<String, List<Alert>> byId = new LinkedHashMap<>();
        for (Alert a : alerts) {
            byId.computeIfAbsent(a.id(), k -> new ArrayList<>()).add(a);
        }
        List<Group> out = new ArrayList<>();
        for (List<Alert> rs : byId.values()) {
            rs.sort(Comparator.comparingInt(Alert::update).thenComparingLong(Alert::raisedAt));
            Alert latest = rs.get(rs.size() - 1);
            if (Alert.Kind.COORDINATED.equals(latest.kind()) != coordinated) {
                continue;
            }
            int max = -1;
            Double minP = null;
            Map<String, AlertCell> cells = new LinkedHashMap<>();
            Set<Integer> updates = new HashSet<>();
            long first = Long.MAX_VALUE;
            for (Alert r : rs) {
                updates.add(r.update());
                first = Math.min(first, Math.min(r.openedAt(), r.raisedAt()));
                max = Math.max(max, Alert.LEVELS.indexOf(r.level()));
                minP = minP(minP, r.pValue());
                for (AlertCell c : r.cells()) {
                    max = Math.max(max, Alert.LEVELS.indexOf(c.level()));
                    minP = minP(minP, c.pValue());
                    cells.merge(
                            c.area() + "|" + c.topic(),
                            c,
                            (x, y) ->
                                    Alert.LEVELS.indexOf(y.level())
                                                    > Alert.LEVELS.indexOf(x.level())
                                            ? y
                                            : x);
                }
            }
            List<AlertCell> cellList = new ArrayList<>(cells.values());
            cellList.sort(
                    Comparator.comparingDouble(
                            (AlertCell c) -> c.pValue() == null ? 2.0 : c.pValue()));
            out.add(
                    new Group(
                            latest.id(),
                            latest.kind(),
                            latest,
                            first,
                            latest.raisedAt(),
                            updates.size(),
                            Alert.LEVELS.get(Math.max(0, max)),
                            minP,
                            List.copyOf(cellList)));
        }
        Comparator<Group> order =
                coordinated
                        ? Comparator.comparingInt(
                                        (Group g) ->
                                                -(g.latest().copies() == null
                                                        ? 0
                                                        : g.latest().copies()))
                                .thenComparingLong(Group::first)
                        : Comparator.comparingInt((Group g) -> -Alert.LEVELS.indexOf(g.maxLevel()))
                                .thenComparingDouble(
                                        g -> g.minPValue() == null ? 2.0 : g.minPValue())
                                .thenComparingLong(Group::first);
        out.sort(order.thenComparing(Group::id));
        return out;
    }

    private static Double minP(Double a, Double b) {
        if (b == null) {
            return a;
        }
        return a == null ? b : Math.min(a, b);
    }

    /**
     * The peak score: {@code (stories + 1) / (expected + 1)} where the indicator has both (the +1
     * keeps a cell expecting almost nothing from topping the list with a handful of stories); for
     * indicators of contract v1 the z-score; a v2 indicator without an expected count yet (too
     * little history) ranks last.
     */
    static double surprise(TensionIndicator t) {
        if (t.stories() != null && t.expected() != null) {
            return (t.stories() + 1.0) / (t.expected() + 1.0);
        }
        if (t.v() >= 2) {
            return Double.NEGATIVE_INFINITY;
        }
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
