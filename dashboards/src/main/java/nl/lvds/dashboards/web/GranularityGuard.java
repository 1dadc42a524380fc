package nl.lvds.dashboards.web;

import java.util.Optional;
import nl.lvds.models.area.AreaGazetteer;
import nl.lvds.models.area.AreaMatch;
import nl.lvds.models.config.AreaLevel;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.event.TensionIndicator;

/**
 * The drill-down guard: decides whether an (area, window) filter is at or above the configured
 * minimum granularity (privacy.minGranularity).
 *
 * <p>Anything finer than the finest level the pipeline publishes is refused as well: a street or
 * place name (it resolves to a wijk, but asking for it is asking for less than a wijk) and window
 * sizes below 1 h. A refusal is a privacy event and is audit-logged by the caller.
 */
public final class GranularityGuard {

    /**
     * The verdict on a filter.
     *
     * @param allowed whether the filter may be served
     * @param area the canonical area name (wijk, district or {@code city}) when allowed or refused
     *     for granularity; null when unknown
     * @param windowHours 1 or 24 when the window is valid
     * @param reason why it was refused; null when allowed
     * @param unknown true when the filter names nothing we know (HTTP 400, not 403)
     */
    public record Verdict(
            boolean allowed, String area, int windowHours, String reason, boolean unknown) {}

    private final LvdsConfig.Granularity min;
    private final AreaGazetteer gazetteer;

    /** A guard for the given minimum granularity. */
    public GranularityGuard(LvdsConfig.Granularity min, AreaGazetteer gazetteer) {
        this.min = min;
        this.gazetteer = gazetteer;
    }

    /** The configured minimum. */
    public LvdsConfig.Granularity minimum() {
        return min;
    }

    /** Judges a filter. */
    public Verdict check(String area, String window) {
        int hours;
        if ("1h".equals(window)) {
            hours = 1;
        } else if ("24h".equals(window)) {
            hours = 24;
        } else if (window != null && window.matches("\\d+(m|min|s)")) {
            return new Verdict(false, null, 0, "window finer than 1h", false);
        } else {
            return new Verdict(false, null, 0, "unknown window (use 1h or 24h)", true);
        }
        if ("24h".equals(min.window()) && hours == 1) {
            return new Verdict(false, null, hours, "window finer than " + min.window(), false);
        }
        if (area == null || area.isBlank()) {
            return new Verdict(false, null, hours, "no area", true);
        }
        if (TensionIndicator.CITY.equals(area)) {
            return new Verdict(true, TensionIndicator.CITY, hours, null, false);
        }
        Optional<AreaMatch> m = gazetteer.resolve(area);
        if (m.isEmpty()) {
            return new Verdict(false, null, hours, "unknown area", true);
        }
        AreaMatch match = m.get();
        AreaLevel level;
        String canonical;
        // A gebied and one of its wijken may share a name (Pernis, Rozenburg, ...): the name of a
        // gebied always means the gebied, as in the indicators (area == district).
        if (!match.hasNeighbourhood() || match.matched().equals(match.district())) {
            level = AreaLevel.DISTRICT;
            canonical = match.district();
        } else if (match.matched().equals(match.neighbourhood())) {
            level = AreaLevel.WIJK;
            canonical = match.neighbourhood();
        } else {
            return new Verdict(
                    false,
                    match.neighbourhood(),
                    hours,
                    "a street or place is finer than a wijk",
                    false);
        }
        if (level.finerThan(min.area())) {
            return new Verdict(
                    false,
                    canonical,
                    hours,
                    "area level " + level + " finer than " + min.area(),
                    false);
        }
        return new Verdict(true, canonical, hours, null, false);
    }
}
