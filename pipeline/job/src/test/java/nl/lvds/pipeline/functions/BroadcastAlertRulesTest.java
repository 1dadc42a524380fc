package nl.lvds.pipeline.functions;

import static nl.lvds.pipeline.alert.Cells.H;
import static nl.lvds.pipeline.alert.Cells.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.lvds.models.config.AlertRule;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.config.RuleType;
import nl.lvds.models.config.Thresholds;
import nl.lvds.models.event.Alert;
import nl.lvds.models.rules.RuleSetChange;
import nl.lvds.pipeline.alert.Cells;
import nl.lvds.pipeline.records.CellIndicator;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class BroadcastAlertRulesTest {

    private static final long M15 = 15 * 60_000L;

    private static AlertRule spike(double watch, double warning, double critical) {
        return new AlertRule(
                "spike",
                RuleType.SPIKE,
                true,
                null,
                "1h",
                List.of(),
                null,
                20,
                Thresholds.of(watch, warning, critical),
                1,
                null,
                null,
                null,
                null,
                null);
    }

    /** Config rules: a spike at z 3 / 4.5 / 6. */
    private static final LvdsConfig.Alerts CONFIG =
            new LvdsConfig.Alerts(6, List.of(spike(3, 4.5, 6)));

    /** Version {@code v}: the spike thresholds raised to z 10 / 12 / 15. */
    private static RuleSetChange raised(long version, long effectiveFrom) {
        return RuleSetChange.of(
                version,
                effectiveFrom,
                0L,
                "beheer",
                "fewer spike alerts",
                new LvdsConfig.Alerts(6, List.of(spike(10, 12, 15))));
    }

    private static KeyedBroadcastOperatorTestHarness<String, CellIndicator, RuleSetChange, Alert>
            harness(LvdsConfig.Alerts alerts) throws Exception {
        var harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new BroadcastAlertRules(alerts),
                        CellIndicator::cellKey,
                        Types.STRING,
                        BroadcastAlertRules.RULE_SETS);
        // rule changes carry no event time: their input is at the end of time, as in the job
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        return harness;
    }

    private static void push(
            KeyedBroadcastOperatorTestHarness<String, CellIndicator, RuleSetChange, Alert> harness,
            CellIndicator cell)
            throws Exception {
        harness.processElement(cell, cell.indicator().windowEnd() - 1);
    }

    private static long keyedEntries(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> harness) {
        return ((AbstractStreamOperator<?>) harness.getOperator())
                .getKeyedStateBackend()
                .getKeys(AlertRules.stateDescriptor().getName(), VoidNamespace.INSTANCE)
                .count();
    }

    @Test
    void shouldEvaluateEachIndicatorWithTheRulesInForceAtItsWindowEnd() throws Exception {
        long from = T0 + 2 * H;
        try (var harness = harness(CONFIG)) {
            push(harness, Cells.tarwewijk().endingAt(T0 + H).z(5.0).build());
            harness.processBroadcastElement(raised(1, from), 0L);
            // the same z-score in another cell, window ending at effectiveFrom: new rules
            push(harness, Cells.charlois().endingAt(from).z(5.0).build());
            // a window ending just before effectiveFrom, evaluated after the change: old rules
            push(harness, Cells.city().endingAt(from - M15).z(5.0).build());
            // above the new thresholds: still raised under the new rules
            push(harness, Cells.tarwewijk().topic("migration").endingAt(from).z(12.5).build());

            assertThat(harness.extractOutputValues())
                    .extracting(a -> a.area() + "|" + a.topic() + "|" + a.level())
                    .containsExactly(
                            "Tarwewijk|all|warning",
                            "city|all|warning",
                            "Tarwewijk|migration|warning");
        }
    }

    @Test
    void shouldRaiseUnderOldRulesAndNotUnderNewRulesInTheSameCell() throws Exception {
        long from = T0 + 8 * H;
        try (var harness = harness(CONFIG)) {
            harness.processBroadcastElement(raised(1, from), 0L);
            List<Long> raisedAt = new ArrayList<>();
            for (int hour = 1; hour <= 10; hour++) {
                push(harness, Cells.tarwewijk().endingAt(T0 + hour * H).z(5.0).build());
                harness.processWatermark(T0 + hour * H);
            }
            harness.extractOutputValues().forEach(a -> raisedAt.add(a.raisedAt()));

            // old rules: raised at 1 h and again after the 6 h cooldown; none from 8 h on
            assertThat(raisedAt).containsExactly(T0 + H, T0 + 7 * H);
        }
    }

    @Test
    void shouldCleanStateAndTimersUnderEitherRuleSet() throws Exception {
        try (var harness = harness(CONFIG)) {
            push(harness, Cells.tarwewijk().endingAt(T0 + H).z(5.0).build());
            harness.processBroadcastElement(raised(1, T0 + 2 * H), 0L);
            push(harness, Cells.charlois().endingAt(T0 + 2 * H).z(12.5).build());
            assertThat(harness.extractOutputValues()).hasSize(2);
            assertThat(keyedEntries(harness)).isEqualTo(2);
            assertThat(harness.numEventTimeTimers()).isEqualTo(2);

            harness.processWatermark(T0 + 7 * H); // the first cooldown (6 h) is over
            assertThat(keyedEntries(harness)).isOne();
            harness.processWatermark(T0 + 8 * H);
            assertThat(keyedEntries(harness)).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
            // the broadcast state holds the change, not per-cell data
            assertThat(harness.getBroadcastState(BroadcastAlertRules.RULE_SETS).entries())
                    .extracting(Map.Entry::getKey)
                    .containsExactly(1L);
        }
    }

    @Test
    void shouldIgnoreStaleDuplicateAndConflictingVersions() throws Exception {
        long from = T0 + 2 * H;
        try (var harness = harness(CONFIG)) {
            harness.processBroadcastElement(raised(2, from), 0L);
            harness.processBroadcastElement(raised(2, from), 0L); // duplicate
            harness.processBroadcastElement(
                    RuleSetChange.of(2, from, 0L, "beheer", "other", CONFIG), 0L); // conflicting
            harness.processBroadcastElement(
                    RuleSetChange.of(1, T0, 0L, "beheer", "late and stale", CONFIG), 0L);

            push(harness, Cells.tarwewijk().endingAt(from).z(5.0).build());

            assertThat(harness.extractOutputValues()).isEmpty(); // version 2 (raised) applies
            assertThat(harness.getBroadcastState(BroadcastAlertRules.RULE_SETS).entries())
                    .extracting(Map.Entry::getKey)
                    .containsExactly(2L);
        }
    }

    @Test
    void shouldKeepTheRulesAcrossSnapshotAndRestore() throws Exception {
        long from = T0 + 2 * H;
        OperatorSubtaskState snapshot;
        try (var harness = harness(CONFIG)) {
            harness.processBroadcastElement(raised(1, from), 0L);
            snapshot = harness.snapshot(1L, T0);
        }
        var operator =
                new CoBroadcastWithKeyedOperator<>(
                        new BroadcastAlertRules(CONFIG), List.of(BroadcastAlertRules.RULE_SETS));
        try (var restored =
                new KeyedBroadcastOperatorTestHarness<>(
                        operator, CellIndicator::cellKey, Types.STRING, 1, 1, 0)) {
            restored.setup();
            restored.initializeState(snapshot);
            restored.open();
            push(restored, Cells.tarwewijk().endingAt(from - M15).z(5.0).build());
            push(restored, Cells.charlois().endingAt(from).z(5.0).build());

            assertThat(restored.extractOutputValues())
                    .extracting(Alert::area)
                    .containsExactly("Tarwewijk");
        }
    }

    @Test
    void shouldRaiseWhatTheFixedConfigRulesRaiseWhenNoChangeArrives() throws Exception {
        CellIndicator[] input = {
            Cells.tarwewijk().endingAt(T0 + H).tension(20).stories(40, 30.0, 0.2).build(),
            Cells.tarwewijk()
                    .endingAt(T0 + 2 * H)
                    .tension(35)
                    .stories(40, 5.0, 1e-8)
                    .hostileStories(12, 1.0, 1e-6)
                    .incident("i", T0 + H + 60_000, 3)
                    .build(),
            Cells.charlois().endingAt(T0 + 2 * H).stories(60, 10.0, 1e-10).build(),
            Cells.tarwewijk()
                    .endingAt(T0 + 3 * H)
                    .tension(60)
                    .signals(80)
                    .stories(40, 5.0, 1e-12)
                    .hostileStories(21, 1.0, 1e-11)
                    .build(),
        };
        LvdsConfig.Alerts defaults = LvdsConfig.defaults().alerts();
        List<Alert> fixed;
        try (var harness =
                new org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness<>(
                        new org.apache.flink.streaming.api.operators.KeyedProcessOperator<>(
                                new AlertRules(defaults)),
                        CellIndicator::cellKey,
                        Types.STRING)) {
            harness.open();
            for (CellIndicator cell : input) {
                harness.processElement(cell, cell.indicator().windowEnd() - 1);
            }
            fixed = harness.extractOutputValues();
        }
        try (var harness = harness(defaults)) {
            for (CellIndicator cell : input) {
                push(harness, cell);
            }
            assertThat(harness.extractOutputValues()).isNotEmpty().isEqualTo(fixed);
            assertThat(fixed)
                    .extracting(Alert::rule)
                    .containsExactly(
                            "volume",
                            "hostile-stories",
                            "serious-incident",
                            "volume",
                            "volume",
                            "hostile-stories",
                            "coordinated");
        }
    }
}
