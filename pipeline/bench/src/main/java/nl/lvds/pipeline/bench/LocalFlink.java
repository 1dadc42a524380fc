package nl.lvds.pipeline.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.checkpoint.TaskStateStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * A local Flink MiniCluster for one benchmark job (one task manager with as many slots as the
 * parallelism, checkpoints on disk, the REST endpoint on a free loopback port), with the timing and
 * checkpoint facts the suites report.
 */
final class LocalFlink implements AutoCloseable {

    /** What one job run measured. */
    record Run(
            JobStatus status,
            double secondsToFirstRecord,
            long firstRecordEpochMs,
            double seconds,
            long records,
            long checkpoints,
            long maxCheckpointBytes,
            Map<String, Long> stateBytesByOperator) {

        /** The same run, timed to {@code endEpochMs} instead of the end of the job. */
        Run endingAt(long endEpochMs) {
            return new Run(
                    status,
                    secondsToFirstRecord,
                    firstRecordEpochMs,
                    (endEpochMs - firstRecordEpochMs) / 1000.0,
                    records,
                    checkpoints,
                    maxCheckpointBytes,
                    stateBytesByOperator);
        }

        /** Records per second over {@link #seconds}. */
        double rate() {
            return records / Math.max(seconds, 1e-9);
        }
    }

    private final MiniCluster cluster;
    private final Path checkpoints;
    private final String stateBackend;

    /** The backend as production configures it (docker/): RocksDB with incremental checkpoints. */
    private static void state(Configuration conf, String backend) {
        conf.set(org.apache.flink.configuration.StateBackendOptions.STATE_BACKEND, backend);
        if ("rocksdb".equals(backend)) {
            conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        }
    }

    /** The state backends a bench run can use. */
    static final java.util.Set<String> BACKENDS = java.util.Set.of("hashmap", "rocksdb");

    LocalFlink(int parallelism, Path checkpoints, String stateBackend) throws Exception {
        this.checkpoints = checkpoints;
        this.stateBackend = stateBackend;
        Configuration conf = new Configuration();
        state(conf, stateBackend);
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
        cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(parallelism)
                                .build());
        cluster.start();
    }

    /** An environment whose stream graph this cluster runs (checkpoints to the same folder). */
    StreamExecutionEnvironment environment() {
        Configuration jobConf = new Configuration();
        jobConf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        jobConf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        state(jobConf, stateBackend);
        return StreamExecutionEnvironment.getExecutionEnvironment(jobConf);
    }

    /** Submits a job. */
    JobID submit(StreamGraph graph) throws Exception {
        return cluster.submitJob(graph).get(120, TimeUnit.SECONDS).getJobID();
    }

    JobStatus status(JobID id) throws Exception {
        return cluster.getJobStatus(id).get(30, TimeUnit.SECONDS);
    }

    /** Cancels a job and waits until it is gone. */
    void cancel(JobID id) throws Exception {
        if (!status(id).isGloballyTerminalState()) {
            cluster.cancelJob(id).get(60, TimeUnit.SECONDS);
        }
        cluster.requestJobResult(id).get(120, TimeUnit.SECONDS);
    }

    /**
     * Runs a bounded job to its end. The time runs from the first record that {@code counter}
     * counts (polled every 2 ms: the classify operator's counter, i.e. the first signal read and
     * decoded) to the end of the job, which for a bounded job with exactly-once sinks comes after
     * its final checkpoint committed the last output transactions.
     */
    Run runBounded(StreamGraph graph, LongSupplier counter, long timeoutSeconds) throws Exception {
        long base = counter.getAsLong();
        long submitted = System.nanoTime();
        AtomicLong first = new AtomicLong();
        AtomicLong firstMs = new AtomicLong();
        JobID id = submit(graph);
        Thread watch =
                new Thread(
                        () -> {
                            while (!Thread.currentThread().isInterrupted()) {
                                if (counter.getAsLong() > base) {
                                    first.set(System.nanoTime());
                                    firstMs.set(System.currentTimeMillis());
                                    return;
                                }
                                try {
                                    Thread.sleep(2);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        },
                        "bench-first-record");
        watch.setDaemon(true);
        watch.start();
        JobResult result;
        try {
            result = cluster.requestJobResult(id).get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            cancel(id);
            throw new IllegalStateException(
                    "the benchmark job did not finish within " + timeoutSeconds + " s");
        } finally {
            watch.interrupt();
        }
        long end = System.nanoTime();
        if (!result.isSuccess()) {
            throw new IllegalStateException(
                    "the benchmark job failed",
                    result.getSerializedThrowable().map(t -> (Throwable) t).orElse(null));
        }
        long start = first.get() == 0 ? submitted : first.get();
        long startMs =
                firstMs.get() == 0
                        ? System.currentTimeMillis() - (end - submitted) / 1_000_000
                        : firstMs.get();
        Checkpoints c = checkpoints(id);
        return new Run(
                result.getApplicationStatus().deriveJobStatus(),
                (start - submitted) / 1e9,
                startMs,
                (end - start) / 1e9,
                counter.getAsLong() - base,
                c.completed,
                c.maxBytes,
                c.byOperator);
    }

    /** Checkpoint facts of a job: completed count, the largest state, per operator at that one. */
    record Checkpoints(long completed, long maxBytes, Map<String, Long> byOperator) {}

    Checkpoints checkpoints(JobID id) throws Exception {
        AccessExecutionGraph g = cluster.getArchivedExecutionGraph(id).get(60, TimeUnit.SECONDS);
        var snapshot = g.getCheckpointStatsSnapshot();
        if (snapshot == null) {
            return new Checkpoints(0, 0, Map.of());
        }
        long max = 0;
        AbstractCheckpointStats largest = null;
        for (AbstractCheckpointStats s : snapshot.getHistory().getCheckpoints()) {
            if (s.getStatus() == CheckpointStatsStatus.COMPLETED && s.getStateSize() >= max) {
                max = s.getStateSize();
                largest = s;
            }
        }
        Map<String, Long> byOperator = new LinkedHashMap<>();
        if (largest != null) {
            for (TaskStateStats t : largest.getAllTaskStateStats()) {
                var v = g.getJobVertex(t.getJobVertexId());
                byOperator.put(
                        v == null ? t.getJobVertexId().toString() : v.getName(), t.getStateSize());
            }
        }
        return new Checkpoints(
                snapshot.getCounts().getNumberOfCompletedCheckpoints(), max, byOperator);
    }

    /** Runs {@code body} with this cluster, closing it afterwards. */
    static <T> T with(
            int parallelism,
            Path checkpoints,
            String stateBackend,
            ThrowingFunction<LocalFlink, T> body)
            throws Exception {
        try (LocalFlink f = new LocalFlink(parallelism, checkpoints, stateBackend)) {
            return body.apply(f);
        }
    }

    /** A function that may throw. */
    @FunctionalInterface
    interface ThrowingFunction<A, B> {
        B apply(A a) throws Exception;
    }

    @Override
    public void close() throws Exception {
        cluster.closeAsync().get(60, TimeUnit.SECONDS);
    }
}
