package nl.lvds.dashboards.briefing;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.lvds.dashboards.briefing.Briefing.Escalation;
import nl.lvds.dashboards.briefing.Briefing.Gap;
import nl.lvds.dashboards.briefing.Briefing.Rise;
import nl.lvds.dashboards.notify.GroupFacts;
import nl.lvds.dashboards.notify.Labels;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.Incident;

/**
 * Renders a {@link Briefing} as HTML (mail body, with inline SVG sparklines) and Markdown (file,
 * Unicode sparklines), in plain Dutch or English. Shows aggregates only; suppressed cells appear as
 * "te weinig signalen", never with a number.
 */
public final class BriefingRenderer {

    private static final Map<String, String> INCIDENT_NL =
            Map.of(
                    "explosion", "explosie",
                    "fire", "brand",
                    "shooting", "schietincident",
                    "stabbing", "steekincident",
                    "riot", "ongeregeldheden",
                    "demonstration", "demonstratie",
                    "vandalism", "vandalisme",
                    "threat", "bedreiging",
                    "other", "overig");

    private final ZoneId zone;
    private final String lang;
    private final boolean en;
    private final Locale locale;

    /** A renderer for times in {@code zone} and language nl or en. */
    public BriefingRenderer(ZoneId zone, String lang) {
        this.zone = zone;
        this.lang = lang;
        this.en = "en".equals(lang);
        this.locale = en ? Locale.UK : Locale.forLanguageTag("nl-NL");
    }

    /**
     * The mail subject, e.g. "[LVDS] Ochtendbriefing 8 maart 2024: 3 nieuwe meldingen, 1
     * geëscaleerd".
     */
    public String subject(Briefing b) {
        String date =
                DateTimeFormatter.ofPattern("d MMMM yyyy", locale).format(b.to().atZone(zone));
        int n = b.newAlerts().size();
        int e = b.escalations().size();
        return en
                ? "[LVDS] Morning briefing "
                        + date
                        + ": "
                        + n
                        + " new alert(s), "
                        + e
                        + " escalated"
                : "[LVDS] Ochtendbriefing "
                        + date
                        + ": "
                        + n
                        + " nieuwe melding(en), "
                        + e
                        + " geëscaleerd";
    }

    /** One-paragraph summary in plain language. */
    public String summary(Briefing b) {
        int[] lv = b.levelCounts();
        int total = b.newAlerts().size() + b.escalations().size();
        StringBuilder s = new StringBuilder();
        if (total == 0) {
            s.append(
                    en
                            ? "Quiet: no new alerts since the last briefing."
                            : "Rustig: geen nieuwe meldingen sinds de vorige briefing.");
        } else {
            List<String> parts = new ArrayList<>();
            for (int i = Alert.LEVELS.size() - 1; i >= 0; i--) {
                if (lv[i] > 0) {
                    parts.add(
                            lv[i]
                                    + " "
                                    + Labels.level(Alert.LEVELS.get(i), lang).toLowerCase(locale));
                }
            }
            s.append(en ? "In brief: " : "In het kort: ")
                    .append(total)
                    .append(en ? " alert(s) (" : " melding(en) (")
                    .append(String.join(", ", parts))
                    .append(en ? "): " : "), waarvan ")
                    .append(b.newAlerts().size())
                    .append(en ? " new and " : " nieuw en ")
                    .append(b.escalations().size())
                    .append(en ? " escalated." : " geëscaleerd.");
        }
        if (!b.rises().isEmpty()) {
            Rise r = b.rises().get(0);
            s.append(en ? " Largest rise: " : " Grootste stijging: ")
                    .append(r.district())
                    .append(", ")
                    .append(Labels.topic(r.topic(), lang))
                    .append(" (z = ")
                    .append(num(r.zScore(), 1))
                    .append(en ? ", at " : ", om ")
                    .append(clock(r.peakWindowEnd() - 3600_000L))
                    .append(").");
        }
        if (!b.gaps().isEmpty()) {
            s.append(
                    en
                            ? " Note: the data has gaps (see below)."
                            : " Let op: er ontbreken gegevens (zie onder).");
        }
        return s.toString();
    }

    /** The Markdown document (also the mail's plain-text part). */
    public String markdown(Briefing b) {
        StringBuilder m = new StringBuilder();
        m.append("# ").append(title(b)).append("\n\n");
        m.append("_").append(period(b)).append("_\n\n");
        m.append(summary(b)).append("\n\n");

        m.append("## ").append(en ? "Events" : "Gebeurtenissen").append("\n\n");
        if (b.groups().isEmpty()) {
            m.append(en ? "None.\n\n" : "Geen.\n\n");
        } else {
            m.append(mdRow(groupHeader())).append('\n');
            m.append("|---|---|---|---|---|---|---:|---|\n");
            for (Briefing.GroupLine g : b.groups()) {
                m.append(mdRow(groupRow(g))).append('\n');
            }
            m.append('\n');
        }

        m.append("## ")
                .append(
                        en
                                ? "Coordinated posts (copy-paste bursts)"
                                : "Gecoördineerde berichten (kopieer-plakgolven)")
                .append("\n\n");
        if (b.bursts().isEmpty()) {
            m.append(en ? "None.\n\n" : "Geen.\n\n");
        } else {
            m.append(mdRow(burstHeader())).append('\n');
            m.append("|---|---|---|---|---|\n");
            for (Briefing.GroupLine g : b.bursts()) {
                m.append(mdRow(burstRow(g))).append('\n');
            }
            m.append('\n');
        }

        m.append("## ").append(en ? "Escalations" : "Escalaties").append("\n\n");
        if (b.escalations().isEmpty()) {
            m.append(en ? "None.\n\n" : "Geen.\n\n");
        } else {
            for (Escalation e : b.escalations()) {
                m.append("- ").append(escalation(e)).append('\n');
            }
            m.append('\n');
        }

        m.append("## ")
                .append(
                        en
                                ? "Largest rises compared with normal"
                                : "Grootste stijgingen ten opzichte van normaal")
                .append("\n\n");
        if (b.rises().isEmpty()) {
            m.append(
                    en
                            ? "No district and topic rose above its baseline.\n\n"
                            : "Geen gebied en thema kwam boven het normale niveau.\n\n");
        } else {
            m.append(
                    en
                            ? "| District | Topic | Peak hour | Signals (normal) | z | Tension index | Trend |\n"
                            : "| Gebied | Thema | Piekuur | Signalen (normaal) | z | Spanningsindex | Verloop |\n");
            m.append("|---|---|---|---:|---:|---:|---|\n");
            for (Rise r : b.rises()) {
                m.append("| ")
                        .append(md(r.district()))
                        .append(" | ")
                        .append(Labels.topic(r.topic(), lang))
                        .append(" | ")
                        .append(time(r.peakWindowEnd() - 3600_000L))
                        .append(" | ")
                        .append(signals(r))
                        .append(" | ")
                        .append(num(r.zScore(), 1))
                        .append(" | ")
                        .append(r.tensionIndex() == null ? "–" : num(r.tensionIndex(), 0))
                        .append(" | `")
                        .append(Sparkline.text(r.series()))
                        .append("`")
                        .append(" |\n");
            }
            m.append('\n').append(trendNote()).append("\n\n");
        }

        m.append("## ").append(en ? "Incidents" : "Incidenten").append("\n\n");
        if (b.incidents().isEmpty()) {
            m.append(
                    en
                            ? "No incidents reported in this period.\n\n"
                            : "Geen incidenten gemeld in deze periode.\n\n");
        } else {
            for (Incident i : b.incidents().subList(0, Math.min(15, b.incidents().size()))) {
                m.append("- ").append(incident(i, b)).append('\n');
            }
            if (b.incidents().size() > 15) {
                m.append("- … ")
                        .append(b.incidents().size() - 15)
                        .append(en ? " more\n" : " meer\n");
            }
            m.append('\n');
        }

        m.append("## ")
                .append(en ? "Data gaps and suppression" : "Gaten in de gegevens en onderdrukking")
                .append("\n\n");
        for (String line : dataLines(b)) {
            m.append("- ").append(line).append('\n');
        }
        m.append('\n').append("---\n\n").append(footer(b)).append('\n');
        return m.toString();
    }

    /** The HTML document (mail body and file). */
    public String html(Briefing b) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang=\"")
                .append(en ? "en" : "nl")
                .append("\"><head><meta charset=\"utf-8\">")
                .append("<title>")
                .append(Labels.html(title(b)))
                .append("</title>")
                .append(
                        "<style>body{font-family:sans-serif;max-width:52em;margin:1em auto;color:#222}")
                .append(
                        "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}")
                .append("td.n{text-align:right}.muted{color:#666;font-size:smaller}")
                .append(
                        ".critical{color:#c0392b;font-weight:bold}.warning{color:#d35400}.watch{color:#7f6a00}</style>")
                .append("</head><body>");
        h.append("<h1>").append(Labels.html(title(b))).append("</h1>");
        h.append("<p class=\"muted\">").append(Labels.html(period(b))).append("</p>");
        h.append("<p><strong>").append(Labels.html(summary(b))).append("</strong></p>");

        h.append("<h2>").append(en ? "Events" : "Gebeurtenissen").append("</h2>");
        if (b.groups().isEmpty()) {
            h.append("<p>").append(en ? "None." : "Geen.").append("</p>");
        } else {
            htmlTable(
                    h, groupHeader(), b.groups().stream().map(this::groupRow).toList(), b.groups());
        }
        h.append("<h2>")
                .append(
                        en
                                ? "Coordinated posts (copy-paste bursts)"
                                : "Gecoördineerde berichten (kopieer-plakgolven)")
                .append("</h2>");
        if (b.bursts().isEmpty()) {
            h.append("<p>").append(en ? "None." : "Geen.").append("</p>");
        } else {
            htmlTable(
                    h, burstHeader(), b.bursts().stream().map(this::burstRow).toList(), b.bursts());
        }

        h.append("<h2>").append(en ? "Escalations" : "Escalaties").append("</h2>");
        if (b.escalations().isEmpty()) {
            h.append("<p>").append(en ? "None." : "Geen.").append("</p>");
        } else {
            h.append("<ul>");
            for (Escalation e : b.escalations()) {
                h.append("<li>").append(Labels.html(escalation(e))).append("</li>");
            }
            h.append("</ul>");
        }

        h.append("<h2>")
                .append(
                        en
                                ? "Largest rises compared with normal"
                                : "Grootste stijgingen ten opzichte van normaal")
                .append("</h2>");
        if (b.rises().isEmpty()) {
            h.append("<p>")
                    .append(
                            en
                                    ? "No district and topic rose above its baseline."
                                    : "Geen gebied en thema kwam boven het normale niveau.")
                    .append("</p>");
        } else {
            h.append("<table><tr>");
            for (String c :
                    en
                            ? List.of(
                                    "District",
                                    "Topic",
                                    "Peak hour",
                                    "Signals (normal)",
                                    "z",
                                    "Tension index",
                                    "Trend")
                            : List.of(
                                    "Gebied",
                                    "Thema",
                                    "Piekuur",
                                    "Signalen (normaal)",
                                    "z",
                                    "Spanningsindex",
                                    "Verloop")) {
                h.append("<th>").append(c).append("</th>");
            }
            h.append("</tr>");
            for (Rise r : b.rises()) {
                String label =
                        (en ? "trend of " : "verloop van ")
                                + r.district()
                                + ", "
                                + Labels.topic(r.topic(), lang);
                h.append("<tr><td>")
                        .append(Labels.html(r.district()))
                        .append("</td><td>")
                        .append(Labels.html(Labels.topic(r.topic(), lang)))
                        .append("</td><td>")
                        .append(Labels.html(time(r.peakWindowEnd() - 3600_000L)))
                        .append("</td><td class=\"n\">")
                        .append(Labels.html(signals(r)))
                        .append("</td><td class=\"n\">")
                        .append(num(r.zScore(), 1))
                        .append("</td><td class=\"n\">")
                        .append(r.tensionIndex() == null ? "–" : num(r.tensionIndex(), 0))
                        .append("</td><td>")
                        .append(Sparkline.svg(r.series(), 140, 24, label))
                        .append("</td></tr>");
            }
            h.append("</table><p class=\"muted\">").append(Labels.html(trendNote())).append("</p>");
        }

        h.append("<h2>").append(en ? "Incidents" : "Incidenten").append("</h2>");
        if (b.incidents().isEmpty()) {
            h.append("<p>")
                    .append(
                            en
                                    ? "No incidents reported in this period."
                                    : "Geen incidenten gemeld in deze periode.")
                    .append("</p>");
        } else {
            h.append("<ul>");
            for (Incident i : b.incidents().subList(0, Math.min(15, b.incidents().size()))) {
                h.append("<li>").append(Labels.html(incident(i, b))).append("</li>");
            }
            if (b.incidents().size() > 15) {
                h.append("<li>… ")
                        .append(b.incidents().size() - 15)
                        .append(en ? " more" : " meer")
                        .append("</li>");
            }
            h.append("</ul>");
        }

        h.append("<h2>")
                .append(en ? "Data gaps and suppression" : "Gaten in de gegevens en onderdrukking")
                .append("</h2><ul>");
        for (String line : dataLines(b)) {
            h.append("<li>").append(Labels.html(line)).append("</li>");
        }
        h.append("</ul><hr><p class=\"muted\">")
                .append(Labels.html(footer(b)))
                .append("</p></body></html>\n");
        return h.toString();
    }

    private String title(Briefing b) {
        String date =
                DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", locale).format(b.to().atZone(zone));
        return (en ? "LVDS morning briefing — " : "LVDS ochtendbriefing — ") + date;
    }

    private String period(Briefing b) {
        return (en ? "Period: " : "Periode: ")
                + time(b.from().toEpochMilli())
                + " – "
                + time(b.to().toEpochMilli())
                + " ("
                + zone.getId()
                + ")";
    }

    private List<String> groupHeader() {
        return en
                ? List.of(
                        "Highest level",
                        "Areas",
                        "Topics",
                        "Status",
                        "First raised",
                        "Why now",
                        "Records",
                        "Incidents")
                : List.of(
                        "Hoogste niveau",
                        "Gebieden",
                        "Thema's",
                        "Status",
                        "Eerst gemeld",
                        "Waarom nu",
                        "Berichten",
                        "Incidenten");
    }

    /** One line per event group: its cells' areas and topics summarised. */
    private List<String> groupRow(Briefing.GroupLine g) {
        Alert a = g.latest();
        String why = GroupFacts.whyNow(a, lang);
        return List.of(
                Labels.level(g.maxLevel(), lang),
                GroupFacts.areaList(a, lang, 4),
                GroupFacts.topicList(a, lang, 3),
                GroupFacts.status(a.status(), lang),
                time(g.firstRaised()),
                why == null ? "–" : why,
                String.valueOf(g.records()),
                a.incidentIds().isEmpty() ? "–" : String.join(", ", a.incidentIds()));
    }

    private List<String> burstHeader() {
        return en
                ? List.of("Areas", "Topics", "Copies, authors, stories", "Status", "First seen")
                : List.of(
                        "Gebieden",
                        "Thema's",
                        "Kopieën, auteurs, verhalen",
                        "Status",
                        "Eerst gezien");
    }

    private List<String> burstRow(Briefing.GroupLine g) {
        Alert a = g.latest();
        String copies = GroupFacts.copies(a, lang);
        return List.of(
                GroupFacts.areaList(a, lang, 4),
                GroupFacts.topicList(a, lang, 3),
                copies == null ? "–" : copies,
                GroupFacts.status(a.status(), lang),
                time(g.firstRaised()));
    }

    private static String mdRow(List<String> cells) {
        StringBuilder r = new StringBuilder("|");
        for (String c : cells) {
            r.append(' ').append(md(c)).append(" |");
        }
        return r.toString();
    }

    private static void htmlTable(
            StringBuilder h,
            List<String> header,
            List<List<String>> rows,
            List<Briefing.GroupLine> lines) {
        h.append("<table><tr>");
        for (String c : header) {
            h.append("<th>").append(Labels.html(c)).append("</th>");
        }
        h.append("</tr>");
        for (int i = 0; i < rows.size(); i++) {
            h.append("<tr>");
            List<String> row = rows.get(i);
            for (int j = 0; j < row.size(); j++) {
                h.append(
                                j == 0
                                        ? "<td class=\""
                                                + Labels.html(lines.get(i).maxLevel())
                                                + "\">"
                                        : "<td>")
                        .append(Labels.html(row.get(j)))
                        .append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>");
    }

    private String escalation(Escalation e) {
        Alert a = e.alert();
        return GroupFacts.areaList(a, lang, 4)
                + " — "
                + GroupFacts.topicList(a, lang, 3)
                + ": "
                + (en ? "from " : "van ")
                + Labels.level(e.fromLevel(), lang)
                + (en ? " to " : " naar ")
                + Labels.level(a.level(), lang)
                + " ("
                + time(a.windowStart())
                + "–"
                + clock(a.windowEnd())
                + (en ? ", rule " : ", regel ")
                + a.rule()
                + ")";
    }

    private String signals(Rise r) {
        if (r.signals() == null) {
            return en ? "too few signals" : "te weinig signalen";
        }
        return r.signals()
                + (r.baselineMean() == null ? "" : " (~" + num(r.baselineMean(), 0) + ")");
    }

    private String trendNote() {
        return en
                ? "Trend: signals per hour over the period; a dot (·) or a break is an hour with too few signals or no data."
                : "Verloop: signalen per uur over de periode; een punt (·) of onderbreking is een uur met te weinig signalen of zonder gegevens.";
    }

    private String incident(Incident i, Briefing b) {
        String type = en ? i.type() : INCIDENT_NL.getOrDefault(i.type(), i.type());
        String s =
                time(i.ts())
                        + " — "
                        + type
                        + (i.area() == null ? "" : ", " + i.area())
                        + " ("
                        + i.feed()
                        + (en ? ", severity " : ", ernst ")
                        + i.severity()
                        + ")";
        if (b.linkedIncidentIds().contains(i.id())) {
            s += en ? " — linked to an alert" : " — gekoppeld aan een melding";
        }
        return s;
    }

    private List<String> dataLines(Briefing b) {
        List<String> out = new ArrayList<>();
        if (b.indicatorCount() == 0) {
            out.add(
                    en
                            ? "No indicators were received for this period: the pipeline or its sources may be down."
                            : "Voor deze periode zijn geen indicatoren ontvangen: de verwerking of de bronnen liggen mogelijk stil.");
        }
        for (Gap g : b.gaps()) {
            out.add(
                    (en ? "No city-wide data from " : "Geen stadsbrede gegevens van ")
                            + time(g.from())
                            + (en ? " to " : " tot ")
                            + clock(g.to())
                            + ".");
        }
        if (b.gaps().isEmpty() && b.indicatorCount() > 0) {
            out.add(
                    en
                            ? "No gaps: every hour of the period has data."
                            : "Geen gaten: elk uur van de periode heeft gegevens.");
        }
        if (b.incidents().isEmpty()) {
            out.add(
                    en
                            ? "The incident feeds delivered nothing in this period."
                            : "De incidentfeeds leverden in deze periode niets aan.");
        }
        out.add(
                en
                        ? b.suppressedCells()
                                + " hourly cells (area × topic) had too few signals and are shown without numbers."
                        : b.suppressedCells()
                                + " uurcellen (gebied × thema) hadden te weinig signalen en worden zonder cijfers getoond.");
        return out;
    }

    private String footer(Briefing b) {
        String models = b.modelVersions().isEmpty() ? "–" : String.join(", ", b.modelVersions());
        return en
                ? "LVDS shows aggregates only: no posts, nothing about persons; cells with too few signals are suppressed. Model: "
                        + models
                        + "."
                : "LVDS toont alleen geaggregeerde cijfers: geen berichten, niets over personen; cellen met te weinig signalen worden onderdrukt. Model: "
                        + models
                        + ".";
    }

    private String time(long ms) {
        return DateTimeFormatter.ofPattern("EEE d MMM HH:mm", locale)
                .format(Instant.ofEpochMilli(ms).atZone(zone));
    }

    private String clock(long ms) {
        return DateTimeFormatter.ofPattern("HH:mm").format(Instant.ofEpochMilli(ms).atZone(zone));
    }

    private String num(double d, int decimals) {
        return String.format(locale, "%." + decimals + "f", d);
    }

    private static String md(String s) {
        return s == null ? "" : s.replace("|", "\\|");
    }
}
