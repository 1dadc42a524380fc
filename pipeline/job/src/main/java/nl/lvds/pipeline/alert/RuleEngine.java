package nl.lvds.pipeline.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import nl.lvds.models.config.AlertLevel;
import nl.lvds.models.config.AlertRule;
import nl.lvds.models.config.AreaLevel;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.config.RuleType;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.AlertCell;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.pipeline.records.CellIndicator;
import nl.lvds.pipeline.records.IncidentRef;

/**
 * Evaluates alert rules on one cell's indicators: a pure function of (indicator, cell state, rules)
 * with no Flink in it, so the same engine serves the keyed operator now and a broadcast-rules
 * operator later.
 *
 * <p>Time is the indicator's window end (event time) throughout: {@code raisedAt}, cooldowns and
 * incident horizons, so a replay of the same input gives the same alerts with the same ids.
 *
 * <p>Per indicator:
 *
 * <ol>
 *   <li>Incidents linked to the cell start being watched by each applicable incident-escalation
 *       rule (severity &ge; {@code minSeverity}), with the tension index of the last indicator that
 *       ended at or before the incident as their baseline. This happens for suppressed indicators
 *       too: an incident is feed data, not a count, and a quiet cell before an incident is exactly
 *       where escalation starts.
 *   <li>On a non-suppressed indicator only, every applicable rule computes a level; {@code
 *       critical} needs {@code criticalMinSourceTypes} source types in the window, else it is
 *       lowered to {@code warning}. A rule raises unless it raised in this cell less than its
 *       cooldown ago at the same or a higher level.
 *   <li>A non-suppressed indicator's tension index is kept as history while an incident-escalation
 *       rule may need it as a baseline.
 * </ol>
 */
public final class RuleEngine {

    private final Duration defaultCooldown;
    private final LvdsConfig.Detection detection;

    /** An engine whose rules without their own cooldown use {@code defaultCooldown}. */
    public RuleEngine(Duration defaultCooldown) {
        this(defaultCooldown, LvdsConfig.Detection.DEFAULT);
    }

    /**
     * An engine whose rules without their own cooldown use {@code defaultCooldown}, testing cells
     * as {@code detection} says.
     */
    public RuleEngine(Duration defaultCooldown, LvdsConfig.Detection detection) {
        this.detection = Objects.requireNonNull(detection, "detection");
        this.defaultCooldown = Objects.requireNonNull(defaultCooldown, "defaultCooldown");
        if (defaultCooldown.isNegative()) {
            throw new IllegalArgumentException("negative cooldown " + defaultCooldown);
        }
    }

    /** Evaluates {@code rules} (in order) on one indicator of the cell whose state is given. */
    public Evaluation evaluate(CellIndicator cell, RuleState state, List<AlertRule> rules) {
        TensionIndicator ind = cell.indicator();
        AreaLevel level = AreaLevel.ofCell(ind.area(), ind.district());
        String topic = ind.topic();
        long now = ind.windowEnd();

        Map<String, Raised> raised = new HashMap<>(state.raised());
        Map<String, PendingIncident> pending = new HashMap<>(state.pending());
        List<TensionPoint> history = new ArrayList<>(state.history());

        watchIncidents(cell, level, topic, now, rules, pending, history);

        List<Alert> alerts = new ArrayList<>();
        for (AlertRule rule : rules) {
            // a suppressed cell (fewer than k signals) is tested only for what the incident feeds
            // say: its counts are not published, and an alert carries none of them
            if (!rule.appliesTo(cell.window(), level, topic)
                    || (ind.suppressed() && rule.type() != RuleType.SERIOUS_INCIDENT)) {
                continue;
            }
            Candidate candidate =
                    switch (rule.type()) {
                        case VOLUME -> surprise(rule, cell, false);
                        case HOSTILE_STORIES -> surprise(rule, cell, true);
                        case COORDINATED -> coordinated(rule, cell);
                        case SERIOUS_INCIDENT -> seriousIncident(rule, cell);
                        case SPIKE -> spike(rule, ind, cell);
                        case HOSTILITY -> hostility(rule, ind, cell);
                        case INCIDENT_ESCALATION -> escalation(rule, ind, pending);
                    };
            if (candidate == null) {
                continue;
            }
            AlertLevel alertLevel = candidate.level();
            if (alertLevel == AlertLevel.CRITICAL
                    && sources(cell).size() < rule.criticalMinSourceTypes()) {
                // One kind of source alone (e.g. a single platform's pile-on) is not enough
                // corroboration to wake the mayor; it still raises a warning.
                alertLevel = AlertLevel.WARNING;
            }
            Raised last = raised.get(rule.id());
            if (last != null && now < last.expiresAt() && !alertLevel.above(last.level())) {
                continue; // dedupe: already raised at this level or higher, cooldown running
            }
            alerts.add(alert(rule, alertLevel, cell, candidate));
            raised.put(
                    rule.id(),
                    new Raised(alertLevel, now, now + rule.cooldown(defaultCooldown).toMillis()));
        }
        if (!ind.suppressed()) {
            remember(cell, level, topic, now, rules, history);
        }
        return new Evaluation(alerts, new RuleState(raised, pending, history));
    }

    /**
     * A rule's verdict on one indicator before cooldown and corroboration, with the figures that
     * explain it (null for the rules that have none).
     */
    private record Candidate(
            AlertLevel level,
            List<String> incidentIds,
            Integer observed,
            Double expected,
            Double pValue,
            Integer copies) {

        Candidate(AlertLevel level, List<String> incidentIds) {
            this(level, incidentIds, null, null, null, null);
        }
    }

    /**
     * {@code volume} and {@code hostile-stories}: the cell's (hostile) stories against the count
     * expected from its history. The rule's thresholds apply to the surprise, the p-value corrected
     * for the number of cells tested per evaluation (fewer for a cell linked to a serious incident:
     * a hypothesis stated before the data); the rise must also be large in itself.
     */
    private Candidate surprise(AlertRule rule, CellIndicator cell, boolean hostile) {
        TensionIndicator ind = cell.indicator();
        Integer observed = hostile ? ind.hostileStories() : ind.stories();
        Double expected = hostile ? ind.hostileExpected() : ind.expected();
        Double p = hostile ? ind.hostilePValue() : ind.pValue();
        if (observed == null || expected == null || p == null || !enoughSignals(rule, ind)) {
            return null;
        }
        double floor = Math.max(expected, detection.minExpected());
        if (observed < detection.minRatio() * floor || observed - floor < detection.minExcess()) {
            return null;
        }
        int tests = incidentLinked(cell) ? detection.incidentTests() : detection.tests();
        double s = Surprise.surprise(p, tests);
        boolean serious = seriousIncidentLinked(cell);
        return rule.thresholds()
                .levelFor(s)
                // a rise where the most serious kind of incident happened is at least a warning
                .map(l -> serious && l == AlertLevel.WATCH ? AlertLevel.WARNING : l)
                .map(l -> new Candidate(l, linkedIncidentIds(cell), observed, expected, p, null))
                .orElse(null);
    }

    /**
     * {@code serious-incident}: the most severe incident an official feed reports in the cell's
     * window, as its severity against the rule's thresholds (watch or warning; never critical).
     * Carries no counts: the cell may be below k.
     */
    private static Candidate seriousIncident(AlertRule rule, CellIndicator cell) {
        if (cell.incidents() == null || cell.incidents().isEmpty()) {
            return null;
        }
        int severity = 0;
        for (IncidentRef i : cell.incidents()) {
            severity = Math.max(severity, i.severity());
        }
        return rule.thresholds()
                .levelFor(severity)
                .map(l -> new Candidate(l, linkedIncidentIds(cell)))
                .orElse(null);
    }

    private boolean seriousIncidentLinked(CellIndicator cell) {
        if (cell.incidents() == null) {
            return false;
        }
        for (IncidentRef i : cell.incidents()) {
            if (i.severity() >= detection.seriousSeverity()) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code coordinated}: many copies of few stories (signals beyond the window's distinct
     * stories), at least the rule's threshold and a share of the window; watch at most.
     */
    private Candidate coordinated(AlertRule rule, CellIndicator cell) {
        TensionIndicator ind = cell.indicator();
        if (ind.stories() == null || !enoughSignals(rule, ind)) {
            return null;
        }
        int copies = ind.signals() - ind.stories();
        if (copies < detection.coordinatedMinShare() * ind.signals()) {
            return null;
        }
        return rule.thresholds()
                .levelFor(copies)
                .map(
                        l ->
                                new Candidate(
                                        AlertLevel.WATCH,
                                        linkedIncidentIds(cell),
                                        ind.stories(),
                                        null,
                                        null,
                                        copies))
                .orElse(null);
    }

    private boolean incidentLinked(CellIndicator cell) {
        if (cell.incidents() == null) {
            return false;
        }
        for (IncidentRef i : cell.incidents()) {
            if (i.severity() >= detection.incidentSeverity()) {
                return true;
            }
        }
        return false;
    }

    private static Candidate spike(AlertRule rule, TensionIndicator ind, CellIndicator cell) {
        if (ind.zScore() == null || !enoughSignals(rule, ind)) {
            return null; // no baseline yet: a spike cannot be told from a normal day
        }
        return rule.thresholds()
                .levelFor(ind.zScore())
                .map(l -> new Candidate(l, linkedIncidentIds(cell)))
                .orElse(null);
    }

    private static Candidate hostility(AlertRule rule, TensionIndicator ind, CellIndicator cell) {
        if (ind.hostile() == null || !enoughSignals(rule, ind)) {
            return null;
        }
        double share = ind.hostile() / (double) ind.signals();
        return rule.thresholds()
                .levelFor(share)
                .map(l -> new Candidate(l, linkedIncidentIds(cell)))
                .orElse(null);
    }

    private static Candidate escalation(
            AlertRule rule, TensionIndicator ind, Map<String, PendingIncident> pending) {
        if (!enoughSignals(rule, ind)) {
            return null;
        }
        long now = ind.windowEnd();
        long within = rule.within().toMillis();
        List<PendingIncident> watched =
                pending.values().stream()
                        .filter(p -> p.ruleId().equals(rule.id()))
                        .filter(p -> p.ts() < now && now - p.ts() <= within)
                        .sorted(
                                Comparator.comparingLong(PendingIncident::ts)
                                        .thenComparing(PendingIncident::incidentId))
                        .toList();
        AlertLevel best = null;
        List<String> ids = new ArrayList<>();
        for (PendingIncident incident : watched) {
            AlertLevel reached = null;
            if (incident.baseline() != null && ind.tensionIndex() != null) {
                reached =
                        rule.thresholds()
                                .levelFor(ind.tensionIndex() - incident.baseline())
                                .orElse(null);
            }
            if (rule.zScoreThresholds() != null && ind.zScore() != null) {
                AlertLevel byZ = rule.zScoreThresholds().levelFor(ind.zScore()).orElse(null);
                if (byZ != null && byZ.above(reached)) {
                    reached = byZ;
                }
            }
            if (reached != null) {
                ids.add(incident.incidentId());
                if (reached.above(best)) {
                    best = reached;
                }
            }
        }
        return best == null ? null : new Candidate(best, ids);
    }

    private static boolean enoughSignals(AlertRule rule, TensionIndicator ind) {
        return ind.signals() != null && ind.signals() > 0 && ind.signals() >= rule.minSignals();
    }

    /** Step 1: start watching incidents newly linked to the cell. */
    private static void watchIncidents(
            CellIndicator cell,
            AreaLevel level,
            String topic,
            long now,
            List<AlertRule> rules,
            Map<String, PendingIncident> pending,
            List<TensionPoint> history) {
        if (cell.incidents() == null || cell.incidents().isEmpty()) {
            return;
        }
        for (AlertRule rule : rules) {
            // Any window may carry the link (the rule's own window is passed so only level,
            // topic and enabled are checked): a 24 h indicator can be the first to show it.
            if (rule.type() != RuleType.INCIDENT_ESCALATION
                    || !rule.appliesTo(rule.window(), level, topic)) {
                continue;
            }
            long within = rule.within().toMillis();
            for (IncidentRef incident : cell.incidents()) {
                String key = PendingIncident.key(rule.id(), incident.id());
                if (incident.severity() < rule.minSeverity()
                        || now - incident.ts() > within
                        || pending.containsKey(key)) {
                    continue;
                }
                pending.put(
                        key,
                        new PendingIncident(
                                rule.id(),
                                incident.id(),
                                incident.ts(),
                                incident.severity(),
                                baseline(rule, incident.ts(), history),
                                // +1: an indicator ending exactly withinHours after still counts
                                incident.ts() + within + 1));
            }
        }
    }

    /**
     * The tension index of the last indicator of the rule's window ending at or before {@code ts}.
     */
    private static Double baseline(AlertRule rule, long ts, List<TensionPoint> history) {
        long earliest = ts - rule.baselineLookback().toMillis();
        TensionPoint last = null;
        for (TensionPoint point : history) {
            if (point.window().equals(rule.window())
                    && point.windowEnd() <= ts
                    && point.windowEnd() >= earliest
                    && (last == null || point.windowEnd() > last.windowEnd())) {
                last = point;
            }
        }
        return last == null ? null : last.tensionIndex();
    }

    /**
     * Step 3: keep the tension index while an escalation rule may need it. A point is needed until
     * no incident it could be the baseline of can still be watched: its window end plus the rule's
     * lookback plus its horizon.
     */
    private static void remember(
            CellIndicator cell,
            AreaLevel level,
            String topic,
            long now,
            List<AlertRule> rules,
            List<TensionPoint> history) {
        Double tension = cell.indicator().tensionIndex();
        if (tension == null) {
            return;
        }
        long keep = -1;
        for (AlertRule rule : rules) {
            if (rule.type() == RuleType.INCIDENT_ESCALATION
                    && rule.appliesTo(cell.window(), level, topic)) {
                keep =
                        Math.max(
                                keep,
                                rule.baselineLookback().toMillis() + rule.within().toMillis() + 1);
            }
        }
        if (keep < 0) {
            return;
        }
        // A late firing of the same window replaces the earlier value.
        history.removeIf(p -> p.window().equals(cell.window()) && p.windowEnd() == now);
        history.add(new TensionPoint(cell.window(), now, tension, now + keep));
        history.sort(Comparator.comparingLong(TensionPoint::windowEnd));
    }

    private static Alert alert(
            AlertRule rule, AlertLevel level, CellIndicator cell, Candidate candidate) {
        TensionIndicator ind = cell.indicator();
        String test = rule.id();
        boolean coordinated = rule.type() == RuleType.COORDINATED;
        return new Alert(
                Alert.VERSION,
                alertId(rule.id(), ind.area(), ind.topic(), ind.windowStart(), level),
                ind.windowEnd(),
                ind.area(),
                ind.topic(),
                level.wire(),
                test,
                // Non-suppressed indicators always carry an index; 0 only guards a broken upstream.
                ind.tensionIndex() == null ? 0.0 : ind.tensionIndex(),
                ind.zScore(),
                ind.windowStart(),
                ind.windowEnd(),
                List.copyOf(candidate.incidentIds()),
                // a suppressed cell (a serious incident where few post) shows nothing of its posts
                ind.suppressed() || cell.topTerms() == null
                        ? List.of()
                        : List.copyOf(cell.topTerms()),
                ind.suppressed() ? List.of() : sources(cell),
                ind.modelVersion(),
                ind.district(),
                coordinated ? Alert.Kind.COORDINATED : Alert.Kind.EVENT,
                Alert.Status.RAISED,
                0,
                ind.windowEnd(),
                List.of(
                        new AlertCell(
                                ind.area(),
                                ind.district(),
                                ind.topic(),
                                level.wire(),
                                test,
                                candidate.observed(),
                                candidate.expected(),
                                candidate.pValue())),
                candidate.observed(),
                candidate.expected(),
                candidate.pValue(),
                candidate.copies(),
                coordinated ? ind.distinctAuthors() : null);
    }

    private static List<String> linkedIncidentIds(CellIndicator cell) {
        if (cell.incidents() == null) {
            return List.of();
        }
        return cell.incidents().stream()
                .sorted(Comparator.comparingLong(IncidentRef::ts).thenComparing(IncidentRef::id))
                .map(IncidentRef::id)
                .distinct()
                .toList();
    }

    private static List<String> sources(CellIndicator cell) {
        return cell.sources() == null ? List.of() : List.copyOf(cell.sources());
    }

    /**
     * The deterministic alert id: the first 128 bits of SHA-256 over rule, cell, window start and
     * level, in hex. The same input replayed gives the same id; an escalation of the same window to
     * a higher level is a new alert with its own id.
     */
    public static String alertId(
            String ruleId, String area, String topic, long windowStart, AlertLevel level) {
        String material =
                String.join(
                        "\u001f", ruleId, area, topic, Long.toString(windowStart), level.wire());
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(material.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
