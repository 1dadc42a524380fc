package nl.lvds.pipeline.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.Signal;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.pipeline.functions.ClassifyFunction;
import nl.lvds.pipeline.job.LiveJob;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Suite 4, latency: the live job as deployed ({@link LiveJob#configure} and {@link
 * LiveJob#topology}: unbounded Kafka sources, exactly-once sinks, the configured checkpoint
 * interval; its classify operator counted for the bench's clock, {@link CountingClassify}) on a
 * MiniCluster at parallelism 2, while generated signals are produced into Kafka at a steady rate in
 * real time, with hostile spikes in quiet neighbourhoods so that alerts occur.
 *
 * <p><b>Early results.</b> The live job publishes each active cell's open 1 h window every {@code
 * pipeline.earlyResultsMillis} (processing time, not transactional) on {@code kafka.topics.early}:
 * measured per signal from its Kafka append time to the first provisional record of the city-wide
 * cell whose count includes it ({@link #earlyLatencies}). This is the figure the target
 * ("to the indicator (early result)") is about.
 *
 * <p><b>Final results.</b> The indicator operator emits a cell's 1 h (and, on the hour, 24 h)
 * indicator when the watermark passes the end W of a 15-minute bucket, i.e. once every input
 * partition has seen a signal with event time at or after W + the out-of-orderness bound (60 s);
 * the exactly-once sink makes it visible when the next checkpoint completes. So the latency of the
 * pipeline itself is measured per indicator as <i>visible − due</i>: <i>due</i> is the Kafka append
 * time (the signals topic uses LogAppendTime) of the signal that made the window complete (the
 * later of the two partitions' first signals with event time at or after W + 60 s); <i>visible</i>
 * is when a {@code read_committed} consumer of {@code lvds.indicators} (or {@code lvds.alerts}, for
 * the alert of that window) receives it. The time a signal waits for its bucket to end (0–15 min of
 * event time) and the 60 s bound come on top: by design, not measurable as pipeline latency; the
 * suite also reports, per signal, append time → the first indicator of its bucket at the run's
 * speed.
 *
 * <p><b>Event time.</b> Event time runs {@code speed} times faster than the wall clock from the
 * start of the run (speed 1: event times are now). The default, 60, closes a bucket every 15 s, so
 * a run of a minute or two sees several windows close at different moments of the checkpoint cycle;
 * at speed 1 a run must last well over 15 minutes to see one.
 */
public final class LatencySuite implements Suite {

    /** The target, milliseconds. */
    public static final long TARGET_P99_MS = 2_000;

    private static final long BUCKET_MS = Duration.ofMinutes(15).toMillis();
    private static final int SPIKE_SIGNALS = 200;
    private static final int SPIKE_EVERY_SECONDS = 10;

    private final int shortCheckpointSeconds;
    private final Map<String, String> overrides;

    /**
     * @param shortCheckpointSeconds when positive, a second run with this checkpoint interval
     * @param overrides configuration keys that differ from the shipped defaults in these runs (none
     *     in {@code lvds bench}; the smoke test shortens idleness and checkpoints)
     */
    public LatencySuite(int shortCheckpointSeconds, Map<String, String> overrides) {
        this.shortCheckpointSeconds = shortCheckpointSeconds;
        this.overrides = Map.copyOf(overrides);
    }

    @Override
    public String name() {
        return "latency";
    }

    @Override
    public void run(BenchContext ctx, ObjectNode json, List<Row> rows) throws Exception {
        Pool pool = Pool.build(ctx);
        int configured =
                LvdsConfig.defaults()
                        .withOverrides(overrides)
                        .pipeline()
                        .checkpointIntervalSeconds();
        if (!overrides.isEmpty()) {
            json.putPOJO("configOverrides", overrides);
        }
        json.put("rate", ctx.sizes().latencyRate());
        json.put("speed", ctx.sizes().latencySpeed());
        json.put("measuredSeconds", ctx.sizes().latencySeconds());
        json.put("warmupSeconds", ctx.sizes().latencyWarmupSeconds());
        json.put(
                "definition",
                "early: a signal's Kafka append time to the first provisional record (lvds.indicators"
                        + ".early, city-wide cell) whose count includes it; "
                        + "indicator/alert: visible to a read_committed consumer minus the Kafka append time of"
                        + " the signal that completed its window (first signal with event time >="
                        + " window end + 60 s on every partition); signal: append time to the first"
                        + " indicator of its 15-min bucket, at the run's event-time speed");
        Result r = measure(ctx, pool, "latency-cp" + configured, configured);
        r.put(json.putObject("configuredCheckpoint"));
        addRows(rows, r, true);
        if (shortCheckpointSeconds > 0 && shortCheckpointSeconds != configured) {
            Result s =
                    measure(
                            ctx,
                            pool,
                            "latency-cp" + shortCheckpointSeconds,
                            shortCheckpointSeconds);
            s.put(json.putObject("shortCheckpoint"));
            addRows(rows, s, false);
        }
        boolean earlyMet = r.early.n > 0 && r.early.p99 <= TARGET_P99_MS;
        boolean alertMet = r.alert.n > 0 && r.alert.p99 <= TARGET_P99_MS;
        ObjectNode t = json.putObject("target");
        t.put(
                "figure",
                "p99 signal in Kafka -> early (provisional) indicator, and window complete -> alert,"
                        + " configured checkpoint interval");
        t.put("atMostMs", TARGET_P99_MS);
        t.put("earlyIndicatorP99Ms", r.early.p99);
        t.put("finalIndicatorP99Ms", r.indicator.p99);
        t.put("alertP99Ms", r.alert.n > 0 ? r.alert.p99 : -1);
        t.put("earlyMet", earlyMet);
        t.put("alertMet", alertMet);
        t.put("met", earlyMet && alertMet);
    }

    private void addRows(List<Row> rows, Result r, boolean target) {
        String cp = "checkpoint " + r.checkpointSeconds + " s";
        rows.add(
                new Row(
                        name(),
                        "signal in Kafka -> early indicator p50 / p99 (provisional, " + cp + ")",
                        r.early.text(),
                        target ? "p99 <= 2 s" : "",
                        target ? verdict(r.early) : "",
                        r.load));
        rows.add(
                new Row(
                        name(),
                        "window complete -> final indicator p50 / p99 (" + cp + ")",
                        r.indicator.text(),
                        "",
                        "",
                        r.load));
        rows.add(
                new Row(
                        name(),
                        "window complete -> alert p50 / p99 (" + cp + ")",
                        r.alert.text(),
                        target ? "p99 <= 2 s" : "",
                        target ? verdict(r.alert) : "",
                        r.load));
        rows.add(
                new Row(
                        name(),
                        String.format(
                                Locale.ROOT,
                                "signal -> first final indicator p50 / p99 (%s, speed %.0f)",
                                cp,
                                r.speed),
                        r.signal.text(),
                        "",
                        "",
                        r.load));
    }

    private static String verdict(Quantiles q) {
        return q.n > 0 && q.p99 <= TARGET_P99_MS ? "met" : "NOT met";
    }

    /** Latency quantiles of one kind, milliseconds (nearest rank; the soak uses them too). */
    public record Quantiles(int n, long p50, long p99, long max) {
        /** The quantiles of {@code v} (not modified); n = 0 and -1 for an empty array. */
        public static Quantiles of(long[] v) {
            if (v.length == 0) {
                return new Quantiles(0, -1, -1, -1);
            }
            long[] s = v.clone();
            Arrays.sort(s);
            return new Quantiles(s.length, rank(s, 0.50), rank(s, 0.99), s[s.length - 1]);
        }

        static long rank(long[] sorted, double q) {
            int i = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        }

        String text() {
            return n == 0
                    ? "none"
                    : String.format(Locale.ROOT, "%s / %s (n=%,d)", secs(p50), secs(p99), n);
        }

        static String secs(long ms) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }

        void put(ObjectNode o) {
            o.put("n", n);
            o.put("p50Ms", p50);
            o.put("p99Ms", p99);
            o.put("maxMs", max);
        }
    }

    /** One run's figures. */
    record Result(
            int checkpointSeconds,
            double speed,
            long produced,
            double achievedRate,
            Quantiles early,
            Quantiles indicator,
            Quantiles alert,
            Quantiles signal,
            int windows,
            double load,
            double loadAfter) {

        void put(ObjectNode o) {
            o.put("checkpointIntervalSeconds", checkpointSeconds);
            o.put("signalsProduced", produced);
            o.put("achievedRate", Math.round(achievedRate));
            o.put("windowsMeasured", windows);
            early.put(o.putObject("signalToEarlyIndicator"));
            indicator.put(o.putObject("windowCompleteToIndicator"));
            alert.put(o.putObject("windowCompleteToAlert"));
            signal.put(o.putObject("signalToFirstIndicatorAtSpeed"));
            o.putArray("load1BeforeAfter").add(load).add(loadAfter);
        }
    }

    /** Generated signals to replay, hostile ones for the spikes and the quietest wijken. */
    record Pool(List<Signal> signals, List<Signal> hostile, List<String> quietWijken) {
        static Pool build(BenchContext ctx) {
            SignalPool p =
                    SignalPool.build(ctx.sizes().perDay(), s -> ctx.progress("latency: %s", s));
            return new Pool(p.signals(), p.hostile(), p.quietWijken());
        }
    }

    /** Per partition: event time and Kafka append time of every signal, in send order. */
    static final class PartitionLog {
        private long[] event = new long[1 << 16];
        private long[] append = new long[1 << 16];
        private int n;

        synchronized void add(long ev, long ap) {
            if (n == event.length) {
                event = Arrays.copyOf(event, n * 2);
                append = Arrays.copyOf(append, n * 2);
            }
            event[n] = ev;
            append[n] = ap;
            n++;
        }

        /** The append time of the first signal with event time >= ts, or -1. */
        synchronized long firstAppendAtOrAfter(long ts) {
            int lo = 0;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (event[mid] < ts) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo < n ? append[lo] : -1;
        }
    }

    private Result measure(BenchContext ctx, Pool pool, String name, int checkpointSeconds)
            throws Exception {
        BenchSizes sz = ctx.sizes();
        String bootstrap = ctx.kafka().bootstrapServers();
        String in = name + "-in";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(
                            List.of(
                                    new NewTopic(in + ".signals", 2, (short) 1)
                                            .configs(
                                                    Map.of(
                                                            "message.timestamp.type",
                                                            "LogAppendTime")),
                                    new NewTopic(in + ".incidents", 2, (short) 1),
                                    new NewTopic(in + ".p2000", 2, (short) 1),
                                    new NewTopic(in + ".rules", 1, (short) 1)))
                    .all()
                    .get();
        }
        LvdsConfig cfg =
                ctx.config(
                        in,
                        name,
                        2,
                        Map.of(
                                "pipeline.checkpointIntervalSeconds",
                                Integer.toString(checkpointSeconds)));
        long boundMs = cfg.pipeline().maxOutOfOrdernessSeconds() * 1000L;
        ClassifyFunction.modelVersion();
        long classifiedBefore = CountingClassify.CLASSIFIED_IN_THIS_JVM.sum();
        double loadBefore = Machine.load1();
        ctx.progress(
                "%s: live job as deployed (checkpoints every %d s), %,d signals/s for %d + %d s at event-time speed %.0f ...",
                name,
                checkpointSeconds,
                sz.latencyRate(),
                sz.latencyWarmupSeconds(),
                sz.latencySeconds(),
                sz.latencySpeed());
        try (LocalFlink flink =
                new LocalFlink(2, ctx.tempDir("checkpoints-" + name), ctx.stateBackend())) {
            StreamExecutionEnvironment env = flink.environment();
            // the live job as deployed, its classify operator counted for the bench's clock
            LiveJob.configure(env, cfg);
            LiveJob.topology(cfg, false).withClassifier(new CountingClassify()).addTo(env);
            StreamGraph graph = env.getStreamGraph();
            graph.setJobName("lvds-bench-" + name);
            JobID job = flink.submit(graph);
            long deadline = System.currentTimeMillis() + 120_000;
            while (flink.status(job) != JobStatus.RUNNING) {
                if (System.currentTimeMillis() > deadline
                        || flink.status(job).isGloballyTerminalState()) {
                    throw new IllegalStateException("the live job did not start");
                }
                Thread.sleep(100);
            }
            Watcher watcher =
                    new Watcher(
                            bootstrap,
                            cfg.kafka().topics().indicators(),
                            cfg.kafka().topics().alerts(),
                            cfg.pipeline().earlyResultsMillis() > 0
                                    ? cfg.kafka().topics().early()
                                    : null);
            watcher.start();
            PartitionLog[] logs = {new PartitionLog(), new PartitionLog()};
            long[] produced = new long[1];
            long measureFrom;
            long producedFrom;
            long wallEnd;
            try {
                long[] window = produce(ctx, pool, in + ".signals", bootstrap, logs, produced);
                measureFrom = window[0];
                producedFrom = window[1];
                wallEnd = window[2];
                // let the job catch up with what was produced (on a loaded machine it lags:
                // that lag is part of the latency), then the last windows become visible at the
                // next checkpoint
                long caughtUpBy = System.currentTimeMillis() + 180_000L;
                while (CountingClassify.CLASSIFIED_IN_THIS_JVM.sum() - classifiedBefore
                                < produced[0]
                        && System.currentTimeMillis() < caughtUpBy) {
                    Thread.sleep(100);
                }
                Thread.sleep(checkpointSeconds * 1000L + 3_000L);
            } finally {
                watcher.stop();
                flink.cancel(job);
            }
            double loadAfter = Machine.load1();
            // indicator and alert latencies
            List<Long> ind = new ArrayList<>();
            Map<Long, Long> firstVisibleByWindowEnd = new TreeMap<>();
            Map<Long, Long> dueCache = new HashMap<>();
            for (long[] v : watcher.indicators) {
                long windowEnd = v[0];
                long visible = v[1];
                long due = dueCache.computeIfAbsent(windowEnd, w -> due(logs, w + boundMs));
                if (due >= measureFrom) {
                    ind.add(visible - due);
                    if (v[2] == 1) {
                        firstVisibleByWindowEnd.merge(windowEnd, visible, Math::min);
                    }
                }
            }
            List<Long> al = new ArrayList<>();
            for (long[] v : watcher.alerts) {
                long due = dueCache.computeIfAbsent(v[0], w -> due(logs, w + boundMs));
                if (due >= measureFrom) {
                    al.add(v[1] - due);
                }
            }
            // signal -> first indicator of its bucket, for signals appended while measuring
            List<Long> sig = new ArrayList<>();
            for (PartitionLog log : logs) {
                synchronized (log) {
                    for (int i = 0; i < log.n; i++) {
                        if (log.append[i] < measureFrom) {
                            continue;
                        }
                        long end = Math.floorDiv(log.event[i], BUCKET_MS) * BUCKET_MS + BUCKET_MS;
                        Long visible = firstVisibleByWindowEnd.get(end);
                        if (visible != null) {
                            sig.add(visible - log.append[i]);
                        }
                    }
                }
            }
            long[] early = earlyLatencies(logs, watcher.early, measureFrom);
            Result r =
                    new Result(
                            checkpointSeconds,
                            sz.latencySpeed(),
                            produced[0],
                            produced[0] / Math.max(0.001, (wallEnd - producedFrom) / 1000.0),
                            Quantiles.of(early),
                            Quantiles.of(ind.stream().mapToLong(Long::longValue).toArray()),
                            Quantiles.of(al.stream().mapToLong(Long::longValue).toArray()),
                            Quantiles.of(sig.stream().mapToLong(Long::longValue).toArray()),
                            firstVisibleByWindowEnd.size(),
                            loadBefore,
                            loadAfter);
            ctx.progress(
                    "%s: %,d signals produced (%,.0f/s); signal -> early indicator %s; window"
                            + " complete -> indicator %s, -> alert %s; signal -> first indicator"
                            + " %s (load %.2f -> %.2f)",
                    name,
                    r.produced(),
                    r.achievedRate(),
                    r.early().text(),
                    r.indicator().text(),
                    r.alert().text(),
                    r.signal().text(),
                    loadBefore,
                    loadAfter);
            return r;
        }
    }

    /**
     * Per signal appended while measuring: its Kafka append time to the first early (provisional)
     * record of the city-wide all-topics cell whose count includes it. Aggregates cannot name their
     * signals (by design), so a record of window W with count c is taken to include the first c
     * signals of W in append order; both partitions are read in parallel, so this is exact up to
     * the skew between the two partitions' progress. A signal counts in the four 1 h windows
     * holding its bucket; the earliest record that includes it wins. Signals no record included
     * (e.g. dead-lettered) are left out.
     */
    static long[] earlyLatencies(PartitionLog[] logs, List<long[]> early, long measureFrom) {
        int total = 0;
        for (PartitionLog l : logs) {
            total += l.n;
        }
        long[][] all = new long[total][];
        int n = 0;
        for (PartitionLog l : logs) {
            synchronized (l) {
                for (int i = 0; i < l.n; i++) {
                    all[n++] = new long[] {l.append[i], l.event[i]};
                }
            }
        }
        Arrays.sort(all, 0, n, (a, b) -> Long.compare(a[0], b[0]));
        long[] eventTimes = new long[n];
        long[] ones = new long[n];
        for (int i = 0; i < n; i++) {
            eventTimes[i] = all[i][1];
            ones[i] = 1;
        }
        long[] first =
                EarlyAttribution.firstIncluded(
                        eventTimes, ones, early, Duration.ofHours(1).toMillis());
        long[] out = new long[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (all[i][0] >= measureFrom && first[i] != Long.MAX_VALUE) {
                out[k++] = first[i] - all[i][0];
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** When the watermark could pass {@code ts}: the later partition's first append at or after. */
    private static long due(PartitionLog[] logs, long ts) {
        long due = Long.MIN_VALUE;
        for (PartitionLog l : logs) {
            long a = l.firstAppendAtOrAfter(ts);
            if (a < 0) {
                return Long.MAX_VALUE / 4; // never completed while producing: not measured
            }
            due = Math.max(due, a);
        }
        return due;
    }

    /**
     * Produces at the configured rate for warm-up + measured seconds, event time = start + (now -
     * start) x speed, round-robin over the two partitions; after the warm-up a spike of hostile
     * signals into the next quiet wijk every {@value #SPIKE_EVERY_SECONDS} s.
     *
     * @return wall-clock ms: measuring starts, producing started, producing ended
     */
    private static long[] produce(
            BenchContext ctx,
            Pool pool,
            String topic,
            String bootstrap,
            PartitionLog[] logs,
            long[] count)
            throws Exception {
        BenchSizes sz = ctx.sizes();
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("linger.ms", "5");
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        long start = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        long measureFrom = start + sz.latencyWarmupSeconds() * 1000L;
        long end = measureFrom + sz.latencySeconds() * 1000L;
        double speed = sz.latencySpeed();
        // event time = eventStart + (now - start) x speed, anchored so that a bucket ends 5 s of
        // event time after the warm-up (even a short run sees windows complete) and so that it
        // never runs ahead of the wall clock: the job dead-letters a signal dated more than an
        // hour after its Kafka record time (timestamp_out_of_range), and at speed 60 a run of
        // 135 s ending "now + 135 min" lost every signal after its first minute or so. At speed 1
        // the event times are now, shifted back by less than one bucket.
        long measuredEventMs = (long) (sz.latencySeconds() * 1000L * speed);
        long atMeasure =
                Math.floorDiv(end - measuredEventMs - 5_000L, BUCKET_MS) * BUCKET_MS - 5_000L;
        long eventStart = atMeasure - (long) (sz.latencyWarmupSeconds() * 1000L * speed);
        long sent = 0;
        int next = 0;
        int spikes = 0;
        long nextSpike = measureFrom;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            while (true) {
                long now = System.currentTimeMillis();
                if (now >= end) {
                    break;
                }
                long eventNow = eventStart + (long) ((now - start) * speed);
                long due = (System.nanoTime() - startNanos) * sz.latencyRate() / 1_000_000_000L;
                if (sent >= due) {
                    Thread.sleep(1);
                    continue;
                }
                while (sent < due) {
                    Signal s = pool.signals().get(next++ % pool.signals().size());
                    send(
                            producer,
                            topic,
                            (int) (sent & 1),
                            restamp(s, "b" + sent, eventNow, s.area()),
                            logs);
                    sent++;
                }
                if (now >= nextSpike && !pool.quietWijken().isEmpty()) {
                    String wijk = pool.quietWijken().get(spikes % pool.quietWijken().size());
                    for (int i = 0; i < SPIKE_SIGNALS; i++) {
                        Signal h =
                                pool.hostile()
                                        .get((spikes * SPIKE_SIGNALS + i) % pool.hostile().size());
                        send(
                                producer,
                                topic,
                                (int) (sent & 1),
                                restamp(h, "s" + spikes + "-" + i, eventNow, wijk),
                                logs);
                        sent++;
                    }
                    spikes++;
                    nextSpike += SPIKE_EVERY_SECONDS * 1000L;
                }
            }
            producer.flush();
        }
        count[0] = sent;
        return new long[] {measureFrom, start, System.currentTimeMillis()};
    }

    private static Signal restamp(Signal s, String id, long ts, String area) {
        return SignalPool.restamp(s, "bench-" + id, ts, area);
    }

    private static void send(
            KafkaProducer<byte[], byte[]> producer,
            String topic,
            int partition,
            Signal s,
            PartitionLog[] logs) {
        long ts = s.ts();
        producer.send(
                new ProducerRecord<>(topic, partition, null, LvdsJson.encodeSignal(s)),
                (meta, e) -> {
                    if (e == null) {
                        logs[meta.partition()].add(ts, meta.timestamp());
                    }
                });
    }

    /** Reads indicators and alerts read_committed, noting when each first became visible. */
    static final class Watcher {
        final List<long[]> indicators = new ArrayList<>();
        final List<long[]> alerts = new ArrayList<>();

        /** City-wide all-topics early records: window end, signals so far, visible at. */
        final List<long[]> early = new ArrayList<>();

        private final String bootstrap;
        private final String indicatorTopic;
        private final String alertTopic;
        private final String earlyTopic;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Map<String, Boolean> seen = new ConcurrentHashMap<>();
        private Thread thread;
        private volatile Throwable failure;

        Watcher(String bootstrap, String indicatorTopic, String alertTopic, String earlyTopic) {
            this.bootstrap = bootstrap;
            this.indicatorTopic = indicatorTopic;
            this.alertTopic = alertTopic;
            this.earlyTopic = earlyTopic;
        }

        void start() {
            thread = new Thread(this::loop, "bench-latency-watcher");
            thread.setDaemon(true);
            thread.start();
        }

        private void loop() {
            try (KafkaConsumer<byte[], byte[]> c =
                    new KafkaConsumer<>(
                            nl.lvds.broker.TopicStats.consumerProperties(
                                    bootstrap, "read_committed"))) {
                List<TopicPartition> parts = new ArrayList<>();
                List<String> topics = new ArrayList<>(List.of(indicatorTopic, alertTopic));
                if (earlyTopic != null) {
                    topics.add(earlyTopic);
                }
                for (String t : topics) {
                    c.partitionsFor(t)
                            .forEach(i -> parts.add(new TopicPartition(t, i.partition())));
                }
                c.assign(parts);
                c.seekToBeginning(parts);
                while (!stop.get()) {
                    var records = c.poll(Duration.ofMillis(20));
                    long visible = System.currentTimeMillis();
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        if (r.topic().equals(earlyTopic)) {
                            TensionIndicator t = LvdsJson.decodeIndicator(r.value()).orThrow();
                            if (TensionIndicator.CITY.equals(t.area())
                                    && "all".equals(t.topic())
                                    && t.signals() != null) {
                                early.add(new long[] {t.windowEnd(), t.signals(), visible});
                            }
                        } else if (r.topic().equals(indicatorTopic)) {
                            TensionIndicator t = LvdsJson.decodeIndicator(r.value()).orThrow();
                            String key =
                                    t.area()
                                            + "|"
                                            + t.topic()
                                            + "|"
                                            + t.windowStart()
                                            + "|"
                                            + t.windowEnd();
                            if (seen.putIfAbsent(key, Boolean.TRUE) == null) {
                                boolean hour =
                                        t.windowEnd() - t.windowStart()
                                                == Duration.ofHours(1).toMillis();
                                indicators.add(new long[] {t.windowEnd(), visible, hour ? 1 : 0});
                            }
                        } else {
                            Alert a = LvdsJson.decodeAlert(r.value()).orThrow();
                            alerts.add(new long[] {a.windowEnd(), visible});
                        }
                    }
                }
            } catch (Throwable t) {
                failure = t;
            }
        }

        void stop() throws InterruptedException {
            stop.set(true);
            thread.join(30_000);
            if (failure != null) {
                throw new IllegalStateException("the latency watcher failed", failure);
            }
        }
    }
}
