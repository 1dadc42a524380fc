package nl.lvds.pipeline.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import nl.lvds.models.rules.RuleSetChange;

/**
 * The rule-set changes an alert stage keeps, and which one applies to an indicator. Pure (no
 * Flink), so the broadcast operator only stores and loads it.
 *
 * <p><b>Which rules apply</b>: to an indicator whose window ends at {@code W}, the change with the
 * highest version whose {@code effectiveFrom <= W}; with none, the config file's rules (version 0).
 * So a newer version supersedes an older one from its own effectiveFrom on, and a change can be
 * published ahead of time. The choice depends only on the changes received and the indicator, not
 * on arrival times or watermarks.
 *
 * <p><b>Accepting a change</b> depends only on the changes received before it (Flink requires
 * broadcast-state updates to be the same on every parallel instance): a version already kept is a
 * {@link Outcome#DUPLICATE} (same hash) or {@link Outcome#CONFLICTING} (different hash; the first
 * one stays); a version below the highest kept is {@link Outcome#STALE}. Neither changes anything.
 *
 * <p><b>Bounded</b>: when a change is accepted, versions that can no longer be chosen for any
 * window ending within {@link #RETENTION} before its effectiveFrom are dropped (those below the
 * version in force at that horizon), and at most {@link #MAX_VERSIONS} are kept. Once anything was
 * dropped, an indicator older than every kept change gets the oldest kept change rather than the
 * config rules (a week-old window in a live job only occurs when replaying; review uses the config
 * rules anyway).
 */
public final class RuleSetHistory {

    /** How far before the newest change's effectiveFrom older versions are still kept. */
    public static final Duration RETENTION = Duration.ofDays(7);

    /** The most versions kept. */
    public static final int MAX_VERSIONS = 32;

    /** What {@link #add} did with a change. */
    public enum Outcome {
        ACCEPTED,
        DUPLICATE,
        CONFLICTING,
        STALE
    }

    /**
     * The result of {@link #add}.
     *
     * @param outcome what happened to the change
     * @param dropped versions removed to keep the history bounded
     */
    public record Update(Outcome outcome, List<Long> dropped) {}

    private final TreeMap<Long, RuleSetChange> versions;
    private boolean pruned;

    /** A history of the given changes; {@code pruned}: older versions were dropped before. */
    public RuleSetHistory(Map<Long, RuleSetChange> versions, boolean pruned) {
        this.versions = new TreeMap<>(versions);
        this.pruned = pruned;
    }

    /** An empty history (the config rules apply everywhere). */
    public static RuleSetHistory empty() {
        return new RuleSetHistory(Map.of(), false);
    }

    /** Adds a change (see the class comment); mutates this history. */
    public Update add(RuleSetChange change) {
        RuleSetChange present = versions.get(change.version());
        if (present != null) {
            return new Update(
                    present.rulesSha256().equals(change.rulesSha256())
                                    && present.effectiveFrom() == change.effectiveFrom()
                            ? Outcome.DUPLICATE
                            : Outcome.CONFLICTING,
                    List.of());
        }
        if (!versions.isEmpty() && change.version() < versions.lastKey()) {
            return new Update(Outcome.STALE, List.of());
        }
        versions.put(change.version(), change);
        List<Long> dropped = new ArrayList<>();
        RuleSetChange atHorizon = forWindowEnd(change.effectiveFrom() - RETENTION.toMillis());
        if (atHorizon != null) {
            for (Long v : List.copyOf(versions.headMap(atHorizon.version(), false).keySet())) {
                versions.remove(v);
                dropped.add(v);
            }
        }
        while (versions.size() > MAX_VERSIONS) {
            dropped.add(versions.pollFirstEntry().getKey());
        }
        if (!dropped.isEmpty()) {
            pruned = true;
        }
        return new Update(Outcome.ACCEPTED, List.copyOf(dropped));
    }

    /** The change that applies to an indicator whose window ends at {@code windowEnd}, or null. */
    public RuleSetChange forWindowEnd(long windowEnd) {
        RuleSetChange best = null;
        for (RuleSetChange c : versions.descendingMap().values()) {
            if (c.effectiveFrom() <= windowEnd) {
                best = c;
                break;
            }
        }
        if (best == null && pruned && !versions.isEmpty()) {
            return versions.firstEntry().getValue();
        }
        return best;
    }

    /** The highest version kept, 0 when none (the config rules). */
    public long latestVersion() {
        return versions.isEmpty() ? 0L : versions.lastKey();
    }

    /** The kept changes by version. */
    public NavigableMap<Long, RuleSetChange> versions() {
        return java.util.Collections.unmodifiableNavigableMap(versions);
    }

    /** Whether older versions were dropped. */
    public boolean pruned() {
        return pruned;
    }
}
