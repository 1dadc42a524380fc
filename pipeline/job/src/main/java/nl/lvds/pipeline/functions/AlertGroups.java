package nl.lvds.pipeline.functions;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.lvds.models.event.Alert;
import nl.lvds.pipeline.alert.AlertGrouper;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One alert per event: files the cells flagged by the alert rules into groups with {@link
 * AlertGrouper} and writes the group records. Keyed by a constant (the city is one grouping space;
 * a few flags per evaluation at most), so it runs on one subtask.
 *
 * <p>Flags are buffered and filed in event-time order on timers registered when they arrive (at
 * their own time and one gap later, for closing): flags from several upstream subtasks may arrive
 * in any order live, and in batch every timer fires after all input, so filing only on timers, in
 * time order, gives the same groups in both modes. No timer is registered while timers fire.
 */
public class AlertGroups extends KeyedProcessFunction<Byte, Alert, Alert> {

    private static final long serialVersionUID = 1L;

    /** Operator uid: keep stable, savepoints map state by it. */
    public static final String UID = "alert-groups";

    /** Operator name shown in the Flink web UI. */
    public static final String NAME = "Alert groups";

    /** The one key: the whole city is one grouping space. */
    public static final Byte KEY = 0;

    private final Duration gap;
    private final Duration coordinatedGap;

    private transient AlertGrouper grouper;
    private transient ValueState<Buffer> state;
    private transient Counter records;

    /** Groups close after {@code gap} without a related flag. */
    public AlertGroups(Duration gap) {
        this(gap, gap);
    }

    /** Event groups close after {@code gap}, coordinated groups after {@code coordinatedGap}. */
    public AlertGroups(Duration gap, Duration coordinatedGap) {
        this.gap = gap;
        this.coordinatedGap = coordinatedGap;
    }

    /**
     * The operator's state: flags not yet filed, in time order, and the open groups. Mutable, so
     * that buffering a flag does not copy the buffer (in batch every flag of the review is buffered
     * before the first timer fires).
     */
    public static class Buffer implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Flags waiting for their time's timer, sorted by {@code raisedAt}. */
        public ArrayList<Alert> pending = new ArrayList<>();

        /** The grouper's state. */
        public AlertGrouper.State groups = AlertGrouper.State.empty();

        /** For Flink. */
        public Buffer() {}
    }

    @Override
    public void open(OpenContext openContext) {
        grouper = new AlertGrouper(gap, coordinatedGap);
        state =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "alert-groups", TypeInformation.of(Buffer.class)));
        records = getRuntimeContext().getMetricGroup().counter("alertGroupRecords");
    }

    @Override
    public void processElement(Alert flag, Context ctx, Collector<Alert> out) throws Exception {
        Buffer b = state.value();
        if (b == null) {
            b = new Buffer();
        }
        List<Alert> pending = b.pending;
        int at = pending.size();
        while (at > 0 && pending.get(at - 1).raisedAt() > flag.raisedAt()) {
            at--;
        }
        pending.add(at, flag);
        state.update(b);
        ctx.timerService().registerEventTimeTimer(flag.raisedAt() - 1);
        ctx.timerService().registerEventTimeTimer(flag.raisedAt() - 1 + grouper.gapMs(flag.kind()));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        Buffer b = state.value();
        if (b == null) {
            return;
        }
        long now = timestamp + 1;
        List<Alert> pending = b.pending;
        AlertGrouper.State groups = b.groups;
        int i = 0;
        while (i < pending.size() && pending.get(i).raisedAt() <= now) {
            long time = pending.get(i).raisedAt();
            int j = i;
            while (j < pending.size() && pending.get(j).raisedAt() == time) {
                j++;
            }
            AlertGrouper.Step step = grouper.step(groups, time, pending.subList(i, j));
            emit(step, out);
            groups = step.state();
            i = j;
        }
        AlertGrouper.Step closed = grouper.close(groups, now);
        emit(closed, out);
        groups = closed.state();
        pending.subList(0, i).clear();
        if (pending.isEmpty() && groups.open().isEmpty()) {
            state.clear();
        } else {
            b.groups = groups;
            state.update(b);
        }
    }

    private void emit(AlertGrouper.Step step, Collector<Alert> out) {
        for (Alert a : step.records()) {
            out.collect(a);
            records.inc();
        }
    }
}
