package nl.lvds.pipeline.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import nl.lvds.broker.EmbeddedKafka;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.pipeline.generate.ArchiveGenerator;
import nl.lvds.pipeline.generate.DayGenerator;
import nl.lvds.pipeline.generate.Scenario;
import nl.lvds.pipeline.job.LiveJob;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * {@code lvds demo} as a component: an embedded Kafka broker, the live job on a local Flink
 * MiniCluster with its web UI, the synthetic {@link LiveStream} and an {@link OutputWatcher} on the
 * job's output, started in that order and closed in reverse. Tests drive it directly; {@code
 * DemoCommand} adds the console and Ctrl-C.
 *
 * <p>The simulated clock is placed so that the scenario's scripted event (the Schammenkamp
 * explosion, 7 March 2024 17:31) comes {@code lead} of real time after the live phase starts, with
 * {@code historyDays} of history sent up-front so the indicators have their baseline (the indicator
 * operator reports a baseline after 7 earlier days).
 */
public final class Demo implements AutoCloseable {

    /** The scenario event the demo is timed around. */
    public static final String SCRIPTED_EVENT = "schammenkamp-2024";

    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(15);

    /**
     * Demo settings.
     *
     * @param dataDir Kafka's data folder (wiped and formatted every start)
     * @param kafkaPort the broker's client port
     * @param flinkUiPort the Flink web UI / REST port
     * @param dashboardPort the dashboard's port
     * @param speed simulated seconds per real second
     * @param perDay average synthetic signals per simulated day
     * @param seed generator seed
     * @param historyDays simulated days of history before the scripted event's day
     * @param lead real time from the start of the live phase to the scripted event
     * @param checkpointSeconds checkpoint interval: exactly-once output appears once per interval
     * @param config the LVDS configuration (Kafka address and a few job settings are overridden)
     */
    public record Options(
            Path dataDir,
            int kafkaPort,
            int flinkUiPort,
            int dashboardPort,
            double speed,
            int perDay,
            long seed,
            int historyDays,
            Duration lead,
            int checkpointSeconds,
            LvdsConfig config) {

        /** Validates the settings. */
        public Options {
            if (!(speed > 0)) {
                throw new IllegalArgumentException("--speed must be positive");
            }
            if (perDay < 1) {
                throw new IllegalArgumentException("--per-day must be at least 1");
            }
            if (historyDays < 0) {
                throw new IllegalArgumentException("history days must be at least 0");
            }
            if (checkpointSeconds < 1) {
                throw new IllegalArgumentException("checkpoint interval must be at least 1 s");
            }
        }
    }

    /**
     * What the demo is doing now, for the running summary.
     *
     * @param phase the stream's phase
     * @param simNow simulated time up to which records are sent (epoch ms)
     * @param signals signals sent (history included)
     * @param incidents incidents sent
     * @param jobStatus the live job's status
     * @param indicators indicators read from the output (committed)
     * @param latestWindowEnd latest indicator window end read (epoch ms; MIN_VALUE if none)
     * @param alerts alerts read from the output (committed), in order
     */
    public record Status(
            LiveStream.Phase phase,
            long simNow,
            long signals,
            long incidents,
            JobStatus jobStatus,
            long indicators,
            long latestWindowEnd,
            List<nl.lvds.models.event.Alert> alerts) {}

    private final Options options;
    private final DayGenerator days;
    private final Instant event;
    private final List<AutoCloseable> started = new ArrayList<>(); // guarded by this
    private final Map<String, Duration> timings = new LinkedHashMap<>();
    private EmbeddedKafka kafka;
    private MiniCluster flink;
    private JobID jobId;
    private LiveStream stream;
    private OutputWatcher watcher;
    private AutoCloseable dashboard;
    private Path checkpointDir;
    private long readyAt;
    private volatile boolean closed;

    private Demo(Options options, DayGenerator days) {
        this.options = options;
        this.days = days;
        this.event = scriptedEventStart(days.scenario());
    }

    /**
     * Starts everything and returns once the history is sent and the live phase runs; on failure
     * closes what was started and rethrows.
     *
     * @param options the settings
     * @param progress told one line per step
     */
    public static Demo start(Options options, Consumer<String> progress) throws Exception {
        Demo demo = create(options);
        try {
            demo.start(progress);
        } catch (Exception | Error e) {
            demo.close();
            throw e;
        }
        return demo;
    }

    /**
     * A demo that is not started yet: {@link #close()} may be called from another thread (a
     * shutdown hook) at any time during {@link #start(Consumer)}, which then stops early.
     */
    public static Demo create(Options options) {
        DayGenerator days = new ArchiveGenerator().dayGenerator(options.seed(), options.perDay());
        return new Demo(options, days);
    }

    /**
     * Starts everything and returns once the live phase runs; throws if a step fails or {@link
     * #close()} is called meanwhile (the caller then closes, which is idempotent).
     */
    public void start(Consumer<String> progress) throws Exception {
        startAll(progress);
    }

    /** The start of the scripted event (the Schammenkamp explosion) as an instant. */
    public static Instant scriptedEventStart(Scenario scenario) {
        return scenario.events().stream()
                .filter(e -> e.id().equals(SCRIPTED_EVENT))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("scenario has no " + SCRIPTED_EVENT))
                .startTimes()
                .get(0)
                .atZone(DayGenerator.ZONE)
                .toInstant();
    }

    /**
     * The simulated instant where the live phase starts: the event minus {@code lead} of real time
     * at {@code speed}.
     */
    public static Instant simStart(Instant event, Duration lead, double speed) {
        return event.minusMillis((long) Math.floor(lead.toMillis() * speed));
    }

    private void startAll(Consumer<String> progress) throws Exception {
        long t0 = System.nanoTime();
        // Say which port is taken before starting anything (Flink's own bind error is obscure).
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("Kafka (--kafka-port)", options.kafkaPort());
        ports.put("Flink web UI (--flink-ui-port)", options.flinkUiPort());
        for (Map.Entry<String, Integer> p : ports.entrySet()) {
            if (!EmbeddedKafka.isFree(p.getValue())) {
                throw new IOException(
                        "port "
                                + p.getValue()
                                + " for "
                                + p.getKey()
                                + " is in use (another lvds demo, Kafka or Flink?): stop it or"
                                + " choose another port");
            }
        }
        LvdsConfig.Topics topics = options.config().kafka().topics();

        progress.accept(
                "[1/6] Kafka broker (Apache Kafka's own KRaft server, data in "
                        + options.dataDir()
                        + ", wiped at every start) ...");
        long t = System.nanoTime();
        kafka = EmbeddedKafka.startPersistent(options.dataDir(), options.kafkaPort());
        track(kafka);
        List<String> names = topics.all();
        kafka.createTopics(names, 2);
        timings.put("kafka", since(t));
        progress.accept(
                String.format(
                        "      ready on %s; topics %s (2 partitions each) (%.1f s)",
                        kafka.bootstrapServers(),
                        String.join(", ", names),
                        seconds(timings.get("kafka"))));

        LvdsConfig config = jobConfig(options, kafka.bootstrapServers());
        progress.accept(
                String.format(
                        "[2/6] Flink MiniCluster with web UI on port %d, live job (parallelism %d,"
                                + " checkpoints every %d s, exactly-once output) ...",
                        options.flinkUiPort(),
                        config.pipeline().parallelism(),
                        config.pipeline().checkpointIntervalSeconds()));
        t = System.nanoTime();
        startFlink(config);
        timings.put("flink", since(t));
        progress.accept(String.format("      job running (%.1f s)", seconds(timings.get("flink"))));

        watcher =
                new OutputWatcher(kafka.bootstrapServers(), topics.indicators(), topics.alerts())
                        .start();
        track(watcher);

        LocalDate eventDay = LocalDate.ofInstant(event, DayGenerator.ZONE);
        LiveStream.Options so =
                new LiveStream.Options(
                        eventDay.minusDays(options.historyDays()),
                        simStart(event, options.lead(), options.speed()),
                        options.speed());
        progress.accept(
                String.format(
                        "[3/6] synthetic history %s 00:00 → %s (%d days at ~%,d signals/day),"
                                + " sent as fast as Kafka takes it ...",
                        so.historyFrom(),
                        LiveFormat.simTime(so.simStart().toEpochMilli()),
                        options.historyDays(),
                        options.perDay()));
        t = System.nanoTime();
        stream =
                new LiveStream(
                        days, so, kafka.bootstrapServers(), topics.signals(), topics.incidents());
        track(stream);
        stream.start();
        if (!stream.awaitHistory(10, TimeUnit.MINUTES)) {
            Throwable f = stream.failure();
            throw new IllegalStateException(
                    "the synthetic history was not sent" + (f == null ? "" : ": " + f), f);
        }
        timings.put("history", since(t));
        progress.accept(
                String.format(
                        "      %,d signals and %,d incidents sent (%.1f s)",
                        stream.historySignals(),
                        stream.incidents(),
                        seconds(timings.get("history"))));
        t = System.nanoTime();
        awaitCatchUp(so.simStart().toEpochMilli(), progress);
        timings.put("catch-up", since(t));
        stream.goLive();
        progress.accept(
                String.format(
                        "      job caught up (%.1f s); streaming live at %s× from %s",
                        seconds(timings.get("catch-up")),
                        LiveFormat.speed(options.speed()),
                        LiveFormat.simTime(so.simStart().toEpochMilli())));

        progress.accept("[5/6] dashboard on port " + options.dashboardPort() + " ...");
        dashboard = startDashboard(kafka.bootstrapServers(), options.dashboardPort());
        if (dashboard != null) {
            track(dashboard);
        }
        progress.accept(dashboard == null ? "      not started" : "      running");
        progress.accept("[6/6] watching lvds.indicators and lvds.alerts (read_committed)");
        readyAt = System.currentTimeMillis();
        timings.put("total", since(t0));
    }

    /**
     * Waits until the job has published indicators up to the hour before {@code simStart}, so the
     * scripted event happens live rather than in a backlog; reports progress every 5 s.
     */
    private void awaitCatchUp(long simStart, Consumer<String> progress) throws Exception {
        long target = simStart - TimeUnit.HOURS.toMillis(1);
        long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
        long lastReport = System.nanoTime();
        long lastEnd = Long.MIN_VALUE;
        progress.accept("[4/6] the live job works through the history ...");
        while (watcher.latestWindowEnd() < target) {
            if (closed) {
                throw new CancellationException("the demo was stopped during start-up");
            }
            String problem = problem();
            if (problem != null) {
                throw new IllegalStateException(problem);
            }
            if (System.nanoTime() > deadline) {
                progress.accept(
                        "      still behind after " + CATCH_UP_TIMEOUT + "; going live anyway");
                return;
            }
            long end = watcher.latestWindowEnd();
            long sinceReport = System.nanoTime() - lastReport;
            // a line when the job got further (at most every 5 s), else one every 20 s
            if ((end != lastEnd && sinceReport > TimeUnit.SECONDS.toNanos(5))
                    || sinceReport > TimeUnit.SECONDS.toNanos(20)) {
                lastReport = System.nanoTime();
                lastEnd = end;
                progress.accept(
                        "      indicators published up to "
                                + (end == Long.MIN_VALUE ? "(none yet)" : LiveFormat.simTime(end))
                                + " (target "
                                + LiveFormat.simTime(target)
                                + ")");
            }
            Thread.sleep(200);
        }
    }

    /**
     * Where the dashboard server will be started, given the broker's address and the port. Returns
     * what to close on stop, or null while there is no dashboard.
     */
    /** config/dashboard.yaml under LVDS_HOME, else under the working folder or its parent. */
    static java.nio.file.Path dashboardConfigFile() {
        String home = System.getenv("LVDS_HOME");
        java.nio.file.Path base =
                java.nio.file.Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath();
        for (java.nio.file.Path dir = base; dir != null; dir = dir.getParent()) {
            java.nio.file.Path f = dir.resolve("config/dashboard.yaml");
            if (java.nio.file.Files.isRegularFile(f)) {
                return f;
            }
        }
        throw new IllegalStateException(
                "config/dashboard.yaml not found under " + base + " (set LVDS_HOME)");
    }

    AutoCloseable startDashboard(String bootstrapServers, int port) throws Exception {
        java.nio.file.Path file = dashboardConfigFile();
        // The shipped dashboard config (demo users, roles); state and audit log next to the
        // broker's data, so a demo leaves nothing in the repository's var/.
        nl.lvds.dashboards.DashboardConfig cfg =
                nl.lvds.dashboards.DashboardConfig.load(file)
                        .withPortAndState(
                                port,
                                options.dataDir()
                                        .toAbsolutePath()
                                        .getParent()
                                        .resolve("dashboard"));
        // The shipped demo accounts (password in the README) are allowed here only: the demo binds
        // to this machine; `lvds dashboard` refuses them.
        return nl.lvds.dashboards.DashboardServer.start(
                cfg, bootstrapServers, nl.lvds.dashboards.auth.DemoAccounts.Policy.ALLOW_IN_DEMO);
    }

    /** The job configuration: the given one with the demo's broker and short latencies. */
    static LvdsConfig jobConfig(Options o, String bootstrap) {
        LvdsConfig base = o.config();
        // One real second of slack in simulated time: at speed 600 records that are 1 s apart in
        // real time are 10 simulated minutes apart, and the sources are read in separate polls.
        int outOfOrderness =
                (int) Math.max(base.pipeline().maxOutOfOrdernessSeconds(), Math.ceil(o.speed()));
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("kafka.bootstrapServers", bootstrap);
        overrides.put(
                "pipeline.checkpointIntervalSeconds", Integer.toString(o.checkpointSeconds()));
        overrides.put("pipeline.maxOutOfOrdernessSeconds", Integer.toString(outOfOrderness));
        // Incidents are rare: a partition that just carried one holds the watermark back until it
        // is declared idle. 30 s (the default) would be half an hour of simulated time at 60×.
        // The demo's history is its baseline: a baseline of N days needs min(7, N) earlier days,
        // and every simulated day of history costs the job seconds to process here.
        if (o.historyDays() < base.pipeline().baselineDays()) {
            overrides.put("pipeline.baselineDays", Integer.toString(Math.max(1, o.historyDays())));
        }
        overrides.put(
                "pipeline.idlenessSeconds",
                Integer.toString(Math.min(5, Math.max(1, base.pipeline().idlenessSeconds()))));
        return base.withOverrides(overrides);
    }

    private void startFlink(LvdsConfig config) throws Exception {
        int parallelism = config.pipeline().parallelism();
        // Checkpoints on disk: the indicator state passes the 5 MiB limit of in-memory
        // checkpoint storage within a few simulated days, and the job would restart forever.
        checkpointDir = Files.createTempDirectory("lvds-demo-checkpoints");
        track(() -> deleteTree(checkpointDir));
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toUri().toString());
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "localhost");
        conf.set(RestOptions.PORT, options.flinkUiPort());
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
        flink =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(parallelism)
                                .build());
        flink.start();
        track(() -> flink.closeAsync().get(60, TimeUnit.SECONDS));

        Configuration jobConf = new Configuration();
        jobConf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        jobConf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toUri().toString());
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(jobConf);
        LiveJob.build(env, config);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName("lvds-demo");
        jobId = flink.submitJob(graph).get(60, TimeUnit.SECONDS).getJobID();
        track(this::cancelJob);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            JobStatus s = flink.getJobStatus(jobId).get(10, TimeUnit.SECONDS);
            if (s == JobStatus.RUNNING) {
                return;
            }
            if (s.isGloballyTerminalState() || closed || System.nanoTime() > deadline) {
                throw new IllegalStateException("the live job did not start: " + s);
            }
            Thread.sleep(100);
        }
    }

    private void cancelJob() throws Exception {
        JobStatus s = flink.getJobStatus(jobId).get(10, TimeUnit.SECONDS);
        if (!s.isGloballyTerminalState()) {
            flink.cancelJob(jobId).get(30, TimeUnit.SECONDS);
            flink.requestJobResult(jobId).get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * Registers something started, to be closed in reverse order; if the demo was closed meanwhile,
     * closes it at once and aborts the start.
     */
    private void track(AutoCloseable c) throws Exception {
        synchronized (this) {
            if (!closed) {
                started.add(c);
                return;
            }
        }
        c.close();
        throw new CancellationException("the demo was stopped during start-up");
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** What the demo is doing now. */
    public Status status() {
        JobStatus js;
        try {
            js = flink.getJobStatus(jobId).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            js = null;
        }
        return new Status(
                stream.phase(),
                stream.simNow(),
                stream.signals(),
                stream.incidents(),
                js,
                watcher.indicators(),
                watcher.latestWindowEnd(),
                watcher.alerts());
    }

    /** Why the demo cannot go on (the stream failed or the job ended), or null. */
    public String problem() {
        Throwable f = stream.failure();
        if (f != null) {
            return "the synthetic stream failed: " + f;
        }
        try {
            JobStatus s = flink.getJobStatus(jobId).get(5, TimeUnit.SECONDS);
            if (s.isGloballyTerminalState()) {
                return "the live job ended: " + s;
            }
        } catch (Exception e) {
            return "the Flink MiniCluster does not answer: " + e;
        }
        return null;
    }

    /** The broker's bootstrap servers. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The Flink web UI address. */
    public String flinkUiUrl() {
        return "http://localhost:" + options.flinkUiPort();
    }

    /** The dashboard's address . */
    public String dashboardUrl() {
        return "http://localhost:" + options.dashboardPort();
    }

    /** Whether a dashboard server was started. */
    public boolean hasDashboard() {
        return dashboard != null;
    }

    /** The scripted event's simulated start. */
    public Instant scriptedEvent() {
        return event;
    }

    /** The live phase's clock. */
    public SimClock clock() {
        return stream.clock();
    }

    /** Real epoch ms at which start-up finished. */
    public long readyAt() {
        return readyAt;
    }

    /** Real epoch ms at which the first alert was read, or 0. */
    public long firstAlertAt() {
        return watcher.firstAlertAt();
    }

    /** Start-up step durations (kafka, flink, history, total). */
    public Map<String, Duration> timings() {
        return Map.copyOf(timings);
    }

    /**
     * Stops everything in reverse order of start: the stream, the watcher, the dashboard, the job
     * (cancelled, open transactions aborted), the MiniCluster, the broker. Each step is tried even
     * if an earlier one failed; the first failure is rethrown at the end. Idempotent.
     */
    @Override
    public void close() throws Exception {
        List<AutoCloseable> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(started);
            started.clear();
        }
        Exception first = null;
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
