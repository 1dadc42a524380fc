package nl.lvds.dashboards.notify;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import nl.lvds.dashboards.notify.NotifierConfig.Mode;
import nl.lvds.dashboards.notify.NotifierConfig.QuietHours;
import nl.lvds.dashboards.notify.NotifierConfig.Subscription;
import nl.lvds.models.area.AreaGazetteer;
import nl.lvds.models.area.AreaMatch;
import nl.lvds.models.event.Alert;

/**
 * Decides, for one alert at one moment, which targets get it and when: now, held until quiet hours
 * end, or in the next digest. Pure (no I/O): the time is passed in.
 *
 * <p>Matching: the alert's level must reach the subscription's minimum; its topic must be listed
 * (the all-topics rollup only matches {@code all}); its area must be listed, be a wijk of a listed
 * district, or the subscription says {@code all}. A city-wide alert matches {@code all} or {@code
 * city}. Critical alerts ignore quiet hours.
 */
public final class SubscriptionRouter {

    /** When a target gets the alert. */
    public enum When {
        /** Deliver now. */
        NOW,
        /** Deliver at {@link Route#dueAt()} (end of quiet hours). */
        HOLD,
        /** Put in the next digest. */
        DIGEST
    }

    /**
     * One routing decision.
     *
     * @param target where
     * @param when now, hold or digest
     * @param dueAt for HOLD, when quiet hours end
     * @param lang the subscriber's language
     * @param subscription the subscription that matched (the first, when several did)
     */
    public record Route(
            Target target, When when, Instant dueAt, String lang, String subscription) {}

    private final List<Subscription> subscriptions;
    private final AreaGazetteer gazetteer;
    private final ZoneId zone;

    /** A router over these subscriptions; areas resolved with {@code gazetteer}. */
    public SubscriptionRouter(
            List<Subscription> subscriptions, AreaGazetteer gazetteer, ZoneId zone) {
        this.subscriptions = subscriptions;
        this.gazetteer = gazetteer;
        this.zone = zone;
        for (Subscription s : subscriptions) {
            for (String area : s.areas()) {
                String a = norm(area);
                if (!a.equals(NotifierConfig.ALL)
                        && !a.equals("city")
                        && gazetteer.resolve(area).isEmpty()) {
                    throw new NotifierConfigException(
                            "subscriptions."
                                    + s.name()
                                    + ".areas: unknown area '"
                                    + area
                                    + "' (a gebied or wijk name, city or all)");
                }
            }
        }
    }

    /**
     * The routes for {@code alert} at {@code now}, one per target. When several subscriptions reach
     * the same target, the most urgent decision wins (NOW over HOLD over DIGEST).
     */
    public List<Route> route(Alert alert, Instant now) {
        Map<String, Route> byTarget = new LinkedHashMap<>();
        for (Subscription s : subscriptions) {
            if (!matches(s, alert)) {
                continue;
            }
            Route proto = decide(s, alert, now);
            List<Target> targets = new ArrayList<>();
            s.email().forEach(e -> targets.add(Target.mail(e)));
            s.webhooks().forEach(w -> targets.add(Target.webhook(w)));
            for (Target t : targets) {
                Route r = new Route(t, proto.when(), proto.dueAt(), s.language(), s.name());
                byTarget.merge(
                        t.key(), r, (a, b) -> b.when().ordinal() < a.when().ordinal() ? b : a);
            }
        }
        return List.copyOf(byTarget.values());
    }

    /** Whether {@code s} wants {@code alert} at all (level, topic, area). */
    public boolean matches(Subscription s, Alert alert) {
        if (Alert.LEVELS.indexOf(alert.level()) < Alert.LEVELS.indexOf(s.minLevel())) {
            return false;
        }
        if (!s.topics().contains(NotifierConfig.ALL) && !s.topics().contains(alert.topic())) {
            return false;
        }
        return areaMatches(s.areas(), alert.area());
    }

    private boolean areaMatches(List<String> areas, String area) {
        String a = norm(area);
        Optional<AreaMatch> alertArea =
                "city".equals(a) ? Optional.empty() : gazetteer.resolve(area);
        for (String wanted : areas) {
            String w = norm(wanted);
            if (w.equals(NotifierConfig.ALL) || w.equals(a)) {
                return true;
            }
            if (alertArea.isEmpty() || "city".equals(w)) {
                continue;
            }
            // Compare canonical names, so any spelling the gazetteer knows works, and a listed
            // district takes in its wijken.
            Optional<AreaMatch> m = gazetteer.resolve(wanted);
            if (m.isEmpty()) {
                continue;
            }
            AreaMatch got = alertArea.get();
            if (m.get().hasNeighbourhood()) {
                if (got.hasNeighbourhood() && m.get().neighbourhood().equals(got.neighbourhood())) {
                    return true;
                }
            } else if (m.get().district().equals(got.district())) {
                return true;
            }
        }
        return false;
    }

    private String norm(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }

    private Route decide(Subscription s, Alert alert, Instant now) {
        Mode mode = s.modeFor(alert.level());
        if (mode == Mode.DIGEST) {
            return new Route(null, When.DIGEST, null, s.language(), s.name());
        }
        QuietHours q = s.quietHours();
        if (q == null || "critical".equals(alert.level()) || !isQuiet(q, now)) {
            return new Route(null, When.NOW, null, s.language(), s.name());
        }
        if (q.toDigest()) {
            return new Route(null, When.DIGEST, null, s.language(), s.name());
        }
        return new Route(null, When.HOLD, quietEnd(q, now), s.language(), s.name());
    }

    /** Whether {@code now} falls in the quiet hours (local time; may wrap midnight). */
    public boolean isQuiet(QuietHours q, Instant now) {
        LocalTime t = now.atZone(zone).toLocalTime();
        LocalTime from = q.fromTime();
        LocalTime to = q.toTime();
        if (from.equals(to)) {
            return false;
        }
        return from.isBefore(to)
                ? !t.isBefore(from) && t.isBefore(to)
                : !t.isBefore(from) || t.isBefore(to);
    }

    /** The first end of quiet hours after {@code now}, daylight-saving correct. */
    public Instant quietEnd(QuietHours q, Instant now) {
        LocalDate d = now.atZone(zone).toLocalDate();
        for (int i = 0; i < 3; i++) {
            Instant end = ZonedDateTime.of(d.plusDays(i), q.toTime(), zone).toInstant();
            if (end.isAfter(now)) {
                return end;
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
