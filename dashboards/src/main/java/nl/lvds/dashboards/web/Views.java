package nl.lvds.dashboards.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.lvds.dashboards.notify.GroupFacts;
import nl.lvds.dashboards.store.AckStore;
import nl.lvds.dashboards.store.DashboardState;
import nl.lvds.dashboards.store.DashboardState.CellKey;
import nl.lvds.models.area.AreaGazetteer;
import nl.lvds.models.config.AreaLevel;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.AlertCell;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.models.event.Topic;

/**
 * Turns the store's contents into the JSON the API and the live push serve.
 *
 * <p>This is where suppression is enforced on the way out: a suppressed cell is rendered with its
 * keys and window only, and its numeric fields are left out of the JSON altogether (not null, not
 * zero), so no client can show a number for it. Nothing rendered here is per author or raw text:
 * indicators are aggregates, alerts carry top terms that the pipeline only emits when seen in at
 * least k posts, incidents carry the public feed's own summary.
 */
public final class Views {

    /** All topics shown, the rollup first. */
    public static final List<String> TOPICS = topics();

    private static final long HOUR = Duration.ofHours(1).toMillis();

    /**
     * One cell of the overview or one point of a series. Null fields are omitted from the JSON.
     *
     * @param area area name
     * @param district its district
     * @param topic topic or {@code all}
     * @param window {@code 1h} or {@code 24h}
     * @param windowStart epoch ms
     * @param windowEnd epoch ms
     * @param suppressed true when below k: then no numbers follow
     * @param tensionIndex 0-100
     * @param band {@code low}, {@code moderate}, {@code elevated} or {@code high}
     * @param signals signal count
     * @param baselineMean baseline of the signal count
     * @param zScore z-score of the signal count
     * @param incidents linked incidents
     * @param trend {@code up}, {@code down} or {@code flat} against the previous window
     * @param provisional true for a provisional value (counts so far of a window still open, not
     *     exactly-once); absent for final values
     * @param stories distinct stories (near-duplicates collapsed) in the window
     * @param expected stories expected for this hour from the cell's own history
     * @param pValue the surprise of {@code stories} against {@code expected}
     * @param activity {@code usual} or {@code unusual}: unusual when the stories are surprising for
     *     the hour ({@code pValue} below {@link #UNUSUAL_P}) or, without a p-value, at least three
     *     times and 10 more than expected; absent without an expected count
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cell(
            String area,
            String district,
            String topic,
            String window,
            long windowStart,
            long windowEnd,
            boolean suppressed,
            Double tensionIndex,
            String band,
            Integer signals,
            Double baselineMean,
            Double zScore,
            Integer incidents,
            String trend,
            Boolean provisional,
            Integer stories,
            Double expected,
            Double pValue,
            String activity) {}

    /** Below this p-value a cell's activity is shown as unusual. */
    public static final double UNUSUAL_P = 0.01;

    /**
     * One cell of an alert group, as shown.
     *
     * @param area wijk, district or {@code city}
     * @param district its district
     * @param topic topic or {@code all}
     * @param level the cell's own level
     * @param rule {@code volume}, {@code hostility} or {@code coordinated} (version 1: a rule id)
     * @param observed observed stories; absent for version 1 records
     * @param expected expected stories; absent without a baseline
     * @param pValue surprise; absent without a baseline
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AlertCellView(
            String area,
            String district,
            String topic,
            String level,
            String rule,
            Integer observed,
            Double expected,
            Double pValue) {}

    /**
     * An alert group (its latest record) with its acknowledgement.
     *
     * @param id the group's lasting id
     * @param raisedAt epoch ms
     * @param area area
     * @param topic topic
     * @param level watch, warning, critical
     * @param rule the rule
     * @param tensionIndex index at the time
     * @param zScore z-score, may be absent
     * @param windowStart epoch ms
     * @param windowEnd epoch ms
     * @param incidentIds linked incidents
     * @param topTerms terms seen in at least k posts
     * @param corroboration agreeing source types
     * @param modelVersion model version
     * @param acknowledgedBy who acknowledged it, absent when open
     * @param acknowledgedAt when, absent when open
     * @param kind {@code event} or {@code coordinated}
     * @param status {@code raised}, {@code escalated}, {@code updated} or {@code closed}
     * @param update the record's number in its group (0 first)
     * @param openedAt when the group was first raised, epoch ms
     * @param maxLevel the highest level of the group and its cells
     * @param areas the areas of the group's cells shown, leading first
     * @param topics the topics of the group's cells, leading first
     * @param cells the group's cells at or above the minimum granularity
     * @param observed the leading cell's observed stories
     * @param expected the leading cell's expected stories
     * @param pValue the leading cell's surprise
     * @param copies coordinated: repeated copies
     * @param authors coordinated: distinct author keys (a count, never who)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AlertView(
            String id,
            long raisedAt,
            String area,
            String topic,
            String level,
            String rule,
            double tensionIndex,
            Double zScore,
            long windowStart,
            long windowEnd,
            List<String> incidentIds,
            List<String> topTerms,
            List<String> corroboration,
            String modelVersion,
            String acknowledgedBy,
            String acknowledgedAt,
            String kind,
            String status,
            int update,
            long openedAt,
            String maxLevel,
            List<String> areas,
            List<String> topics,
            List<AlertCellView> cells,
            Integer observed,
            Double expected,
            Double pValue,
            Integer copies,
            Integer authors) {}

    /**
     * An incident on the timeline.
     *
     * @param id feed id
     * @param ts epoch ms
     * @param feed the feed
     * @param type incident type
     * @param severity 1-3
     * @param area area, if known
     * @param summary public summary, if any
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IncidentView(
            String id,
            long ts,
            String feed,
            String type,
            int severity,
            String area,
            String summary) {
        static IncidentView of(Incident i) {
            return new IncidentView(
                    i.id(), i.ts(), i.feed(), i.type(), i.severity(), i.area(), i.summary());
        }
    }

    private final DashboardState state;
    private final AckStore acks;
    private final AreaGazetteer gazetteer;
    private final GranularityGuard guard;
    private final AreaLevel minArea;

    /**
     * Views over a store; alerts finer than the guard's minimum area are hidden, provisional values
     * are shown only where the guard allows a 1 h window.
     */
    public Views(
            DashboardState state, AckStore acks, AreaGazetteer gazetteer, GranularityGuard guard) {
        this.state = state;
        this.acks = acks;
        this.gazetteer = gazetteer;
        this.guard = guard;
        this.minArea = guard.minimum().area();
    }

    private static List<String> topics() {
        List<String> t = new ArrayList<>();
        t.add(Topic.ALL_TOPICS);
        t.addAll(Topic.ALL);
        return List.copyOf(t);
    }

    /** The overview areas: the city, then the districts. */
    public List<String> overviewAreas() {
        List<String> a = new ArrayList<>();
        a.add(TensionIndicator.CITY);
        a.addAll(gazetteer.districts());
        return a;
    }

    /** The latest 1 h and 24 h cell per overview area and topic. */
    public Map<String, Object> overview() {
        List<Cell> cells = new ArrayList<>();
        for (String area : overviewAreas()) {
            for (String topic : TOPICS) {
                for (int hours : new int[] {1, 24}) {
                    CellKey key = new CellKey(area, topic, hours);
                    Optional<TensionIndicator> latest = state.latest(key);
                    if (latest.isPresent()) {
                        cells.add(cell(latest.get(), state.previous(key).orElse(null)));
                    }
                }
            }
        }
        return Map.of(
                "asOf",
                state.maxEventTime(),
                "areas",
                overviewAreas(),
                "topics",
                TOPICS,
                "cells",
                cells,
                "early",
                earlyCells(overviewEarlyKeys()));
    }

    private List<CellKey> overviewEarlyKeys() {
        List<CellKey> keys = new ArrayList<>();
        for (String area : overviewAreas()) {
            for (String topic : TOPICS) {
                keys.add(new CellKey(area, topic, 1));
            }
        }
        return keys;
    }

    /**
     * The provisional overview cells held for the given 1 h cells: only city and district cells
     * (what the overview shows), only where the drill-down guard allows a 1 h window for the area,
     * suppressed ones without numbers.
     */
    public List<Cell> earlyCells(List<CellKey> keys) {
        Set<String> overviewAreas = new HashSet<>(overviewAreas());
        Map<String, Boolean> allowed = new HashMap<>();
        List<Cell> out = new ArrayList<>();
        for (CellKey key : keys) {
            if (key.windowHours() != 1 || !overviewAreas.contains(key.area())) {
                continue;
            }
            if (!allowed.computeIfAbsent(key.area(), a -> guard.check(a, "1h").allowed())) {
                continue;
            }
            state.early(key).ifPresent(t -> out.add(provisional(t)));
        }
        return out;
    }

    /**
     * Renders a provisional indicator: counts so far of an open window, marked provisional, without
     * numbers when suppressed, and without baseline, z-score, incidents or trend (a partial window
     * has none that mean anything).
     */
    public static Cell provisional(TensionIndicator t) {
        Cell c = cell(t, null);
        return new Cell(
                c.area(),
                c.district(),
                c.topic(),
                c.window(),
                c.windowStart(),
                c.windowEnd(),
                c.suppressed(),
                c.tensionIndex(),
                c.band(),
                c.signals(),
                null,
                null,
                null,
                null,
                Boolean.TRUE,
                c.stories(),
                null,
                null,
                null);
    }

    /** Overview cells for freshly consumed indicators (live push). */
    public List<Cell> cells(List<TensionIndicator> fresh) {
        List<Cell> out = new ArrayList<>();
        for (TensionIndicator t : fresh) {
            out.add(cell(t, state.previous(CellKey.of(t)).orElse(null)));
        }
        return out;
    }

    /** Renders one indicator, without numbers when suppressed. */
    public static Cell cell(TensionIndicator t, TensionIndicator previous) {
        String window = DashboardState.windowHours(t) == 24 ? "24h" : "1h";
        if (t.suppressed() || t.tensionIndex() == null) {
            return new Cell(
                    t.area(),
                    t.district(),
                    t.topic(),
                    window,
                    t.windowStart(),
                    t.windowEnd(),
                    true,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        String trend = null;
        if (previous != null && !previous.suppressed() && previous.tensionIndex() != null) {
            double d = t.tensionIndex() - previous.tensionIndex();
            trend = d >= 5 ? "up" : d <= -5 ? "down" : "flat";
        }
        return new Cell(
                t.area(),
                t.district(),
                t.topic(),
                window,
                t.windowStart(),
                t.windowEnd(),
                false,
                round1(t.tensionIndex()),
                band(t.tensionIndex()),
                t.signals(),
                t.baselineMean() == null ? null : round1(t.baselineMean()),
                t.zScore() == null ? null : round1(t.zScore()),
                t.incidents(),
                trend,
                null,
                t.stories(),
                t.expected() == null ? null : round1(t.expected()),
                t.pValue(),
                activity(t));
    }

    /** {@code unusual} or {@code usual} for a cell with an expected count; null without one. */
    static String activity(TensionIndicator t) {
        if (t.expected() == null || t.stories() == null) {
            return null;
        }
        boolean unusual =
                t.pValue() != null
                        ? t.pValue() < UNUSUAL_P
                        : t.stories() >= 3 * t.expected() && t.stories() - t.expected() >= 10;
        return unusual ? "unusual" : "usual";
    }

    /** The band of a tension index, shown as text beside the colour. */
    public static String band(double index) {
        if (index < 25) {
            return "low";
        } else if (index < 50) {
            return "moderate";
        } else if (index < 75) {
            return "elevated";
        }
        return "high";
    }

    private static double round1(double d) {
        return Math.round(d * 10) / 10.0;
    }

    /**
     * A time series with the incidents and alerts of the same area on the same timeline. The range
     * ends at the newest event time seen (so replayed data is shown like live data).
     */
    public Map<String, Object> series(String area, String topic, int windowHours, Duration range) {
        long to = state.maxEventTime();
        long from = to - range.toMillis();
        List<Cell> points = new ArrayList<>();
        TensionIndicator prev = null;
        for (TensionIndicator t : state.series(new CellKey(area, topic, windowHours), from, to)) {
            points.add(cell(t, prev));
            prev = t;
        }
        List<IncidentView> incidents = new ArrayList<>();
        for (Incident i : state.incidents(from, to)) {
            if (inArea(i.area(), area)) {
                incidents.add(IncidentView.of(i));
            }
        }
        List<AlertView> alerts = new ArrayList<>();
        for (Alert a : state.alerts()) {
            if (a.raisedAt() >= from
                    && a.openedAt() <= to
                    && visible(a)
                    && inGroup(a, area, topic)) {
                alerts.add(alert(a));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("area", area);
        out.put("topic", topic);
        out.put("window", windowHours == 24 ? "24h" : "1h");
        out.put("from", from);
        out.put("to", to);
        out.put("points", points);
        out.put("incidents", incidents);
        out.put("alerts", alerts);
        // The open hour's provisional value, if any (the caller's guard allowed this area at this
        // window already); it is not a point of the series.
        if (windowHours == 1) {
            state.early(new CellKey(area, topic, 1))
                    .ifPresent(t -> out.put("provisional", provisional(t)));
        }
        return out;
    }

    /** Whether a group has a cell of this area and topic (any topic for the rollup). */
    private static boolean inGroup(Alert a, String area, String topic) {
        for (AlertCell c : GroupFacts.cells(a)) {
            if (c.area().equals(area)
                    && (Topic.ALL_TOPICS.equals(topic) || c.topic().equals(topic))) {
                return true;
            }
        }
        return false;
    }

    private boolean inArea(String incidentArea, String area) {
        if (TensionIndicator.CITY.equals(area)) {
            return true;
        }
        if (incidentArea == null) {
            return false;
        }
        if (incidentArea.equalsIgnoreCase(area)) {
            return true;
        }
        return gazetteer.districtOf(incidentArea).map(area::equals).orElse(false);
    }

    /**
     * Alert groups (the latest record of each), newest first, at most {@code limit}, none with only
     * cells finer than the minimum granularity.
     */
    public List<AlertView> alerts(int limit) {
        List<AlertView> out = new ArrayList<>();
        for (Alert a : state.alerts()) {
            if (out.size() >= limit) {
                break;
            }
            if (visible(a)) {
                out.add(alert(a));
            }
        }
        return out;
    }

    /**
     * Whether an alert group has a cell at or above the minimum granularity (a version 1 alert: its
     * one cell).
     */
    public boolean visible(Alert a) {
        for (AlertCell c : GroupFacts.cells(a)) {
            if (visibleArea(c.area())) {
                return true;
            }
        }
        return false;
    }

    private boolean visibleArea(String area) {
        String district = gazetteer.districtOf(area).orElse(area);
        AreaLevel level =
                TensionIndicator.CITY.equals(area)
                        ? AreaLevel.CITY
                        : area.equalsIgnoreCase(district) ? AreaLevel.DISTRICT : AreaLevel.WIJK;
        return !level.finerThan(minArea);
    }

    /**
     * Renders an alert group with its acknowledgement: only the cells at or above the minimum
     * granularity; a leading area below it is shown as its district.
     */
    public AlertView alert(Alert a) {
        Optional<AckStore.Ack> ack = acks.get(a.id());
        List<AlertCellView> cells = new ArrayList<>();
        Set<String> areas = new java.util.LinkedHashSet<>();
        String lead = shownArea(a.area());
        areas.add(lead);
        for (AlertCell c : GroupFacts.cells(a)) {
            if (visibleArea(c.area())) {
                cells.add(
                        new AlertCellView(
                                c.area(),
                                c.district() == null
                                        ? gazetteer.districtOf(c.area()).orElse(c.area())
                                        : c.district(),
                                c.topic(),
                                c.level(),
                                c.rule(),
                                c.observed(),
                                c.expected() == null ? null : round1(c.expected()),
                                c.pValue()));
                areas.add(c.area());
            }
        }
        return new AlertView(
                a.id(),
                a.raisedAt(),
                lead,
                a.topic(),
                a.level(),
                a.rule(),
                round1(a.tensionIndex()),
                a.zScore() == null ? null : round1(a.zScore()),
                a.windowStart(),
                a.windowEnd(),
                a.incidentIds(),
                a.topTerms(),
                a.corroboration(),
                a.modelVersion(),
                ack.map(AckStore.Ack::user).orElse(null),
                ack.map(x -> x.at().toString()).orElse(null),
                a.kind(),
                a.status(),
                a.update(),
                a.openedAt(),
                GroupFacts.maxLevel(a),
                List.copyOf(areas),
                GroupFacts.topics(a),
                cells,
                a.observed(),
                a.expected() == null ? null : round1(a.expected()),
                a.pValue(),
                a.copies(),
                a.authors());
    }

    private String shownArea(String area) {
        return visibleArea(area) ? area : gazetteer.districtOf(area).orElse(area);
    }

    /** Source health: consumption counters, the city's signals per hour with gaps, dead letters. */
    public Map<String, Object> sourceHealth(boolean restored, long lag) {
        DashboardState.Health h = state.health();
        long to = h.lastEventTime() - Math.floorMod(h.lastEventTime(), HOUR);
        long from = to - 23 * HOUR;
        List<Map<String, Object>> hours = new ArrayList<>();
        List<TensionIndicator> city =
                state.series(new CellKey(TensionIndicator.CITY, Topic.ALL_TOPICS, 1), from, to);
        int gaps = 0;
        if (h.lastEventTime() > 0) {
            for (long end = from; end <= to; end += HOUR) {
                TensionIndicator found = null;
                for (TensionIndicator t : city) {
                    if (t.windowEnd() == end) {
                        found = t;
                    }
                }
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                row.put("hourEnd", end);
                boolean gap = found == null;
                row.put("gap", gap);
                if (found != null) {
                    row.put("suppressed", found.suppressed());
                    if (!found.suppressed() && found.signals() != null) {
                        row.put("signals", found.signals());
                    }
                }
                row.put("deadLetters", h.deadLettersPerHour().getOrDefault(end - HOUR, 0L));
                if (gap) {
                    gaps++;
                }
                hours.add(row);
            }
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("restored", restored);
        out.put("consumerLag", lag);
        out.put("indicatorsConsumed", h.indicatorsConsumed());
        out.put("alertsConsumed", h.alertsConsumed());
        out.put("incidentsConsumed", h.incidentsConsumed());
        out.put("deadLetters", h.deadLetters());
        out.put(
                "deadLetterRate",
                h.indicatorsConsumed() + h.deadLetters() == 0
                        ? 0.0
                        : (double) h.deadLetters() / (h.indicatorsConsumed() + h.deadLetters()));
        out.put("earlyConsumed", h.earlyConsumed());
        out.put("earlyHeld", h.earlyHeld());
        out.put("decodeErrors", h.decodeErrors());
        out.put("modelVersion", h.modelVersion());
        out.put("lastEventTime", h.lastEventTime());
        out.put("lastUpdate", h.lastUpdateMillis());
        out.put("gapsLast24h", gaps);
        out.put("hours", hours);
        return out;
    }
}
