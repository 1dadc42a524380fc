package nl.lvds.pipeline.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import nl.lvds.dashboards.auth.PasswordHasher;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.pipeline.bench.Machine;
import nl.lvds.pipeline.bench.SignalPool;

/**
 * The soak run: a Kafka broker, the live job and the dashboard as separate processes of the
 * launcher ({@code lvds broker}, {@code lvds live}, {@code lvds dashboard} in JVMs of their own, on
 * free ports, in a working folder), generated signals produced from this JVM at a steady rate in
 * real time, and a dashboard client on the live feed; every {@code sampleSeconds} the memory of
 * every process, the live job's committed position on the signals topic and its checkpoint on disk.
 * At the end everything is stopped (also on failure and Ctrl-C), a summary is printed and the
 * figures are written as JSON and two CSV timelines.
 */
public final class SoakRun {

    /**
     * Signals of the first two minutes are left out of event -> dashboard: the live job starts
     * while they arrive and catches up within about 90 s on this machine (two 6-min runs).
     */
    static final long EARLY_WARMUP_MS = 120_000L;

    private static final long BUCKET_MS = Duration.ofMinutes(15).toMillis();

    /**
     * @param minutes producing time
     * @param rate signals per second
     * @param speed event-time seconds per wall-clock second (1: event time is now; more only for
     *     smoke runs, so that windows close within a short run)
     * @param spikeEverySeconds a hostile spike this often (0: none)
     * @param sampleSeconds memory and job sampling interval
     * @param progressSeconds progress line interval on stderr
     * @param drainSeconds after producing, at most this long for the job to catch up
     * @param perDay generated signals per day of the replayed pool (two days)
     * @param out the results JSON; the CSVs go beside it
     * @param workDir working folder (null: a new temporary folder)
     * @param keepWorkDir keep the working folder (Kafka data, checkpoints, logs) afterwards
     * @param overrides live-job config keys that differ from the shipped defaults (beyond the
     *     broker address)
     */
    public record Options(
            double minutes,
            int rate,
            double speed,
            int spikeEverySeconds,
            int sampleSeconds,
            int progressSeconds,
            int drainSeconds,
            int perDay,
            Path out,
            Path workDir,
            boolean keepWorkDir,
            Map<String, String> overrides) {

        public Options {
            if (!(minutes > 0) || rate < 1 || !(speed > 0) || sampleSeconds < 1 || perDay < 1) {
                throw new IllegalArgumentException(
                        "--minutes, --rate, --speed, --sample-seconds must be positive");
            }
            overrides = Map.copyOf(overrides);
        }
    }

    private final Options o;
    private final PrintStream stdout;
    private final PrintStream log;
    private final List<ChildJvm> children = new ArrayList<>();
    private final MemoryTimeline memory = new MemoryTimeline();
    private final Map<String, MemoryProbe> probes = new LinkedHashMap<>();
    private final List<Map<String, Object>> timeline = new ArrayList<>();
    private volatile boolean interrupted;

    public SoakRun(Options options, PrintStream stdout, PrintStream log) {
        this.o = options;
        this.stdout = stdout;
        this.log = log;
    }

    private void progress(String format, Object... args) {
        log.printf(Locale.ROOT, "soak: " + format + "%n", args);
    }

    /** Runs the soak; returns the results written to {@link Options#out}. */
    public ObjectNode run() throws Exception {
        Path work =
                o.workDir() != null
                        ? Files.createDirectories(o.workDir())
                        : Files.createTempDirectory("lvds-soak");
        Thread hook =
                new Thread(
                        () -> {
                            interrupted = true;
                            progress("interrupted: stopping the processes ...");
                            stopChildren();
                        },
                        "lvds-soak-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean ok = false;
        try {
            ObjectNode r = soak(work);
            ok = true;
            return r;
        } catch (Exception | Error e) {
            if (interrupted) { // Ctrl-C: the children were stopped on purpose
                throw new IllegalStateException("interrupted; the processes were stopped", e);
            }
            for (ChildJvm c : children) {
                progress("%s (pid %d) output, last lines:%n%s", c.name(), c.pid(), c.tail(15));
            }
            throw e;
        } finally {
            stopChildren();
            MemoryProbe self = probes.get("soak");
            if (self != null) {
                self.close();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running
            }
            for (ChildJvm c : children) {
                if (c.isAlive()
                        || ProcessHandle.of(c.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                    progress("WARNING: %s (pid %d) is still running", c.name(), c.pid());
                }
            }
            if (ok && !o.keepWorkDir()) {
                delete(work);
            } else {
                progress("working folder kept: %s (logs, Kafka data, checkpoints)", work);
            }
        }
    }

    /** The pids of the child processes (the test checks they are gone). */
    public List<Long> childPids() {
        return children.stream().map(ChildJvm::pid).toList();
    }

    private ObjectNode soak(Path work) throws Exception {
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("command", "lvds soak");
        ObjectNode machine = json.putObject("machine");
        Machine.describe(machine);
        Machine.putLoad(machine, "loadAverageAtStart");
        LvdsConfig cfg = LvdsConfig.defaults().withOverrides(o.overrides());
        LvdsConfig.Topics topics = cfg.kafka().topics();
        int checkpointSeconds = cfg.pipeline().checkpointIntervalSeconds();

        // the config: the shipped file as is; the broker address and the overrides on the command
        // line
        Path lvdsYaml = work.resolve("lvds.yaml");
        try (InputStream in = LvdsConfig.class.getResourceAsStream(LvdsConfig.DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the shipped config is not on the class path");
            }
            Files.write(lvdsYaml, in.readAllBytes());
        }
        int kafkaPort = freePort();
        int dashboardPort = freePort();
        String bootstrap = "127.0.0.1:" + kafkaPort;
        String password = randomPassword();
        Path dashboardYaml = work.resolve("dashboard.yaml");
        Files.writeString(
                dashboardYaml,
                dashboardConfig(dashboardPort, work.resolve("dashboard"), password),
                StandardCharsets.UTF_8);
        ObjectNode conf = json.putObject("config");
        conf.put("file", "the shipped config/lvds.yaml, unchanged");
        ObjectNode diff = conf.putObject("differsFromShipped");
        diff.put("kafka.bootstrapServers", bootstrap + " (a broker of its own on a free port)");
        o.overrides().forEach(diff::put);
        conf.put("checkpointIntervalSeconds", checkpointSeconds);
        conf.put("parallelism", cfg.pipeline().parallelism());
        conf.put(
                "dashboard",
                "port "
                        + dashboardPort
                        + " on 127.0.0.1, one analyst account with a random password, state and"
                        + " audit log in the working folder; otherwise the shipped defaults");
        conf.put("childJvmOptions", String.join(" ", ChildJvm.jvmOptions()));

        progress(
                "%s signals/s for %s min (event-time speed %s), working folder %s",
                String.format(Locale.ROOT, "%,d", o.rate()),
                trim(o.minutes()),
                trim(o.speed()),
                work);
        SignalPool pool = SignalPool.build(o.perDay(), s -> progress("%s", s));
        probes.put("soak", MemoryProbe.self());

        // broker
        long t0 = System.currentTimeMillis();
        ChildJvm broker =
                child(
                        "broker",
                        work,
                        List.of(
                                "broker",
                                "--port",
                                Integer.toString(kafkaPort),
                                "--data-dir",
                                work.resolve("kafka").toString(),
                                "--config",
                                lvdsYaml.toString(),
                                "--status-every",
                                "0"));
        await(
                "the broker and its topics",
                120,
                () -> broker.output().contains("Kafka ready"),
                broker);
        progress("broker up on %s (pid %d) after %.1f s", bootstrap, broker.pid(), secs(t0));
        Path checkpoints = work.resolve("checkpoints");
        try (JobProbe job =
                new JobProbe(
                        bootstrap,
                        cfg.kafka().groupId(),
                        topics.signals(),
                        topics.indicators(),
                        topics.alerts(),
                        topics.deadletter(),
                        checkpoints)) {
            // the live job and the dashboard start side by side
            List<String> live = new ArrayList<>(List.of("live", "--config", lvdsYaml.toString()));
            live.add("--set");
            live.add("kafka.bootstrapServers=" + bootstrap);
            o.overrides()
                    .forEach(
                            (k, v) -> {
                                live.add("--set");
                                live.add(k + "=" + v);
                            });
            live.add("--checkpoint-dir");
            live.add(checkpoints.toString());
            long t1 = System.currentTimeMillis();
            ChildJvm liveJob = child("live", work, live);
            ChildJvm dashboard =
                    child(
                            "dashboard",
                            work,
                            List.of(
                                    "dashboard",
                                    "--config",
                                    dashboardYaml.toString(),
                                    "--bootstrap-servers",
                                    bootstrap,
                                    "--port",
                                    Integer.toString(dashboardPort)));
            await(
                    "the live job's first completed checkpoint",
                    240,
                    () -> JobProbe.checkpoint(checkpoints)[0] >= 1,
                    liveJob);
            progress(
                    "live job running (pid %d), first checkpoint after %.1f s",
                    liveJob.pid(), secs(t1));
            long wallStart = System.currentTimeMillis();
            Latencies lat = new Latencies(wallStart, wallStart, o.speed(), BUCKET_MS);
            String base = "http://127.0.0.1:" + dashboardPort;
            try (DashboardClient client = new DashboardClient(base, "soak", password, lat)) {
                await("the dashboard (restored)", 180, client::restored, dashboard);
                client.start();
                await("the dashboard's live feed", 60, () -> client.connects() > 0, dashboard);
                progress(
                        "dashboard up on %s (pid %d) after %.1f s; live feed open",
                        base, dashboard.pid(), secs(t1));

                // produce, sample, report
                long start = System.currentTimeMillis();
                long producingMs = Math.round(o.minutes() * 60_000);
                // event time ends at the wall clock (it never runs ahead: the decoders refuse
                // signals more than an hour after their Kafka record time); at speed 1 it is now
                long eventStart = start - Math.round(producingMs * (o.speed() - 1));
                lat = new Latencies(start, eventStart, o.speed(), BUCKET_MS);
                client.retarget(lat);
                Sampler sampler = new Sampler(job, client, start);
                long end = start + producingMs;
                long endOfProducing;
                JobProbe.Reading last;
                try (SoakProducer producer =
                        new SoakProducer(
                                bootstrap,
                                topics.signals(),
                                pool,
                                o.rate(),
                                o.spikeEverySeconds(),
                                lat)) {
                    sampler.producer = producer;
                    producer.start();
                    long nextSample = start;
                    long nextProgress = start + o.progressSeconds() * 1000L;
                    while (System.currentTimeMillis() < end) {
                        checkAlive();
                        if (producer.failure() != null) {
                            throw new IllegalStateException(
                                    "the producer failed", producer.failure());
                        }
                        long now = System.currentTimeMillis();
                        if (now >= nextSample) {
                            sampler.sample(now, true);
                            nextSample += o.sampleSeconds() * 1000L;
                        }
                        if (now >= nextProgress) {
                            progress("%s", sampler.line(now, end));
                            nextProgress += o.progressSeconds() * 1000L;
                        }
                        Thread.sleep(100);
                    }
                    producer.close();
                    endOfProducing = System.currentTimeMillis();
                    sampler.producedTotal = producer.acked();
                    json.put("signalsSent", producer.sent());
                    json.put("signalsAcked", producer.acked());
                    json.put("signalsFailed", producer.failed());
                    json.put("spikes", producer.spikes());
                    json.put("spikeSignalsEach", SoakProducer.SPIKE_SIGNALS);
                    // drain: the job commits what it read at checkpoints
                    long drainEnd = endOfProducing + o.drainSeconds() * 1000L;
                    long caughtUp = -1;
                    long nextDrainSample = System.currentTimeMillis();
                    while (System.currentTimeMillis() < drainEnd) {
                        checkAlive();
                        long now = System.currentTimeMillis();
                        if (now >= nextDrainSample) {
                            JobProbe.Reading r = sampler.sample(now, false);
                            nextDrainSample += Math.min(o.sampleSeconds(), 5) * 1000L;
                            if (r.signalsCommitted() >= producer.acked()) {
                                caughtUp = now;
                                break;
                            }
                        }
                        Thread.sleep(200);
                    }
                    // the windows closed by the last signals become visible at the next checkpoint
                    if (caughtUp > 0) {
                        Thread.sleep(Math.min(5_000L, checkpointSeconds * 1000L));
                    }
                    last = sampler.sample(System.currentTimeMillis(), false);
                    json.put(
                            "drainSeconds",
                            caughtUp < 0
                                    ? -1
                                    : Math.round((caughtUp - endOfProducing) / 100.0) / 10.0);
                    json.put("caughtUpAfterProducing", caughtUp > 0);
                }
                summarize(
                        json, sampler, lat, client, start, endOfProducing, last, checkpointSeconds);
            }
        }
        return json;
    }

    /** The figures, the verdicts, the files and the table. */
    private void summarize(
            ObjectNode json,
            Sampler s,
            Latencies lat,
            DashboardClient client,
            long start,
            long endOfProducing,
            JobProbe.Reading last,
            int checkpointSeconds)
            throws IOException {
        double produceSeconds = (endOfProducing - start) / 1000.0;
        ObjectNode run = json.putObject("run");
        run.put("start", Instant.ofEpochMilli(start).toString());
        run.put("minutes", o.minutes());
        run.put("producingSeconds", round1(produceSeconds));
        run.put("rateTarget", o.rate());
        run.put("speed", o.speed());
        run.put("sampleSeconds", o.sampleSeconds());

        ObjectNode tp = json.putObject("throughput");
        long acked = json.path("signalsAcked").asLong();
        double achieved = acked / Math.max(produceSeconds, 1e-9);
        tp.put("producedPerSecond", Math.round(achieved));
        tp.put("jobCommittedPerSecond", s.committedRate() < 0 ? -1 : Math.round(s.committedRate()));
        tp.put("maxLagSecondHalf", s.maxLagSecondHalf);
        tp.put("maxLagSecondHalfSeconds", round1(s.maxLagSecondHalf / (double) o.rate()));
        tp.put("lagAtEndOfProducing", s.lagAtEnd);
        tp.put("finalLag", last.lag());
        double allowed = 2.0 * checkpointSeconds + 15;
        boolean keptUp =
                s.maxLagSecondHalf >= 0
                        && s.maxLagSecondHalf / (double) o.rate() <= allowed
                        && json.path("caughtUpAfterProducing").asBoolean();
        tp.put("keptUp", keptUp);
        tp.put(
                "keptUpRule",
                "committed lag (the Kafka source commits at checkpoints) over the second half at most"
                        + " 2 x checkpoint interval + 15 s of input, and caught up after producing");
        tp.put("indicatorsTopicEndOffset", last.indicatorsEnd());
        tp.put("alertsTopicEndOffset", last.alertsEnd());
        tp.put("deadLetterTopicEndOffset", last.deadLettersEnd());
        tp.put("indicatorsAtDashboard", lat.indicatorsReceived());
        tp.put("alertsAtDashboard", lat.alertsReceived());
        tp.put("windowsClosedAtDashboard", lat.windowsArrived());
        tp.put("liveFeedConnects", client.connects());

        ObjectNode l = json.putObject("latency");
        l.put(
                "definition",
                "wall clock at the dashboard client (SSE /api/events) minus: the window end (indicator,"
                        + " alert; the newest signals of a window are stamped just before it), or the"
                        + " signal's timestamp (signal -> first 1 h indicator of its 15-min bucket;"
                        + " signal -> first provisional value of the city-wide cell whose count"
                        + " includes it: event -> dashboard)");
        Latencies.Quantiles ind = lat.indicators();
        Latencies.Quantiles al = lat.alerts();
        Latencies.Weighted sig = lat.signals();
        // the live job starts while signals already arrive: its first two minutes are start-up
        Latencies.Weighted early = lat.early(lat.eventOf(start + EARLY_WARMUP_MS));
        l.put("earlyWarmupSeconds", EARLY_WARMUP_MS / 1000);
        early.put(l.putObject("signalToEarlyValue"));
        l.put("earlyValuesAtDashboard", lat.earlyReceived());
        ind.put(l.putObject("windowEndToIndicator"));
        al.put(l.putObject("windowEndToAlert"));
        sig.put(l.putObject("signalToIndicator"));

        ObjectNode cp = json.putObject("checkpoints");
        cp.put("intervalSeconds", checkpointSeconds);
        cp.put("lastId", last.checkpointId());
        cp.put("lastBytes", last.checkpointBytes());
        cp.put("firstBytes", s.firstCheckpointBytes);
        cp.put("maxBytes", s.maxCheckpointBytes);
        cp.put("folderBytesAtEnd", last.checkpointDirBytes());

        ObjectNode mem = json.putObject("memory");
        boolean flat = memory.put(mem, start);
        Machine.putLoad((ObjectNode) json.get("machine"), "loadAverageAtEnd");

        Path out = o.out().toAbsolutePath();
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        String stem = out.getFileName().toString().replaceFirst("\\.json$", "");
        Path memCsv = out.resolveSibling(stem + "-memory.csv");
        Path tlCsv = out.resolveSibling(stem + "-timeline.csv");
        memory.writeCsv(memCsv, start);
        writeTimeline(tlCsv);
        json.put("memoryCsv", memCsv.toString());
        json.put("timelineCsv", tlCsv.toString());
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.toFile(), json);

        // the table
        stdout.printf(
                Locale.ROOT,
                "%nlvds soak: %s min at %,d signals/s (speed %s); Kafka -> live job -> dashboard, separate JVMs%n",
                trim(o.minutes()),
                o.rate(),
                trim(o.speed()));
        row("produced", String.format(Locale.ROOT, "%,d signals (%,.0f/s)", acked, achieved));
        row(
                "live job committed",
                String.format(
                        Locale.ROOT,
                        "%,.0f/s; max lag in 2nd half %,d (%.1f s of input); kept up: %s",
                        s.committedRate(),
                        s.maxLagSecondHalf,
                        s.maxLagSecondHalf / (double) o.rate(),
                        keptUp ? "yes" : "NO"));
        row(
                "caught up after producing",
                json.path("caughtUpAfterProducing").asBoolean()
                        ? "after " + json.path("drainSeconds").asDouble() + " s"
                        : "NO (lag " + last.lag() + ")");
        row(
                "at the dashboard",
                String.format(
                        Locale.ROOT,
                        "%,d indicators (district/city), %,d alerts, %d window ends",
                        lat.indicatorsReceived(),
                        lat.alertsReceived(),
                        lat.windowsArrived()));
        row(
                "signal -> early value (voorlopig) p50/p99/max, after 2 min",
                early.text("never in a value: the last < k of a window, or dead letters"));
        row("window end -> indicator p50/p99/max", ind.text());
        row("window end -> alert p50/p99/max", al.text());
        row("signal -> indicator p50/p99/max", sig.text());
        row(
                "checkpoints",
                String.format(
                        Locale.ROOT,
                        "last #%d %s (first %s, max %s); folder %s",
                        last.checkpointId(),
                        mib(last.checkpointBytes()),
                        mib(s.firstCheckpointBytes),
                        mib(s.maxCheckpointBytes),
                        mib(last.checkpointDirBytes())));
        for (String p : memory.processes()) {
            MemoryTimeline.Trend h = memory.heapTrend(p);
            MemoryTimeline.Trend r = memory.rssTrend(p);
            row(
                    "memory " + p,
                    String.format(
                            Locale.ROOT,
                            "heap after GC %.0f -> %.0f MiB (thirds' medians), %+.2f MiB/min: %s;"
                                    + " RSS %.0f -> %.0f MiB, %+.2f MiB/min: %s",
                            h.firstThirdMedian(),
                            h.lastThirdMedian(),
                            h.slopeSecondHalfMiBPerMin(),
                            h.verdict(),
                            r.firstThirdMedian(),
                            r.lastThirdMedian(),
                            r.slopeSecondHalfMiBPerMin(),
                            r.verdict()));
        }
        row("memory: no heap growing", flat ? "yes" : "NO");
        row("results", out + " (+ " + memCsv.getFileName() + ", " + tlCsv.getFileName() + ")");
    }

    private void row(String k, String v) {
        stdout.printf(Locale.ROOT, "  %-38s %s%n", k, v);
    }

    /** Samples memory and the job; keeps the timeline and the running figures. */
    private final class Sampler {
        final JobProbe job;
        final DashboardClient client;
        final long start;
        SoakProducer producer;
        long producedTotal = -1;
        long prevAcked;
        long prevMs;
        long firstCommitted = -1;
        long firstCommittedMs;
        long lastCommitted = -1;
        long lastCommittedMs;
        long maxLagSecondHalf = -1;
        long lagAtEnd = -1;
        long firstCheckpointBytes = -1;
        long maxCheckpointBytes = -1;
        JobProbe.Reading latest;

        Sampler(JobProbe job, DashboardClient client, long start) {
            this.job = job;
            this.client = client;
            this.start = start;
            this.prevMs = start;
        }

        JobProbe.Reading sample(long now, boolean producing) {
            for (Map.Entry<String, MemoryProbe> e : probes.entrySet()) {
                memory.add(
                        new MemoryTimeline.Sample(
                                now, e.getKey(), e.getValue().pid(), e.getValue().read()));
            }
            JobProbe.Reading r = job.read();
            latest = r;
            long acked = producer != null ? producer.acked() : 0;
            double producedRate = (acked - prevAcked) / Math.max(0.001, (now - prevMs) / 1000.0);
            prevAcked = acked;
            prevMs = now;
            if (r.signalsCommitted() > 0) {
                if (r.signalsCommitted() != lastCommitted) {
                    if (firstCommitted < 0) {
                        firstCommitted = r.signalsCommitted();
                        firstCommittedMs = now;
                    }
                    lastCommitted = r.signalsCommitted();
                    lastCommittedMs = now;
                }
            }
            double elapsed = (now - start) / 1000.0;
            if (producing && elapsed >= o.minutes() * 30 && r.lag() >= 0) {
                maxLagSecondHalf = Math.max(maxLagSecondHalf, r.lag());
            }
            if (producing && r.lag() >= 0) {
                lagAtEnd = r.lag();
            }
            if (r.checkpointBytes() >= 0) {
                if (firstCheckpointBytes < 0) {
                    firstCheckpointBytes = r.checkpointBytes();
                }
                maxCheckpointBytes = Math.max(maxCheckpointBytes, r.checkpointBytes());
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epochMs", now);
            row.put("elapsedSeconds", round1(elapsed));
            row.put("producing", producing);
            row.put("signalsProduced", acked);
            row.put("producedPerSecond", Math.round(producedRate));
            row.put("signalsEndOffset", r.signalsEnd());
            row.put("jobCommitted", r.signalsCommitted());
            row.put("jobLag", r.lag());
            row.put("indicatorsEndOffset", r.indicatorsEnd());
            row.put("alertsEndOffset", r.alertsEnd());
            row.put("indicatorsAtDashboard", client.events() > 0 ? lat().indicatorsReceived() : 0);
            row.put("alertsAtDashboard", client.events() > 0 ? lat().alertsReceived() : 0);
            row.put("checkpointId", r.checkpointId());
            row.put("checkpointBytes", r.checkpointBytes());
            row.put("checkpointFolderBytes", r.checkpointDirBytes());
            row.put("load1", Machine.load1());
            synchronized (timeline) {
                timeline.add(row);
            }
            return r;
        }

        private Latencies lat() {
            return client.latencies();
        }

        /** Signals committed per second between the first and last change of the position. */
        double committedRate() {
            if (firstCommitted < 0 || lastCommittedMs <= firstCommittedMs) {
                return -1;
            }
            return (lastCommitted - firstCommitted)
                    / ((lastCommittedMs - firstCommittedMs) / 1000.0);
        }

        String line(long now, long end) {
            JobProbe.Reading r = latest;
            StringBuilder mem = new StringBuilder();
            for (String p : probes.keySet()) {
                MemoryProbe.Reading m = memory.latest(p);
                if (m != null) {
                    mem.append(
                            String.format(
                                    Locale.ROOT,
                                    " %s %.0f/%.0f",
                                    p,
                                    m.heapAfterGcMiB(),
                                    m.rssMiB()));
                }
            }
            return String.format(
                    Locale.ROOT,
                    "%s/%s min: produced %,d; job committed %,d (lag %,d); at dashboard %,d"
                            + " indicators, %,d alerts; checkpoint #%d %s; MiB heap-after-GC/RSS:%s;"
                            + " load %.2f",
                    trim((now - start) / 60_000.0),
                    trim((end - start) / 60_000.0),
                    producer == null ? 0 : producer.acked(),
                    r == null ? -1 : r.signalsCommitted(),
                    r == null ? -1 : r.lag(),
                    lat().indicatorsReceived(),
                    lat().alertsReceived(),
                    r == null ? -1 : r.checkpointId(),
                    r == null ? "-" : mib(r.checkpointBytes()),
                    mem,
                    Machine.load1());
        }
    }

    private void writeTimeline(Path file) throws IOException {
        synchronized (timeline) {
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                if (timeline.isEmpty()) {
                    return;
                }
                w.write(String.join(",", timeline.get(0).keySet()) + "\n");
                for (Map<String, Object> row : timeline) {
                    w.write(
                            String.join(",", row.values().stream().map(String::valueOf).toList())
                                    + "\n");
                }
            }
        }
    }

    private ChildJvm child(String name, Path work, List<String> args) throws IOException {
        ChildJvm c = ChildJvm.start(name, work, args);
        children.add(c);
        probes.put(name, MemoryProbe.of(c.pid(), c.gcLog()));
        return c;
    }

    private void checkAlive() {
        for (ChildJvm c : children) {
            if (!c.isAlive()) {
                throw new IllegalStateException(
                        "lvds " + c.name() + " (pid " + c.pid() + ") ended unexpectedly");
            }
        }
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private void await(String what, int seconds, Check check, ChildJvm child) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!check.ok()) {
            if (!child.isAlive()) {
                throw new IllegalStateException(
                        "lvds " + child.name() + " ended while waiting for " + what);
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("no " + what + " within " + seconds + " s");
            }
            Thread.sleep(500);
        }
    }

    /** Stops the children, last started first (dashboard, live job, broker). */
    private synchronized void stopChildren() {
        for (int i = children.size() - 1; i >= 0; i--) {
            ChildJvm c = children.get(i);
            if (c.isAlive()) {
                long t = System.currentTimeMillis();
                boolean clean = c.stop(30);
                progress(
                        "stopped %s (pid %d) in %.1f s%s",
                        c.name(), c.pid(), secs(t), clean ? "" : " (killed after 30 s)");
            }
        }
    }

    private static String dashboardConfig(int port, Path state, String password) {
        String hash = PasswordHasher.hash(password.toCharArray());
        return String.join(
                "\n",
                "# lvds soak: the dashboard of the soak run (generated)",
                "port: " + port,
                "host: 127.0.0.1",
                "pipelineConfig: lvds.yaml",
                "sessionTimeoutMinutes: 30",
                "stateDir: " + state,
                "auditLog: " + state.resolve("audit.jsonl"),
                "retentionDays: 28",
                "secureCookies: false",
                "users:",
                "  - name: soak",
                "    role: analyst",
                "    passwordHash: " + hash,
                "");
    }

    private static String randomPassword() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder())
                    .forEach(
                            p -> {
                                try {
                                    Files.deleteIfExists(p);
                                } catch (IOException e) {
                                    // best effort
                                }
                            });
        } catch (IOException e) {
            // best effort
        }
    }

    private static double secs(long fromMs) {
        return (System.currentTimeMillis() - fromMs) / 1000.0;
    }

    static String mib(long bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
