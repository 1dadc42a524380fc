package nl.lvds.pipeline.alert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the alert rules remember about one cell (area, topic): the last raise per rule, the
 * incidents being watched, and the recent tension history the escalation rule compares against.
 * Immutable; every entry carries the event time at which it expires, so expiry does not depend on
 * the rules (which may change at run time).
 *
 * @param raised last raise per rule id
 * @param pending watched incidents by {@link PendingIncident#key()}
 * @param history recent tension indices, oldest first
 */
public record RuleState(
        Map<String, Raised> raised,
        Map<String, PendingIncident> pending,
        List<TensionPoint> history) {

    private static final RuleState EMPTY = new RuleState(Map.of(), Map.of(), List.of());

    /** Copies the collections (Flink's serializers hand over mutable ones). */
    public RuleState {
        raised = raised == null ? Map.of() : Map.copyOf(raised);
        pending = pending == null ? Map.of() : Map.copyOf(pending);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** The state of a cell nothing is remembered about. */
    public static RuleState empty() {
        return EMPTY;
    }

    /** Whether nothing is remembered (the operator then clears its state). */
    public boolean nothingRemembered() {
        return raised.isEmpty() && pending.isEmpty() && history.isEmpty();
    }

    /** This state without the entries that expire at or before {@code time}. */
    public RuleState expire(long time) {
        Map<String, Raised> keptRaised = new HashMap<>();
        raised.forEach(
                (id, r) -> {
                    if (r.expiresAt() > time) {
                        keptRaised.put(id, r);
                    }
                });
        Map<String, PendingIncident> keptPending = new HashMap<>();
        pending.forEach(
                (key, p) -> {
                    if (p.expiresAt() > time) {
                        keptPending.put(key, p);
                    }
                });
        List<TensionPoint> keptHistory = new ArrayList<>();
        for (TensionPoint point : history) {
            if (point.expiresAt() > time) {
                keptHistory.add(point);
            }
        }
        return new RuleState(keptRaised, keptPending, keptHistory);
    }

    /** The earliest expiry of any entry, or null when nothing is remembered. */
    public Long nextExpiry() {
        long next = Long.MAX_VALUE;
        for (Raised r : raised.values()) {
            next = Math.min(next, r.expiresAt());
        }
        for (PendingIncident p : pending.values()) {
            next = Math.min(next, p.expiresAt());
        }
        for (TensionPoint point : history) {
            next = Math.min(next, point.expiresAt());
        }
        return next == Long.MAX_VALUE ? null : next;
    }
}
