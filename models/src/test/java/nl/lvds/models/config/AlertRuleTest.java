package nl.lvds.models.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertRuleTest {

    private static AlertRule spike(List<String> topics, List<AreaLevel> levels, Integer cooldown) {
        return new AlertRule(
                "s",
                RuleType.SPIKE,
                true,
                null,
                "1h",
                topics,
                levels,
                20,
                Thresholds.of(3, 4.5, 6),
                1,
                cooldown,
                null,
                null,
                null,
                null);
    }

    @Test
    void shouldPickTheHighestLevelReached() {
        Thresholds thresholds = Thresholds.of(3, 4.5, 6);

        assertThat(thresholds.levelFor(2.99)).isEmpty();
        assertThat(thresholds.levelFor(3.0)).contains(AlertLevel.WATCH);
        assertThat(thresholds.levelFor(4.5)).contains(AlertLevel.WARNING);
        assertThat(thresholds.levelFor(100)).contains(AlertLevel.CRITICAL);
        assertThat(thresholds.levelFor(Double.NaN)).isEmpty();
    }

    @Test
    void shouldSkipLevelsARuleDoesNotUse() {
        Thresholds warningOnly = new Thresholds(null, 5.0, null);

        assertThat(warningOnly.levelFor(4.9)).isEmpty();
        assertThat(warningOnly.levelFor(50)).contains(AlertLevel.WARNING);
    }

    @Test
    void shouldApplyToEveryTopicWhenTopicsAreEmpty() {
        AlertRule rule = spike(List.of(), List.of(AreaLevel.values()), null);

        assertThat(rule.appliesTo("1h", AreaLevel.WIJK, "migration")).isTrue();
        assertThat(rule.appliesTo("1h", AreaLevel.CITY, "all")).isTrue();
        assertThat(rule.appliesTo("24h", AreaLevel.CITY, "all")).isFalse();
    }

    @Test
    void shouldRestrictToListedTopicsAndLevels() {
        AlertRule rule = spike(List.of("all"), List.of(AreaLevel.DISTRICT), null);

        assertThat(rule.appliesTo("1h", AreaLevel.DISTRICT, "all")).isTrue();
        assertThat(rule.appliesTo("1h", AreaLevel.DISTRICT, "migration")).isFalse();
        assertThat(rule.appliesTo("1h", AreaLevel.WIJK, "all")).isFalse();
    }

    @Test
    void shouldNotApplyWhenDisabled() {
        AlertRule base = spike(List.of(), List.of(AreaLevel.values()), null);
        AlertRule disabled =
                new AlertRule(
                        base.id(),
                        base.type(),
                        false,
                        null,
                        "1h",
                        List.of(),
                        null,
                        20,
                        base.thresholds(),
                        1,
                        null,
                        null,
                        null,
                        null,
                        null);

        assertThat(disabled.appliesTo("1h", AreaLevel.WIJK, "all")).isFalse();
    }

    @Test
    void shouldFallBackToTheDefaultCooldown() {
        assertThat(spike(List.of(), null, null).cooldown(Duration.ofHours(6)))
                .isEqualTo(Duration.ofHours(6));
        assertThat(spike(List.of(), null, 2).cooldown(Duration.ofHours(6)))
                .isEqualTo(Duration.ofHours(2));
    }

    @Test
    void shouldDefaultTheBaselineLookbackOfEscalationRules() {
        AlertRule rule =
                new AlertRule(
                        "e",
                        RuleType.INCIDENT_ESCALATION,
                        true,
                        null,
                        null,
                        null,
                        null,
                        10,
                        Thresholds.of(10, 20, 30),
                        1,
                        null,
                        2,
                        6,
                        null,
                        null);

        assertThat(rule.baselineLookback()).isEqualTo(Duration.ofHours(24));
        assertThat(rule.within()).isEqualTo(Duration.ofHours(6));
        assertThat(rule.window()).isEqualTo("1h");
    }

    @Test
    void shouldRefuseAListedTopicThatIsNotInTheTaxonomy() {
        assertThatThrownBy(() -> spike(List.of("football"), null, null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown topic 'football'");
    }

    @Test
    void shouldTellTheCellLevelFromAreaAndDistrict() {
        assertThat(AreaLevel.ofCell("city", "city")).isEqualTo(AreaLevel.CITY);
        assertThat(AreaLevel.ofCell("Charlois", "Charlois")).isEqualTo(AreaLevel.DISTRICT);
        assertThat(AreaLevel.ofCell("Tarwewijk", "Charlois")).isEqualTo(AreaLevel.WIJK);
        assertThat(AreaLevel.WIJK.finerThan(AreaLevel.DISTRICT)).isTrue();
        assertThat(AreaLevel.CITY.finerThan(AreaLevel.DISTRICT)).isFalse();
    }
}
