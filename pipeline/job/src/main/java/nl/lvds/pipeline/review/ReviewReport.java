package nl.lvds.pipeline.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.AlertCell;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.models.event.Topic;
import nl.lvds.models.render.Messages;
import nl.lvds.models.render.Templates;

/**
 * {@code report.html}: the reviewer's report, one self-contained file (inline CSS and SVG, no
 * script, no network) that prints to A4. Dutch: a plain-language summary, tension per topic per
 * month, a district × month heat map, the highest peaks with their alerts, incidents and top terms,
 * alerts per level, and data coverage per source. Every chart has its numbers in a table too, and
 * charts use line patterns and printed values, so nothing depends on colour alone. The page is the
 * template {@code report.html.peb}; this class works out the figures it shows.
 */
public final class ReviewReport {

    private static final Messages NL =
            Messages.load(
                    "nl.lvds.pipeline.review.messages", "nl", ReviewReport.class.getClassLoader());
    private static final Templates HTML =
            Templates.html(
                    "nl/lvds/pipeline/review/templates/", ReviewReport.class.getClassLoader());

    private static final List<String> LEVELS_DOWN = List.of("critical", "warning", "watch");

    private static final String[] COLOURS = {
        "#01689b", "#d52b1e", "#39870c", "#e17000", "#42145f", "#007bc7", "#000000"
    };
    private static final String[] DASHES = {"", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 4"};

    private static final Locale DUTCH = Locale.forLanguageTag("nl");
    private static final DateTimeFormatter DAY_NL =
            DateTimeFormatter.ofPattern("d MMMM yyyy", DUTCH);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ReportData.ZONE);

    private static final int GROUP_ROWS = 50;

    private ReviewReport() {}

    /** What the report needs besides the data. */
    public record Context(
            String from,
            String to,
            String modelVersion,
            String configSha256,
            String codeVersion,
            InputScan.Result inputs,
            ReviewOutputs.Written written) {}

    /** Writes {@code report.html} into {@code out}. */
    public static Path write(Path out, Context c) {
        Path file = out.resolve("report.html");
        try {
            Files.writeString(file, render(c), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The report's HTML. */
    public static String render(Context c) {
        ReportData d = c.written().data();
        Map<String, Object> v = new HashMap<>();
        v.put("from", c.from());
        v.put("to", c.to());
        v.put("fromDay", dayNl(c.from()));
        v.put("toDay", dayNl(c.to()));
        v.put("modelVersion", c.modelVersion());
        v.put("config", c.configSha256().substring(0, 12));
        v.put("code", shortCode(c.codeVersion()));
        v.put("s", summary(c, d));
        v.put("peak", peak(d));
        v.put("busiest", busiestMonth(d));
        v.put("chart", topicChart(d));
        v.put("heat", heatMap(d));
        v.put("peaks", peaks(d));
        v.put("groups", groups(d));
        v.put("bursts", bursts(d));
        v.put("levels", levels(d));
        v.put("alertMonths", alertMonths(d));
        v.put("coverage", coverage(c));
        return HTML.render("report.html.peb", v, NL);
    }

    private static Map<String, Object> summary(Context c, ReportData d) {
        Map<String, Object> s = new HashMap<>();
        s.put("signals", nl(c.inputs().records("signals")));
        s.put("incidents", nl(c.inputs().records("incidents")));
        s.put("indicators", nl(d.indicators));
        s.put("suppressed", nl(d.suppressed));
        s.put("alerts", nl(d.alerts.size()));
        s.put("events", nl(d.groups(false).size()));
        s.put("bursts", nl(d.groups(true).size()));
        s.put("levels", levelsSentence(d));
        return s;
    }

    /** The alerts per level in words, most severe first; null without alerts. */
    private static String levelsSentence(ReportData d) {
        if (d.alerts.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String level : LEVELS_DOWN) {
            long n = d.alertsPerLevel.getOrDefault(level, 0L);
            if (n > 0) {
                parts.add(n + " " + levelNl(level));
            }
        }
        return String.join(", ", parts);
    }

    /** The largest peak for the summary; null without one. */
    private static Map<String, Object> peak(ReportData d) {
        List<TensionIndicator> top = d.peaks(1);
        if (top.isEmpty()) {
            return null;
        }
        TensionIndicator p = top.get(0);
        boolean stories = p.stories() != null && p.expected() != null;
        Map<String, Object> m = new HashMap<>();
        m.put("day", DAY_NL.format(ReportData.day(p.windowEnd() - 1)));
        m.put("start", TIME.format(Instant.ofEpochMilli(p.windowStart())));
        m.put("end", TIME.format(Instant.ofEpochMilli(p.windowEnd())));
        m.put("area", areaNl(p.area()));
        m.put("topic", topicNl(p.topic()));
        m.put("index", num(p.tensionIndex()));
        m.put("signals", nl(p.signals()));
        m.put("stories", stories ? nl(p.stories()) : null);
        m.put("expected", stories ? num(p.expected()) : null);
        m.put("baseline", p.baselineMean() == null ? null : num(p.baselineMean()));
        m.put("incidents", p.incidents() > 0 ? String.valueOf(p.incidents()) : null);
        return m;
    }

    private static Map<String, Object> busiestMonth(ReportData d) {
        Map<String, Object> best = null;
        double max = -1;
        for (var e : d.cityTopicMonth.entrySet()) {
            if (Topic.ALL_TOPICS.equals(e.getKey())) {
                continue;
            }
            for (var m : e.getValue().entrySet()) {
                if (m.getValue().mean() > max) {
                    max = m.getValue().mean();
                    best = new HashMap<>();
                    best.put("topic", topicNl(e.getKey()));
                    best.put("month", monthNl(m.getKey()));
                    best.put("index", num(max));
                }
            }
        }
        return best;
    }

    /** The line chart of tension per topic per month (city) and its table; null without data. */
    private static Map<String, Object> topicChart(ReportData d) {
        TreeSet<String> months = new TreeSet<>();
        d.cityTopicMonth.values().forEach(m -> months.addAll(m.keySet()));
        if (months.isEmpty()) {
            return null;
        }
        List<String> ms = new ArrayList<>(months);
        List<String> topics = new ArrayList<>(Topic.ALL);
        topics.add(Topic.ALL_TOPICS);
        double max = 1;
        for (var m : d.cityTopicMonth.values()) {
            for (var v : m.values()) {
                max = Math.max(max, v.mean());
            }
        }
        max = Math.ceil(max / 10) * 10;
        int w = 720;
        int hgt = 260;
        int left = 40;
        int bottom = 30;
        double dx = ms.size() > 1 ? (w - left - 10.0) / (ms.size() - 1) : 0;
        Map<String, Object> chart = new HashMap<>();
        chart.put("width", w);
        chart.put("height", hgt);
        chart.put("left", left);
        chart.put("right", w - 10);
        chart.put("labelX", left - 4);
        chart.put("labelY", hgt - 10);
        List<Map<String, String>> grid = new ArrayList<>();
        for (int g = 0; g <= 4; g++) {
            double v = max * g / 4;
            double y = y(v, max, hgt, bottom);
            grid.add(Map.of("y", coord(y), "textY", coord(y + 3), "label", num(v)));
        }
        chart.put("grid", grid);
        List<Map<String, String>> xLabels = new ArrayList<>();
        int step = Math.max(1, ms.size() / 12);
        for (int i = 0; i < ms.size(); i += step) {
            xLabels.add(Map.of("x", coord(left + i * dx), "label", ms.get(i)));
        }
        chart.put("xLabels", xLabels);
        List<Map<String, String>> lines = new ArrayList<>();
        List<Map<String, String>> legend = new ArrayList<>();
        List<String> topicNames = new ArrayList<>();
        for (int t = 0; t < topics.size(); t++) {
            String colour = COLOURS[t % COLOURS.length];
            String dash = DASHES[t % DASHES.length];
            legend.add(Map.of("colour", colour, "dash", dash, "label", topicNl(topics.get(t))));
            topicNames.add(topicNl(topics.get(t)));
            Map<String, ReportData.Mean> series = d.cityTopicMonth.get(topics.get(t));
            if (series == null) {
                continue;
            }
            List<String> pts = new ArrayList<>();
            for (int i = 0; i < ms.size(); i++) {
                ReportData.Mean m = series.get(ms.get(i));
                if (m != null) {
                    pts.add(coord(left + i * dx) + "," + coord(y(m.mean(), max, hgt, bottom)));
                }
            }
            lines.add(Map.of("colour", colour, "dash", dash, "points", String.join(" ", pts)));
        }
        chart.put("lines", lines);
        chart.put("legend", legend);
        chart.put("topics", topicNames);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String m : ms) {
            List<String> values = new ArrayList<>();
            for (String t : topics) {
                ReportData.Mean v = d.cityTopicMonth.getOrDefault(t, Map.of()).get(m);
                values.add(v == null ? "–" : num(v.mean()));
            }
            rows.add(Map.of("month", m, "values", values));
        }
        chart.put("rows", rows);
        return chart;
    }

    private static double y(double v, double max, int hgt, int bottom) {
        return 10 + (hgt - bottom - 10) * (1 - v / max);
    }

    /** The district × month heat map; null without data. */
    private static Map<String, Object> heatMap(ReportData d) {
        TreeSet<String> months = new TreeSet<>();
        d.districtMonth.values().forEach(m -> months.addAll(m.keySet()));
        if (months.isEmpty()) {
            return null;
        }
        List<String> ms = new ArrayList<>(months);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (var e : d.districtMonth.entrySet()) {
            List<Map<String, String>> cells = new ArrayList<>();
            for (String m : ms) {
                ReportData.Mean v = e.getValue().get(m);
                Map<String, String> cell = new HashMap<>();
                if (v != null) {
                    double x = Math.max(0, Math.min(100, v.mean()));
                    int light = (int) Math.round(96 - x * 0.6);
                    cell.put(
                            "style",
                            "background:hsl(8,75%,"
                                    + light
                                    + "%)"
                                    + (light < 60 ? ";color:#fff" : ""));
                    cell.put("value", String.valueOf(Math.round(v.mean())));
                } else {
                    cell.put("style", null);
                }
                cells.add(cell);
            }
            rows.add(Map.of("area", e.getKey(), "cells", cells));
        }
        return Map.of("months", ms.stream().map(m -> m.substring(2)).toList(), "rows", rows);
    }

    private static List<Map<String, Object>> peaks(ReportData d) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TensionIndicator p : d.peaks(15)) {
            List<Alert> related =
                    d.alertsAround(p.area(), p.topic(), p.windowStart(), p.windowEnd());
            List<String> terms = new ArrayList<>();
            List<String> incidents = new ArrayList<>();
            String level = null;
            for (Alert a : related) {
                a.topTerms().stream()
                        .filter(t -> !terms.contains(t))
                        .limit(6 - terms.size())
                        .forEach(terms::add);
                a.incidentIds().stream()
                        .filter(i -> !incidents.contains(i))
                        .forEach(incidents::add);
                if (level == null
                        || Alert.LEVELS.indexOf(a.level()) > Alert.LEVELS.indexOf(level)) {
                    level = a.level();
                }
            }
            Map<String, Object> row = new HashMap<>();
            row.put("day", DAY_NL.format(ReportData.day(p.windowEnd() - 1)));
            row.put(
                    "time",
                    TIME.format(Instant.ofEpochMilli(p.windowStart()))
                            + "–"
                            + TIME.format(Instant.ofEpochMilli(p.windowEnd())));
            row.put("area", areaNl(p.area()));
            row.put("topic", topicNl(p.topic()));
            row.put("index", num(p.tensionIndex()));
            row.put(
                    "stories",
                    p.stories() == null
                            ? "–"
                            : nl(p.stories())
                                    + (p.expected() == null ? "" : " (" + num(p.expected()) + ")"));
            row.put("z", p.zScore() == null ? "–" : num(p.zScore()));
            row.put("signals", nl(p.signals()));
            row.put(
                    "incidents",
                    p.incidents()
                            + (incidents.isEmpty()
                                    ? ""
                                    : " ("
                                            + String.join(
                                                    ", ",
                                                    incidents.subList(
                                                            0, Math.min(3, incidents.size())))
                                            + ")"));
            row.put("level", level == null ? null : levelNl(level));
            row.put("terms", String.join(", ", terms));
            out.add(row);
        }
        return out;
    }

    /** Event groups, one row per group with its cells, ranked by highest level and surprise. */
    private static Map<String, Object> groups(ReportData d) {
        List<ReportData.Group> all = d.groups(false);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ReportData.Group g : all.subList(0, Math.min(GROUP_ROWS, all.size()))) {
            Alert a = g.latest();
            Map<String, Object> row = new HashMap<>();
            row.put("level", levelNl(g.maxLevel()));
            row.put("cells", cellsNl(g.cells()));
            row.put("first", dateTime(g.first()));
            row.put("last", dateTime(g.last()));
            row.put("records", String.valueOf(g.records()));
            row.put(
                    "observed",
                    a.observed() == null
                            ? "–"
                            : nl(a.observed())
                                    + (a.expected() == null ? "" : " (" + num(a.expected()) + ")"));
            row.put("p", g.minPValue() == null ? "–" : pNl(g.minPValue()));
            row.put(
                    "incidents",
                    String.join(", ", a.incidentIds())
                            + (a.topTerms().isEmpty()
                                    ? ""
                                    : (a.incidentIds().isEmpty() ? "" : "; ")
                                            + String.join(", ", a.topTerms())));
            rows.add(row);
        }
        return table(rows, all.size());
    }

    /** Copy-paste bursts (coordinated groups), in a section of their own. */
    private static Map<String, Object> bursts(ReportData d) {
        List<ReportData.Group> all = d.groups(true);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ReportData.Group g : all.subList(0, Math.min(GROUP_ROWS, all.size()))) {
            Alert a = g.latest();
            Map<String, Object> row = new HashMap<>();
            row.put("first", dateTime(g.first()));
            row.put("cells", cellsNl(g.cells()));
            row.put("copies", a.copies() == null ? "–" : nl(a.copies()));
            row.put("authors", a.authors() == null ? "–" : nl(a.authors()));
            row.put("stories", a.observed() == null ? "–" : nl(a.observed()));
            row.put("records", String.valueOf(g.records()));
            rows.add(row);
        }
        return table(rows, all.size());
    }

    /** Rows and, when not all are shown, how many are and of how many. */
    private static Map<String, Object> table(List<Map<String, Object>> rows, int total) {
        Map<String, Object> t = new HashMap<>();
        t.put("rows", rows);
        t.put("shown", GROUP_ROWS);
        t.put("total", total > GROUP_ROWS ? nl(total) : null);
        return t;
    }

    /** A group's cells in words: "Charlois: lokaal incident, migratie; heel Rotterdam: ...". */
    private static String cellsNl(List<AlertCell> cells) {
        Map<String, List<String>> byArea = new java.util.LinkedHashMap<>();
        for (AlertCell c : cells) {
            List<String> topics = byArea.computeIfAbsent(c.area(), k -> new ArrayList<>());
            String t = topicNl(c.topic());
            if (!topics.contains(t)) {
                topics.add(t);
            }
        }
        List<String> parts = new ArrayList<>();
        byArea.forEach(
                (area, topics) -> parts.add(areaNl(area) + ": " + String.join(", ", topics)));
        return String.join("; ", parts);
    }

    private static List<Map<String, Object>> levels(ReportData d) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String level : LEVELS_DOWN) {
            out.add(
                    Map.of(
                            "level",
                            levelNl(level),
                            "count",
                            String.valueOf(d.alertsPerLevel.getOrDefault(level, 0L))));
        }
        return out;
    }

    private static List<Map<String, Object>> alertMonths(ReportData d) {
        Map<String, Map<String, Long>> perMonth = new java.util.TreeMap<>();
        for (Alert a : d.alerts) {
            perMonth.computeIfAbsent(
                            ReportData.month(a.windowEnd() - 1), k -> new java.util.TreeMap<>())
                    .merge(a.level(), 1L, Long::sum);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (var e : perMonth.entrySet()) {
            List<String> counts = new ArrayList<>();
            for (String level : LEVELS_DOWN) {
                counts.add(String.valueOf(e.getValue().getOrDefault(level, 0L)));
            }
            out.add(Map.of("month", e.getKey(), "counts", counts));
        }
        return out;
    }

    private static Map<String, Object> coverage(Context c) {
        Map<String, Map<String, Long>> perMonth = c.inputs().signalsPerMonth();
        TreeSet<String> sources = new TreeSet<>();
        perMonth.values().forEach(m -> sources.addAll(m.keySet()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (var e : perMonth.entrySet()) {
            List<String> counts = new ArrayList<>();
            for (String s : sources) {
                long n = e.getValue().getOrDefault(s, 0L);
                counts.add(n == 0 ? null : nl(n));
            }
            Map<String, Object> row = new HashMap<>();
            row.put("month", e.getKey());
            row.put("counts", counts);
            rows.add(row);
        }
        List<String> reasons = new ArrayList<>();
        c.written().deadLettersByReason().forEach((r, n) -> reasons.add(r + " " + nl(n)));
        Map<String, Object> out = new HashMap<>();
        out.put("files", nl(c.inputs().files().size()));
        out.put("sources", List.copyOf(sources));
        out.put("rows", rows);
        out.put("deadLetters", reasons);
        return out;
    }

    private static String dateTime(long epochMs) {
        return DAY_NL.format(ReportData.day(epochMs))
                + " "
                + TIME.format(Instant.ofEpochMilli(epochMs));
    }

    private static String pNl(double p) {
        return p < 0.001 ? "< 0,001" : String.format(DUTCH, "%.3f", p);
    }

    private static String areaNl(String area) {
        return TensionIndicator.CITY.equals(area) ? NL.get("area.city") : area;
    }

    private static String topicNl(String topic) {
        return NL.getOrDefault("topic." + topic, topic);
    }

    private static String levelNl(String level) {
        return NL.getOrDefault("level." + level, level);
    }

    private static String monthNl(String yyyyMm) {
        LocalDate d = LocalDate.parse(yyyyMm + "-01");
        return DateTimeFormatter.ofPattern("MMMM yyyy", DUTCH).format(d);
    }

    private static String dayNl(String isoDate) {
        try {
            return DAY_NL.format(LocalDate.parse(isoDate));
        } catch (RuntimeException e) {
            return isoDate;
        }
    }

    private static String shortCode(String v) {
        return v.length() > 12 && v.matches("[0-9a-f]{40}.*")
                ? v.substring(0, 12) + v.substring(40)
                : v;
    }

    private static String coord(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String num(Double v) {
        return v == null ? "–" : String.format(DUTCH, "%.1f", v);
    }

    private static String num(double v) {
        return String.format(DUTCH, "%.1f", v);
    }

    private static String nl(long n) {
        return String.format(DUTCH, "%,d", n);
    }

    private static String nl(Integer n) {
        return n == null ? "–" : nl((long) n);
    }
}
