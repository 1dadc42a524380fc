package nl.lvds.pipeline.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.AlertCell;
import nl.lvds.pipeline.alert.Cells;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class AlertGroupsTest {

    static final long T = Cells.T0 + Cells.H;
    static final long Q = 15 * 60_000L;
    static final Duration GAP = Duration.ofHours(2);

    static Alert flag(String area, String district, String level, double p, long time) {
        return new Alert(
                Alert.VERSION,
                "cell-" + area + time,
                time,
                area,
                "all",
                level,
                "volume",
                40.0,
                null,
                time - 4 * Q,
                time,
                List.of(),
                List.of(),
                List.of("forum", "social"),
                "m",
                district,
                Alert.Kind.EVENT,
                Alert.Status.RAISED,
                0,
                time,
                List.of(new AlertCell(area, district, "all", level, "volume", 30, 3.0, p)),
                30,
                3.0,
                p,
                null,
                null);
    }

    static KeyedOneInputStreamOperatorTestHarness<Byte, Alert, Alert> harness() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<Byte, Alert, Alert> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new AlertGroups(GAP)),
                        a -> AlertGroups.KEY,
                        Types.BYTE);
        h.open();
        return h;
    }

    @Test
    void shouldFileFlagsInTimeOrderWhateverOrderTheyArriveIn() throws Exception {
        try (var h = harness()) {
            // the later evaluation arrives first (another upstream subtask was quicker)
            h.processElement(flag("Charlois", "Charlois", "critical", 1e-20, T + Q), T + Q - 1);
            h.processElement(flag("Tarwewijk", "Charlois", "warning", 1e-9, T), T - 1);
            assertThat(h.extractOutputValues()).isEmpty(); // nothing before the watermark
            h.processWatermark(T + Q - 1);
            assertThat(h.extractOutputValues())
                    .extracting(Alert::status, Alert::level, Alert::update)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("raised", "warning", 0),
                            org.assertj.core.groups.Tuple.tuple("escalated", "critical", 1));
        }
    }

    @Test
    void shouldCloseTheGroupAGapAfterItsLastFlagAndLeaveNoState() throws Exception {
        try (var h = harness()) {
            h.processElement(flag("Tarwewijk", "Charlois", "warning", 1e-9, T), T - 1);
            h.processWatermark(T - 1);
            assertThat(h.extractOutputValues()).hasSize(1);
            h.processWatermark(T + GAP.toMillis() - 2);
            assertThat(h.extractOutputValues()).hasSize(1);
            h.processWatermark(T + GAP.toMillis() - 1);
            List<Alert> out = h.extractOutputValues();
            assertThat(out).hasSize(2);
            assertThat(out.get(1).status()).isEqualTo(Alert.Status.CLOSED);
            assertThat(out.get(1).id()).isEqualTo(out.get(0).id());
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }
}
