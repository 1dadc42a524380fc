package nl.lvds.pipeline.review;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import nl.lvds.connectors.archive.ArchiveFiles;
import nl.lvds.connectors.archive.ArchiveSources;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.pipeline.functions.AlertInputs;
import nl.lvds.pipeline.functions.AlertRules;
import nl.lvds.pipeline.functions.BucketWindow;
import nl.lvds.pipeline.functions.ClassifyFunction;
import nl.lvds.pipeline.functions.IndicatorFunction;
import nl.lvds.pipeline.functions.PublishedIndicators;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One review run, start to finish: selects the archive files, runs the {@link ReviewJob} on a local
 * MiniCluster while {@link InputScan} hashes and counts the inputs, shows progress on stderr, then
 * writes the sorted outputs, {@code manifest.json} and {@code report.html}.
 */
public final class Review {

    /**
     * What to review.
     *
     * @param jsonl also write {@code indicators.jsonl}, every indicator as a JSON line
     */
    public record Options(
            List<Path> inputs,
            LocalDate from,
            LocalDate to,
            Path out,
            LvdsConfig config,
            byte[] configBytes,
            String configOrigin,
            int parallelism,
            boolean progress,
            boolean jsonl) {

        /** Options without {@code indicators.jsonl}. */
        public Options(
                List<Path> inputs,
                LocalDate from,
                LocalDate to,
                Path out,
                LvdsConfig config,
                byte[] configBytes,
                String configOrigin,
                int parallelism,
                boolean progress) {
            this(
                    inputs,
                    from,
                    to,
                    out,
                    config,
                    configBytes,
                    configOrigin,
                    parallelism,
                    progress,
                    false);
        }
    }

    /** What a run produced. */
    public record Outcome(
            long signals, long indicators, long alerts, Duration jobTime, Duration totalTime) {

        /** Signals per second of the job (classification to output parts). */
        public double signalsPerSecond() {
            return signals / Math.max(0.001, jobTime.toMillis() / 1000.0);
        }
    }

    private Review() {}

    /** The shipped default configuration's bytes (hashed into the manifest). */
    public static byte[] defaultConfigBytes() {
        try (InputStream in = LvdsConfig.class.getResourceAsStream(LvdsConfig.DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the built-in configuration "
                                + LvdsConfig.DEFAULT_RESOURCE
                                + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a review. */
    public static Outcome run(Options o, PrintStream log) throws Exception {
        Instant started = Instant.now();
        List<Path> signalFiles = select(o, ArchiveSources.SIGNALS);
        List<Path> incidentFiles = select(o, ArchiveSources.INCIDENTS);
        if (signalFiles.isEmpty()) {
            throw new IllegalArgumentException(
                    "no signal files dated "
                            + o.from()
                            + " .. "
                            + o.to()
                            + " under "
                            + o.inputs()
                            + " (expected signals/YYYY-MM-DD.jsonl[.gz])");
        }
        Files.createDirectories(o.out());
        Path parts = o.out().resolve(".parts");
        deleteTree(parts);
        log.printf(
                Locale.ROOT,
                "lvds review: %d signal files, %d incident files, %s .. %s, parallelism %d -> %s%n",
                signalFiles.size(),
                incidentFiles.size(),
                o.from(),
                o.to(),
                o.parallelism(),
                o.out());

        CompletableFuture<InputScan.Result> scan =
                CompletableFuture.supplyAsync(() -> InputScan.scan(signalFiles, incidentFiles));

        // Accumulators (the progress of each stage) reach the job's client with the heartbeats:
        // every second instead of every ten.
        Configuration local = new Configuration();
        local.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(local);
        env.setParallelism(o.parallelism());
        ReviewJob.build(env, o.config(), o.inputs(), o.from(), o.to(), parts, o.jsonl());
        Instant jobStart = Instant.now();
        JobClient job = env.executeAsync("lvds-review " + o.from() + ".." + o.to());
        JobAccumulators counts = new JobAccumulators(job);
        LongSupplier windowed = counts.of(IndicatorFunction.WINDOWED);
        LongSupplier evaluated = counts.of(AlertRules.EVALUATED);
        ReviewProgress progress =
                o.progress()
                        ? new ReviewProgress(
                                log,
                                List.of(
                                        new ReviewProgress.Stage(
                                                "review",
                                                " signals",
                                                counts.of(ClassifyFunction.CLASSIFIED),
                                                () ->
                                                        scan.isDone()
                                                                        && !scan
                                                                                .isCompletedExceptionally()
                                                                ? scan.join().records("signals")
                                                                : -1,
                                                () -> true),
                                        // batch: each keyed stage starts once the one before
                                        // it has finished, so its input total is known
                                        new ReviewProgress.Stage(
                                                "windows",
                                                " buckets",
                                                windowed,
                                                counts.of(BucketWindow.EMITTED),
                                                () -> windowed.getAsLong() > 0,
                                                counts.of(PublishedIndicators.PUBLISHED),
                                                " indicators published"),
                                        new ReviewProgress.Stage(
                                                "alerts",
                                                " indicators",
                                                evaluated,
                                                counts.of(AlertInputs.PASSED),
                                                () -> evaluated.getAsLong() > 0)))
                        : null;
        JobExecutionResult result;
        try {
            result = job.getJobExecutionResult().get();
            counts.settle(result.getAllAccumulatorResults());
        } finally {
            if (progress != null) {
                progress.close();
            }
        }
        Duration jobTime = Duration.between(jobStart, Instant.now());
        Object counted = result.getAccumulatorResult(ClassifyFunction.CLASSIFIED);
        long classified = counted instanceof Number n ? n.longValue() : 0L;

        log.println("lvds review: sorting and writing the outputs …");
        LongAdder work = new LongAdder();
        ReviewProgress writing =
                o.progress()
                        ? new ReviewProgress(
                                log,
                                List.of(
                                        new ReviewProgress.Stage(
                                                "outputs",
                                                " lines",
                                                work::sum,
                                                // the part files' line count is not known
                                                // without reading them: no ETA for this stage
                                                () -> -1,
                                                () -> true)))
                        : null;
        ReviewOutputs.Written written;
        try {
            written = ReviewOutputs.write(parts, o.out(), o.to(), o.jsonl(), work);
        } finally {
            if (writing != null) {
                writing.close();
            }
        }
        InputScan.Result inputs = scan.get();
        String modelVersion = ClassifyFunction.modelVersion();
        Instant finished = Instant.now();
        Manifest.write(
                new Manifest.Facts(
                        modelVersion,
                        o.configBytes(),
                        o.configOrigin(),
                        o.from().toString(),
                        o.to().toString(),
                        o.parallelism(),
                        inputs,
                        written,
                        started,
                        finished,
                        o.out()));
        ReviewReport.write(
                o.out(),
                new ReviewReport.Context(
                        o.from().toString(),
                        o.to().toString(),
                        modelVersion,
                        Manifest.sha256(o.configBytes()),
                        Manifest.codeVersion(),
                        inputs,
                        written));
        deleteTree(parts);
        Outcome outcome =
                new Outcome(
                        inputs.records("signals"),
                        written.indicators(),
                        written.alerts(),
                        jobTime,
                        Duration.between(started, Instant.now()));
        log.printf(
                Locale.ROOT,
                "lvds review: %,d signals (%,d classified) in %.1f s of job time = %,.0f signals/s;"
                        + " %,d indicators, %,d alerts; total %.1f s%n",
                outcome.signals(),
                classified,
                jobTime.toMillis() / 1000.0,
                outcome.signalsPerSecond(),
                outcome.indicators(),
                outcome.alerts(),
                outcome.totalTime().toMillis() / 1000.0);
        return outcome;
    }

    private static List<Path> select(Options o, String kind) {
        List<org.apache.flink.core.fs.Path> in =
                o.inputs().stream()
                        .map(p -> new org.apache.flink.core.fs.Path(p.toAbsolutePath().toUri()))
                        .toList();
        return ArchiveFiles.select(in, kind, o.from(), o.to()).stream()
                .map(p -> Path.of(p.toUri()))
                .toList();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * The long accumulators of a running job as its client last heard them (0 before the first
     * report; the last values once the job has ended). One request serves every stage's figures for
     * {@link #REFRESH_NANOS}, so a progress tick costs one request, not one per figure.
     */
    private static final class JobAccumulators {

        private static final long REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

        private final JobClient job;
        private Map<String, Object> last = Map.of();
        private long fetchedAt;
        private boolean fetched;
        private boolean settled;

        JobAccumulators(JobClient job) {
            this.job = job;
        }

        /** Fixes the values to the finished job's, for the progress display's last figures. */
        synchronized void settle(Map<String, Object> results) {
            last = results;
            settled = true;
        }

        LongSupplier of(String name) {
            return () -> get(name);
        }

        private synchronized long get(String name) {
            long now = System.nanoTime();
            if (!settled && (!fetched || now - fetchedAt >= REFRESH_NANOS)) {
                fetched = true;
                fetchedAt = now;
                try {
                    last = job.getAccumulators().get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // the job is ending or the client is busy: keep the last values
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            return last.get(name) instanceof Number n ? n.longValue() : 0L;
        }
    }
}
