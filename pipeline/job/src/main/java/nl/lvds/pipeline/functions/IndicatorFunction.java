package nl.lvds.pipeline.functions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import nl.lvds.pipeline.alert.Surprise;
import nl.lvds.pipeline.records.Bucket;
import nl.lvds.pipeline.records.CellIncident;
import nl.lvds.pipeline.records.CellIndicator;
import nl.lvds.pipeline.records.IncidentRef;
import nl.lvds.pipeline.sketch.DistinctSketch;
import nl.lvds.pipeline.sketch.StoryClusters;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The indicator operator, keyed by cell ({@code area|topic}): keeps a cell's last 24 hours of
 * 15-minute buckets, its recent incidents and a 28-day baseline, and at every 15-minute boundary
 * emits the cell's 1 h and 24 h {@link CellIndicator}s, for the windows that hold something.
 *
 * <p><b>Inputs.</b> Buckets arrive when their window fires (a late firing replaces the bucket);
 * incidents arrive as {@link CellIncident}s, already mapped to cells by {@link IncidentCells}.
 *
 * <p><b>When it emits.</b> Only on event-time timers at bucket ends (timestamp {@code end − 1}, the
 * bucket window's max timestamp), never on processing time, so batch and streaming runs emit the
 * same records. At the end of every 15 minutes it emits the 1 h window if that window holds a
 * signal or a linked incident, and at every full hour likewise the 24 h window (it moves slowly,
 * and building it merges up to 96 buckets: hourly is a quarter of the work): a cell with one busy
 * quarter of an hour emits four 1 h and twenty-four 24 h indicators, then falls silent.
 * Incident-only windows are emitted too (they are suppressed, having no signals). What each
 * indicator holds, including the tension index and k-suppression, is {@link IndicatorWindow}'s
 * business.
 *
 * <p><b>Baseline.</b> As each bucket completes, its signal count is recorded in the cell's {@link
 * Baseline} (a ring of 15-minute counts covering the baseline days plus two). The 1 h baseline is
 * the same hour of the day (exactly the same 15-minute-aligned hour) on each of the previous 28
 * days; the 24 h baseline is the 24 hours ending at the same time on each of the previous 28 days.
 * Both are null until at least 7 such days are known (counted from the cell's first bucket).
 *
 * <p><b>State and clean-up.</b> Per cell: at most 97 buckets (a few KiB each at most: two sketches
 * of ≤ 4 KiB and ≤ 200 terms) plus buckets that arrived ahead of a lagging watermark, at most
 * {@value #MAX_INCIDENTS} incidents, one baseline (~11 KiB), and about 200 timers. Nothing per
 * signal. Each bucket and incident brings the timers of the 96 windows holding it plus one that
 * drops it; each bucket also brings a clean-up timer at the first day boundary 28 days later, and
 * if the cell has been silent since, the baseline is cleared, leaving no state for the key. All
 * timers are registered on arrival, never while timers fire (see {@code registerWindowTimers}),
 * which is what keeps batch and streaming output identical. A processing-time state TTL of 30 days
 * is a backstop against leaks only (it never fires while timers work).
 *
 * <p><b>Late buckets.</b> A bucket that arrives after the watermark passed its end (a late firing,
 * within the bucket window's allowed lateness) replaces the stored one; its timers that are already
 * due fire again at the next watermark and re-emit the corrected indicators of the windows that
 * ended since. Exact for a lateness under 15 minutes; with more, a re-emitted 24 h window may miss
 * its oldest buckets, already dropped.
 */
public class IndicatorFunction
        extends KeyedCoProcessFunction<String, Bucket, CellIncident, CellIndicator> {

    private static final long serialVersionUID = 1L;

    /** Default k for k-suppression. */
    public static final int DEFAULT_K = 10;

    /** Days of history behind a baseline. */
    public static final int DEFAULT_BASELINE_DAYS = 28;

    /** Fewest earlier days for a baseline to be reported. */
    public static final int DEFAULT_MIN_BASELINE_DAYS = 7;

    /**
     * Most incidents kept per cell (the most recent win): a safety bound only. Time-based clean-up
     * keeps a live cell at a day's incidents; but in a batch review all of a cell's incidents are
     * in state before its timers fire (the city cells get every incident, ~1,300 a year in a
     * generated archive), so a small bound would silently drop incidents in review and not live.
     */
    public static final int MAX_INCIDENTS = 5_000;

    /** Window label of the 1 h indicator. */
    public static final String WINDOW_1H = "1h";

    /** Window label of the 24 h indicator. */
    public static final String WINDOW_24H = "24h";

    /**
     * Name of the accumulator counting the buckets this stage has moved past (window ends reached
     * with the bucket complete): the review's progress display reads it from the running job.
     */
    public static final String WINDOWED = "lvds-buckets-windowed";

    private static final long BUCKET = Buckets.SIZE_MS;
    private static final long HOUR = Buckets.PER_HOUR * BUCKET;
    private static final long DAY = Buckets.PER_DAY * BUCKET;

    private final int k;
    private final TensionIndexFormula formula;
    private final String modelVersion;
    private final int baselineDays;
    private final int minBaselineDays;
    private final double minExpected;

    private transient MapState<Long, Bucket> buckets;
    private transient MapState<String, CellIncident> incidents;
    private transient ValueState<Baseline> baseline;
    private transient ValueState<Baseline> storyHistory;
    private transient ValueState<Baseline> hostileHistory;
    private transient LongCounter windowed;

    /** An indicator operator with a 28-day baseline needing 7 days. */
    public IndicatorFunction(int k, TensionIndexFormula formula, String modelVersion) {
        this(k, formula, modelVersion, DEFAULT_BASELINE_DAYS, DEFAULT_MIN_BASELINE_DAYS);
    }

    /**
     * An indicator operator.
     *
     * @param k suppression threshold on signals and distinct authors (≥ 1)
     * @param formula tension index formula and weights
     * @param modelVersion classification model version, copied into every indicator
     * @param baselineDays earlier days a baseline looks at; also the silence after which a cell's
     *     state is cleared
     * @param minBaselineDays fewest earlier days for a baseline to be reported
     */
    public IndicatorFunction(
            int k,
            TensionIndexFormula formula,
            String modelVersion,
            int baselineDays,
            int minBaselineDays) {
        this(k, formula, modelVersion, baselineDays, minBaselineDays, 1.0);
    }

    /**
     * An indicator operator.
     *
     * @param k suppression threshold on signals and distinct authors (≥ 1)
     * @param formula tension index formula and weights
     * @param modelVersion classification model version, copied into every indicator
     * @param baselineDays earlier days a baseline looks at; also the silence after which a cell's
     *     state is cleared
     * @param minBaselineDays fewest earlier days for a baseline to be reported
     * @param minExpected the least expected count the surprise test uses (per hour)
     */
    public IndicatorFunction(
            int k,
            TensionIndexFormula formula,
            String modelVersion,
            int baselineDays,
            int minBaselineDays,
            double minExpected) {
        if (k < 1 || baselineDays < 1 || minBaselineDays < 1 || minBaselineDays > baselineDays) {
            throw new IllegalArgumentException(
                    "need k >= 1 and 1 <= minBaselineDays <= baselineDays");
        }
        this.k = k;
        this.formula = formula;
        this.modelVersion = modelVersion;
        this.baselineDays = baselineDays;
        this.minBaselineDays = minBaselineDays;
        this.minExpected = minExpected;
    }

    @Override
    public void open(OpenContext openContext) {
        // Backstop only: timers clear state in event time long before this processing-time TTL.
        // No incremental clean-up: on the heap backend it visits keys on every state access and
        // copies each visited key's whole bucket map (sketches, term maps) to look for expired
        // entries; a profile of the live job found half of all CPU time there. Expired entries
        // are left out of full snapshots (heap checkpoints, savepoints) and dropped by RocksDB's
        // compaction filter instead, and are never returned either way.
        StateTtlConfig ttl =
                StateTtlConfig.newBuilder(Duration.ofDays(baselineDays + 2L))
                        .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                        .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                        .disableCleanupInBackground()
                        .cleanupFullSnapshot()
                        .cleanupInRocksdbCompactFilter(1000)
                        .build();
        MapStateDescriptor<Long, Bucket> b =
                new MapStateDescriptor<>("buckets", Types.LONG, TypeInformation.of(Bucket.class));
        b.enableTimeToLive(ttl);
        MapStateDescriptor<String, CellIncident> i =
                new MapStateDescriptor<>(
                        "incidents", Types.STRING, TypeInformation.of(CellIncident.class));
        i.enableTimeToLive(ttl);
        ValueStateDescriptor<Baseline> h =
                new ValueStateDescriptor<>("baseline", TypeInformation.of(Baseline.class));
        h.enableTimeToLive(ttl);
        buckets = getRuntimeContext().getMapState(b);
        incidents = getRuntimeContext().getMapState(i);
        baseline = getRuntimeContext().getState(h);
        ValueStateDescriptor<Baseline> st =
                new ValueStateDescriptor<>("story-history", TypeInformation.of(Baseline.class));
        st.enableTimeToLive(ttl);
        storyHistory = getRuntimeContext().getState(st);
        ValueStateDescriptor<Baseline> hs =
                new ValueStateDescriptor<>("hostile-history", TypeInformation.of(Baseline.class));
        hs.enableTimeToLive(ttl);
        hostileHistory = getRuntimeContext().getState(hs);
        windowed = new LongCounter();
        getRuntimeContext().addAccumulator(WINDOWED, windowed);
    }

    @Override
    public void processElement1(Bucket bucket, Context ctx, Collector<CellIndicator> out)
            throws Exception {
        long start = bucket.bucketStart();
        buckets.put(start, bucket);
        registerWindowTimers(ctx, start);
        // One clean-up check per day of activity, at the first day boundary 28 days after it.
        long forgetAt = start + BUCKET + baselineDays * DAY;
        ctx.timerService().registerEventTimeTimer(Math.floorDiv(forgetAt + DAY - 1, DAY) * DAY - 1);
    }

    @Override
    public void processElement2(CellIncident incident, Context ctx, Collector<CellIndicator> out)
            throws Exception {
        incidents.put(incident.ref().id(), incident);
        if (size(incidents) > MAX_INCIDENTS) {
            dropOldestIncident();
        }
        registerWindowTimers(ctx, Buckets.startOf(incident.ref().ts()));
    }

    /**
     * Timers at the end of every window holding the bucket starting at {@code start} (96 ends),
     * plus one 15 minutes after the last, which drops it. All timers are registered here, none in
     * {@link #onTimer}: in batch execution a key's timer service ignores timers registered while
     * its timers fire, so chaining timers would lose windows in batch but not in streaming. Timers
     * are deduplicated per timestamp, so a busy cell holds about 200.
     */
    private static void registerWindowTimers(Context ctx, long start) {
        for (long end = start + BUCKET; end <= start + DAY + BUCKET; end += BUCKET) {
            ctx.timerService().registerEventTimeTimer(end - 1);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CellIndicator> out)
            throws Exception {
        long end = timestamp + 1;

        // 1. The bucket that just completed joins the baseline history.
        Baseline history = baseline.value();
        Bucket completed = buckets.get(end - BUCKET);
        if (completed != null) {
            windowed.add(1L);
            if (history == null) {
                history = Baseline.create(baselineDays);
            }
            history.record(Math.floorDiv(end, BUCKET) - 1, completed.signals());
            baseline.update(history);
        }

        // 2. The 24 h window's contents, by direct lookups of its 96 bucket starts (never by
        //    iterating the map: in batch execution a key's whole history is in state before its
        //    timers fire, and iterating it at every timer made a two-year review quadratic). The
        //    bucket that just left the window is dropped; every bucket has a timer at exactly
        //    that end (see registerWindowTimers), so none stays behind.
        List<Bucket> day = new ArrayList<>(Buckets.PER_DAY);
        for (long start = end - DAY; start < end; start += BUCKET) {
            Bucket b = buckets.get(start);
            if (b != null) {
                day.add(b);
            }
        }
        buckets.remove(end - DAY - BUCKET);
        List<CellIncident> dayIncidents = new ArrayList<>();
        Iterator<Map.Entry<String, CellIncident>> ii = incidents.iterator();
        while (ii.hasNext()) {
            CellIncident c = ii.next().getValue();
            long ts = c.ref().ts();
            if (ts < end - DAY) {
                ii.remove();
            } else if (ts < end) {
                dayIncidents.add(c);
            }
        }
        dayIncidents.sort(
                Comparator.comparingLong((CellIncident c) -> c.ref().ts())
                        .thenComparing(c -> c.ref().id()));
        // Removing through an iterator leaves an empty map behind in the heap backend: drop it.
        if (buckets.isEmpty()) {
            buckets.clear();
        }
        if (incidents.isEmpty()) {
            incidents.clear();
        }

        // 3. The 1 h window's stories and hostile stories join their own histories (the same
        //    window on later days is tested against them), and this window is tested against
        //    the earlier days'.
        Detection detection = detect(end, day, history);

        // 4. Emit the windows that have something in them.
        if (!day.isEmpty() || !dayIncidents.isEmpty()) {
            emit(end, day, dayIncidents, history, detection, out);
        }

        // 5. Silence: forget the cell once it has been silent for the baseline's length.
        if (history != null && end >= history.lastActivityEnd() + baselineDays * DAY) {
            baseline.clear();
            storyHistory.clear();
            hostileHistory.clear();
        }
    }

    /**
     * Counts the 1 h window's stories and hostile stories, records them at this window's end in the
     * cell's story histories, and returns them with the expectations from earlier days.
     */
    private Detection detect(long end, List<Bucket> day, Baseline history) throws Exception {
        List<DistinctSketch> stories = new ArrayList<>(Buckets.PER_HOUR);
        List<DistinctSketch> hostile = new ArrayList<>(Buckets.PER_HOUR);
        int signals = 0;
        for (Bucket b : day) {
            if (b.bucketStart() >= end - HOUR) {
                stories.add(b.stories());
                hostile.add(b.hostileStories());
                signals += b.signals();
            }
        }
        Baseline storyRing = storyHistory.value();
        Baseline hostileRing = hostileHistory.value();
        if (stories.isEmpty() && storyRing == null) {
            return Detection.NONE;
        }
        int observed = (int) Math.min(StoryClusters.countAll(stories), signals);
        int observedHostile = (int) Math.min(StoryClusters.countAll(hostile), observed);
        if (storyRing == null) {
            storyRing = Baseline.create(baselineDays);
            hostileRing = Baseline.create(baselineDays);
        }
        long slot = Math.floorDiv(end, BUCKET) - 1;
        // A window reaching back before the cell's first bucket holds only part of an hour (the
        // job had not seen the cell yet): it is no sample of that hour, as in the signal baseline.
        boolean whole =
                history != null && Math.floorDiv(end - HOUR, BUCKET) >= history.getFirstSlot();
        if (whole) {
            storyRing.record(slot, observed);
            hostileRing.record(slot, observedHostile);
            storyHistory.update(storyRing);
            hostileHistory.update(hostileRing);
        }
        long slotEnd = slot + 1;
        Surprise.Expectation storyExp =
                Surprise.expect(storyRing.samples(slotEnd, 1, baselineDays), minBaselineDays);
        Surprise.Expectation hostileExp =
                Surprise.expect(hostileRing.samples(slotEnd, 1, baselineDays), minBaselineDays);
        return new Detection(observed, observedHostile, storyExp, hostileExp, minExpected);
    }

    private void emit(
            long end,
            List<Bucket> day,
            List<CellIncident> dayIncidents,
            Baseline history,
            Detection detection,
            Collector<CellIndicator> out) {
        String area;
        String district;
        String topic;
        if (!day.isEmpty()) {
            Bucket b = day.get(day.size() - 1);
            area = b.area();
            district = b.district();
            topic = b.topic();
        } else {
            CellIncident c = dayIncidents.get(dayIncidents.size() - 1);
            area = c.area();
            district = c.district();
            topic = c.topic();
        }
        long slotEnd = Math.floorDiv(end, BUCKET);
        List<Bucket> hour = day.stream().filter(b -> b.bucketStart() >= end - HOUR).toList();
        List<IncidentRef> hourIncidents =
                dayIncidents.stream()
                        .filter(c -> c.ref().ts() >= end - HOUR)
                        .map(CellIncident::ref)
                        .toList();
        if (!hour.isEmpty() || !hourIncidents.isEmpty()) {
            Baseline.Stats base =
                    history == null
                            ? null
                            : history.stats(
                                    slotEnd, Buckets.PER_HOUR, baselineDays, minBaselineDays);
            out.collect(
                    IndicatorWindow.build(
                            area,
                            district,
                            topic,
                            WINDOW_1H,
                            end - HOUR,
                            end,
                            hour,
                            hourIncidents,
                            base,
                            k,
                            formula,
                            modelVersion,
                            detection));
        }
        if (Math.floorMod(end, HOUR) != 0) {
            return; // the 24 h window moves slowly: built at full hours only (4x less work)
        }
        Baseline.Stats base =
                history == null
                        ? null
                        : history.stats(slotEnd, Buckets.PER_DAY, baselineDays, minBaselineDays);
        out.collect(
                IndicatorWindow.build(
                        area,
                        district,
                        topic,
                        WINDOW_24H,
                        end - DAY,
                        end,
                        day,
                        dayIncidents.stream().map(CellIncident::ref).toList(),
                        base,
                        k,
                        formula,
                        modelVersion,
                        Detection.NONE));
    }

    private static int size(MapState<?, ?> state) throws Exception {
        int n = 0;
        for (Object ignored : state.keys()) {
            n++;
        }
        return n;
    }

    private void dropOldestIncident() throws Exception {
        String oldest = null;
        long oldestTs = Long.MAX_VALUE;
        for (Map.Entry<String, CellIncident> e : incidents.entries()) {
            long ts = e.getValue().ref().ts();
            if (ts < oldestTs || (ts == oldestTs && e.getKey().compareTo(oldest) < 0)) {
                oldest = e.getKey();
                oldestTs = ts;
            }
        }
        if (oldest != null) {
            incidents.remove(oldest);
        }
    }
}
