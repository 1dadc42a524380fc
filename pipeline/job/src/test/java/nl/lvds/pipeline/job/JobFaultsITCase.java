package nl.lvds.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import nl.lvds.broker.EmbeddedKafka;
import nl.lvds.connectors.inbound.InboundSignal;
import nl.lvds.connectors.kafka.JsonDeserializer;
import nl.lvds.connectors.kafka.KafkaSinks;
import nl.lvds.connectors.kafka.KafkaSources;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.Signal;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.pipeline.generate.ArchiveGenerator;
import nl.lvds.pipeline.generate.DayGenerator;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live job survives faults mid-stream without losing or doubling output: a MiniCluster
 * (parallelism 2, 2 s checkpoints on disk, exactly-once sinks, fixed-delay restarts) over a real
 * KRaft broker that can be restarted on its own data. The input (two generated days, the explosion
 * in Charlois on the second) is fed in chunks, as a live stream arrives, while faults are injected
 * from the test; afterwards the committed (read_committed) indicators and alerts must be the same
 * multiset of records as those of an undisturbed run of the same input.
 *
 * <p>Nothing in the production operators knows about the faults: exceptions are thrown by a test
 * wrapper around the signals' deserializer, the broker is stopped and started by the test.
 */
class JobFaultsITCase {

    static final LocalDate FIRST = LocalDate.of(2024, 3, 6);
    static final LocalDate LAST = LocalDate.of(2024, 3, 7);
    static final int PER_DAY = 1_000;

    /** The input arrives in this many chunks, {@link #CHUNK_PAUSE_MS} apart. */
    static final int CHUNKS = 16;

    static final long CHUNK_PAUSE_MS = 1_000;

    /** After the data on every input partition: closes every window of the data. */
    static final long FLUSH_TS = Instant.parse("2024-03-09T12:00:00Z").toEpochMilli();

    /** The end of the last full hour of data (Amsterdam days: 7 March ends at 23:00Z). */
    static final long LAST_HOUR_END = Instant.parse("2024-03-07T22:00:00Z").toEpochMilli();

    static final long HOUR = 3_600_000L;

    /**
     * The pipeline's test fixture for the MiniCluster; the broker is the test's own, persistent
     * one, restarted by the broker-restart test.
     */
    @RegisterExtension static final PipelineCluster FLINK = new PipelineCluster();

    // kept when a test fails: the broker's data and the checkpoints
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;

    static EmbeddedKafka kafka;
    static List<Item> input;
    private static Output baseline;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.startPersistent(work.resolve("kafka"), EmbeddedKafka.freePort());
        input = generate();
    }

    /**
     * The undisturbed run, once for the class (all input at once, no faults), computed by the first
     * test that needs it: inside a test method, so that it runs on the extension's MiniCluster,
     * whose REST API the test reads. From {@code @BeforeAll} the job ran on a local cluster of its
     * own (the extension's context environment was not set yet) and the REST API answered 404 for
     * its checkpoints.
     */
    static synchronized Output baseline() throws Exception {
        if (baseline != null) {
            return baseline;
        }
        long t0 = System.nanoTime();
        Run base = new Run("undisturbed");
        base.produce(input);
        base.flush();
        JobClient job = base.start(JsonDeserializer.signals());
        Output out = base.awaitOutput(job);
        job.cancel().get();
        System.out.printf(
                "JobFaultsITCase: undisturbed run: %d input records, %d indicators, %d alerts in"
                        + " %.1f s%n",
                input.size(),
                out.indicators().size(),
                out.alerts().size(),
                (System.nanoTime() - t0) / 1e9);
        assertThat(out.indicators()).isNotEmpty();
        assertThat(out.alerts()).as("the explosion raises an alert").isNotEmpty();
        baseline = out;
        return out;
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    /**
     * The chunks whose first signal on one partition throws: failure n is thrown when the job reads
     * that record, whenever it gets there (the record is in the input, so it is reached).
     */
    static final int[] FAILURE_CHUNKS = {5, 9, 13};

    /**
     * How long the test waits for any one step of the job (a checkpoint, a failure, a restore, the
     * output): far above what a step takes on a quiet machine (seconds), because on a machine
     * loaded 40-65 on 2 cores the whole class took 870 s. A time-out names the step and the job's
     * state; a job that ends (e.g. out of restart attempts) fails the test at once.
     */
    static final Duration STEP_TIMEOUT = Duration.ofMinutes(10);

    /**
     * Three exceptions thrown inside the running job at three fixed records of the stream: the
     * first signal of chunks 5, 9 and 13 on alternating partitions.
     */
    @Test
    void shouldRecoverFromThreeInjectedFailuresWithoutLosingOrDoublingOutput() throws Exception {
        baseline();
        long t0 = System.nanoTime();
        List<List<Item>> chunks = chunks(input, CHUNKS);
        List<Injector.Point> points = new ArrayList<>();
        for (int n = 0; n < FAILURE_CHUNKS.length; n++) {
            int partition = (n + 1) % 2;
            points.add(
                    new Injector.Point(
                            partition,
                            firstSignalOffset(chunks, FAILURE_CHUNKS[n], partition),
                            FAILURE_CHUNKS[n]));
        }
        Injector.reset(points);
        Run run = new Run("exceptions");
        JobClient job = run.start(new FailingSignals());
        List<Long> restoredFrom = new ArrayList<>();
        List<Integer> inFlightBeforeFailure = new ArrayList<>();
        List<Double> restoredAfter = new ArrayList<>();
        long completedAtRecovery = 0;
        long restores = 0;
        for (int k = 0; k < CHUNKS; k++) {
            int n = restoredFrom.size(); // failures so far
            if (n < points.size() && points.get(n).chunk() == k) {
                Injector.Point point = points.get(n);
                String failure = "injected failure " + (n + 1) + " (" + point + ")";
                // a checkpoint completed since the last recovery: the restore has something
                // newer than the job start to go back to
                long after = completedAtRecovery;
                await(
                        job,
                        "a checkpoint completed after the last recovery, before " + failure,
                        () -> fetchStats(job).completed() > after);
                // Best effort, not a condition: the previous chunk's P2000 lines moved the
                // watermark, its windows fired, and their indicators may sit in a transaction no
                // checkpoint has committed yet (high watermark past the last stable offset). The
                // failure hits them if the job reads the next chunk before the next checkpoint.
                int inFlight = 0;
                long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (inFlight == 0 && System.nanoTime() < until) {
                    inFlight = run.uncommittedIndicators();
                }
                inFlightBeforeFailure.add(inFlight);
                run.produce(chunks.get(k));
                await(job, failure, () -> Injector.fired.size() > n);
                long thrown = System.nanoTime();
                long restoresBefore = restores;
                await(
                        job,
                        "the job to restore from a checkpoint after " + failure,
                        () -> fetchStats(job).restored() > restoresBefore);
                restoredAfter.add((System.nanoTime() - thrown) / 1e9);
                await(
                        job,
                        "a signal source to read again after " + failure,
                        () -> Injector.recoverySeconds.size() > n);
                Checkpoints c = stats(job);
                assertThat(c.restoredId()).as("the job restored from a checkpoint").isNotNull();
                restores = c.restored();
                restoredFrom.add(c.restoredId());
                completedAtRecovery = c.completed();
            } else {
                run.produce(chunks.get(k));
            }
            Thread.sleep(CHUNK_PAUSE_MS); // the stream's pace, not a wait for the job
        }
        run.flush();
        Output out = run.awaitOutput(job);
        restores = stats(job).restored();
        job.cancel().get();
        int aborted = run.abortedRecords();

        OutputDiff d = OutputDiff.of(baseline().all(), out.all());
        System.out.printf(
                "JobFaultsITCase: injected exceptions: %d failures injected (at %s), restore"
                        + " seen in the checkpoint statistics %s s after each, recovery (failure"
                        + " to the source reading again) %s s, restored from checkpoints %s (%d"
                        + " restores), uncommitted indicators in flight just before"
                        + " each failing chunk %s; %d records compared with the undisturbed run: %d"
                        + " lost, %d duplicated; %d output records written in transactions the"
                        + " failures aborted; run %.1f s%n",
                Injector.fired.size(),
                Injector.fired,
                seconds(restoredAfter),
                seconds(Injector.recoverySeconds),
                restoredFrom,
                restores,
                inFlightBeforeFailure,
                d.compared(),
                d.lost(),
                d.duplicated(),
                aborted,
                (System.nanoTime() - t0) / 1e9);
        assertThat(Injector.fired).hasSize(3);
        assertThat(restores).isGreaterThanOrEqualTo(3);
        d.assertNothingLostOrDoubled();
    }

    /** The offset of the first signal of chunk {@code k} on the signals topic's partition. */
    static long firstSignalOffset(List<List<Item>> chunks, int k, int partition) {
        long before = 0;
        for (int i = 0; i < k; i++) {
            before += signalsOn(chunks.get(i), partition);
        }
        assertThat(signalsOn(chunks.get(k), partition))
                .as("signals of chunk %d on partition %d", k, partition)
                .isPositive();
        return before;
    }

    static long signalsOn(List<Item> chunk, int partition) {
        return chunk.stream()
                .filter(i -> i.topic().equals("signals") && i.partition() == partition)
                .count();
    }

    /**
     * The broker stopped and started again on its data, twice, while the stream runs: the job's
     * consumers, producers and open transactions lose their broker for 5 s each time.
     */
    @Test
    void shouldRideThroughTwoBrokerRestartsWithoutLosingOrDoublingOutput() throws Exception {
        baseline();
        long t0 = System.nanoTime();
        Run run = new Run("broker");
        JobClient job = run.start(JsonDeserializer.signals());
        List<List<Item>> chunks = chunks(input, CHUNKS);
        List<String> restarts = new ArrayList<>();
        long completedAfterRestart = 0;
        for (int k = 0; k < CHUNKS; k++) {
            if (k == 5 || k == 10) {
                long after = completedAfterRestart;
                await(
                        job,
                        "a checkpoint before broker restart " + (restarts.size() + 1),
                        () -> fetchStats(job).completed() > after);
                run.produce(chunks.get(k).subList(0, chunks.get(k).size() / 2));
                long down = System.nanoTime();
                kafka.restart(Duration.ofSeconds(5));
                long up = System.nanoTime();
                long completedBefore = stats(job).completed();
                run.produce(chunks.get(k).subList(chunks.get(k).size() / 2, chunks.get(k).size()));
                await(
                        job,
                        "a checkpoint after broker restart " + (restarts.size() + 1),
                        () -> fetchStats(job).completed() > completedBefore);
                completedAfterRestart = stats(job).completed();
                restarts.add(
                        String.format(
                                "down+up %.1f s, first checkpoint after it %.1f s later",
                                (up - down) / 1e9, (System.nanoTime() - up) / 1e9));
            } else {
                run.produce(chunks.get(k));
            }
            Thread.sleep(CHUNK_PAUSE_MS); // the stream's pace, not a wait for the job
        }
        run.flush();
        Output out = run.awaitOutput(job);
        long restores = stats(job).restored();
        long failed = stats(job).failed();
        job.cancel().get();
        int aborted = run.abortedRecords();

        OutputDiff d = OutputDiff.of(baseline().all(), out.all());
        System.out.printf(
                "JobFaultsITCase: broker restarts: %d restarts injected (%s); the job restored"
                        + " from a checkpoint %d times, %d checkpoints failed; %d records compared"
                        + " with the undisturbed run: %d lost, %d duplicated; %d output records in"
                        + " aborted transactions; run %.1f s%n",
                restarts.size(),
                String.join("; ", restarts),
                restores,
                failed,
                d.compared(),
                d.lost(),
                d.duplicated(),
                aborted,
                (System.nanoTime() - t0) / 1e9);
        assertThat(restarts).hasSize(2);
        d.assertNothingLostOrDoubled();
    }

    // ---------------------------------------------------------------- fault injection

    /**
     * The signals' real deserializer, with a test-JVM switch that makes it throw at given records
     * (each once, in order). Also measures the recovery: from the throw to the first record read by
     * a source opened after it.
     */
    static final class FailingSignals implements KafkaRecordDeserializationSchema<InboundSignal> {
        private static final long serialVersionUID = 1L;
        private final JsonDeserializer<Signal, InboundSignal> inner = JsonDeserializer.signals();

        /** The failures thrown before this reader was opened. */
        private transient int openedAfter;

        @Override
        public void open(DeserializationSchema.InitializationContext context) throws Exception {
            inner.open(context);
            openedAfter = Injector.fired.size();
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<InboundSignal> out)
                throws java.io.IOException {
            Injector.before(record, openedAfter);
            inner.deserialize(record, out);
        }

        @Override
        public TypeInformation<InboundSignal> getProducedType() {
            return inner.getProducedType();
        }
    }

    /**
     * Static state shared by the test thread and the job's tasks (one JVM: a MiniCluster). Both
     * source subtasks call {@link #before} concurrently: every transition is atomic.
     */
    static final class Injector {
        /** Throw when a record at or after this offset of this partition is read. */
        record Point(int partition, long offset, int chunk) {
            @Override
            public String toString() {
                return "signals p"
                        + partition
                        + "@"
                        + offset
                        + ", the first signal of chunk "
                        + chunk;
            }
        }

        static volatile List<Point> points = List.of();
        static final List<String> fired = new CopyOnWriteArrayList<>();
        static final List<Double> recoverySeconds = new CopyOnWriteArrayList<>();
        static final AtomicInteger next = new AtomicInteger();
        static final AtomicLong thrownAt = new AtomicLong();

        /** The highest offset read per partition, for a time-out's message. */
        static final AtomicLongArray lastRead = new AtomicLongArray(new long[] {-1, -1});

        static void reset(List<Point> failAt) {
            points = List.copyOf(failAt);
            fired.clear();
            recoverySeconds.clear();
            next.set(0);
            thrownAt.set(0);
            lastRead.set(0, -1);
            lastRead.set(1, -1);
        }

        static void before(ConsumerRecord<byte[], byte[]> r, int openedAfter) {
            lastRead.accumulateAndGet(r.partition(), r.offset(), Math::max);
            long at = thrownAt.get();
            if (at != 0 && openedAfter == fired.size() && thrownAt.compareAndSet(at, 0)) {
                recoverySeconds.add((System.nanoTime() - at) / 1e9);
            }
            int i = next.get();
            if (i < points.size()) {
                Point p = points.get(i);
                if (r.partition() == p.partition()
                        && r.offset() >= p.offset()
                        && next.compareAndSet(i, i + 1)) {
                    fired.add("p" + r.partition() + "@" + r.offset());
                    thrownAt.set(System.nanoTime());
                    throw new IllegalStateException(
                            "injected failure " + (i + 1) + " (JobFaultsITCase)");
                }
            }
        }

        static String describe() {
            return String.format(
                    "failures thrown %s of %s, recoveries %s, signals read up to p0@%d p1@%d",
                    fired, points, seconds(recoverySeconds), lastRead.get(0), lastRead.get(1));
        }
    }

    /** The job's checkpoint counts, from the MiniCluster's REST API. */
    record Checkpoints(long completed, long failed, long restored, Long restoredId) {}

    static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * The job's checkpoint counts now; a REST call that fails (HTTP 404 was seen for a running
     * job's checkpoints on a loaded machine) is repeated, within {@link #STEP_TIMEOUT}.
     */
    static Checkpoints stats(JobClient job) {
        Checkpoints[] c = {null};
        await(
                job,
                "the job's checkpoint statistics",
                () -> {
                    c[0] = fetchStats(job);
                    return true;
                });
        return c[0];
    }

    static Checkpoints fetchStats(JobClient job) {
        JsonNode j = rest("/jobs/" + job.getJobID() + "/checkpoints");
        JsonNode counts = j.path("counts");
        JsonNode restored = j.path("latest").path("restored");
        return new Checkpoints(
                counts.path("completed").asLong(),
                counts.path("failed").asLong(),
                counts.path("restored").asLong(),
                restored.isObject() ? restored.path("id").asLong() : null);
    }

    /** The job's restarts (Flink's {@code numRestarts} metric), -1 if not available. */
    static long numRestarts(JobClient job) {
        JsonNode m = rest("/jobs/" + job.getJobID() + "/metrics?get=numRestarts");
        return m.isArray() && m.size() == 1 ? m.get(0).path("value").asLong(-1) : -1;
    }

    /**
     * What the job is doing, for a time-out's message: its status, checkpoint counts, restarts, the
     * latest exception in its history, and where the signal sources are.
     */
    static String describe(JobClient job) {
        StringBuilder b = new StringBuilder();
        try {
            b.append("job ").append(job.getJobStatus().get(30, TimeUnit.SECONDS));
            b.append(", ").append(fetchStats(job));
            b.append(", ").append(numRestarts(job)).append(" restarts");
            JsonNode history =
                    rest("/jobs/" + job.getJobID() + "/exceptions").path("exceptionHistory");
            JsonNode latest = history.path("entries").path(0);
            if (!latest.isMissingNode()) {
                String trace = latest.path("stacktrace").asText();
                b.append(", latest exception: ")
                        .append(latest.path("exceptionName").asText())
                        .append(" on ")
                        .append(latest.path("taskName").asText())
                        .append(": ")
                        .append(trace, 0, Math.min(trace.length(), 600));
            }
        } catch (Exception e) {
            b.append(" (REST: ").append(e).append(')');
        }
        return b.append("; ").append(Injector.describe()).toString();
    }

    static JsonNode rest(String path) {
        try {
            Configuration client = FLINK.clientConfiguration();
            URI base =
                    URI.create(
                            "http://"
                                    + client.get(RestOptions.ADDRESS)
                                    + ":"
                                    + client.get(RestOptions.PORT));
            HttpResponse<String> r =
                    HTTP.send(
                            HttpRequest.newBuilder(base.resolve(path))
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(
                        "GET " + path + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return new ObjectMapper().readTree(r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- input

    /** One input record: its topic (signals, incidents or p2000), partition and value. */
    record Item(String topic, int partition, long ts, byte[] value) {}

    /**
     * The two days in event-time order, each topic's records alternating over its two partitions:
     * every partition is in event-time order and holds the same records in every run.
     */
    static List<Item> generate() {
        DayGenerator gen = new ArchiveGenerator().dayGenerator(11, PER_DAY);
        List<Signal> signals = new ArrayList<>();
        List<Incident> incidents = new ArrayList<>();
        for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
            DayGenerator.DayBatch b = gen.generate(d);
            signals.addAll(b.signals());
            incidents.addAll(b.incidents());
        }
        signals.sort(Comparator.comparingLong(Signal::ts));
        incidents.sort(Comparator.comparingLong(Incident::ts));
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < signals.size(); i++) {
            Signal s = signals.get(i);
            items.add(new Item("signals", i % 2, s.ts(), LvdsJson.encodeSignal(s)));
        }
        for (int i = 0; i < incidents.size(); i++) {
            Incident x = incidents.get(i);
            items.add(new Item("incidents", i % 2, x.ts(), LvdsJson.encodeIncident(x)));
        }
        items.sort(Comparator.comparingLong(Item::ts)); // stable: partition order kept
        // At the end of every chunk, a P2000 line on both partitions of the P2000 topic: it has
        // no other data, and a partition that is never idle holds the watermark of all incidents
        // (and so every window) back until it moves. With these, windows fire and output is
        // written while the stream runs, so the faults hit output in flight.
        List<Item> out = new ArrayList<>();
        for (int i = 0; i < CHUNKS; i++) {
            List<Item> sub =
                    items.subList(items.size() * i / CHUNKS, items.size() * (i + 1) / CHUNKS);
            out.addAll(sub);
            long ts = sub.get(sub.size() - 1).ts();
            for (int part = 0; part < 2; part++) {
                String line =
                        LvdsJson.isoTime(ts) + " B2 Ambulance Kleiweg Rotterdam 1731" + i + part;
                out.add(new Item("p2000", part, ts, line.getBytes(StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    /** The input in its chunks: each ends with its two P2000 lines. */
    static List<List<Item>> chunks(List<Item> all, int n) {
        List<List<Item>> out = new ArrayList<>();
        int start = 0;
        int p2000 = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).topic().equals("p2000") && ++p2000 % 2 == 0) {
                out.add(all.subList(start, i + 1));
                start = i + 1;
            }
        }
        assertThat(out).hasSize(n);
        return out;
    }

    // ---------------------------------------------------------------- one run

    /** The committed output of a run, as the JSON of each record. */
    record Output(List<String> indicators, List<String> alerts) {
        List<String> all() {
            List<String> a = new ArrayList<>(indicators);
            a.addAll(alerts);
            return a;
        }
    }

    /** One run's topics and job. */
    static final class Run {
        final String id;
        final Map<String, String> topics = new LinkedHashMap<>();

        Run(String name) throws Exception {
            id = name + "-" + UUID.randomUUID().toString().substring(0, 6);
            for (String t :
                    List.of(
                            "signals",
                            "incidents",
                            "p2000",
                            "indicators",
                            "alerts",
                            "deadletter")) {
                topics.put(t, "lvds." + t + "." + id);
            }
            kafka.createTopics(topics.values(), 2);
        }

        /**
         * Starts the live topology as {@link LiveJob} wires it (the shipped config/lvds.yaml,
         * committed offsets or earliest, read_committed, exactly-once sinks), with the given
         * deserializer for signals, 2 s checkpoints and partitions never declared idle (the chunks'
         * pauses must not make a partition idle and its data late).
         */
        JobClient start(KafkaRecordDeserializationSchema<InboundSignal> signalDeserializer)
                throws Exception {
            Path home = Path.of(System.getProperty("lvds.home", "../.."));
            LvdsConfig cfg =
                    LvdsConfig.load(
                            home.resolve("config/lvds.yaml"),
                            LvdsConfig.parseOverrides(
                                    List.of(
                                            "pipeline.idlenessSeconds=0",
                                            "pipeline.checkpointIntervalSeconds=2")));
            Configuration conf = new Configuration();
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 20);
            conf.set(
                    RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                    Duration.ofSeconds(1));
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    work.resolve("checkpoints-" + id).toUri().toString());
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(2);
            env.enableCheckpointing(
                    cfg.pipeline().checkpointIntervalSeconds() * 1000L,
                    CheckpointingMode.EXACTLY_ONCE);
            env.getConfig().enableObjectReuse();
            String bootstrap = kafka.bootstrapServers();
            OffsetsInitializer start =
                    OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            Properties readCommitted = new Properties();
            readCommitted.setProperty("isolation.level", "read_committed");
            KafkaSource<InboundSignal> signals =
                    KafkaSource.<InboundSignal>builder()
                            .setBootstrapServers(bootstrap)
                            .setTopics(topics.get("signals"))
                            .setGroupId("lvds-" + id)
                            .setClientIdPrefix("lvds-" + id + "-signals")
                            .setStartingOffsets(start)
                            .setDeserializer(signalDeserializer)
                            .setProperties(readCommitted)
                            .build();
            new TensionTopology(
                            TensionTopology.Settings.from(cfg),
                            signals,
                            List.of(
                                    KafkaSources.incidents(
                                            bootstrap,
                                            topics.get("incidents"),
                                            "lvds-" + id,
                                            start,
                                            false),
                                    KafkaSources.p2000(
                                            bootstrap,
                                            topics.get("p2000"),
                                            "lvds-" + id,
                                            start,
                                            false)),
                            KafkaSinks.indicators(bootstrap, topics.get("indicators"), "ind-" + id),
                            KafkaSinks.alerts(bootstrap, topics.get("alerts"), "al-" + id),
                            KafkaSinks.deadLetters(bootstrap, topics.get("deadletter"), "dl-" + id))
                    .addTo(env);
            return env.executeAsync("lvds-live-" + id);
        }

        void produce(List<Item> items) {
            try (KafkaProducer<byte[], byte[]> p = producer()) {
                for (Item i : items) {
                    p.send(
                            new ProducerRecord<>(
                                    topics.get(i.topic()), i.partition(), null, i.value()));
                }
                p.flush();
            }
        }

        /**
         * A harmless record well after the data on every partition of every input topic: moves
         * every partition's watermark past the data, so all its windows fire.
         */
        void flush() {
            String time = LvdsJson.isoTime(FLUSH_TS);
            try (KafkaProducer<byte[], byte[]> p = producer()) {
                for (int part = 0; part < 2; part++) {
                    Signal s =
                            new Signal(
                                    1,
                                    "flush-" + part,
                                    "social",
                                    "synthetic",
                                    FLUSH_TS,
                                    "nl",
                                    "Rustige middag aan de Maas.",
                                    "Hillegersberg",
                                    "ak-flush-" + part);
                    p.send(
                            new ProducerRecord<>(
                                    topics.get("signals"), part, null, LvdsJson.encodeSignal(s)));
                    Incident i =
                            new Incident(
                                    1,
                                    "flush-" + part,
                                    "municipal",
                                    FLUSH_TS,
                                    "other",
                                    1,
                                    "Hillegersberg",
                                    "Hillegersberg",
                                    "Wijkschouw");
                    p.send(
                            new ProducerRecord<>(
                                    topics.get("incidents"),
                                    part,
                                    null,
                                    LvdsJson.encodeIncident(i)));
                    String line = time + " B2 Ambulance Kleiweg Rotterdam 17313" + part;
                    p.send(
                            new ProducerRecord<>(
                                    topics.get("p2000"),
                                    part,
                                    null,
                                    line.getBytes(StandardCharsets.UTF_8)));
                }
                p.flush();
            }
        }

        /**
         * Waits until the job has read all input and its committed output has stopped growing;
         * returns it. Every step is a fact about the job, not a period of time: the last full hour
         * of data is out, the job's committed input offsets (Flink commits them to the consumer
         * group when a checkpoint completes) are at the end of every input partition, and then no
         * output was committed over two more completed checkpoints (output a watermark fires after
         * the barrier of the first one is committed by the second).
         */
        Output awaitOutput(JobClient job) {
            try (Tail tail = new Tail(topics.get("indicators"), topics.get("alerts"))) {
                await(
                        job,
                        "the city-wide hour ending 2024-03-07T22:00Z (the last full hour of data)",
                        () -> {
                            tail.poll();
                            return tail.lastHourSeen;
                        });
                await(
                        job,
                        "the job to read and checkpoint all input ("
                                + String.join(", ", inputTopics())
                                + "), the flush records included",
                        () -> {
                            tail.poll();
                            return unreadInput() == 0;
                        });
                long[] mark = {stats(job).completed(), tail.total};
                await(
                        job,
                        "the committed output to stay unchanged over two completed checkpoints",
                        () -> {
                            tail.poll();
                            if (tail.total != mark[1]) {
                                mark[0] = fetchStats(job).completed();
                                mark[1] = tail.total;
                                return false;
                            }
                            return fetchStats(job).completed() >= mark[0] + 2;
                        });
            }
            return new Output(
                    strings(read(topics.get("indicators"), "read_committed")),
                    strings(read(topics.get("alerts"), "read_committed")));
        }

        List<String> inputTopics() {
            return List.of(topics.get("signals"), topics.get("incidents"), topics.get("p2000"));
        }

        /**
         * Input records after the job's committed offsets, summed over every input partition (a
         * partition without a committed offset counts whole).
         */
        long unreadInput() throws Exception {
            List<TopicPartition> parts = new ArrayList<>();
            for (String t : inputTopics()) {
                parts.add(new TopicPartition(t, 0));
                parts.add(new TopicPartition(t, 1));
            }
            long end = endOffsets(parts, "read_uncommitted");
            try (Admin admin =
                    Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets("lvds-" + id)
                                .partitionsToOffsetAndMetadata()
                                .get(30, TimeUnit.SECONDS);
                long read = 0;
                for (TopicPartition tp : parts) {
                    OffsetAndMetadata o = committed.get(tp);
                    read += o == null ? 0 : o.offset();
                }
                return end - read;
            }
        }

        /**
         * Indicator records written but not yet committed: the high watermark minus the last stable
         * offset, summed over the partitions (a commit marker moves both).
         */
        int uncommittedIndicators() {
            String topic = topics.get("indicators");
            List<TopicPartition> parts =
                    List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
            long hw = endOffsets(parts, "read_uncommitted");
            long lso = endOffsets(parts, "read_committed");
            return (int) (hw - lso);
        }

        /**
         * Output records written in transactions that were aborted (seen read_uncommitted only).
         */
        int abortedRecords() {
            int n = 0;
            for (String t : List.of("indicators", "alerts")) {
                n +=
                        read(topics.get(t), "read_uncommitted").size()
                                - read(topics.get(t), "read_committed").size();
            }
            return n;
        }
    }

    /**
     * A read_committed consumer that follows the output topics, so waiting for the output reads
     * each record once (re-reading 28,000 records every poll starved the job on a loaded machine).
     */
    static final class Tail implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final String indicatorTopic;
        boolean lastHourSeen;
        long total;

        Tail(String indicators, String alerts) {
            Properties p = new Properties();
            p.put("bootstrap.servers", kafka.bootstrapServers());
            p.put("isolation.level", "read_committed");
            p.put("key.deserializer", ByteArrayDeserializer.class.getName());
            p.put("value.deserializer", ByteArrayDeserializer.class.getName());
            consumer = new KafkaConsumer<>(p);
            indicatorTopic = indicators;
            List<TopicPartition> parts = new ArrayList<>();
            for (String t : List.of(indicators, alerts)) {
                parts.add(new TopicPartition(t, 0));
                parts.add(new TopicPartition(t, 1));
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
        }

        /** Reads what was committed since the last call; returns how many records. */
        int poll() {
            int n = 0;
            while (true) {
                var records = consumer.poll(Duration.ofMillis(300));
                if (records.isEmpty()) {
                    return n;
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    n++;
                    total++;
                    if (!lastHourSeen && r.topic().equals(indicatorTopic)) {
                        TensionIndicator t = LvdsJson.decodeIndicator(r.value()).orThrow();
                        lastHourSeen =
                                t.area().equals(TensionIndicator.CITY)
                                        && t.topic().equals("all")
                                        && t.windowEnd() == LAST_HOUR_END
                                        && t.windowEnd() - t.windowStart() == HOUR;
                    }
                }
            }
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    static long endOffsets(List<TopicPartition> parts, String isolation) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("isolation.level", isolation);
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            return c.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    static void failIfDone(JobClient job) {
        JobStatus status;
        try {
            status = job.getJobStatus().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            return; // not known now: the next poll asks again
        }
        if (status.isGloballyTerminalState()) {
            throw new AssertionError("the job ended: " + describe(job));
        }
    }

    static List<String> strings(List<byte[]> values) {
        return values.stream().map(v -> new String(v, StandardCharsets.UTF_8)).toList();
    }

    // ---------------------------------------------------------------- Kafka and waiting

    static KafkaProducer<byte[], byte[]> producer() {
        return PipelineCluster.producer(kafka.bootstrapServers());
    }

    /**
     * The values on a topic up to its end (read_committed: the last stable offset), per partition
     * in offset order.
     */
    static List<byte[]> read(String topic, String isolation) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("isolation.level", isolation);
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        List<byte[]> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts =
                    c.partitionsFor(topic).stream()
                            .map(i -> new TopicPartition(topic, i.partition()))
                            .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    // a partial read would show as lost records: say what it is instead
                    throw new AssertionError(
                            "timed out after " + STEP_TIMEOUT + " reading " + topic + " to " + end);
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        out.add(r.value());
                    }
                }
            }
        }
        return out;
    }

    /** A condition the test waits for; it may call the broker or the REST API. */
    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }

    /**
     * Polls {@code condition} until it holds, for at most {@link #STEP_TIMEOUT}. Fails at once if
     * the job ended; a failing check (e.g. a REST call timing out on a loaded machine) counts as
     * not yet and is shown if the wait times out, with the job's state ({@link #describe}).
     */
    static void await(JobClient job, String what, Check condition) {
        long start = System.nanoTime();
        long deadline = start + STEP_TIMEOUT.toNanos();
        Exception last = null;
        while (true) {
            if (job != null) {
                failIfDone(job);
            }
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (AssertionError e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        String.format(
                                "timed out after %.0f s waiting for %s; %s%s",
                                (System.nanoTime() - start) / 1e9,
                                what,
                                job == null ? Injector.describe() : describe(job),
                                last == null ? "" : "; the last check failed with " + last),
                        last);
            }
            sleep(250);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String seconds(List<Double> s) {
        return s.stream().map(x -> String.format("%.1f", x)).toList().toString();
    }
}
