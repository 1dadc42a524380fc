package nl.lvds.dashboards.briefing;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
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
import nl.lvds.models.render.Messages;
import nl.lvds.models.render.Templates;

/**
 * Renders a {@link Briefing} as HTML (mail body, with inline SVG sparklines) and Markdown (file,
 * Unicode sparklines), in plain Dutch or English. Shows aggregates only; suppressed cells appear as
 * "te weinig signalen", never with a number. The words are in the dashboards' message bundle, the
 * layout in the templates {@code briefing.html.peb} and {@code briefing.md.peb}.
 */
public final class BriefingRenderer {

    private static final int MAX_INCIDENTS = 15;
    private static final String TEMPLATES = "nl/lvds/dashboards/templates/";
    private static final Templates HTML =
            Templates.html(TEMPLATES, BriefingRenderer.class.getClassLoader());
    private static final Templates TEXT =
            Templates.text(TEMPLATES, BriefingRenderer.class.getClassLoader());

    private final ZoneId zone;
    private final String lang;
    private final Messages m;
    private final Locale locale;

    /** A renderer for times in {@code zone} and language nl or en. */
    public BriefingRenderer(ZoneId zone, String lang) {
        this.zone = zone;
        this.lang = lang;
        this.m = Labels.messages(lang);
        this.locale = "en".equals(m.lang()) ? Locale.UK : Locale.forLanguageTag("nl-NL");
    }

    /**
     * The mail subject, e.g. "[LVDS] Ochtendbriefing 8 maart 2024: 3 nieuwe meldingen, 1
     * geëscaleerd".
     */
    public String subject(Briefing b) {
        String date =
                DateTimeFormatter.ofPattern("d MMMM yyyy", locale).format(b.to().atZone(zone));
        return m.get("briefing.subject", date, b.newAlerts().size(), b.escalations().size());
    }

    /** One-paragraph summary in plain language. */
    public String summary(Briefing b) {
        int[] lv = b.levelCounts();
        int total = b.newAlerts().size() + b.escalations().size();
        List<String> sentences = new ArrayList<>();
        if (total == 0) {
            sentences.add(m.get("briefing.quiet"));
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
            sentences.add(
                    m.get(
                            "briefing.inBrief",
                            total,
                            String.join(", ", parts),
                            b.newAlerts().size(),
                            b.escalations().size()));
        }
        if (!b.rises().isEmpty()) {
            Rise r = b.rises().get(0);
            sentences.add(
                    m.get(
                            "briefing.largestRise",
                            r.district(),
                            Labels.topic(r.topic(), lang),
                            num(r.zScore(), 1),
                            clock(r.peakWindowEnd() - 3600_000L)));
        }
        if (!b.gaps().isEmpty()) {
            sentences.add(m.get("briefing.gapsNote"));
        }
        return String.join(" ", sentences);
    }

    /** The Markdown document (also the mail's plain-text part). */
    public String markdown(Briefing b) {
        return TEXT.render("briefing.md.peb", view(b), m);
    }

    /** The HTML document (mail body and file). */
    public String html(Briefing b) {
        return HTML.render("briefing.html.peb", view(b), m);
    }

    /** What the templates show. */
    private Map<String, Object> view(Briefing b) {
        Map<String, Object> v = new HashMap<>();
        v.put("lang", m.lang());
        v.put("title", title(b));
        v.put("period", period(b));
        v.put("summary", summary(b));
        v.put(
                "groupHeader",
                header(
                        "level",
                        "areas",
                        "topics",
                        "status",
                        "firstRaised",
                        "whyNow",
                        "records",
                        "incidents"));
        List<Map<String, Object>> groups = new ArrayList<>();
        for (Briefing.GroupLine g : b.groups()) {
            groups.add(row(g, groupRow(g)));
        }
        v.put("groups", groups);
        v.put("burstHeader", header("areas", "topics", "copies", "status", "firstSeen"));
        List<Map<String, Object>> bursts = new ArrayList<>();
        for (Briefing.GroupLine g : b.bursts()) {
            bursts.add(row(g, burstRow(g)));
        }
        v.put("bursts", bursts);
        v.put("escalations", b.escalations().stream().map(this::escalation).toList());
        v.put(
                "riseHeader",
                header("district", "topic", "peakHour", "signals", "z", "tensionIndex", "trend"));
        List<Map<String, Object>> rises = new ArrayList<>();
        for (Rise r : b.rises()) {
            Map<String, Object> row = new HashMap<>();
            row.put("district", r.district());
            row.put("mdDistrict", md(r.district()));
            row.put("topic", Labels.topic(r.topic(), lang));
            row.put("time", time(r.peakWindowEnd() - 3600_000L));
            row.put("signals", signals(r));
            row.put("z", num(r.zScore(), 1));
            row.put("index", r.tensionIndex() == null ? "–" : num(r.tensionIndex(), 0));
            row.put(
                    "svg",
                    Sparkline.svg(
                            r.series(),
                            140,
                            24,
                            m.get(
                                    "briefing.trend.label",
                                    r.district(),
                                    Labels.topic(r.topic(), lang))));
            row.put("spark", Sparkline.text(r.series()));
            rises.add(row);
        }
        v.put("rises", rises);
        List<Incident> incidents = b.incidents();
        v.put(
                "incidents",
                incidents.subList(0, Math.min(MAX_INCIDENTS, incidents.size())).stream()
                        .map(i -> incident(i, b))
                        .toList());
        v.put("moreIncidents", Math.max(0, incidents.size() - MAX_INCIDENTS));
        v.put("dataLines", dataLines(b));
        v.put("footer", footer(b));
        return v;
    }

    private List<String> header(String... keys) {
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            out.add(m.get("briefing.col." + k));
        }
        return out;
    }

    private static Map<String, Object> row(Briefing.GroupLine g, List<String> cells) {
        Map<String, Object> row = new HashMap<>();
        row.put("level", g.maxLevel());
        row.put("cells", cells);
        row.put("mdCells", cells.stream().map(BriefingRenderer::md).toList());
        return row;
    }

    private String title(Briefing b) {
        String date =
                DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", locale).format(b.to().atZone(zone));
        return m.get("briefing.title", date);
    }

    private String period(Briefing b) {
        return m.get(
                "briefing.period",
                time(b.from().toEpochMilli()),
                time(b.to().toEpochMilli()),
                zone.getId());
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

    private String escalation(Escalation e) {
        Alert a = e.alert();
        return m.get(
                "briefing.escalation",
                GroupFacts.areaList(a, lang, 4),
                GroupFacts.topicList(a, lang, 3),
                Labels.level(e.fromLevel(), lang),
                Labels.level(a.level(), lang),
                time(a.windowStart()),
                clock(a.windowEnd()),
                a.rule());
    }

    private String signals(Rise r) {
        if (r.signals() == null) {
            return m.get("briefing.tooFewSignals");
        }
        return r.signals()
                + (r.baselineMean() == null ? "" : " (~" + num(r.baselineMean(), 0) + ")");
    }

    private String incident(Incident i, Briefing b) {
        String s =
                m.get(
                        "briefing.incident",
                        time(i.ts()),
                        m.getOrDefault("incident." + i.type(), i.type()),
                        i.area() == null ? "" : ", " + i.area(),
                        i.feed(),
                        i.severity());
        return b.linkedIncidentIds().contains(i.id()) ? m.get("briefing.incident.linked", s) : s;
    }

    private List<String> dataLines(Briefing b) {
        List<String> out = new ArrayList<>();
        if (b.indicatorCount() == 0) {
            out.add(m.get("briefing.data.noIndicators"));
        }
        for (Gap g : b.gaps()) {
            out.add(m.get("briefing.data.gap", time(g.from()), clock(g.to())));
        }
        if (b.gaps().isEmpty() && b.indicatorCount() > 0) {
            out.add(m.get("briefing.data.noGaps"));
        }
        if (b.incidents().isEmpty()) {
            out.add(m.get("briefing.data.noIncidents"));
        }
        out.add(m.get("briefing.data.suppressed", b.suppressedCells()));
        return out;
    }

    private String footer(Briefing b) {
        String models = b.modelVersions().isEmpty() ? "–" : String.join(", ", b.modelVersions());
        return m.get("briefing.footer", models);
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
