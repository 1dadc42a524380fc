package nl.lvds.dashboards.briefing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.lvds.dashboards.briefing.Briefing.Escalation;
import nl.lvds.dashboards.briefing.Briefing.Gap;
import nl.lvds.dashboards.briefing.Briefing.Rise;
import nl.lvds.dashboards.notify.GroupFacts;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.models.event.Topic;

/** Builds a {@link Briefing} from a period's input: pure, deterministic, no I/O. */
public final class BriefingBuilder {

    private static final long HOUR = 3600_000L;

    private final int topRises;

    /** A builder keeping the {@code topRises} largest rises. */
    public BriefingBuilder(int topRises) {
        this.topRises = topRises;
    }

    /** The briefing for ({@code from}, {@code to}]. */
    public Briefing build(BriefingInput in, Instant from, Instant to) {
        long f = from.toEpochMilli();
        long t = to.toEpochMilli();

        // Alerts: a version 2 record belongs to a group (lasting id, updates); a version 1 alert
        // is a group of one, and a later higher alert for the same cell is its escalation.
        Map<String, List<Alert>> groupsById = new LinkedHashMap<>();
        in.alerts().stream()
                .filter(a -> a.raisedAt() <= t)
                .sorted(
                        Comparator.comparingLong(Alert::raisedAt)
                                .thenComparing(Alert::id)
                                .thenComparingInt(Alert::update))
                .forEach(a -> groupsById.computeIfAbsent(a.id(), k -> new ArrayList<>()).add(a));
        Map<String, Integer> cellLevel = new HashMap<>();
        List<Alert> fresh = new ArrayList<>();
        List<Escalation> esc = new ArrayList<>();
        List<Briefing.GroupLine> groups = new ArrayList<>();
        List<Briefing.GroupLine> bursts = new ArrayList<>();
        for (List<Alert> records : groupsById.values()) {
            // Distinct updates only (a replay repeats a record).
            Map<Integer, Alert> byUpdate = new TreeMap<>();
            records.forEach(r -> byUpdate.putIfAbsent(r.update(), r));
            List<Alert> rs = new ArrayList<>(byUpdate.values());
            Alert latest = rs.get(rs.size() - 1);
            boolean active = rs.stream().anyMatch(r -> r.raisedAt() > f);
            if (latest.v() == 1) {
                Alert a = rs.get(0);
                String cell = a.area() + "|" + a.topic();
                int lvl = Alert.LEVELS.indexOf(a.level());
                Integer prev = cellLevel.get(cell);
                boolean inPeriod = a.raisedAt() > f;
                if (inPeriod) {
                    if (prev == null) {
                        fresh.add(a);
                        groups.add(new Briefing.GroupLine(a, a.raisedAt(), a.level(), 1, true));
                    } else if (lvl > prev) {
                        esc.add(new Escalation(a, Alert.LEVELS.get(prev)));
                        groups.add(new Briefing.GroupLine(a, a.raisedAt(), a.level(), 1, false));
                    }
                }
                cellLevel.merge(cell, lvl, Math::max);
                continue;
            }
            if (!active) {
                continue;
            }
            int before = -1;
            int max = -1;
            for (Alert r : rs) {
                int lvl = GroupFacts.level(GroupFacts.maxLevel(r));
                max = Math.max(max, lvl);
                if (r.raisedAt() <= f) {
                    before = Math.max(before, lvl);
                }
            }
            boolean isNew = latest.openedAt() > f || before < 0;
            Briefing.GroupLine line =
                    new Briefing.GroupLine(
                            latest, latest.openedAt(), Alert.LEVELS.get(max), rs.size(), isNew);
            if (GroupFacts.coordinated(latest)) {
                bursts.add(line);
                continue;
            }
            groups.add(line);
            if (isNew) {
                fresh.add(latest);
            } else if (max > before) {
                esc.add(new Escalation(latest, Alert.LEVELS.get(before)));
            }
        }
        Comparator<Briefing.GroupLine> lineOrder =
                Comparator.comparingInt((Briefing.GroupLine g) -> -GroupFacts.level(g.maxLevel()))
                        .thenComparingLong(Briefing.GroupLine::firstRaised)
                        .thenComparing(g -> g.latest().id());
        groups.sort(lineOrder);
        bursts.sort(lineOrder);
        Comparator<Alert> severity =
                Comparator.comparingInt((Alert a) -> -Alert.LEVELS.indexOf(a.level()))
                        .thenComparingDouble(a -> -a.tensionIndex())
                        .thenComparing(Alert::id);
        fresh.sort(severity);
        esc.sort(Comparator.comparing(Escalation::alert, severity));

        // Indicators of the period, 1 h windows.
        List<TensionIndicator> hourly =
                in.indicators().stream()
                        .filter(i -> i.windowEnd() > f && i.windowEnd() <= t)
                        .filter(i -> i.windowEnd() - i.windowStart() == HOUR)
                        .toList();
        // The pipeline's 1 h windows may slide (every 15 min): the series, gaps and counts use
        // the windows that start on the hour, so no hour is counted twice; peaks use them all.
        List<TensionIndicator> onTheHour =
                hourly.stream().filter(i -> Math.floorMod(i.windowStart(), HOUR) == 0).toList();
        int suppressed = (int) onTheHour.stream().filter(TensionIndicator::suppressed).count();
        Set<String> models = new TreeSet<>();
        in.indicators().forEach(i -> models.add(i.modelVersion()));

        // Rises: district cells (area == district), real topics, not suppressed, with a z-score.
        Map<String, List<TensionIndicator>> byCell = new TreeMap<>();
        for (TensionIndicator i : hourly) {
            if (i.area().equals(i.district())
                    && !TensionIndicator.CITY.equals(i.area())
                    && Topic.isTopic(i.topic())) {
                byCell.computeIfAbsent(i.district() + "|" + i.topic(), k -> new ArrayList<>())
                        .add(i);
            }
        }
        long firstHour = Math.floorDiv(f, HOUR) * HOUR;
        long lastHourEnd = Math.floorDiv(t, HOUR) * HOUR;
        int hours = (int) Math.max(1, Math.min(24 * 14, (lastHourEnd - firstHour) / HOUR));
        List<Rise> rises = new ArrayList<>();
        for (List<TensionIndicator> cell : byCell.values()) {
            TensionIndicator peak = null;
            for (TensionIndicator i : cell) {
                if (!i.suppressed()
                        && i.zScore() != null
                        && i.zScore() > 0
                        && (peak == null || i.zScore() > peak.zScore())) {
                    peak = i;
                }
            }
            if (peak == null) {
                continue;
            }
            Integer[] series = new Integer[hours];
            for (TensionIndicator i : cell) {
                int h = (int) ((i.windowStart() - firstHour) / HOUR);
                boolean aligned = Math.floorMod(i.windowStart(), HOUR) == 0;
                if (aligned && h >= 0 && h < hours && !i.suppressed()) {
                    series[h] = i.signals();
                }
            }
            rises.add(
                    new Rise(
                            peak.district(),
                            peak.topic(),
                            peak.zScore(),
                            peak.signals(),
                            peak.baselineMean(),
                            peak.tensionIndex(),
                            peak.windowEnd(),
                            java.util.Arrays.asList(series)));
        }
        rises.sort(
                Comparator.comparingDouble((Rise r) -> -r.zScore())
                        .thenComparing(Rise::district)
                        .thenComparing(Rise::topic));
        if (rises.size() > topRises) {
            rises = new ArrayList<>(rises.subList(0, topRises));
        }

        // Incidents: linked ones first, then by severity and time.
        Set<String> linked = new LinkedHashSet<>();
        fresh.forEach(a -> linked.addAll(a.incidentIds()));
        esc.forEach(e -> linked.addAll(e.alert().incidentIds()));
        List<Incident> incidents =
                in.incidents().stream()
                        .filter(i -> i.ts() > f && i.ts() <= t)
                        .sorted(
                                Comparator.comparing((Incident i) -> !linked.contains(i.id()))
                                        .thenComparingInt(i -> -i.severity())
                                        .thenComparingLong(Incident::ts))
                        .toList();

        // Gaps: hours of the period (fully inside it) without a city/all 1 h indicator.
        Set<Long> seen = new TreeSet<>();
        for (TensionIndicator i : onTheHour) {
            if (TensionIndicator.CITY.equals(i.area()) && Topic.ALL_TOPICS.equals(i.topic())) {
                seen.add(i.windowStart());
            }
        }
        List<Gap> gaps = new ArrayList<>();
        long start = Math.floorDiv(f + HOUR - 1, HOUR) * HOUR;
        Long gapFrom = null;
        for (long h = start; h + HOUR <= t; h += HOUR) {
            if (!seen.contains(h)) {
                gapFrom = gapFrom == null ? h : gapFrom;
            } else if (gapFrom != null) {
                gaps.add(new Gap(gapFrom, h));
                gapFrom = null;
            }
        }
        if (gapFrom != null) {
            gaps.add(new Gap(gapFrom, Math.floorDiv(t, HOUR) * HOUR));
        }

        return new Briefing(
                from,
                to,
                fresh,
                esc,
                rises,
                incidents,
                List.copyOf(linked),
                gaps,
                suppressed,
                in.indicators().size(),
                List.copyOf(models),
                List.copyOf(groups),
                List.copyOf(bursts));
    }
}
