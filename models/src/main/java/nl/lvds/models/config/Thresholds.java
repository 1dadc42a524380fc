package nl.lvds.models.config;

import java.io.Serializable;
import java.util.Optional;

/**
 * The values at which a rule's measure reaches each alert level. A null level is not used by the
 * rule (e.g. a rule that never goes beyond {@code warning}); the levels present must not decrease.
 *
 * @param watch threshold for {@code watch}, or null
 * @param warning threshold for {@code warning}, or null
 * @param critical threshold for {@code critical}, or null
 */
public record Thresholds(Double watch, Double warning, Double critical) implements Serializable {

    /** Validates: at least one level, finite, non-negative, non-decreasing. */
    public Thresholds {
        if (watch == null && warning == null && critical == null) {
            throw new ConfigException("at least one of watch, warning, critical must be set");
        }
        Double previous = null;
        String previousName = null;
        for (AlertLevel level : AlertLevel.values()) {
            Double t = value(level, watch, warning, critical);
            if (t == null) {
                continue;
            }
            if (!Double.isFinite(t) || t < 0) {
                throw new ConfigException(level.wire() + " must be a number >= 0, was " + t);
            }
            if (previous != null && t < previous) {
                throw new ConfigException(
                        level.wire()
                                + " ("
                                + t
                                + ") is below "
                                + previousName
                                + " ("
                                + previous
                                + "): levels must not decrease");
            }
            previous = t;
            previousName = level.wire();
        }
    }

    /** Thresholds for all three levels. */
    public static Thresholds of(double watch, double warning, double critical) {
        return new Thresholds(watch, warning, critical);
    }

    /** The threshold of one level, or null when the rule does not use that level. */
    public Double at(AlertLevel level) {
        return value(level, watch, warning, critical);
    }

    /** The highest level whose threshold {@code measure} reaches (&ge;), if any. */
    public Optional<AlertLevel> levelFor(double measure) {
        if (Double.isNaN(measure)) {
            return Optional.empty();
        }
        AlertLevel reached = null;
        for (AlertLevel level : AlertLevel.values()) {
            Double t = at(level);
            if (t != null && measure >= t) {
                reached = level;
            }
        }
        return Optional.ofNullable(reached);
    }

    /** The largest threshold set (used to check a rule's scale, e.g. shares at most 1). */
    public double max() {
        double max = Double.NEGATIVE_INFINITY;
        for (AlertLevel level : AlertLevel.values()) {
            Double t = at(level);
            if (t != null) {
                max = Math.max(max, t);
            }
        }
        return max;
    }

    /** The smallest threshold set. */
    public double min() {
        double min = Double.POSITIVE_INFINITY;
        for (AlertLevel level : AlertLevel.values()) {
            Double t = at(level);
            if (t != null) {
                min = Math.min(min, t);
            }
        }
        return min;
    }

    private static Double value(AlertLevel level, Double watch, Double warning, Double critical) {
        return switch (level) {
            case WATCH -> watch;
            case WARNING -> warning;
            case CRITICAL -> critical;
        };
    }
}
