package nl.lvds.pipeline.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.pipeline.functions.ClassifyFunction;
import nl.lvds.pipeline.job.LiveJob;
import nl.lvds.pipeline.job.TensionTopology;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * Runs the live job's wiring ({@link LiveJob#configure}, {@link LiveJob#topology}) with bounded
 * Kafka sources over a topic the bench produced, on a fresh MiniCluster, writing exactly-once to
 * fresh output topics; then reads the committed outputs (untimed).
 */
final class LiveRuns {

    private LiveRuns() {}

    /** A finished run and what it wrote. */
    record Outcome(
            String name,
            int parallelism,
            LocalFlink.Run run,
            double secondsToJobEnd,
            long indicators,
            long alerts,
            long deadLetters,
            long cells,
            double loadBefore,
            double loadAfter) {

        double rate() {
            return run.rate();
        }

        void put(ObjectNode o) {
            o.put("parallelism", parallelism);
            o.put("signals", run.records());
            o.put("seconds", Math.round(run.seconds() * 100) / 100.0);
            o.put("secondsToJobEnd", Math.round(secondsToJobEnd * 100) / 100.0);
            o.put("signalsPerSecond", Math.round(rate()));
            o.put(
                    "secondsSubmitToFirstRecord",
                    Math.round(run.secondsToFirstRecord() * 100) / 100.0);
            o.put("indicators", indicators);
            o.put("alerts", alerts);
            o.put("deadLetters", deadLetters);
            if (cells >= 0) {
                o.put("cells", cells);
            }
            o.put("checkpointsCompleted", run.checkpoints());
            o.put("largestCheckpointBytes", run.maxCheckpointBytes());
            ObjectNode ops = o.putObject("largestCheckpointBytesByOperator");
            for (Map.Entry<String, Long> e : run.stateBytesByOperator().entrySet()) {
                if (e.getValue() > 0) {
                    ops.put(e.getKey(), e.getValue());
                }
            }
            o.putArray("load1BeforeAfter").add(loadBefore).add(loadAfter);
        }
    }

    /**
     * One bounded run.
     *
     * @param in the input topic prefix ({@link BenchContext#produce})
     * @param name the run's name (output topic prefix, group id)
     * @param noOp replaces classification (null: as built)
     * @param countCells decode the indicators and count distinct (area, topic) cells
     * @param overrides extra configuration keys
     */
    static Outcome bounded(
            BenchContext ctx,
            String in,
            String name,
            int parallelism,
            NoOpClassify noOp,
            boolean countCells,
            Map<String, String> overrides)
            throws Exception {
        LvdsConfig cfg = ctx.config(in, name, parallelism, overrides);
        ClassifyFunction.modelVersion(); // load the models before the clock can start
        LongSupplier counter =
                noOp != null
                        ? NoOpClassify.MAPPED_IN_THIS_JVM::sum
                        : CountingClassify.CLASSIFIED_IN_THIS_JVM::sum;
        double before = Machine.load1();
        ctx.progress(
                "%s: live job, parallelism %d, %s, checkpoints every %d s, %s state ...",
                name,
                parallelism,
                noOp != null ? "classification replaced by a no-op" : "as built",
                cfg.pipeline().checkpointIntervalSeconds(),
                ctx.stateBackend());
        LocalFlink.Run jobRun =
                LocalFlink.with(
                        parallelism,
                        ctx.tempDir("checkpoints-" + name),
                        ctx.stateBackend(),
                        flink -> {
                            StreamExecutionEnvironment env = flink.environment();
                            LiveJob.configure(env, cfg);
                            TensionTopology topology = LiveJob.topology(cfg, true);
                            topology.withClassifier(noOp != null ? noOp : new CountingClassify())
                                    .addTo(env);
                            StreamGraph graph = env.getStreamGraph();
                            graph.setJobName("lvds-bench-" + name);
                            return flink.runBounded(graph, counter, 3600);
                        });
        double after = Machine.load1();
        String bootstrap = ctx.kafka().bootstrapServers();
        Set<String> cells = new HashSet<>();
        long[] last = {Long.MIN_VALUE};
        long indicators =
                Topics.readCommitted(
                        bootstrap,
                        cfg.kafka().topics().indicators(),
                        r -> {
                            last[0] = Math.max(last[0], r.timestamp());
                            if (countCells) {
                                TensionIndicator t = LvdsJson.decodeIndicator(r.value()).orThrow();
                                cells.add(t.area() + "|" + t.topic());
                            }
                        });
        java.util.function.Consumer<
                        org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>>
                lastOnly = r -> last[0] = Math.max(last[0], r.timestamp());
        long alerts = Topics.readCommitted(bootstrap, cfg.kafka().topics().alerts(), lastOnly);
        long dead = Topics.readCommitted(bootstrap, cfg.kafka().topics().deadletter(), lastOnly);
        // Throughput runs to the last output record written (the broker's append time, inside the
        // sink's transaction): a bounded job then still waits for its next checkpoint to commit,
        // an artefact of bounded input that a continuous stream does not have.
        LocalFlink.Run run = last[0] == Long.MIN_VALUE ? jobRun : jobRun.endingAt(last[0]);
        ctx.progress(
                "%s: %,d signals in %.1f s = %,.0f signals/s; %,d indicators, %,d alerts (load %.2f -> %.2f)",
                name, run.records(), run.seconds(), run.rate(), indicators, alerts, before, after);
        return new Outcome(
                name,
                parallelism,
                run,
                jobRun.seconds(),
                indicators,
                alerts,
                dead,
                countCells ? cells.size() : -1,
                before,
                after);
    }

    /** A finished bare-floor run ({@link BareFloor}) and what it wrote. */
    record BareOutcome(Outcome outcome, long areaCounts, long countedSignals) {

        double rate() {
            return outcome.rate();
        }

        void put(ObjectNode o) {
            outcome.put(o);
            o.remove("indicators");
            o.remove("alerts");
            o.remove("deadLetters");
            o.put("areaCounts", areaCounts);
            o.put("countedSignals", countedSignals);
        }
    }

    /**
     * One bounded run of the {@link BareFloor} job over the same input topic, with the live job's
     * environment settings ({@link LiveJob#configure}: exactly-once checkpoints at the configured
     * interval, parallelism, object reuse). Timed like {@link #bounded}: from the first signal
     * decoded to the last output record written.
     */
    static BareOutcome bare(BenchContext ctx, String in, String name, int parallelism)
            throws Exception {
        LvdsConfig cfg = ctx.config(in, name, parallelism, Map.of());
        double before = Machine.load1();
        ctx.progress(
                "%s: bare floor (source, decode, keyBy area, 15-min window count, exactly-once"
                        + " sink), parallelism %d, checkpoints every %d s, %s state ...",
                name, parallelism, cfg.pipeline().checkpointIntervalSeconds(), ctx.stateBackend());
        LocalFlink.Run jobRun =
                LocalFlink.with(
                        parallelism,
                        ctx.tempDir("checkpoints-" + name),
                        ctx.stateBackend(),
                        flink -> {
                            StreamExecutionEnvironment env = flink.environment();
                            LiveJob.configure(env, cfg);
                            BareFloor.addTo(env, cfg, true);
                            StreamGraph graph = env.getStreamGraph();
                            graph.setJobName("lvds-bench-" + name);
                            return flink.runBounded(
                                    graph, BareFloor.DECODED_IN_THIS_JVM::sum, 3600);
                        });
        double after = Machine.load1();
        long[] last = {Long.MIN_VALUE};
        long[] counted = {0};
        long records =
                Topics.readCommitted(
                        ctx.kafka().bootstrapServers(),
                        cfg.kafka().topics().indicators(),
                        r -> {
                            last[0] = Math.max(last[0], r.timestamp());
                            try {
                                counted[0] += BareFloor.decode(r.value()).signals();
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        });
        LocalFlink.Run run = last[0] == Long.MIN_VALUE ? jobRun : jobRun.endingAt(last[0]);
        ctx.progress(
                "%s: %,d signals in %.1f s = %,.0f signals/s; %,d area counts of %,d signals (load"
                        + " %.2f -> %.2f)",
                name, run.records(), run.seconds(), run.rate(), records, counted[0], before, after);
        return new BareOutcome(
                new Outcome(
                        name, parallelism, run, jobRun.seconds(), records, 0, 0, -1, before, after),
                records,
                counted[0]);
    }
}
