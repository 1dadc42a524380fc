package nl.lvds.pipeline.functions;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.pipeline.records.Bucket;
import nl.lvds.pipeline.records.CellSignal;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Early results (live job only), keyed by cell ({@code area|topic}): the 1 h window a cell's newest
 * signal falls in, published as a provisional {@link TensionIndicator} at most every {@code
 * intervalMs} of processing time while signals arrive, long before the window closes in event time
 * and its final indicator is committed.
 *
 * <p><b>Why processing time here.</b> The topology is event-time only so that a review of the
 * archive gives the same indicators and alerts as the live job. Final indicators wait for the
 * watermark (the out-of-orderness bound) and the checkpoint that commits them: a minute or more. An
 * analyst watching an incident unfold needs the counts of the open hour within a second or two.
 * This operator is the only processing-time logic in the job, feeds only its own topic ({@code
 * kafka.topics.early}, not transactional), never the alert rules, and is not wired in review mode;
 * so the final indicators and alerts stay identical between the modes. The dashboard shows these
 * records as "voorlopig" (provisional) until the final one for the window arrives.
 *
 * <p><b>k new signals between two records.</b> A cell is republished only once at least k signals
 * (the suppression threshold) arrived since its previous record, and an interval later. Without
 * this rule the difference between two consecutive records of a quiet cell could be a single
 * signal, and whoever knows when a public post was written could read its area, topic and tension
 * off the dashboard half a second later; with it, any difference holds at least k signals. The last
 * few signals of a window may so never appear early; the final indicator counts them.
 *
 * <p><b>What it publishes.</b> For the window {@code [end - 1 h, end)} where {@code end} is the end
 * of the 15-minute bucket holding the cell's newest signal: counts so far, built by {@link
 * IndicatorWindow} from the same per-bucket counts and sketches as a final indicator, with the same
 * k-suppression (a suppressed record has no counts); no baseline, z-score or incidents (those come
 * with the final indicator). The window is republished with growing counts; the newest record per
 * cell and window wins. After a failure the provisional counts restart from the checkpointed state:
 * not exactly-once, and not meant to be.
 *
 * <p><b>State.</b> Per cell: the counts and sketches of at most five 15-minute buckets (no terms,
 * no text, no author key: salted author hashes in a sketch, as in the buckets), the newest event
 * time, and two timers. A cell silent for an hour of processing time is cleared.
 */
public class EarlyIndicators extends KeyedProcessFunction<String, CellSignal, TensionIndicator> {

    private static final long serialVersionUID = 1L;

    /**
     * A signal dated more than this ahead of the processing clock is left to the final indicator:
     * one such signal would move a cell's open hour into the future, and the signals of the present
     * would be "older than the open window" until the clock caught up.
     */
    static final long FUTURE_TOLERANCE_MS = 60_000L;

    /** Processing time after which a silent cell's state is dropped. */
    static final long IDLE_MS = 3_600_000L;

    private static final long BUCKET = Buckets.SIZE_MS;
    private static final long HOUR = Buckets.PER_HOUR * BUCKET;

    private final long intervalMs;
    private final int k;
    private final TensionIndexFormula formula;
    private final String modelVersion;

    private transient MapState<Long, BucketAccumulator> buckets;
    private transient ValueState<Long> newest;
    private transient ValueState<Long> emitAt;
    private transient ValueState<Long> cleanupAt;
    private transient ValueState<Long> lastSeen;
    private transient ValueState<Integer> unpublished;

    /**
     * An early-results operator.
     *
     * @param intervalMs least processing time between two publications of a cell (&ge; 1)
     * @param k suppression threshold, as for final indicators
     * @param formula tension index formula, as for final indicators
     * @param modelVersion classification model version, copied into every record
     */
    public EarlyIndicators(
            long intervalMs, int k, TensionIndexFormula formula, String modelVersion) {
        if (intervalMs < 1 || k < 1) {
            throw new IllegalArgumentException("need intervalMs >= 1 and k >= 1");
        }
        this.intervalMs = intervalMs;
        this.k = k;
        this.formula = formula;
        this.modelVersion = modelVersion;
    }

    @Override
    public void open(OpenContext openContext) {
        buckets =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "early-buckets",
                                        Types.LONG,
                                        TypeInformation.of(BucketAccumulator.class)));
        newest = getRuntimeContext().getState(new ValueStateDescriptor<>("newest", Types.LONG));
        emitAt = getRuntimeContext().getState(new ValueStateDescriptor<>("emit-at", Types.LONG));
        cleanupAt =
                getRuntimeContext().getState(new ValueStateDescriptor<>("cleanup-at", Types.LONG));
        lastSeen =
                getRuntimeContext().getState(new ValueStateDescriptor<>("last-seen", Types.LONG));
        unpublished =
                getRuntimeContext().getState(new ValueStateDescriptor<>("unpublished", Types.INT));
    }

    @Override
    public void processElement(CellSignal s, Context ctx, Collector<TensionIndicator> out)
            throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        if (s.ts() > now + FUTURE_TOLERANCE_MS) {
            return; // dated ahead of the clock: it would move the open hour away from the present
        }
        Long top = newest.value();
        long latest = top == null ? s.ts() : Math.max(top, s.ts());
        if (top == null || latest != top) {
            newest.update(latest);
        }
        long start = Buckets.startOf(s.ts());
        if (start < windowEnd(latest) - HOUR) {
            return; // older than the open window: its final indicator will count it
        }
        BucketAccumulator acc = buckets.get(start);
        if (acc == null) {
            acc = new BucketAccumulator();
            acc.area = s.area();
            acc.district = s.district();
            acc.topic = s.topic();
        }
        BucketAggregate.addCounts(s, acc);
        buckets.put(start, acc); // written back: a copy-on-access backend (RocksDB) needs it

        lastSeen.update(now);
        Integer before = unpublished.value();
        int pending = before == null ? 1 : before + 1;
        unpublished.update(pending);
        if (pending >= k && emitAt.value() == null) {
            long at = now + intervalMs;
            emitAt.update(at);
            ctx.timerService().registerProcessingTimeTimer(at);
        }
        if (cleanupAt.value() == null) {
            long at = now + IDLE_MS;
            cleanupAt.update(at);
            ctx.timerService().registerProcessingTimeTimer(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TensionIndicator> out)
            throws Exception {
        Long emit = emitAt.value();
        if (emit != null && emit == timestamp) {
            emitAt.clear();
            unpublished.clear();
            publish(out);
        }
        Long cleanup = cleanupAt.value();
        if (cleanup != null && cleanup == timestamp) {
            Long seen = lastSeen.value();
            if (seen == null || seen + IDLE_MS <= timestamp) {
                clearAll(ctx);
            } else {
                long at = seen + IDLE_MS;
                cleanupAt.update(at);
                ctx.timerService().registerProcessingTimeTimer(at);
            }
        }
    }

    private void publish(Collector<TensionIndicator> out) throws Exception {
        Long latest = newest.value();
        if (latest == null) {
            return;
        }
        long end = windowEnd(latest);
        List<Bucket> hour = new ArrayList<>(Buckets.PER_HOUR + 1);
        Iterator<Map.Entry<Long, BucketAccumulator>> it = buckets.iterator();
        while (it.hasNext()) {
            Map.Entry<Long, BucketAccumulator> e = it.next();
            long start = e.getKey();
            if (start < end - HOUR) {
                it.remove();
            } else if (start < end) {
                BucketAccumulator acc = e.getValue();
                hour.add(
                        new Bucket(
                                acc.area,
                                acc.district,
                                acc.topic,
                                start,
                                acc.signals,
                                acc.calm,
                                acc.uneasy,
                                acc.hostile,
                                acc.stories,
                                acc.authors,
                                acc.authors == null ? 0L : acc.authorEpoch,
                                Map.of(),
                                Map.of()));
            }
        }
        if (hour.isEmpty()) {
            return;
        }
        hour.sort(java.util.Comparator.comparingLong(Bucket::bucketStart));
        Bucket last = hour.get(hour.size() - 1);
        out.collect(
                IndicatorWindow.build(
                                last.area(),
                                last.district(),
                                last.topic(),
                                IndicatorFunction.WINDOW_1H,
                                end - HOUR,
                                end,
                                hour,
                                List.of(),
                                null,
                                k,
                                formula,
                                modelVersion)
                        .indicator());
    }

    private void clearAll(OnTimerContext ctx) throws Exception {
        Long emit = emitAt.value();
        if (emit != null) {
            ctx.timerService().deleteProcessingTimeTimer(emit);
        }
        buckets.clear();
        newest.clear();
        emitAt.clear();
        cleanupAt.clear();
        lastSeen.clear();
        unpublished.clear();
    }

    /** The end of the 15-minute bucket holding {@code ts}: the end of the open 1 h window. */
    static long windowEnd(long ts) {
        return Buckets.startOf(ts) + BUCKET;
    }
}
