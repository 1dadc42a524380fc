package nl.lvds.dashboards.notify;

import static nl.lvds.dashboards.notify.Labels.html;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.AlertCell;

/**
 * Renders alert groups into notices in plain Dutch (or English): the message when a group is
 * raised, escalated or closed, and the digest of groups held for the morning. A message shows the
 * group: level, the areas and topics of its cells, why now (observed against expected stories), top
 * terms, linked incidents, and for a copy-paste burst its copies and authors. Everything shown is
 * aggregate; never a post or a person.
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
        boolean en = "en".equals(lang);
        String level = Labels.level(a.level(), lang);
        String head =
                switch (change) {
                    case RAISED -> level;
                    case ESCALATED -> level + (en ? " (escalated)" : " (geëscaleerd)");
                    case CLOSED ->
                            (en ? "Closed (" : "Afgesloten (")
                                    + level.toLowerCase(Locale.ROOT)
                                    + ")";
                };
        String what =
                GroupFacts.coordinated(a)
                        ? (en ? "coordinated posts " : "gecoördineerde berichten ")
                        : (en ? "tension " : "spanning ");
        return "[LVDS] "
                + head
                + ": "
                + what
                + GroupFacts.areaList(a, lang, SUBJECT_AREAS)
                + " — "
                + GroupFacts.topicList(a, lang, SUBJECT_TOPICS);
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
        boolean en = "en".equals(lang);
        List<Alert> sorted =
                alerts.stream()
                        .sorted(
                                Comparator.comparingInt(
                                                (Alert a) -> -Alert.LEVELS.indexOf(a.level()))
                                        .thenComparingLong(Alert::openedAt)
                                        .thenComparing(Alert::id))
                        .toList();
        String top = sorted.isEmpty() ? null : sorted.get(0).level();
        String subject =
                en
                        ? "[LVDS] Digest: " + alerts.size() + " alert(s) since the last briefing"
                        : "[LVDS] Overzicht: "
                                + alerts.size()
                                + " melding(en) sinds de vorige briefing";
        String intro =
                en
                        ? "Alerts that matched your subscription and were kept for this digest,"
                                + " one line per event."
                        : "Meldingen die bij uw abonnement passen en voor dit overzicht zijn"
                                + " bewaard, één per gebeurtenis.";
        return new Notice(
                "digest",
                subject,
                text(sorted, lang, intro),
                page(subject, sorted, lang, intro),
                sorted,
                top);
    }

    private String intro(Alert a, Change change, String lang) {
        boolean en = "en".equals(lang);
        String level = Labels.level(a.level(), lang).toLowerCase(Locale.ROOT);
        List<String> areas = GroupFacts.areas(a);
        List<String> topics = GroupFacts.topics(a);
        String where =
                Labels.area(areas.get(0), lang)
                        + (areas.size() > 1
                                ? (en
                                        ? " and " + (areas.size() - 1) + " other area(s)"
                                        : " en " + (areas.size() - 1) + " ander(e) gebied(en)")
                                : "");
        String about =
                topics.size() == 1
                        ? (en ? "topic " : "thema ") + Labels.topic(topics.get(0), lang)
                        : (en ? "topics " : "thema's ") + GroupFacts.topicList(a, lang, 6);
        String window = time(a.windowStart()) + "–" + clock(a.windowEnd());
        if (GroupFacts.coordinated(a)) {
            String copies = GroupFacts.copies(a, lang);
            String tail = copies == null ? "" : " (" + copies + ")";
            return switch (change) {
                case CLOSED ->
                        en
                                ? "The copy-paste burst in " + where + ", " + about + ", has ended."
                                : "De kopieer-plakgolf in "
                                        + where
                                        + ", "
                                        + about
                                        + ", is voorbij.";
                default ->
                        en
                                ? "Coordinated posts: many copies of few stories in "
                                        + where
                                        + ", "
                                        + about
                                        + ", window "
                                        + window
                                        + tail
                                        + ". A burst of copies is a watch, not an event by"
                                        + " itself."
                                : "Gecoördineerde berichten: veel kopieën van weinig verhalen in "
                                        + where
                                        + ", "
                                        + about
                                        + ", venster "
                                        + window
                                        + tail
                                        + ". Een golf kopieën is een attentie, geen gebeurtenis"
                                        + " op zich.";
            };
        }
        return switch (change) {
            case RAISED ->
                    en
                            ? "New "
                                    + level
                                    + " alert ("
                                    + GroupFacts.rule(a.rule(), lang)
                                    + ") for "
                                    + where
                                    + ", "
                                    + about
                                    + ", window "
                                    + window
                                    + "."
                            : "Nieuwe melding ("
                                    + level
                                    + ", "
                                    + GroupFacts.rule(a.rule(), lang)
                                    + ") voor "
                                    + where
                                    + ", "
                                    + about
                                    + ", venster "
                                    + window
                                    + ".";
            case ESCALATED ->
                    en
                            ? "The alert for "
                                    + where
                                    + ", "
                                    + about
                                    + ", has escalated to "
                                    + level
                                    + " (window "
                                    + window
                                    + ")."
                            : "De melding voor "
                                    + where
                                    + ", "
                                    + about
                                    + ", is geëscaleerd naar "
                                    + level
                                    + " (venster "
                                    + window
                                    + ").";
            case CLOSED ->
                    en
                            ? "The alert for "
                                    + where
                                    + ", "
                                    + about
                                    + ", is closed: nothing stands out any more ("
                                    + time(a.raisedAt())
                                    + ")."
                            : "De melding voor "
                                    + where
                                    + ", "
                                    + about
                                    + ", is afgesloten: er valt niets meer op ("
                                    + time(a.raisedAt())
                                    + ").";
        };
    }

    /** The facts of one group, label and value, in display order. */
    private List<String[]> facts(Alert a, String lang) {
        boolean en = "en".equals(lang);
        List<String[]> f = new ArrayList<>();
        f.add(
                new String[] {
                    en ? "level" : "niveau",
                    Labels.level(a.level(), lang) + " · " + GroupFacts.status(a.status(), lang)
                });
        f.add(new String[] {en ? "areas" : "gebieden", GroupFacts.areaList(a, lang, 50)});
        f.add(new String[] {en ? "topics" : "thema's", GroupFacts.topicList(a, lang, 50)});
        String why = GroupFacts.whyNow(a, lang);
        if (why != null) {
            f.add(new String[] {en ? "why now" : "waarom nu", why});
        }
        String copies = GroupFacts.copies(a, lang);
        if (copies != null) {
            f.add(new String[] {en ? "coordinated" : "gecoördineerd", copies});
        }
        String index =
                (en ? "tension index " : "spanningsindex ")
                        + String.format(Locale.ROOT, "%.0f", a.tensionIndex());
        if (a.zScore() != null) {
            index += ", z = " + String.format(Locale.ROOT, "%.1f", a.zScore());
        }
        index += (en ? ", rule " : ", regel ") + a.rule();
        f.add(new String[] {en ? "index" : "index", index});
        f.add(
                new String[] {
                    en ? "terms" : "termen",
                    a.topTerms().isEmpty()
                            ? (en ? "none" : "geen")
                            : String.join(", ", a.topTerms())
                });
        f.add(
                new String[] {
                    en ? "incidents" : "incidenten",
                    a.incidentIds().isEmpty()
                            ? (en ? "none" : "geen")
                            : String.join(", ", a.incidentIds())
                });
        if (!a.corroboration().isEmpty()) {
            f.add(
                    new String[] {
                        en ? "sources agreeing" : "bronnen die overeenstemmen",
                        String.join(", ", a.corroboration())
                    });
        }
        String first = time(a.openedAt());
        if (a.update() > 0) {
            first += en ? " (update " + a.update() + ")" : " (update " + a.update() + ")";
        }
        f.add(new String[] {en ? "first raised" : "eerst gemeld", first});
        return f;
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

    private String text(List<Alert> alerts, String lang, String intro) {
        boolean en = "en".equals(lang);
        StringBuilder b = new StringBuilder(intro).append("\n\n");
        for (Alert a : alerts) {
            b.append("- ")
                    .append(Labels.level(a.level(), lang))
                    .append(" · ")
                    .append(GroupFacts.areaList(a, lang, SUBJECT_AREAS))
                    .append(" · ")
                    .append(GroupFacts.topicList(a, lang, SUBJECT_TOPICS))
                    .append(" · ")
                    .append(time(a.windowStart()))
                    .append('\n');
            for (String[] f : facts(a, lang)) {
                b.append("  ").append(f[0]).append(": ").append(f[1]).append('\n');
            }
            List<AlertCell> cells = GroupFacts.cells(a);
            if (cells.size() > 1) {
                b.append(en ? "  cells:\n" : "  cellen:\n");
                for (AlertCell c : cells) {
                    b.append("   · ").append(cellLine(c, lang)).append('\n');
                }
            }
        }
        b.append('\n').append(footer(lang));
        if (dashboardUrl != null) {
            b.append("\n").append(dashboardUrl);
        }
        return b.append('\n').toString();
    }

    private String page(String subject, List<Alert> alerts, String lang, String intro) {
        boolean en = "en".equals(lang);
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html><html lang=\"")
                .append(en ? "en" : "nl")
                .append("\"><head><meta charset=\"utf-8\"><title>")
                .append(html(subject))
                .append("</title></head><body style=\"font-family:sans-serif;max-width:44em\">")
                .append("<h2>")
                .append(html(subject))
                .append("</h2><p>")
                .append(html(intro))
                .append("</p>");
        for (Alert a : alerts) {
            b.append("<h3>")
                    .append(html(Labels.level(a.level(), lang)))
                    .append(" · ")
                    .append(html(GroupFacts.areaList(a, lang, SUBJECT_AREAS)))
                    .append(" · ")
                    .append(html(GroupFacts.topicList(a, lang, SUBJECT_TOPICS)))
                    .append("</h3><table style=\"border-collapse:collapse\" border=\"1\"")
                    .append(" cellpadding=\"4\">");
            for (String[] f : facts(a, lang)) {
                b.append("<tr><th scope=\"row\" style=\"text-align:left\">")
                        .append(html(f[0]))
                        .append("</th><td>")
                        .append(html(f[1]))
                        .append("</td></tr>");
            }
            b.append("</table>");
            List<AlertCell> cells = GroupFacts.cells(a);
            b.append("<table style=\"border-collapse:collapse;margin-top:.5em\" border=\"1\"")
                    .append(" cellpadding=\"4\"><tr><th>")
                    .append(en ? "Area" : "Gebied")
                    .append("</th><th>")
                    .append(en ? "Topic" : "Thema")
                    .append("</th><th>")
                    .append(en ? "Level" : "Niveau")
                    .append("</th><th>")
                    .append(en ? "Test" : "Toets")
                    .append("</th><th>")
                    .append(en ? "Observed" : "Waargenomen")
                    .append("</th><th>")
                    .append(en ? "Expected" : "Verwacht")
                    .append("</th><th>p</th></tr>");
            for (AlertCell c : cells) {
                b.append("<tr><td>")
                        .append(html(Labels.area(c.area(), lang)))
                        .append("</td><td>")
                        .append(html(Labels.topic(c.topic(), lang)))
                        .append("</td><td>")
                        .append(html(Labels.level(c.level(), lang)))
                        .append("</td><td>")
                        .append(html(GroupFacts.rule(c.rule(), lang)))
                        .append("</td><td>")
                        .append(c.observed() == null ? "–" : c.observed())
                        .append("</td><td>")
                        .append(c.expected() == null ? "–" : GroupFacts.decimal(c.expected(), lang))
                        .append("</td><td>")
                        .append(
                                html(
                                        c.pValue() == null
                                                ? "–"
                                                : GroupFacts.pValue(c.pValue(), lang)))
                        .append("</td></tr>");
            }
            b.append("</table>");
        }
        b.append("<p style=\"color:#555;font-size:smaller\">")
                .append(html(footer(lang)))
                .append("</p>");
        if (dashboardUrl != null) {
            b.append("<p><a href=\"")
                    .append(html(dashboardUrl))
                    .append("\">")
                    .append(en ? "Open the dashboard" : "Open het dashboard")
                    .append("</a></p>");
        }
        return b.append("</body></html>").toString();
    }

    private static String footer(String lang) {
        return "en".equals(lang)
                ? "LVDS shows aggregates only: no posts, nothing about persons."
                : "LVDS toont alleen geaggregeerde cijfers: geen berichten, niets over personen.";
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
