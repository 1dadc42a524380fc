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
import nl.lvds.models.event.AlertCell;

/**
 * Decides, for one alert at one moment, which targets get it and when: now, held until quiet hours
 * end, or in the next digest. Pure (no I/O): the time is passed in.
 *
 * <p>Matching is per group, by its cells, once: the group's level must reach the subscription's
 * minimum, and at least one of its cells must match, i.e. have a listed topic (the all-topics
 * rollup only matches {@code all}) and a listed area, a wijk of a listed district, or the
 * subscription says {@code all}. A city-wide cell matches {@code all} or {@code city}. However many
 * cells match, a target gets one route per record. A version 1 alert is a group of one cell.
 * Critical alerts ignore quiet hours.
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
        return route(alert, now, true);
    }

    /**
     * The routes for a group's closing record: as {@link #route(Alert, Instant)} but whatever the
     * group's level now (a group that de-escalated before it closed still closes for the targets
     * told about it; the notifier keeps to those), and delivered as the group's highest level would
     * be (a close goes the way its raise went, not into the digest because the group ended at
     * watch).
     */
    public List<Route> routeClosing(Alert alert, Instant now) {
        return route(alert, now, false);
    }

    private List<Route> route(Alert alert, Instant now, boolean checkLevel) {
        Map<String, Route> byTarget = new LinkedHashMap<>();
        for (Subscription s : subscriptions) {
            if (checkLevel ? !matches(s, alert) : !matchesCells(s, alert)) {
                continue;
            }
            Route proto = decide(s, checkLevel ? alert.level() : GroupFacts.maxLevel(alert), now);
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

    /** Whether {@code s} wants {@code alert} at all (level, then topic and area of a cell). */
    public boolean matches(Subscription s, Alert alert) {
        if (Alert.LEVELS.indexOf(alert.level()) < Alert.LEVELS.indexOf(s.minLevel())) {
            return false;
        }
        return matchesCells(s, alert);
    }

    private boolean matchesCells(Subscription s, Alert alert) {
        for (AlertCell c : GroupFacts.cells(alert)) {
            if ((s.topics().contains(NotifierConfig.ALL) || s.topics().contains(c.topic()))
                    && areaMatches(s.areas(), c.area())) {
                return true;
            }
        }
        return false;
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

    private Route decide(Subscription s, String level, Instant now) {
        Mode mode = s.modeFor(level);
        if (mode == Mode.DIGEST) {
            return new Route(null, When.DIGEST, null, s.language(), s.name());
        }
        QuietHours q = s.quietHours();
        if (q == null || "critical".equals(level) || !isQuiet(q, now)) {
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
