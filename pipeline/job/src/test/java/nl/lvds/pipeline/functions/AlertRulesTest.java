package nl.lvds.pipeline.functions;

import static nl.lvds.pipeline.alert.Cells.H;
import static nl.lvds.pipeline.alert.Cells.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.lvds.models.config.AlertRule;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.config.RuleType;
import nl.lvds.models.config.Thresholds;
import nl.lvds.models.event.Alert;
import nl.lvds.pipeline.alert.Cells;
import nl.lvds.pipeline.alert.RuleState;
import nl.lvds.pipeline.alert.V1Rules;
import nl.lvds.pipeline.records.CellIndicator;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class AlertRulesTest {

    private static final AlertRule SPIKE =
            new AlertRule(
                    "spike",
                    RuleType.SPIKE,
                    true,
                    null,
                    "1h",
                    List.of(),
                    null,
                    20,
                    Thresholds.of(3, 4.5, 6),
                    1,
                    null,
                    null,
                    null,
                    null,
                    null);

    /** The shipped rules and the former ones (escalation remembers tension history). */
    private static final List<AlertRule> ALL_RULES = allRules();

    private static List<AlertRule> allRules() {
        List<AlertRule> rules = new ArrayList<>(LvdsConfig.DEFAULT_RULES);
        rules.addAll(V1Rules.DEFAULTS);
        return List.copyOf(rules);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, CellIndicator, Alert> harness(
            AlertRules function) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, CellIndicator, Alert> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(function), CellIndicator::cellKey, Types.STRING);
        harness.setup();
        return harness;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, CellIndicator, Alert> opened(
            List<AlertRule> rules) throws Exception {
        var harness = harness(new AlertRules(rules, Duration.ofHours(6)));
        harness.open();
        return harness;
    }

    /** Feeds an indicator with the timestamp a window operator gives it (window end - 1). */
    private static void push(
            KeyedOneInputStreamOperatorTestHarness<String, CellIndicator, Alert> harness,
            CellIndicator cell)
            throws Exception {
        harness.processElement(cell, cell.indicator().windowEnd() - 1);
    }

    @Test
    void shouldRaiseAnAlertAndForgetTheCellAfterTheCooldown() throws Exception {
        try (var harness = opened(List.of(SPIKE))) {
            push(harness, Cells.tarwewijk().z(5.0).build());

            assertThat(harness.extractOutputValues())
                    .singleElement()
                    .satisfies(a -> assertThat(a.level()).isEqualTo("warning"));
            assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
            assertThat(harness.numEventTimeTimers()).isEqualTo(1);

            harness.processWatermark(T0 + 7 * H - 1);
            assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

            harness.processWatermark(T0 + 7 * H);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void shouldNeitherRaiseNorRememberOnSuppressedIndicators() throws Exception {
        try (var harness = opened(ALL_RULES)) {
            push(harness, Cells.tarwewijk().suppressed().build());

            assertThat(harness.extractOutputValues()).isEmpty();
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void shouldDeduplicateWithinTheCooldownAndRaiseAgainAfterIt() throws Exception {
        try (var harness = opened(List.of(SPIKE))) {
            for (int hour = 1; hour <= 8; hour++) {
                push(harness, Cells.tarwewijk().endingAt(T0 + hour * H).z(5.0).build());
                harness.processWatermark(T0 + hour * H);
            }

            assertThat(harness.extractOutputValues())
                    .extracting(Alert::raisedAt)
                    .containsExactly(T0 + H, T0 + 7 * H);
        }
    }

    @Test
    void shouldRaiseAnEscalationAndDrainAllStateAfterwards() throws Exception {
        try (var harness = opened(V1Rules.DEFAULTS)) {
            push(harness, Cells.tarwewijk().endingAt(T0 + H).tension(20).build());
            harness.processWatermark(T0 + H);
            push(
                    harness,
                    Cells.tarwewijk()
                            .endingAt(T0 + 2 * H)
                            .tension(24)
                            .incident("p2000-1", T0 + H + 20 * 60_000, 3)
                            .build());
            harness.processWatermark(T0 + 2 * H);
            push(harness, Cells.tarwewijk().endingAt(T0 + 3 * H).tension(45).build());
            harness.processWatermark(T0 + 3 * H);

            assertThat(harness.extractOutputValues())
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.rule()).isEqualTo("incident-escalation");
                                assertThat(a.level()).isEqualTo("warning");
                                assertThat(a.incidentIds()).containsExactly("p2000-1");
                            });
            assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

            // History is kept lookback + horizon (30 h) after the last indicator.
            harness.processWatermark(T0 + 3 * H + 30 * H);
            assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
            harness.processWatermark(T0 + 3 * H + 30 * H + 1);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void shouldKeepCellsApart() throws Exception {
        try (var harness = opened(List.of(SPIKE))) {
            push(harness, Cells.tarwewijk().z(5.0).build());
            push(harness, Cells.charlois().z(5.0).build());
            push(harness, Cells.tarwewijk().topic("migration").z(5.0).build());

            assertThat(harness.extractOutputValues())
                    .extracting(a -> a.area() + "|" + a.topic())
                    .containsExactly("Tarwewijk|all", "Charlois|all", "Tarwewijk|migration");
            assertThat(harness.numKeyedStateEntries()).isEqualTo(3);
        }
    }

    @Test
    void shouldKeepCooldownsAcrossSnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = opened(List.of(SPIKE))) {
            push(harness, Cells.tarwewijk().endingAt(T0 + H).z(5.0).build());
            assertThat(harness.extractOutputValues()).hasSize(1);
            snapshot = harness.snapshot(1L, T0 + H);
        }

        try (var restored = harness(new AlertRules(List.of(SPIKE), Duration.ofHours(6)))) {
            restored.initializeState(snapshot);
            restored.open();
            push(restored, Cells.tarwewijk().endingAt(T0 + 2 * H).z(5.0).build());
            push(restored, Cells.tarwewijk().endingAt(T0 + 3 * H).z(8.0).build());

            assertThat(restored.extractOutputValues())
                    .extracting(Alert::level)
                    .containsExactly("critical");
            restored.processWatermark(T0 + 9 * H);
            assertThat(restored.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void shouldUseNoProcessingTime() throws Exception {
        try (var harness = opened(LvdsConfig.DEFAULT_RULES)) {
            push(
                    harness,
                    Cells.tarwewijk()
                            .stories(40, 5.0, 1e-12)
                            .hostileStories(15, 1.0, 1e-11)
                            .build());
            harness.setProcessingTime(T0 + 1000 * H);

            assertThat(harness.numProcessingTimeTimers()).isZero();
            assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
            assertThat(harness.extractOutputValues()).hasSize(2);
        }
    }

    @Test
    void shouldRaiseTheSameAlertsWithTheSameIdsOnReplay() throws Exception {
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
        List<Alert> first;
        try (var harness = harness(new AlertRules(LvdsConfig.defaults().alerts()))) {
            harness.open();
            for (CellIndicator cell : input) {
                push(harness, cell);
            }
            first = harness.extractOutputValues();
        }
        try (var harness = harness(new AlertRules(LvdsConfig.defaults().alerts()))) {
            harness.open();
            for (CellIndicator cell : input) {
                push(harness, cell);
            }
            assertThat(harness.extractOutputValues()).isNotEmpty().isEqualTo(first);
            assertThat(first)
                    .extracting(a -> a.area() + ":" + a.rule() + ":" + a.level())
                    .containsExactly(
                            "Tarwewijk:volume:critical",
                            "Tarwewijk:hostile-stories:warning",
                            "Tarwewijk:serious-incident:warning",
                            "Charlois:volume:critical",
                            "Tarwewijk:volume:critical",
                            "Tarwewijk:hostile-stories:critical",
                            "Tarwewijk:coordinated:watch");
        }
    }

    /**
     * In batch execution a key's timers fire only after all of its input: the state of a cell must
     * still not grow with the length of the run (expired entries are dropped as indicators arrive),
     * and the alerts must be those of a run whose watermark follows every indicator.
     */
    @Test
    void shouldKeepStateBoundedAndAlertsUnchangedWhenTimersFireOnlyAtTheEnd() throws Exception {
        List<CellIndicator> input = new ArrayList<>();
        for (int hour = 1; hour <= 24 * 20; hour++) {
            Cells c =
                    Cells.tarwewijk()
                            .endingAt(T0 + hour * H)
                            .tension(20 + (hour % 7) * 6)
                            .z(hour % 11 == 0 ? 5.0 : 0.5)
                            .stories(40, 5.0, hour % 11 == 0 ? 1e-9 : 0.3);
            if (hour % 37 == 0) {
                c.incident("p2000-" + hour, T0 + hour * H - 30 * 60_000, 3);
            }
            input.add(c.build());
        }
        List<Alert> streaming;
        try (var harness = opened(ALL_RULES)) {
            for (CellIndicator cell : input) {
                push(harness, cell);
                harness.processWatermark(cell.indicator().windowEnd() - 1);
            }
            streaming = harness.extractOutputValues();
        }
        try (var harness = opened(ALL_RULES)) {
            int largest = 0;
            for (CellIndicator cell : input) {
                push(harness, cell); // no watermark: as in batch, timers wait for the key's end
                largest = Math.max(largest, historySize(harness, cell.cellKey()));
            }
            assertThat(harness.extractOutputValues()).isNotEmpty().isEqualTo(streaming);
            // history is kept lookback + horizon (30 h): about 31 hourly points, not 480
            assertThat(largest).isBetween(25, 40);
            harness.processWatermark(Long.MAX_VALUE);
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    private static int historySize(
            KeyedOneInputStreamOperatorTestHarness<String, CellIndicator, Alert> harness,
            String key)
            throws Exception {
        KeyedStateBackend<String> backend = harness.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(key);
        RuleState s =
                backend.getPartitionedState(
                                VoidNamespace.INSTANCE,
                                VoidNamespaceSerializer.INSTANCE,
                                AlertRules.stateDescriptor())
                        .value();
        return s == null ? 0 : s.history().size();
    }
}
