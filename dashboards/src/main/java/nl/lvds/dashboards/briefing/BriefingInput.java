package nl.lvds.dashboards.briefing;

import java.util.List;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.TensionIndicator;

/**
 * What a briefing is built from: indicators, alerts and incidents read for the period (and the day
 * before it, so escalations can be recognised). Aggregate contract records only.
 *
 * @param indicators indicators
 * @param alerts alerts
 * @param incidents incidents (may be empty when no incident feed is available)
 */
public record BriefingInput(
        List<TensionIndicator> indicators, List<Alert> alerts, List<Incident> incidents) {

    /** Copies the lists. */
    public BriefingInput {
        indicators = List.copyOf(indicators);
        alerts = List.copyOf(alerts);
        incidents = List.copyOf(incidents);
    }
}
