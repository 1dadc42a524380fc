package nl.lvds.dashboards.notify;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.AlertCell;
import nl.lvds.models.render.Messages;
import nl.lvds.models.render.Templates;

/**
 * Renders alert groups into notices in plain Dutch (or English): the message when a group is
 * raised, escalated or closed, and the digest of groups held for the morning. A message shows the
 * group: level, the areas and topics of its cells, why now (observed against expected stories), top
 * terms, linked incidents, and for a copy-paste burst its copies and authors. Everything shown is
 * aggregate; never a post or a person. The words are in the dashboards' message bundle, the layout
 * in the templates {@code mail.txt.peb} and {@code mail.html.peb}.
 */
public final class AlertMessages {

    /** What a message tells its recipient about a group. */
    public enum Change {
        /** The first message this recipient gets about the group. */
        RAISED,
        /** The group's level rose above what the recipient was told. */
        ESCALATED,
        /** The group ended. */
        CLOSED;

        /** The wire name ({@code raised}, {@code escalated}, {@code closed}). */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final int SUBJECT_AREAS = 3;
    private static final int SUBJECT_TOPICS = 2;
    private static final String TEMPLATES = "nl/lvds/dashboards/templates/";
    private static final Templates HTML =
            Templates.html(TEMPLATES, AlertMessages.class.getClassLoader());
    private static final Templates TEXT =
            Templates.text(TEMPLATES, AlertMessages.class.getClassLoader());

    private final ZoneId zone;
    private final String dashboardUrl;

    /** Times are shown in {@code zone}; {@code dashboardUrl} may be null. */
    public AlertMessages(ZoneId zone, String dashboardUrl) {
        this.zone = zone;
        this.dashboardUrl = dashboardUrl;
    }

    /**
     * The subject, e.g. {@code [LVDS] Waarschuwing: spanning Charlois — lokaal incident}; a group
     * of several cells lists up to three areas and two topics ({@code Charlois, Tarwewijk (+1)});
     * an escalation says so ({@code Kritiek (geëscaleerd)}), a close says {@code Afgesloten}, a
     * copy-paste burst {@code gecoördineerde berichten} instead of {@code spanning}.
     */
    public String subject(Alert a, Change change, String lang) {
        Messages m = Labels.messages(lang);
        String level = Labels.level(a.level(), lang);
        String head =
                switch (change) {
                    case RAISED -> level;
                    case ESCALATED -> m.get("mail.subject.escalated", level);
                    case CLOSED -> m.get("mail.subject.closed", level.toLowerCase(Locale.ROOT));
                };
        String what =
                m.get(
                        GroupFacts.coordinated(a)
                                ? "mail.subject.coordinated"
                                : "mail.subject.tension");
        return m.get(
                "mail.subject",
                head,
                what,
                GroupFacts.areaList(a, lang, SUBJECT_AREAS),
                GroupFacts.topicList(a, lang, SUBJECT_TOPICS));
    }

    /** The notice for one record of a group. */
    public Notice alert(Alert a, Change change, String lang) {
        String subject = subject(a, change, lang);
        String intro = intro(a, change, lang);
        return new Notice(
                "alert",
                subject,
                text(List.of(a), lang, intro),
                page(subject, List.of(a), lang, intro),
                List.of(a),
                a.level(),
                change.wire());
    }

    /** The notice for one alert: raised, or escalated when {@code escalated}. */
    public Notice alert(Alert a, boolean escalated, String lang) {
        return alert(a, escalated ? Change.ESCALATED : Change.RAISED, lang);
    }

    /**
     * The digest notice for groups held for the briefing (one record per group, the newest; most
     * severe first).
     */
    public Notice digest(List<Alert> alerts, String lang) {
        Messages m = Labels.messages(lang);
        List<Alert> sorted =
                alerts.stream()
                        .sorted(
                                Comparator.comparingInt(
                                                (Alert a) -> -Alert.LEVELS.indexOf(a.level()))
                                        .thenComparingLong(Alert::openedAt)
                                        .thenComparing(Alert::id))
                        .toList();
        String top = sorted.isEmpty() ? null : sorted.get(0).level();
        String subject = m.get("mail.digest.subject", alerts.size());
        String intro = m.get("mail.digest.intro");
        return new Notice(
                "digest",
                subject,
                text(sorted, lang, intro),
                page(subject, sorted, lang, intro),
                sorted,
                top);
    }

    private String intro(Alert a, Change change, String lang) {
        Messages m = Labels.messages(lang);
        String level = Labels.level(a.level(), lang).toLowerCase(Locale.ROOT);
        List<String> areas = GroupFacts.areas(a);
        List<String> topics = GroupFacts.topics(a);
        String where = Labels.area(areas.get(0), lang);
        if (areas.size() > 1) {
            where = m.get("mail.where.more", where, areas.size() - 1);
        }
        String about =
                topics.size() == 1
                        ? m.get("mail.about.topic", Labels.topic(topics.get(0), lang))
                        : m.get("mail.about.topics", GroupFacts.topicList(a, lang, 6));
        String window = time(a.windowStart()) + "–" + clock(a.windowEnd());
        if (GroupFacts.coordinated(a)) {
            String copies = GroupFacts.copies(a, lang);
            String tail = copies == null ? "" : " (" + copies + ")";
            return change == Change.CLOSED
                    ? m.get("mail.intro.burst.closed", where, about)
                    : m.get("mail.intro.burst", where, about, window, tail);
        }
        return switch (change) {
            case RAISED ->
                    m.get(
                            "mail.intro.raised",
                            level,
                            GroupFacts.rule(a.rule(), lang),
                            where,
                            about,
                            window);
            case ESCALATED -> m.get("mail.intro.escalated", where, about, level, window);
            case CLOSED -> m.get("mail.intro.closed", where, about, time(a.raisedAt()));
        };
    }

    /** The facts of one group, label and value, in display order. */
    private List<Map<String, String>> facts(Alert a, String lang) {
        Messages m = Labels.messages(lang);
        List<Map<String, String>> f = new ArrayList<>();
        fact(
                f,
                m.get("mail.fact.level"),
                Labels.level(a.level(), lang) + " · " + GroupFacts.status(a.status(), lang));
        fact(f, m.get("mail.fact.areas"), GroupFacts.areaList(a, lang, 50));
        fact(f, m.get("mail.fact.topics"), GroupFacts.topicList(a, lang, 50));
        String why = GroupFacts.whyNow(a, lang);
        if (why != null) {
            fact(f, m.get("mail.fact.why"), why);
        }
        String copies = GroupFacts.copies(a, lang);
        if (copies != null) {
            fact(f, m.get("mail.fact.coordinated"), copies);
        }
        String index =
                m.get(
                        "mail.fact.index.value",
                        String.format(Locale.ROOT, "%.0f", a.tensionIndex()));
        if (a.zScore() != null) {
            index += ", z = " + String.format(Locale.ROOT, "%.1f", a.zScore());
        }
        fact(f, m.get("mail.fact.index"), m.get("mail.fact.index.rule", index, a.rule()));
        fact(
                f,
                m.get("mail.fact.terms"),
                a.topTerms().isEmpty() ? m.get("mail.none") : String.join(", ", a.topTerms()));
        fact(
                f,
                m.get("mail.fact.incidents"),
                a.incidentIds().isEmpty()
                        ? m.get("mail.none")
                        : String.join(", ", a.incidentIds()));
        if (!a.corroboration().isEmpty()) {
            fact(f, m.get("mail.fact.sources"), String.join(", ", a.corroboration()));
        }
        String first = time(a.openedAt());
        if (a.update() > 0) {
            first += " (update " + a.update() + ")";
        }
        fact(f, m.get("mail.fact.first"), first);
        return f;
    }

    private static void fact(List<Map<String, String>> facts, String label, String value) {
        facts.add(Map.of("label", label, "value", value));
    }

    private String cellLine(AlertCell c, String lang) {
        String why = GroupFacts.whyNow(c, lang);
        return Labels.area(c.area(), lang)
                + " · "
                + Labels.topic(c.topic(), lang)
                + " · "
                + Labels.level(c.level(), lang).toLowerCase(Locale.ROOT)
                + " · "
                + GroupFacts.rule(c.rule(), lang)
                + (why == null ? "" : ": " + why);
    }

    /** What the templates show of each group. */
    private List<Map<String, Object>> groups(List<Alert> alerts, String lang) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Alert a : alerts) {
            List<AlertCell> cells = GroupFacts.cells(a);
            List<String> cellLines = new ArrayList<>();
            List<Map<String, String>> cellRows = new ArrayList<>();
            for (AlertCell c : cells) {
                cellLines.add(cellLine(c, lang));
                Map<String, String> row = new HashMap<>();
                row.put("area", Labels.area(c.area(), lang));
                row.put("topic", Labels.topic(c.topic(), lang));
                row.put("level", Labels.level(c.level(), lang));
                row.put("rule", GroupFacts.rule(c.rule(), lang));
                row.put("observed", c.observed() == null ? "–" : String.valueOf(c.observed()));
                row.put(
                        "expected",
                        c.expected() == null ? "–" : GroupFacts.decimal(c.expected(), lang));
                row.put("p", c.pValue() == null ? "–" : GroupFacts.pValue(c.pValue(), lang));
                cellRows.add(row);
            }
            Map<String, Object> g = new HashMap<>();
            g.put("level", Labels.level(a.level(), lang));
            g.put("areas", GroupFacts.areaList(a, lang, SUBJECT_AREAS));
            g.put("topics", GroupFacts.topicList(a, lang, SUBJECT_TOPICS));
            g.put("time", time(a.windowStart()));
            g.put("facts", facts(a, lang));
            g.put("cellLines", cells.size() > 1 ? cellLines : List.of());
            g.put("cells", cellRows);
            out.add(g);
        }
        return out;
    }

    private Map<String, Object> view(
            String subject, List<Alert> alerts, String lang, String intro) {
        Map<String, Object> v = new HashMap<>();
        v.put("lang", Labels.messages(lang).lang());
        v.put("subject", subject);
        v.put("intro", intro);
        v.put("groups", groups(alerts, lang));
        v.put("dashboardUrl", dashboardUrl);
        return v;
    }

    private String text(List<Alert> alerts, String lang, String intro) {
        return TEXT.render("mail.txt.peb", view(null, alerts, lang, intro), Labels.messages(lang));
    }

    private String page(String subject, List<Alert> alerts, String lang, String intro) {
        return HTML.render(
                "mail.html.peb", view(subject, alerts, lang, intro), Labels.messages(lang));
    }

    private String time(long epochMs) {
        return DateTimeFormatter.ofPattern("d-M-yyyy HH:mm")
                .format(Instant.ofEpochMilli(epochMs).atZone(zone));
    }

    private String clock(long epochMs) {
        return DateTimeFormatter.ofPattern("HH:mm")
                .format(Instant.ofEpochMilli(epochMs).atZone(zone));
    }
}
