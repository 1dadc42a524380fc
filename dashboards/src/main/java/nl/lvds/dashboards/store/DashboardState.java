package nl.lvds.dashboards.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.TensionIndicator;

/**
 * The dashboard's in-memory view of the pipeline's output: the time series of indicators per (area,
 * topic, window size), alerts and incidents, and source-health counters.
 *
 * <p>It is rebuilt from Kafka on every start (the topics' retention bounds the replay), so it needs
 * no persistence of its own. History is bounded in event time: everything older than {@code
 * retention} before the newest window end seen is dropped. Event time, not the wall clock, so a
 * replayed archive from 2024 shows the same as a live feed. One writer (the Kafka consumer thread)
 * and many readers (HTTP threads): every method is synchronized, reads return copies.
 *
 * <p>Besides the final indicators it keeps, per 1 h cell, at most one <em>provisional</em>
 * indicator: the live job's early result for the cell's still open 1 h window (topic {@code
 * kafka.topics.early}, at-least-once, re-published with growing counts). A newer provisional record
 * for the same or a later window replaces it; the final indicator of the cell with a window end at
 * or after it drops it. Provisional values never enter the series, the trend or the health counters
 * of final indicators.
 */
public final class DashboardState {

    /**
     * The key of one time series.
     *
     * @param area wijk, district or {@code city}
     * @param topic a topic or {@code all}
     * @param windowHours 1 or 24
     */
    public record CellKey(String area, String topic, int windowHours) {
        /** The key of an indicator. */
        public static CellKey of(TensionIndicator t) {
            return new CellKey(t.area(), t.topic(), DashboardState.windowHours(t));
        }
    }

    /**
     * What one consumer batch changed, for live pushes.
     *
     * @param indicators new or updated indicators
     * @param alerts new alert groups and groups with a newer record (the latest record each)
     * @param incidents new incidents
     * @param early cells whose provisional indicator was set or replaced (the value itself is read
     *     from {@link #early(CellKey)} when pushed, so a push never shows one already dropped)
     */
    public record Update(
            List<TensionIndicator> indicators,
            List<Alert> alerts,
            List<Incident> incidents,
            List<CellKey> early) {
        /** Whether nothing changed. */
        public boolean isEmpty() {
            return indicators.isEmpty()
                    && alerts.isEmpty()
                    && incidents.isEmpty()
                    && early.isEmpty();
        }
    }

    /**
     * Source health counters.
     *
     * @param indicatorsConsumed indicators read since start
     * @param alertsConsumed alerts read since start
     * @param incidentsConsumed incidents read since start
     * @param deadLetters dead-letter records seen since start
     * @param decodeErrors records the dashboard could not decode
     * @param modelVersion model version of the newest indicator
     * @param lastEventTime newest window end seen, epoch ms (0 when none)
     * @param lastUpdateMillis wall-clock time of the last record consumed other than a provisional
     *     indicator, epoch ms (0 when none)
     * @param deadLettersPerHour dead letters per hour (record timestamp), hour start epoch ms
     * @param earlyConsumed provisional indicators read since start
     * @param earlyHeld provisional indicators held now (at most one per 1 h cell)
     */
    public record Health(
            long indicatorsConsumed,
            long alertsConsumed,
            long incidentsConsumed,
            long deadLetters,
            long decodeErrors,
            String modelVersion,
            long lastEventTime,
            long lastUpdateMillis,
            Map<Long, Long> deadLettersPerHour,
            long earlyConsumed,
            int earlyHeld) {}

    private static final long HOUR = Duration.ofHours(1).toMillis();

    /**
     * A provisional indicator whose window ended this long before the newest window end seen (final
     * or provisional) is dropped even without its final: the final should have come long before
     * (the window closes 60 s after its end), so the pipeline is behind or was stopped.
     */
    public static final long EARLY_MAX_AGE_MILLIS = Duration.ofMinutes(15).toMillis();

    private final long retentionMillis;
    private final Map<CellKey, TreeMap<Long, TensionIndicator>> series = new HashMap<>();
    private final Map<CellKey, TensionIndicator> early = new HashMap<>();
    private final Map<String, Alert> alerts = new LinkedHashMap<>();
    private final Map<String, Incident> incidents = new LinkedHashMap<>();
    private final TreeMap<Long, Long> deadLettersPerHour = new TreeMap<>();
    private final List<Consumer<Update>> listeners = new CopyOnWriteArrayList<>();
    private long maxEventTime;
    private long maxEarlyWindowEnd;
    private long earlyConsumed;
    private long indicatorsConsumed;
    private long alertsConsumed;
    private long incidentsConsumed;
    private long deadLetters;
    private long decodeErrors;
    private String modelVersion;
    private long lastUpdateMillis;
    private long appliedSincePrune;

    /** A store keeping {@code retention} of event-time history. */
    public DashboardState(Duration retention) {
        this.retentionMillis = retention.toMillis();
    }

    /** The window size of an indicator in whole hours (1 or 24). */
    public static int windowHours(TensionIndicator t) {
        return (int) Math.max(1, Math.round((t.windowEnd() - t.windowStart()) / (double) HOUR));
    }

    /** Registers a listener called (on the consumer thread) after each non-empty batch. */
    public void addListener(Consumer<Update> listener) {
        listeners.add(listener);
    }

    /** Applies one consumer batch without provisional indicators and notifies listeners. */
    public void apply(
            List<TensionIndicator> newIndicators,
            List<Alert> newAlerts,
            List<Incident> newIncidents,
            List<Long> deadLetterTimestamps,
            int newDecodeErrors,
            long wallClockMillis) {
        apply(
                newIndicators,
                List.of(),
                newAlerts,
                newIncidents,
                deadLetterTimestamps,
                newDecodeErrors,
                wallClockMillis);
    }

    /**
     * Applies one consumer batch and notifies listeners. Final indicators are applied before the
     * provisional ones of the same batch, so a provisional record that its final already overtook
     * is dropped at once.
     */
    public void apply(
            List<TensionIndicator> newIndicators,
            List<TensionIndicator> newEarly,
            List<Alert> newAlerts,
            List<Incident> newIncidents,
            List<Long> deadLetterTimestamps,
            int newDecodeErrors,
            long wallClockMillis) {
        Update update;
        synchronized (this) {
            List<Alert> freshAlerts = new ArrayList<>();
            List<Incident> freshIncidents = new ArrayList<>();
            for (TensionIndicator t : newIndicators) {
                CellKey key = CellKey.of(t);
                series.computeIfAbsent(key, k -> new TreeMap<>()).put(t.windowEnd(), t);
                maxEventTime = Math.max(maxEventTime, t.windowEnd());
                if (t.modelVersion() != null) {
                    modelVersion = t.modelVersion();
                }
                TensionIndicator provisional = early.get(key);
                if (provisional != null && t.windowEnd() >= provisional.windowEnd()) {
                    early.remove(key);
                }
            }
            Set<CellKey> freshEarly = new LinkedHashSet<>();
            for (TensionIndicator t : newEarly) {
                if (acceptEarly(t)) {
                    freshEarly.add(CellKey.of(t));
                }
            }
            earlyConsumed += newEarly.size();
            if (!newEarly.isEmpty() || !newIndicators.isEmpty()) {
                dropStaleEarly();
                freshEarly.removeIf(k -> !early.containsKey(k));
            }
            for (Alert a : newAlerts) {
                // One entry per alert group: its latest record wins. Group ids and updates are
                // deterministic, so a replay or an exactly-once retry changes nothing.
                Alert held = alerts.get(a.id());
                if (held == null || newer(a, held)) {
                    alerts.put(a.id(), a);
                    freshAlerts.add(a);
                }
                maxEventTime = Math.max(maxEventTime, a.raisedAt());
            }
            for (Incident i : newIncidents) {
                if (incidents.put(i.id(), i) == null) {
                    freshIncidents.add(i);
                }
            }
            for (long ts : deadLetterTimestamps) {
                deadLettersPerHour.merge(ts - Math.floorMod(ts, HOUR), 1L, Long::sum);
            }
            indicatorsConsumed += newIndicators.size();
            alertsConsumed += newAlerts.size();
            incidentsConsumed += newIncidents.size();
            deadLetters += deadLetterTimestamps.size();
            decodeErrors += newDecodeErrors;
            // Provisional records come every half second while the job runs: they do not count
            // as an update here, so "last update" still tells whether final output flows.
            if (!newIndicators.isEmpty()
                    || !newAlerts.isEmpty()
                    || !newIncidents.isEmpty()
                    || !deadLetterTimestamps.isEmpty()) {
                lastUpdateMillis = wallClockMillis;
            }
            appliedSincePrune += newIndicators.size() + newAlerts.size() + newIncidents.size();
            if (appliedSincePrune > 10_000) {
                prune();
            }
            update =
                    new Update(
                            List.copyOf(newIndicators),
                            freshAlerts,
                            freshIncidents,
                            List.copyOf(freshEarly));
        }
        if (!update.isEmpty()) {
            for (Consumer<Update> l : listeners) {
                l.accept(update);
            }
        }
    }

    /** Whether {@code a} is a later record of the same group than {@code held}. */
    private static boolean newer(Alert a, Alert held) {
        return a.update() > held.update()
                || (a.update() == held.update() && a.raisedAt() > held.raisedAt());
    }

    /**
     * Takes a provisional indicator if it is a 1 h window newer than the cell's final one and not
     * older than the provisional one held; the newest record for the same window wins.
     */
    private boolean acceptEarly(TensionIndicator t) {
        if (windowHours(t) != 1) {
            return false;
        }
        CellKey key = CellKey.of(t);
        TreeMap<Long, TensionIndicator> finals = series.get(key);
        if (finals != null && !finals.isEmpty() && finals.lastKey() >= t.windowEnd()) {
            return false;
        }
        TensionIndicator held = early.get(key);
        if (held != null && held.windowEnd() > t.windowEnd()) {
            return false;
        }
        early.put(key, t);
        maxEarlyWindowEnd = Math.max(maxEarlyWindowEnd, t.windowEnd());
        return true;
    }

    private void dropStaleEarly() {
        long limit = Math.max(maxEventTime, maxEarlyWindowEnd) - EARLY_MAX_AGE_MILLIS;
        early.values().removeIf(t -> t.windowEnd() < limit);
    }

    /** Drops history older than the retention before the newest event time. */
    public synchronized void prune() {
        dropStaleEarly();
        appliedSincePrune = 0;
        long limit = maxEventTime - retentionMillis;
        series.values().forEach(s -> s.headMap(limit, false).clear());
        series.values().removeIf(TreeMap::isEmpty);
        alerts.values().removeIf(a -> a.raisedAt() < limit);
        incidents.values().removeIf(i -> i.ts() < limit);
        deadLettersPerHour.headMap(limit, false).clear();
    }

    /** The newest indicator of a cell. */
    public synchronized Optional<TensionIndicator> latest(CellKey key) {
        TreeMap<Long, TensionIndicator> s = series.get(key);
        return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s.lastEntry().getValue());
    }

    /**
     * The provisional indicator of a 1 h cell's open window, if one is held: newer than the cell's
     * newest final indicator. Not exactly-once, never for alerts or review.
     */
    public synchronized Optional<TensionIndicator> early(CellKey key) {
        return Optional.ofNullable(early.get(key));
    }

    /** Number of provisional indicators held (at most one per 1 h cell). */
    public synchronized int earlyCount() {
        return early.size();
    }

    /** The indicator before the newest one of a cell (for trends). */
    public synchronized Optional<TensionIndicator> previous(CellKey key) {
        TreeMap<Long, TensionIndicator> s = series.get(key);
        if (s == null || s.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(s.lowerEntry(s.lastKey()).getValue());
    }

    /** A cell's indicators with window end in [from, to], oldest first. */
    public synchronized List<TensionIndicator> series(CellKey key, long from, long to) {
        TreeMap<Long, TensionIndicator> s = series.get(key);
        if (s == null) {
            return List.of();
        }
        NavigableMap<Long, TensionIndicator> sub = s.subMap(from, true, to, true);
        return new ArrayList<>(sub.values());
    }

    /** Alert groups (the latest record of each), newest first. */
    public synchronized List<Alert> alerts() {
        List<Alert> list = new ArrayList<>(alerts.values());
        list.sort(Comparator.comparingLong(Alert::raisedAt).reversed().thenComparing(Alert::id));
        return list;
    }

    /** One alert group's latest record by its id. */
    public synchronized Optional<Alert> alert(String id) {
        return Optional.ofNullable(alerts.get(id));
    }

    /** Incidents with time in [from, to], oldest first. */
    public synchronized List<Incident> incidents(long from, long to) {
        List<Incident> list = new ArrayList<>();
        for (Incident i : incidents.values()) {
            if (i.ts() >= from && i.ts() <= to) {
                list.add(i);
            }
        }
        list.sort(Comparator.comparingLong(Incident::ts));
        return list;
    }

    /** The newest event time seen (window end or alert time), epoch ms; 0 when empty. */
    public synchronized long maxEventTime() {
        return maxEventTime;
    }

    /** Number of series held. */
    public synchronized int seriesCount() {
        return series.size();
    }

    /** The source-health counters. */
    public synchronized Health health() {
        return new Health(
                indicatorsConsumed,
                alertsConsumed,
                incidentsConsumed,
                deadLetters,
                decodeErrors,
                modelVersion,
                maxEventTime,
                lastUpdateMillis,
                new TreeMap<>(deadLettersPerHour.tailMap(maxEventTime - 24 * HOUR, true)),
                earlyConsumed,
                early.size());
    }
}
