package nl.lvds.dashboards.notify;

import java.util.List;
import nl.lvds.models.event.Alert;

/**
 * A rendered message, channel-neutral: mail uses subject, text and HTML; a webhook uses the title,
 * text and the alerts themselves (aggregate-only contract records, never text of posts).
 *
 * @param kind alert, digest or briefing
 * @param subject mail subject / card title
 * @param text plain-text body
 * @param html HTML body
 * @param alerts the alerts this notice is about (may be empty for a briefing)
 * @param level the highest level among the alerts, for colour; null if none
 * @param change for an alert notice, what it tells the recipient about the group: {@code raised}
 *     (first message about it), {@code escalated} or {@code closed}; null otherwise
 */
public record Notice(
        String kind,
        String subject,
        String text,
        String html,
        List<Alert> alerts,
        String level,
        String change) {

    /** Copies the list. */
    public Notice {
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
    }

    /** A notice that is not about one group's change (digest, briefing). */
    public Notice(
            String kind,
            String subject,
            String text,
            String html,
            List<Alert> alerts,
            String level) {
        this(kind, subject, text, html, alerts, level, null);
    }
}
