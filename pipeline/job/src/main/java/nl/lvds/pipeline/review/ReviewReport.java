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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.models.event.Topic;

/**
 * {@code report.html}: the reviewer's report, one self-contained file (inline CSS and SVG, no
 * script, no network) that prints to A4. Dutch: a plain-language summary, tension per topic per
 * month, a district × month heat map, the highest peaks with their alerts, incidents and top terms,
 * alerts per level, and data coverage per source. Every chart has its numbers in a table too, and
 * charts use line patterns and printed values, so nothing depends on colour alone.
 */
public final class ReviewReport {

    private static final Map<String, String> TOPIC_NL =
            Map.of(
                    "middle-east", "Midden-Oosten",
                    "local-incident", "Lokaal incident",
                    "migration", "Migratie",
                    "discrimination", "Discriminatie",
                    "anti-government", "Anti-overheid",
                    "extremism", "Extremisme",
                    "all", "Alle thema's");

    private static final Map<String, String> LEVEL_NL =
            Map.of("watch", "attentie", "warning", "waarschuwing", "critical", "kritiek");

    private static final String[] COLOURS = {
        "#01689b", "#d52b1e", "#39870c", "#e17000", "#42145f", "#007bc7", "#000000"
    };
    private static final String[] DASHES = {"", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 4"};

    private static final DateTimeFormatter DAY_NL =
            DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("nl"));
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ReportData.ZONE);

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
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>LVDS terugblik ")
                .append(esc(c.from()))
                .append(" t/m ")
                .append(esc(c.to()))
                .append("</title>\n<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n");
        h.append("<header><p class=\"kicker\">Lezen van de stad — terugblik</p><h1>Spanningsbeeld ")
                .append(esc(dayNl(c.from())))
                .append(" t/m ")
                .append(esc(dayNl(c.to())))
                .append("</h1>\n<p class=\"meta\">Model ")
                .append(esc(c.modelVersion()))
                .append(" · configuratie ")
                .append(esc(c.configSha256().substring(0, 12)))
                .append(" · code ")
                .append(esc(shortCode(c.codeVersion())))
                .append(
                        " · alleen geaggregeerde cijfers; cellen met te weinig signalen zijn"
                                + " onderdrukt.</p></header>\n");

        summary(h, c, d);
        topicChart(h, d);
        heatMap(h, d);
        peaks(h, d);
        groups(h, d);
        bursts(h, d);
        alerts(h, d);
        coverage(h, c);
        h.append(
                "<section><h2>Werkwijze</h2><p>Dezelfde Flink-topologie als de live-pijplijn, in"
                        + " batchmodus over de archiefbestanden (event time; dezelfde invoer geeft dezelfde"
                        + " cijfers). Spanningsindex 0–100 per gebied en thema uit het aandeel vijandige en"
                        + " onrustige signalen en het volume ten opzichte van de basislijn (28 dagen, zelfde"
                        + " uur). Maandcijfers zijn gemiddelden van de 24-uursindicatoren. Cellen met minder"
                        + " dan k signalen of auteurs worden zonder cijfers gepubliceerd en tellen hier niet"
                        + " mee. Zie manifest.json voor invoerbestanden, hashes en versies.</p></section>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void summary(StringBuilder h, Context c, ReportData d) {
        long signals = c.inputs().records("signals");
        long incidents = c.inputs().records("incidents");
        h.append("<section class=\"summary\"><h2>Samenvatting</h2>\n<p>In deze periode zijn ")
                .append(nl(signals))
                .append(" signalen en ")
                .append(nl(incidents))
                .append(" incidentmeldingen verwerkt tot ")
                .append(nl(d.indicators))
                .append(" indicatoren (waarvan ")
                .append(nl(d.suppressed))
                .append(" onderdrukt wegens te weinig signalen) en ")
                .append(nl(d.alerts.size()))
                .append(" alertrecords in ")
                .append(nl(d.groups(false).size()))
                .append(" gebeurtenissen en ")
                .append(nl(d.groups(true).size()))
                .append(" kopieer-plakgolven")
                .append(levelsSentence(d))
                .append(".</p>\n");
        List<TensionIndicator> top = d.peaks(1);
        if (!top.isEmpty()) {
            TensionIndicator p = top.get(0);
            h.append("<p>De grootste piek (ten opzichte van het gewone niveau) was op ")
                    .append(esc(DAY_NL.format(ReportData.day(p.windowEnd() - 1))))
                    .append(" tussen ")
                    .append(TIME.format(Instant.ofEpochMilli(p.windowStart())))
                    .append(" en ")
                    .append(TIME.format(Instant.ofEpochMilli(p.windowEnd())))
                    .append(" in ")
                    .append(esc(areaNl(p.area())))
                    .append(" (")
                    .append(esc(topicNl(p.topic())))
                    .append("): spanningsindex ")
                    .append(num(p.tensionIndex()))
                    .append(" bij ")
                    .append(nl(p.signals()))
                    .append(" signalen");
            if (p.stories() != null && p.expected() != null) {
                h.append(" en ")
                        .append(nl(p.stories()))
                        .append(" verhalen, tegen ")
                        .append(num(p.expected()))
                        .append(" verwacht op dat uur");
            } else if (p.baselineMean() != null) {
                h.append(", tegen gemiddeld ")
                        .append(num(p.baselineMean()))
                        .append(" signalen op dat uur");
            }
            if (p.incidents() > 0) {
                h.append("; er waren ").append(p.incidents()).append(" gekoppelde incidenten");
            }
            h.append(".</p>\n");
        }
        String[] busiest = busiestMonth(d);
        if (busiest != null) {
            h.append("<p>De hoogste maandgemiddelde spanning in de stad lag bij het thema ")
                    .append(esc(topicNl(busiest[0])))
                    .append(" in ")
                    .append(esc(monthNl(busiest[1])))
                    .append(" (gemiddelde index ")
                    .append(busiest[2])
                    .append(").</p>\n");
        }
        h.append("</section>\n");
    }

    private static String levelsSentence(ReportData d) {
        if (d.alerts.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (String level : List.of("critical", "warning", "watch")) {
            long n = d.alertsPerLevel.getOrDefault(level, 0L);
            if (n > 0) {
                parts.add(n + " " + LEVEL_NL.get(level));
            }
        }
        return " (" + String.join(", ", parts) + ")";
    }

    private static String[] busiestMonth(ReportData d) {
        String[] best = null;
        double max = -1;
        for (var e : d.cityTopicMonth.entrySet()) {
            if (Topic.ALL_TOPICS.equals(e.getKey())) {
                continue;
            }
            for (var m : e.getValue().entrySet()) {
                if (m.getValue().mean() > max) {
                    max = m.getValue().mean();
                    best = new String[] {e.getKey(), m.getKey(), num(max)};
                }
            }
        }
        return best;
    }

    private static void topicChart(StringBuilder h, ReportData d) {
        TreeSet<String> months = new TreeSet<>();
        d.cityTopicMonth.values().forEach(m -> months.addAll(m.keySet()));
        h.append("<section><h2>Spanning per thema per maand (stad)</h2>\n");
        if (months.isEmpty()) {
            h.append("<p>Geen niet-onderdrukte 24-uursindicatoren op stadsniveau.</p></section>\n");
            return;
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
        h.append("<svg role=\"img\" aria-labelledby=\"t1\" viewBox=\"0 0 ")
                .append(w)
                .append(' ')
                .append(hgt)
                .append(
                        "\" class=\"chart\"><title id=\"t1\">Gemiddelde spanningsindex per thema per"
                                + " maand; de cijfers staan in de tabel eronder</title>\n");
        for (int g = 0; g <= 4; g++) {
            double v = max * g / 4;
            double y = y(v, max, hgt, bottom);
            h.append(
                    String.format(
                            Locale.ROOT,
                            "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/><text x=\"%d\" y=\"%.1f\" class=\"axis\" text-anchor=\"end\">%s</text>%n",
                            left,
                            w - 10,
                            y,
                            y,
                            left - 4,
                            y + 3,
                            num(v)));
        }
        int step = Math.max(1, ms.size() / 12);
        for (int i = 0; i < ms.size(); i += step) {
            h.append(
                    String.format(
                            Locale.ROOT,
                            "<text x=\"%.1f\" y=\"%d\" class=\"axis\" text-anchor=\"middle\">%s</text>%n",
                            left + i * dx,
                            hgt - 10,
                            esc(ms.get(i))));
        }
        for (int t = 0; t < topics.size(); t++) {
            Map<String, ReportData.Mean> series = d.cityTopicMonth.get(topics.get(t));
            if (series == null) {
                continue;
            }
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < ms.size(); i++) {
                ReportData.Mean m = series.get(ms.get(i));
                if (m != null) {
                    pts.append(
                            String.format(
                                    Locale.ROOT,
                                    "%.1f,%.1f ",
                                    left + i * dx,
                                    y(m.mean(), max, hgt, bottom)));
                }
            }
            h.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
                    .append(COLOURS[t % COLOURS.length])
                    .append("\" stroke-dasharray=\"")
                    .append(DASHES[t % DASHES.length])
                    .append("\" points=\"")
                    .append(pts.toString().strip())
                    .append("\"/>\n");
        }
        h.append("</svg>\n<ul class=\"legend\">");
        for (int t = 0; t < topics.size(); t++) {
            h.append(
                            "<li><svg width=\"28\" height=\"8\" aria-hidden=\"true\"><line x1=\"0\" x2=\"28\" y1=\"4\" y2=\"4\" stroke-width=\"2\" stroke=\"")
                    .append(COLOURS[t % COLOURS.length])
                    .append("\" stroke-dasharray=\"")
                    .append(DASHES[t % DASHES.length])
                    .append("\"/></svg> ")
                    .append(esc(topicNl(topics.get(t))))
                    .append("</li>");
        }
        h.append(
                "</ul>\n<details><summary>Tabel: gemiddelde index per thema per maand</summary>\n<table><thead><tr><th>Maand</th>");
        for (String t : topics) {
            h.append("<th>").append(esc(topicNl(t))).append("</th>");
        }
        h.append("</tr></thead><tbody>\n");
        for (String m : ms) {
            h.append("<tr><th>").append(esc(m)).append("</th>");
            for (String t : topics) {
                ReportData.Mean v = d.cityTopicMonth.getOrDefault(t, Map.of()).get(m);
                h.append("<td>").append(v == null ? "–" : num(v.mean())).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table></details></section>\n");
    }

    private static double y(double v, double max, int hgt, int bottom) {
        return 10 + (hgt - bottom - 10) * (1 - v / max);
    }

    private static void heatMap(StringBuilder h, ReportData d) {
        TreeSet<String> months = new TreeSet<>();
        d.districtMonth.values().forEach(m -> months.addAll(m.keySet()));
        h.append(
                "<section class=\"page\"><h2>Gebied × maand (gemiddelde index, alle thema's)</h2>\n");
        if (months.isEmpty()) {
            h.append("<p>Geen niet-onderdrukte 24-uursindicatoren per gebied.</p></section>\n");
            return;
        }
        List<String> ms = new ArrayList<>(months);
        h.append("<table class=\"heat\"><thead><tr><th>Gebied</th>");
        for (String m : ms) {
            h.append("<th class=\"rot\"><span>").append(esc(m.substring(2))).append("</span></th>");
        }
        h.append("</tr></thead><tbody>\n");
        for (var e : d.districtMonth.entrySet()) {
            h.append("<tr><th>").append(esc(e.getKey())).append("</th>");
            for (String m : ms) {
                ReportData.Mean v = e.getValue().get(m);
                if (v == null) {
                    h.append("<td class=\"none\">–</td>");
                } else {
                    double x = Math.max(0, Math.min(100, v.mean()));
                    int light = (int) Math.round(96 - x * 0.6);
                    h.append("<td style=\"background:hsl(8,75%,")
                            .append(light)
                            .append("%)")
                            .append(light < 60 ? ";color:#fff" : "")
                            .append("\">")
                            .append(Math.round(v.mean()))
                            .append("</td>");
                }
            }
            h.append("</tr>\n");
        }
        h.append(
                "</tbody></table><p class=\"note\">Hoe donkerder, hoe hoger de gemiddelde"
                        + " spanningsindex; het getal staat in elke cel.</p></section>\n");
    }

    private static void peaks(StringBuilder h, ReportData d) {
        List<TensionIndicator> top = d.peaks(15);
        h.append(
                "<section><h2>Grootste pieken (1 uur, per gebied en thema)</h2>\n<p class=\"note\">Gerangschikt"
                        + " naar verhalen ten opzichte van het verwachte aantal voor dat gebied, thema en uur"
                        + " ((verhalen + 1) / (verwacht + 1)); bijna-gelijke berichten tellen als één verhaal,"
                        + " zodat een kopieer-plakgolf geen piek wordt. Indicatoren zonder verhalen en"
                        + " verwachting (oudere versie) naar z-score.</p>\n");
        if (top.isEmpty()) {
            h.append(
                    "<p>Geen pieken: alle uurindicatoren op gebiedsniveau zijn onderdrukt.</p></section>\n");
            return;
        }
        h.append(
                "<table><thead><tr><th>Datum</th><th>Tijd</th><th>Gebied</th><th>Thema</th><th>Index</th>"
                        + "<th>Verhalen (verwacht)</th><th>z</th><th>Signalen</th><th>Incidenten</th>"
                        + "<th>Alerts en kernwoorden</th></tr></thead><tbody>\n");
        for (TensionIndicator p : top) {
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
            h.append("<tr><td>")
                    .append(esc(DAY_NL.format(ReportData.day(p.windowEnd() - 1))))
                    .append("</td><td>")
                    .append(TIME.format(Instant.ofEpochMilli(p.windowStart())))
                    .append("–")
                    .append(TIME.format(Instant.ofEpochMilli(p.windowEnd())))
                    .append("</td><td>")
                    .append(esc(areaNl(p.area())))
                    .append("</td><td>")
                    .append(esc(topicNl(p.topic())))
                    .append("</td><td>")
                    .append(num(p.tensionIndex()))
                    .append("</td><td>")
                    .append(
                            p.stories() == null
                                    ? "–"
                                    : nl(p.stories())
                                            + (p.expected() == null
                                                    ? ""
                                                    : " (" + num(p.expected()) + ")"))
                    .append("</td><td>")
                    .append(p.zScore() == null ? "–" : num(p.zScore()))
                    .append("</td><td>")
                    .append(nl(p.signals()))
                    .append("</td><td>")
                    .append(p.incidents())
                    .append(
                            incidents.isEmpty()
                                    ? ""
                                    : " ("
                                            + esc(
                                                    String.join(
                                                            ", ",
                                                            incidents.subList(
                                                                    0,
                                                                    Math.min(3, incidents.size()))))
                                            + ")")
                    .append("</td><td>")
                    .append(level == null ? "geen alert" : esc(LEVEL_NL.get(level)) + " alert")
                    .append(terms.isEmpty() ? "" : ": " + esc(String.join(", ", terms)))
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    private static final int GROUP_ROWS = 50;

    /** Event groups, one row per group with its cells, ranked by highest level and surprise. */
    private static void groups(StringBuilder h, ReportData d) {
        List<ReportData.Group> all = d.groups(false);
        h.append(
                "<section><h2>Meldingen per gebeurtenis</h2>\n<p class=\"note\">Eén rij per"
                        + " gebeurtenis (alertgroep): de gebieden en thema's die erbij hoorden, eerste en"
                        + " laatste tijdstip en het aantal records (melding, escalaties, updates, afsluiting)."
                        + " Gerangschikt naar hoogste niveau, dan naar verrassing (kleinste p-waarde).</p>\n");
        if (all.isEmpty()) {
            h.append("<p>Geen meldingen.</p></section>\n");
            return;
        }
        h.append(
                "<table><thead><tr><th>Hoogste niveau</th><th>Gebieden en thema's</th><th>Eerst</th>"
                        + "<th>Laatst</th><th>Records</th><th>Waargenomen (verwacht)</th><th>p</th>"
                        + "<th>Incidenten en kernwoorden</th></tr></thead><tbody>\n");
        for (ReportData.Group g : all.subList(0, Math.min(GROUP_ROWS, all.size()))) {
            Alert a = g.latest();
            h.append("<tr><td>")
                    .append(esc(LEVEL_NL.getOrDefault(g.maxLevel(), g.maxLevel())))
                    .append("</td><td>")
                    .append(esc(cellsNl(g.cells())))
                    .append("</td><td>")
                    .append(esc(dateTime(g.first())))
                    .append("</td><td>")
                    .append(esc(dateTime(g.last())))
                    .append("</td><td>")
                    .append(g.records())
                    .append("</td><td>")
                    .append(
                            a.observed() == null
                                    ? "–"
                                    : nl(a.observed())
                                            + (a.expected() == null
                                                    ? ""
                                                    : " (" + num(a.expected()) + ")"))
                    .append("</td><td>")
                    .append(g.minPValue() == null ? "–" : pNl(g.minPValue()))
                    .append("</td><td>")
                    .append(esc(String.join(", ", a.incidentIds())))
                    .append(
                            a.topTerms().isEmpty()
                                    ? ""
                                    : (a.incidentIds().isEmpty() ? "" : "; ")
                                            + esc(String.join(", ", a.topTerms())))
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
        if (all.size() > GROUP_ROWS) {
            h.append("<p class=\"note\">De ")
                    .append(GROUP_ROWS)
                    .append(" hoogste van ")
                    .append(nl(all.size()))
                    .append(" gebeurtenissen; alle staan in alerts.jsonl.</p>\n");
        }
        h.append("</section>\n");
    }

    /** Copy-paste bursts (coordinated groups), in a section of their own. */
    private static void bursts(StringBuilder h, ReportData d) {
        List<ReportData.Group> all = d.groups(true);
        h.append(
                "<section><h2>Gecoördineerde berichten (kopieer-plakgolven)</h2>\n<p class=\"note\">Veel"
                        + " kopieën van weinig verhalen: een attentie, geen gebeurtenis op zich. Aantallen"
                        + " auteurs zijn tellingen, nooit wie.</p>\n");
        if (all.isEmpty()) {
            h.append("<p>Geen kopieer-plakgolven.</p></section>\n");
            return;
        }
        h.append(
                "<table><thead><tr><th>Begin</th><th>Gebieden en thema's</th><th>Kopieën</th>"
                        + "<th>Auteurs</th><th>Verhalen</th><th>Records</th></tr></thead><tbody>\n");
        for (ReportData.Group g : all.subList(0, Math.min(GROUP_ROWS, all.size()))) {
            Alert a = g.latest();
            h.append("<tr><td>")
                    .append(esc(dateTime(g.first())))
                    .append("</td><td>")
                    .append(esc(cellsNl(g.cells())))
                    .append("</td><td>")
                    .append(a.copies() == null ? "–" : nl(a.copies()))
                    .append("</td><td>")
                    .append(a.authors() == null ? "–" : nl(a.authors()))
                    .append("</td><td>")
                    .append(a.observed() == null ? "–" : nl(a.observed()))
                    .append("</td><td>")
                    .append(g.records())
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
        if (all.size() > GROUP_ROWS) {
            h.append("<p class=\"note\">De ")
                    .append(GROUP_ROWS)
                    .append(" grootste van ")
                    .append(nl(all.size()))
                    .append(" kopieer-plakgolven.</p>\n");
        }
        h.append("</section>\n");
    }

    /** A group's cells in words: "Charlois: lokaal incident, migratie; heel Rotterdam: ...". */
    private static String cellsNl(List<nl.lvds.models.event.AlertCell> cells) {
        Map<String, List<String>> byArea = new java.util.LinkedHashMap<>();
        for (nl.lvds.models.event.AlertCell c : cells) {
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

    private static String dateTime(long epochMs) {
        return DAY_NL.format(ReportData.day(epochMs))
                + " "
                + TIME.format(Instant.ofEpochMilli(epochMs));
    }

    private static String pNl(double p) {
        return p < 0.001
                ? "&lt; 0,001"
                : String.format(java.util.Locale.ROOT, "%.3f", p).replace('.', ',');
    }

    private static void alerts(StringBuilder h, ReportData d) {
        h.append(
                "<section><h2>Alerts per niveau</h2>\n<table><thead><tr><th>Niveau</th><th>Aantal</th></tr></thead><tbody>\n");
        for (String level : List.of("critical", "warning", "watch")) {
            h.append("<tr><td>")
                    .append(esc(LEVEL_NL.get(level)))
                    .append("</td><td>")
                    .append(d.alertsPerLevel.getOrDefault(level, 0L))
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");
        Map<String, Map<String, Long>> perMonth = new java.util.TreeMap<>();
        for (Alert a : d.alerts) {
            perMonth.computeIfAbsent(
                            ReportData.month(a.windowEnd() - 1), k -> new java.util.TreeMap<>())
                    .merge(a.level(), 1L, Long::sum);
        }
        if (!perMonth.isEmpty()) {
            h.append(
                    "<details><summary>Alerts per maand</summary><table><thead><tr><th>Maand</th><th>kritiek</th><th>waarschuwing</th><th>attentie</th></tr></thead><tbody>\n");
            for (var e : perMonth.entrySet()) {
                h.append("<tr><th>").append(esc(e.getKey())).append("</th>");
                for (String level : List.of("critical", "warning", "watch")) {
                    h.append("<td>").append(e.getValue().getOrDefault(level, 0L)).append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</tbody></table></details>\n");
        }
        h.append("</section>\n");
    }

    private static void coverage(StringBuilder h, Context c) {
        Map<String, Map<String, Long>> perMonth = c.inputs().signalsPerMonth();
        TreeSet<String> sources = new TreeSet<>();
        perMonth.values().forEach(m -> sources.addAll(m.keySet()));
        h.append("<section><h2>Databronnen en dekking</h2>\n<p>")
                .append(nl(c.inputs().files().size()))
                .append(
                        " invoerbestanden. Signalen per maand per brontype:</p>\n<table><thead><tr><th>Maand</th>");
        for (String s : sources) {
            h.append("<th>").append(esc(s)).append("</th>");
        }
        h.append("</tr></thead><tbody>\n");
        for (var e : perMonth.entrySet()) {
            h.append("<tr><th>").append(esc(e.getKey())).append("</th>");
            for (String s : sources) {
                long n = e.getValue().getOrDefault(s, 0L);
                h.append(n == 0 ? "<td class=\"gap\">0 (gat)</td>" : "<td>" + nl(n) + "</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n<p>Afgekeurde records (dead letters) per reden: ");
        Map<String, Long> reasons = c.written().deadLettersByReason();
        if (reasons.isEmpty()) {
            h.append("geen");
        } else {
            List<String> parts = new ArrayList<>();
            reasons.forEach((r, n) -> parts.add(esc(r) + " " + nl(n)));
            h.append(String.join(", ", parts));
        }
        h.append(".</p></section>\n");
    }

    private static String areaNl(String area) {
        return TensionIndicator.CITY.equals(area) ? "heel Rotterdam" : area;
    }

    private static String topicNl(String topic) {
        return TOPIC_NL.getOrDefault(topic, topic);
    }

    private static String monthNl(String yyyyMm) {
        LocalDate d = LocalDate.parse(yyyyMm + "-01");
        return DateTimeFormatter.ofPattern("MMMM yyyy", Locale.forLanguageTag("nl")).format(d);
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

    private static String num(Double v) {
        return v == null ? "–" : String.format(Locale.forLanguageTag("nl"), "%.1f", v);
    }

    private static String num(double v) {
        return String.format(Locale.forLanguageTag("nl"), "%.1f", v);
    }

    private static String nl(long n) {
        return String.format(Locale.forLanguageTag("nl"), "%,d", n);
    }

    private static String nl(Integer n) {
        return n == null ? "–" : nl((long) n);
    }

    /** HTML-escapes text from data. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    private static final String CSS =
            """
            @page { size: A4; margin: 16mm 14mm; }
            body { font-family: "RO Sans", "Segoe UI", Arial, sans-serif; color: #1a1a1a; max-width: 190mm; margin: 0 auto; padding: 12px; line-height: 1.45; font-size: 11pt; }
            header { border-bottom: 4px solid #01689b; margin-bottom: 12px; }
            .kicker { color: #01689b; font-weight: bold; margin: 0; }
            h1 { font-size: 20pt; margin: 4px 0; } h2 { font-size: 14pt; color: #01689b; margin-top: 18px; }
            .meta, .note { color: #555; font-size: 9pt; }
            .summary { background: #e5f0f9; padding: 4px 12px; border-left: 4px solid #01689b; }
            table { border-collapse: collapse; font-size: 9pt; margin: 6px 0; }
            th, td { border: 1px solid #ccc; padding: 2px 5px; text-align: right; }
            th:first-child, td:first-child { text-align: left; }
            .heat td { min-width: 18px; text-align: center; font-size: 7pt; padding: 1px; }
            .heat th.rot { font-size: 6.5pt; font-weight: normal; padding: 1px; }
            td.gap { background: #fdecea; }
            .chart { width: 100%; height: auto; } .grid { stroke: #ddd; } .axis { font-size: 9px; fill: #444; }
            .legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 9pt; }
            section { page-break-inside: avoid; } .page { page-break-before: always; }
            details > summary { cursor: pointer; color: #01689b; }
            @media print { details { display: block; } details > summary { display: none; } details > table { display: table; } }
            """;
}
