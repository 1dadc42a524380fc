package nl.lvds.dashboards.notify;

import static nl.lvds.dashboards.notify.Labels.html;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import nl.lvds.models.event.Alert;

/**
 * Renders alerts into notices in plain Dutch (or English): the immediate alert message and the
 * digest of alerts held for the morning. Everything shown is aggregate: area, topic, level, index,
 * z-score, top terms (seen in at least k posts), incident ids; never a post or a person.
 */
public final class AlertMessages {

    private final ZoneId zone;
    private final String dashboardUrl;

    /** Times are shown in {@code zone}; {@code dashboardUrl} may be null. */
    public AlertMessages(ZoneId zone, String dashboardUrl) {
        this.zone = zone;
        this.dashboardUrl = dashboardUrl;
    }

    /**
     * The subject, e.g. {@code [LVDS] Waarschuwing: spanning Charlois — lokaal incident}; an
     * escalation says so ({@code Kritiek (geëscaleerd)}).
     */
    public String subject(Alert a, boolean escalated, String lang) {
        boolean en = "en".equals(lang);
        String level = Labels.level(a.level(), lang);
        if (escalated) {
            level += en ? " (escalated)" : " (geëscaleerd)";
        }
        return "[LVDS] "
                + level
                + ": "
                + (en ? "tension " : "spanning ")
                + Labels.area(a.area(), lang)
                + " — "
                + Labels.topic(a.topic(), lang);
    }

    /** The notice for one alert. */
    public Notice alert(Alert a, boolean escalated, String lang) {
        String subject = subject(a, escalated, lang);
        return new Notice(
                "alert",
                subject,
                text(List.of(a), lang, intro(a, lang)),
                page(subject, List.of(a), lang, intro(a, lang)),
                List.of(a),
                a.level());
    }

    /** The digest notice for alerts held for the briefing (most severe first). */
    public Notice digest(List<Alert> alerts, String lang) {
        boolean en = "en".equals(lang);
        List<Alert> sorted =
                alerts.stream()
                        .sorted(
                                Comparator.comparingInt(
                                                (Alert a) -> -Alert.LEVELS.indexOf(a.level()))
                                        .thenComparingLong(Alert::raisedAt))
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
                        ? "Alerts that matched your subscription and were kept for this digest."
                        : "Meldingen die bij uw abonnement passen en voor dit overzicht zijn"
                                + " bewaard.";
        return new Notice(
                "digest",
                subject,
                text(sorted, lang, intro),
                page(subject, sorted, lang, intro),
                sorted,
                top);
    }

    private String intro(Alert a, String lang) {
        boolean en = "en".equals(lang);
        String when = time(a.windowStart()) + "–" + clock(a.windowEnd());
        return en
                ? "Rule '"
                        + a.rule()
                        + "' raised a "
                        + Labels.level(a.level(), lang).toLowerCase(Locale.ROOT)
                        + " alert for "
                        + Labels.area(a.area(), lang)
                        + ", topic "
                        + Labels.topic(a.topic(), lang)
                        + ", window "
                        + when
                        + "."
                : "De regel '"
                        + a.rule()
                        + "' gaf een melding ("
                        + Labels.level(a.level(), lang).toLowerCase(Locale.ROOT)
                        + ") voor "
                        + Labels.area(a.area(), lang)
                        + ", thema "
                        + Labels.topic(a.topic(), lang)
                        + ", venster "
                        + when
                        + ".";
    }

    private String text(List<Alert> alerts, String lang, String intro) {
        boolean en = "en".equals(lang);
        StringBuilder b = new StringBuilder(intro).append("\n\n");
        for (Alert a : alerts) {
            b.append("- ")
                    .append(Labels.level(a.level(), lang))
                    .append(" · ")
                    .append(Labels.area(a.area(), lang))
                    .append(" · ")
                    .append(Labels.topic(a.topic(), lang))
                    .append(" · ")
                    .append(time(a.windowStart()))
                    .append("\n  ")
                    .append(en ? "tension index " : "spanningsindex ")
                    .append(String.format(Locale.ROOT, "%.0f", a.tensionIndex()));
            if (a.zScore() != null) {
                b.append(", z = ").append(String.format(Locale.ROOT, "%.1f", a.zScore()));
            }
            b.append(en ? ", rule " : ", regel ").append(a.rule()).append('\n');
            if (!a.topTerms().isEmpty()) {
                b.append(en ? "  terms: " : "  termen: ")
                        .append(String.join(", ", a.topTerms()))
                        .append('\n');
            }
            if (!a.incidentIds().isEmpty()) {
                b.append(en ? "  incidents: " : "  incidenten: ")
                        .append(String.join(", ", a.incidentIds()))
                        .append('\n');
            }
            if (!a.corroboration().isEmpty()) {
                b.append(en ? "  sources agreeing: " : "  bronnen die overeenstemmen: ")
                        .append(String.join(", ", a.corroboration()))
                        .append('\n');
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
                .append("</title></head><body style=\"font-family:sans-serif;max-width:40em\">")
                .append("<h2>")
                .append(html(subject))
                .append("</h2><p>")
                .append(html(intro))
                .append(
                        "</p><table style=\"border-collapse:collapse\" border=\"1\" cellpadding=\"4\">")
                .append("<tr><th>")
                .append(en ? "Level" : "Niveau")
                .append("</th><th>")
                .append(en ? "Area" : "Gebied")
                .append("</th><th>")
                .append(en ? "Topic" : "Thema")
                .append("</th><th>")
                .append(en ? "Window" : "Venster")
                .append("</th><th>")
                .append(en ? "Tension index" : "Spanningsindex")
                .append("</th><th>z</th><th>")
                .append(en ? "Terms" : "Termen")
                .append("</th><th>")
                .append(en ? "Incidents" : "Incidenten")
                .append("</th></tr>");
        for (Alert a : alerts) {
            b.append("<tr><td>")
                    .append(html(Labels.level(a.level(), lang)))
                    .append("</td><td>")
                    .append(html(Labels.area(a.area(), lang)))
                    .append("</td><td>")
                    .append(html(Labels.topic(a.topic(), lang)))
                    .append("</td><td>")
                    .append(html(time(a.windowStart()) + "–" + clock(a.windowEnd())))
                    .append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.0f", a.tensionIndex()))
                    .append("</td><td>")
                    .append(
                            a.zScore() == null
                                    ? "–"
                                    : String.format(Locale.ROOT, "%.1f", a.zScore()))
                    .append("</td><td>")
                    .append(html(String.join(", ", a.topTerms())))
                    .append("</td><td>")
                    .append(html(String.join(", ", a.incidentIds())))
                    .append("</td></tr>");
        }
        b.append("</table><p style=\"color:#555;font-size:smaller\">")
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
