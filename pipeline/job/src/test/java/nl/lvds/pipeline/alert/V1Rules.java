package nl.lvds.pipeline.alert;

import java.util.List;
import nl.lvds.models.config.AlertRule;
import nl.lvds.models.config.AreaLevel;
import nl.lvds.models.config.RuleType;
import nl.lvds.models.config.Thresholds;

/**
 * Test data: the rule set shipped before alert detection v2 ({@code volume-spike}, {@code
 * hostility}, {@code incident-escalation}). The old rule types still work for rule sets that use
 * them, and tests of cooldowns, incident watching and state cleanup need rules that remember.
 */
public final class V1Rules {

    private V1Rules() {}

    /** The former default rules, as they were shipped. */
    public static final List<AlertRule> DEFAULTS =
            List.of(
                    new AlertRule(
                            "volume-spike",
                            RuleType.SPIKE,
                            true,
                            "Many more signals than usual for this cell, hour and weekday.",
                            "1h",
                            List.of(),
                            List.of(AreaLevel.values()),
                            20,
                            Thresholds.of(3.0, 4.5, 6.0),
                            2,
                            null,
                            null,
                            null,
                            null,
                            null),
                    new AlertRule(
                            "hostility",
                            RuleType.HOSTILITY,
                            true,
                            "A large share of hostile signals (dehumanising, threats, incitement).",
                            "1h",
                            List.of(),
                            List.of(AreaLevel.values()),
                            20,
                            Thresholds.of(0.25, 0.35, 0.5),
                            2,
                            null,
                            null,
                            null,
                            null,
                            null),
                    new AlertRule(
                            "incident-escalation",
                            RuleType.INCIDENT_ESCALATION,
                            true,
                            "Tension rising in the area of a serious incident in the hours after"
                                    + " it.",
                            "1h",
                            List.of(),
                            List.of(AreaLevel.values()),
                            10,
                            Thresholds.of(10.0, 20.0, 30.0),
                            2,
                            null,
                            2,
                            6,
                            24,
                            Thresholds.of(3.0, 4.5, 6.0)));
}
