package nl.lvds.models.rules;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import nl.lvds.models.config.AlertRule;
import nl.lvds.models.config.LvdsConfig;

/**
 * A change of the alert rules at run time, as published on the {@code lvds.rules} topic (contract
 * {@code v: 1}): the complete new rule set, from when it applies, who changed it and why.
 *
 * <p>The rule set applied to an indicator is the change with the highest {@link #version()} whose
 * {@link #effectiveFrom()} is at or before the indicator's window end; before any change, the
 * config file's {@code alerts} section applies (version 0).
 *
 * @param version monotonically increasing, starting at 1 (0 is the config file's rules)
 * @param effectiveFrom epoch ms, on a 15-minute boundary: applies to indicators whose window ends
 *     at or after it
 * @param publishedAt epoch ms of publication (wall clock, for the audit trail only; never used to
 *     decide anything)
 * @param changedBy the staff account that made the change (a dashboard login name), never a
 *     monitored person
 * @param reason why, in a sentence (1-500 characters)
 * @param alerts the complete new rule set and default cooldown, in the config file's shape
 * @param rulesSha256 SHA-256 (hex) of the canonical JSON of {@code alerts}, see {@link
 *     RuleSetCodec#canonicalRules}
 */
public record RuleSetChange(
        long version,
        long effectiveFrom,
        long publishedAt,
        String changedBy,
        String reason,
        LvdsConfig.Alerts alerts,
        String rulesSha256)
        implements Serializable {

    /** Window boundary every {@link #effectiveFrom()} lies on: the 15-minute bucket. */
    public static final long BOUNDARY_MS = 15 * 60_000L;

    /** Longest accepted {@link #reason()}. */
    public static final int MAX_REASON_CHARS = 500;

    /** A staff account name: letters, digits and {@code . _ @ -}, 1-64 characters. */
    public static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    /** Validates everything but the hash (see {@link #of} and {@link RuleSetCodec}). */
    public RuleSetChange {
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
        if (Math.floorMod(effectiveFrom, BOUNDARY_MS) != 0) {
            throw new IllegalArgumentException(
                    "effectiveFrom "
                            + Instant.ofEpochMilli(effectiveFrom)
                            + " is not on a 15-minute window boundary (e.g. 13:00, 13:15)");
        }
        if (changedBy == null || !ACCOUNT.matcher(changedBy).matches()) {
            throw new IllegalArgumentException(
                    "changedBy must be a staff account name (1-64 letters, digits, . _ @ -)");
        }
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON_CHARS) {
            throw new IllegalArgumentException(
                    "reason must be 1-" + MAX_REASON_CHARS + " characters and not blank");
        }
        Objects.requireNonNull(alerts, "alerts");
        if (alerts.rules().isEmpty()) {
            throw new IllegalArgumentException("rules must not be empty");
        }
        Objects.requireNonNull(rulesSha256, "rulesSha256");
    }

    /** A change with its hash computed from {@code alerts}. */
    public static RuleSetChange of(
            long version,
            long effectiveFrom,
            long publishedAt,
            String changedBy,
            String reason,
            LvdsConfig.Alerts alerts) {
        return new RuleSetChange(
                version,
                effectiveFrom,
                publishedAt,
                changedBy,
                reason,
                alerts,
                RuleSetCodec.sha256(alerts));
    }

    /** The rules, in evaluation order. */
    public List<AlertRule> rules() {
        return alerts.rules();
    }

    /** The first 15-minute boundary strictly after {@code epochMillis}. */
    public static long nextBoundaryAfter(long epochMillis) {
        return Math.floorDiv(epochMillis, BOUNDARY_MS) * BOUNDARY_MS + BOUNDARY_MS;
    }
}
