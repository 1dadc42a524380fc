package nl.lvds.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import nl.lvds.broker.EmbeddedKafka;
import nl.lvds.broker.TopicStats;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.Signal;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.pipeline.generate.ArchiveGenerator;
import nl.lvds.pipeline.generate.DayGenerator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar on a real multi-process Flink standalone cluster (a JobManager JVM and a
 * TaskManager JVM with 2 slots, from the Maven jars only, so the job jar must bring its connectors,
 * CoreNLP and Jackson itself) against a real in-process Kafka broker, submitted with Flink's own
 * CLI at parallelism 2; then an upgrade as an operator does it: stop-with-savepoint, resubmit from
 * the savepoint, feed more input; and a crash: the TaskManager JVM killed with SIGKILL three times
 * while the input streams in. The indicators and alerts must equal those of an undisturbed run of
 * the same input (computed once for the class): nothing lost, nothing counted twice.
 *
 * <p>Runs in Maven's {@code integration-test} phase (Failsafe), after {@code package} has built
 * {@code target/lvds-job.jar}.
 */
class ClusterITCase {

    /** Input: two generated days, the explosion in Charlois on the second one. */
    static final LocalDate FIRST = LocalDate.of(2024, 3, 6);

    static final LocalDate SPLIT = LocalDate.of(2024, 3, 7); // part 2 starts here

    static final LocalDate LAST = LocalDate.of(2024, 3, 7);
    static final int PER_DAY = 1_000;

    /** Windows ending at or before this are closed in both runs (the flush records see to it). */
    static final long CUTOFF = Instant.parse("2024-03-08T00:00:00Z").toEpochMilli();

    /**
     * One record on every input partition, well after the data: moves every partition's watermark
     * past {@link #CUTOFF} plus the allowed lateness, so all windows up to it fire. Without it the
     * last windows of an unbounded job stay open, and an idle partition could not be told apart.
     */
    static final long FLUSH_TS = Instant.parse("2024-03-09T12:00:00Z").toEpochMilli();

    static final long HOUR = 3_600_000L;

    /** Just before part 2's first signal (7 March 00:00 Amsterdam): the marker after part 1. */
    static final long PART1_END = Instant.parse("2024-03-06T22:59:59Z").toEpochMilli();

    /** The end of the last full hour of data (Amsterdam days: 7 March ends at 23:00Z). */
    static final long LAST_HOUR_END = Instant.parse("2024-03-07T22:00:00Z").toEpochMilli();

    // kept when the test fails: conf/, log/ of every JVM, savepoints
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;

    static EmbeddedKafka kafka;
    static StandaloneFlinkCluster flink;
    static Path jobJar;

    @BeforeAll
    static void start() throws Exception {
        jobJar = Path.of(System.getProperty("lvds.jobJar", "target/lvds-job.jar"));
        assertThat(jobJar)
                .as("the shaded job jar; `mvn verify` builds it in `package` before this test")
                .exists();
        long t0 = System.nanoTime();
        flink = StandaloneFlinkCluster.start(work.resolve("flink"), 2);
        kafka = EmbeddedKafka.start(); // while the Flink JVMs boot
        flink.awaitReady(2);
        System.out.printf(
                "ClusterITCase: Kafka + JobManager JVM + TaskManager JVM up in %.1f s (REST %s)%n",
                (System.nanoTime() - t0) / 1e9, flink.restUrl());
    }

    @AfterAll
    static void stop() throws Exception {
        if (flink != null) {
            flink.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    /** The input: the generated days. */
    static List<DayGenerator.DayBatch> days() {
        List<DayGenerator.DayBatch> days = new ArrayList<>();
        DayGenerator gen = new ArchiveGenerator().dayGenerator(11, PER_DAY);
        for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
            days.add(gen.generate(d));
        }
        return days;
    }

    static Output undisturbed;
    static AssertionError undisturbedFailed;

    /**
     * Run A, undisturbed: all input, one job, stopped with a savepoint once its output settled.
     * Once per class; every disturbed run is compared with it.
     */
    static Output undisturbed(List<DayGenerator.DayBatch> days) throws Exception {
        if (undisturbed != null) {
            return undisturbed;
        }
        if (undisturbedFailed != null) {
            throw new AssertionError("the undisturbed run failed before", undisturbedFailed);
        }
        List<DayGenerator.DayBatch> part1 =
                days.stream().filter(b -> b.day().isBefore(SPLIT)).toList();
        List<DayGenerator.DayBatch> part2 =
                days.stream().filter(b -> !b.day().isBefore(SPLIT)).toList();
        long t0 = System.nanoTime();
        Run a = new Run("a");
        a.produce(part1);
        a.marker(PART1_END);
        a.produce(part2);
        a.flush();
        phase("A: produce");
        String jobA = flink.run(jobJar, 2, null, a.args());
        phase("A: flink run");
        Output outA;
        try {
            flink.awaitRunning(jobA);
            phase("A: all tasks running");
            outA = a.awaitOutput(Duration.ofSeconds(300));
        } catch (AssertionError e) {
            // free the slots for the other test, and let it fail fast
            flink.cancel(jobA);
            undisturbedFailed = e;
            throw e;
        }
        phase("A: output settled");
        System.out.printf(
                "ClusterITCase: keyed state after 2 days at %d signals/day: %,d bytes in the last"
                        + " checkpoint%n",
                PER_DAY, flink.lastCheckpointSize(jobA));
        flink.stopWithSavepoint(jobA, work.resolve("savepoints-a"));
        phase("A: stop-with-savepoint");
        System.out.printf(
                "ClusterITCase: undisturbed run: %d indicators, %d alerts in %.1f s%n",
                outA.indicators().size(), outA.alerts().size(), (System.nanoTime() - t0) / 1e9);
        undisturbed = outA;
        return outA;
    }

    @Test
    void shouldResumeFromASavepointWithoutLosingOrDoublingIndicatorsOrAlerts() throws Exception {
        phaseStart = System.nanoTime();
        List<DayGenerator.DayBatch> days = days();
        phase("generate input");
        List<DayGenerator.DayBatch> part1 =
                days.stream().filter(b -> b.day().isBefore(SPLIT)).toList();
        List<DayGenerator.DayBatch> part2 =
                days.stream().filter(b -> !b.day().isBefore(SPLIT)).toList();

        Output outA = undisturbed(days);

        // Run B, upgraded mid-way: part 1, stop-with-savepoint, resume from it, part 2.
        long t0 = System.nanoTime();
        Run b = new Run("b");
        b.produce(part1);
        b.marker(PART1_END);
        String jobB1 = flink.run(jobJar, 2, null, b.args());
        flink.awaitRunning(jobB1);
        phase("B: produce part 1, flink run, running");
        // the generated days are Amsterdam days: 6 March ends at 2024-03-06T23:00Z
        long part1Closed = Instant.parse("2024-03-06T22:00:00Z").toEpochMilli();
        b.awaitIndicator(
                "the city-wide hour ending 2024-03-06T22:00Z",
                t -> isCityHour(t) && t.windowEnd() == part1Closed,
                Duration.ofSeconds(150));
        phase("B: part 1 through");
        int beforeStop = b.indicators().size();
        String savepoint = flink.stopWithSavepoint(jobB1, work.resolve("savepoints-b"));
        phase("B: stop-with-savepoint");
        assertThat(savepoint).as("savepoint location").isNotBlank();
        // Part 2 goes in while no job runs, as in an upgrade where producers never stop.
        b.produce(part2);
        b.flush();
        String jobB2 = flink.run(jobJar, 2, savepoint, b.args());
        flink.awaitRunning(jobB2);
        phase("B: produce part 2, resume from savepoint");
        Output outB = b.awaitOutput(Duration.ofSeconds(150));
        phase("B: output settled");
        flink.stopWithSavepoint(jobB2, work.resolve("savepoints-b2"));
        phase("B: stop-with-savepoint");
        System.out.printf(
                "ClusterITCase: upgraded run: %d indicators before the stop, %d indicators and %d"
                        + " alerts in all, %.1f s%n",
                beforeStop,
                outB.indicators().size(),
                outB.alerts().size(),
                (System.nanoTime() - t0) / 1e9);

        // Indicators and alerts arrived, and the upgrade happened mid-stream.
        assertThat(outA.indicators()).isNotEmpty();
        assertThat(beforeStop).isPositive().isLessThan(outB.indicators().size());
        assertThat(outB.indicators())
                .filteredOn(TensionIndicator::suppressed)
                .allSatisfy(t -> assertThat(t.signals()).isNull());
        assertThat(outB.alerts()).as("alerts on the explosion day").isNotEmpty();

        // Nothing lost, nothing doubled: per cell and window, the same records in the same order
        // (the emission count catches a window replayed after the restore, the last value a
        // window that lost signals), and the same alerts.
        Map<String, List<TensionIndicator>> byKeyA = byWindow(outA.indicators());
        Map<String, List<TensionIndicator>> byKeyB = byWindow(outB.indicators());
        List<String> differing =
                new TreeSet<String>(union(byKeyA.keySet(), byKeyB.keySet()))
                        .stream()
                                .filter(
                                        k ->
                                                !byKeyA.getOrDefault(k, List.of())
                                                        .equals(byKeyB.getOrDefault(k, List.of())))
                                .toList();
        assertThat(differing)
                .as(
                        "cells whose indicators differ between the undisturbed and the upgraded run"
                                + " (first: %s)",
                        differing.isEmpty()
                                ? ""
                                : byKeyA.get(differing.get(0))
                                        + " vs "
                                        + byKeyB.get(differing.get(0)))
                .isEmpty();
        assertThat(byKeyB).hasSameSizeAs(byKeyA);
        assertThat(alertKeys(outB.alerts())).isEqualTo(alertKeys(outA.alerts()));

        // The robust core, stated on its own: the city-wide hourly signal totals.
        assertThat(cityHourTotals(outB.indicators()))
                .isEqualTo(cityHourTotals(outA.indicators()))
                .isNotEmpty();
    }

    /**
     * The TaskManager JVM killed with SIGKILL three times while the input streams in (a new
     * TaskManager JVM started each time, as a supervisor would): after each kill the job restores
     * from its latest checkpoint; in the end the committed indicators and alerts are the same
     * records as in the undisturbed run, none lost, none twice.
     */
    @Test
    void shouldRecoverFromThreeKilledTaskManagersWithoutLosingOrDoublingIndicatorsOrAlerts()
            throws Exception {
        phaseStart = System.nanoTime();
        List<DayGenerator.DayBatch> days = days();
        Output outA = undisturbed(days);

        long t0 = System.nanoTime();
        Run c = new Run("c");
        String job = flink.run(jobJar, 2, null, c.args());
        flink.awaitRunning(job);
        phase("C: flink run, running");
        List<String> kills = new ArrayList<>();
        Output outC;
        try {
            // each day in 8 chunks of about 3 hours, fed about a second apart
            List<DayGenerator.DayBatch> chunks = new ArrayList<>();
            for (DayGenerator.DayBatch d : days) {
                chunks.addAll(split(d, 8));
            }
            long completedAtRecovery = 0;
            long restores = 0;
            for (int k = 0; k < chunks.size(); k++) {
                c.produce(List.of(chunks.get(k)));
                if (k + 1 < chunks.size()
                        && chunks.get(k).day().isBefore(SPLIT)
                        && !chunks.get(k + 1).day().isBefore(SPLIT)) {
                    c.marker(PART1_END); // as in run A, after the first day
                }
                if (k == 2 || k == 7 || k == 12) {
                    long after = completedAtRecovery;
                    flink.awaitJob(
                            job,
                            "a checkpoint after the last recovery",
                            () ->
                                    checkpoints(job).path("counts").path("completed").asLong()
                                            > after);
                    long kill = System.nanoTime();
                    flink.killTaskManager();
                    flink.startTaskManager();
                    // the next kill must hit a TaskManager that has registered
                    flink.awaitNewTaskManager(2);
                    double registered = (System.nanoTime() - kill) / 1e9;
                    long before = restores;
                    flink.awaitJob(
                            job,
                            "the job to restore from a checkpoint after kill " + (kills.size() + 1),
                            () ->
                                    checkpoints(job).path("counts").path("restored").asLong()
                                            > before);
                    flink.awaitRunning(job);
                    double recovery = (System.nanoTime() - kill) / 1e9;
                    JsonNode cp = checkpoints(job);
                    restores = cp.path("counts").path("restored").asLong();
                    completedAtRecovery = cp.path("counts").path("completed").asLong();
                    kills.add(
                            String.format(
                                    "chunk %d: new TaskManager registered %.1f s and all tasks"
                                            + " running again %.1f s after the kill, restored from"
                                            + " checkpoint %d",
                                    k,
                                    registered,
                                    recovery,
                                    cp.path("latest").path("restored").path("id").asLong()));
                    phase("C: kill " + kills.size() + ", new TaskManager, job restored");
                }
                sleep(1_000); // the stream's pace, not a wait for the job
            }
            c.flush();
            outC = c.awaitOutput(Duration.ofSeconds(600));
            phase("C: output settled");
            flink.stopWithSavepoint(job, work.resolve("savepoints-c"));

        } catch (Throwable e) {
            flink.cancel(job); // free the slots for the other test
            throw e;
        }
        OutputDiff d =
                OutputDiff.of(
                        json(outA.indicators(), outA.alerts()),
                        json(outC.indicators(), outC.alerts()));
        System.out.printf(
                "ClusterITCase: killed TaskManager JVMs: %d kills (%s); %d records compared with"
                        + " the undisturbed run: %d lost, %d duplicated; run %.1f s%n",
                kills.size(),
                String.join("; ", kills),
                d.compared(),
                d.lost(),
                d.duplicated(),
                (System.nanoTime() - t0) / 1e9);
        assertThat(kills).hasSize(3);
        assertThat(outC.alerts()).as("alerts on the explosion day").isNotEmpty();
        d.assertNothingLostOrDoubled();
    }

    /** One day's batch in {@code n} chunks of consecutive signals (incidents by the same times). */
    static List<DayGenerator.DayBatch> split(DayGenerator.DayBatch day, int n) {
        List<Signal> signals = new ArrayList<>(day.signals());
        signals.sort(Comparator.comparingLong(Signal::ts));
        List<DayGenerator.DayBatch> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Signal> part =
                    signals.subList(signals.size() * i / n, signals.size() * (i + 1) / n);
            long from = i == 0 ? Long.MIN_VALUE : part.get(0).ts();
            long to = i == n - 1 ? Long.MAX_VALUE : signals.get(signals.size() * (i + 1) / n).ts();
            List<Incident> inc =
                    day.incidents().stream().filter(x -> x.ts() >= from && x.ts() < to).toList();
            out.add(new DayGenerator.DayBatch(day.day(), part, inc, day.stats()));
        }
        return out;
    }

    static List<String> json(List<TensionIndicator> indicators, List<Alert> alerts) {
        List<String> out = new ArrayList<>();
        indicators.forEach(
                t -> out.add(new String(LvdsJson.encodeIndicator(t), StandardCharsets.UTF_8)));
        alerts.forEach(a -> out.add(new String(LvdsJson.encodeAlert(a), StandardCharsets.UTF_8)));
        return out;
    }

    static JsonNode checkpoints(String job) {
        try {
            return flink.get("/jobs/" + job + "/checkpoints");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isCityHour(TensionIndicator t) {
        return t.area().equals(TensionIndicator.CITY)
                && t.topic().equals("all")
                && t.windowEnd() - t.windowStart() == HOUR;
    }

    static <T> java.util.Set<T> union(java.util.Set<T> x, java.util.Set<T> y) {
        java.util.Set<T> u = new java.util.HashSet<>(x);
        u.addAll(y);
        return u;
    }

    /** Indicators of windows ending by the cutoff, per (area, topic, windowStart, windowEnd). */
    static Map<String, List<TensionIndicator>> byWindow(List<TensionIndicator> all) {
        Map<String, List<TensionIndicator>> m = new TreeMap<>();
        for (TensionIndicator t : all) {
            if (t.windowEnd() <= CUTOFF) {
                m.computeIfAbsent(
                                t.area()
                                        + "|"
                                        + t.topic()
                                        + "|"
                                        + t.windowStart()
                                        + "|"
                                        + t.windowEnd(),
                                k -> new ArrayList<>())
                        .add(t);
            }
        }
        return m;
    }

    static Map<Long, Integer> cityHourTotals(List<TensionIndicator> all) {
        Map<Long, Integer> m = new TreeMap<>();
        for (TensionIndicator t : all) {
            if (isCityHour(t) && t.windowEnd() <= CUTOFF && !t.suppressed()) {
                m.put(t.windowStart(), t.signals()); // the last one wins
            }
        }
        return m;
    }

    static List<String> alertKeys(List<Alert> alerts) {
        return alerts.stream()
                .filter(a -> a.windowEnd() <= CUTOFF)
                .map(
                        a ->
                                String.join(
                                        "|",
                                        a.area(),
                                        a.topic(),
                                        a.rule(),
                                        a.level(),
                                        LvdsJson.isoTime(a.windowStart()),
                                        LvdsJson.isoTime(a.windowEnd())))
                .sorted()
                .collect(Collectors.toList());
    }

    /** The committed output of a run. */
    record Output(List<TensionIndicator> indicators, List<Alert> alerts) {}

    /** One run's topics, consumer group and job configuration. */
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
                            "deadletter",
                            "rules",
                            "early")) {
                topics.put(t, "lvds." + t + "." + id);
            }
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
                admin.createTopics(
                                topics.values().stream()
                                        .map(t -> new NewTopic(t, 2, (short) 1))
                                        .toList())
                        .all()
                        .get();
            }
        }

        /**
         * The job's arguments: the shipped config/lvds.yaml with this run's Kafka and a 2 s
         * checkpoint interval (the publication latency of exactly-once output) as {@code --set}
         * overrides, as docker/ and the FlinkDeployment pass them.
         */
        String[] args() {
            Path home = Path.of(System.getProperty("lvds.home", "../.."));
            List<String> a = new ArrayList<>();
            a.add("--config");
            a.add(home.resolve("config/lvds.yaml").toAbsolutePath().normalize().toString());
            Map<String, String> set = new LinkedHashMap<>();
            set.put("kafka.bootstrapServers", bootstrap());
            set.put("kafka.groupId", "lvds-" + id);
            topics.forEach((k, v) -> set.put("kafka.topics." + k, v));
            set.put("pipeline.parallelism", "2");
            set.put("pipeline.checkpointIntervalSeconds", "2");
            // Never idle: the markers move every partition's watermark. With the shipped 30 s, a
            // busy partition starved of CPU on a loaded machine was once declared idle, its data
            // became late, and the resumed run missed windows the undisturbed run had.
            set.put("pipeline.idlenessSeconds", "0");
            set.forEach(
                    (k, v) -> {
                        a.add("--set");
                        a.add(k + "=" + v);
                    });
            return a.toArray(String[]::new);
        }

        void produce(List<DayGenerator.DayBatch> batches) {
            try (KafkaProducer<byte[], byte[]> p = producer()) {
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (DayGenerator.DayBatch batch : batches) {
                    for (Signal s : batch.signals()) {
                        sent.add(
                                p.send(
                                        new ProducerRecord<>(
                                                topics.get("signals"), LvdsJson.encodeSignal(s))));
                    }
                    for (Incident i : batch.incidents()) {
                        sent.add(
                                p.send(
                                        new ProducerRecord<>(
                                                topics.get("incidents"),
                                                LvdsJson.encodeIncident(i))));
                    }
                }
                p.flush();
                delivered(sent);
            }
        }

        /**
         * Fails the test when the broker did not take every input record: an input record lost on
         * the way would show only as windows that differ between the runs.
         */
        private static void delivered(List<Future<RecordMetadata>> sent) {
            int failed = 0;
            Exception first = null;
            for (Future<RecordMetadata> f : sent) {
                try {
                    f.get();
                } catch (Exception e) {
                    failed++;
                    first = first == null ? e : first;
                }
            }
            if (failed > 0) {
                throw new AssertionError(
                        failed + " of " + sent.size() + " input records not delivered", first);
            }
        }

        /** A late, harmless record on every partition of every input topic. */
        void flush() {
            marker(FLUSH_TS);
        }

        /**
         * A harmless record at {@code ts} on every partition of every input topic: moves every
         * partition's watermark to {@code ts} without relying on idleness time-outs (an empty
         * partition holds the watermark back until it is declared idle, and a busy one declared
         * idle would make its own data late). Both runs get the same markers.
         */
        void marker(long ts) {
            String time = LvdsJson.isoTime(ts);
            try (KafkaProducer<byte[], byte[]> p = producer()) {
                for (int part = 0; part < 2; part++) {
                    Signal s =
                            new Signal(
                                    1,
                                    "marker-" + time + "-" + part,
                                    "social",
                                    "synthetic",
                                    ts,
                                    "nl",
                                    "Rustige middag aan de Maas.",
                                    "Hillegersberg",
                                    "ak-marker-" + part);
                    p.send(
                            new ProducerRecord<>(
                                    topics.get("signals"), part, null, LvdsJson.encodeSignal(s)));
                    Incident i =
                            new Incident(
                                    1,
                                    "marker-" + time + "-" + part,
                                    "municipal",
                                    ts,
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

        List<TensionIndicator> indicators() {
            return readCommitted(topics.get("indicators")).stream()
                    .map(r -> LvdsJson.decodeIndicator(r.value()).orThrow())
                    .toList();
        }

        List<Alert> alerts() {
            return readCommitted(topics.get("alerts")).stream()
                    .map(r -> LvdsJson.decodeAlert(r.value()).orThrow())
                    .toList();
        }

        void awaitIndicator(String what, Predicate<TensionIndicator> p, Duration timeout) {
            try {
                flink.await(what, timeout, () -> indicators().stream().anyMatch(p));
            } catch (AssertionError e) {
                List<TensionIndicator> seen = indicators();
                throw new AssertionError(
                        String.format(
                                "%d indicators, the last city-wide hour ending %s; %s",
                                seen.size(),
                                seen.stream()
                                        .filter(ClusterITCase::isCityHour)
                                        .map(TensionIndicator::windowEnd)
                                        .max(Long::compare)
                                        .map(LvdsJson::isoTime)
                                        .orElse("-"),
                                e.getMessage()),
                        e);
            }
        }

        /**
         * Waits until the last window before the cutoff is out and the committed output has not
         * grown over three checkpoint intervals; returns it.
         */
        Output awaitOutput(Duration timeout) {
            awaitIndicator(
                    "the city-wide hour ending 2024-03-07T22:00Z (the last full hour of data)",
                    t -> isCityHour(t) && t.windowEnd() == LAST_HOUR_END,
                    timeout);
            int[] last = {-1};
            int[] stable = {0};
            flink.await(
                    "the output to settle",
                    timeout,
                    () -> {
                        int n = indicators().size() + alerts().size();
                        stable[0] = n == last[0] ? stable[0] + 1 : 0;
                        last[0] = n;
                        if (stable[0] >= 3) {
                            return true;
                        }
                        sleep(2_000);
                        return false;
                    });
            // the final read waits until no transaction is open on the output topics: a
            // checkpoint that is slow under load must not leave its records out
            List<TensionIndicator> inds =
                    TopicStats.committed(bootstrap(), topics.get("indicators")).stream()
                            .map(r -> LvdsJson.decodeIndicator(r.value()).orThrow())
                            .toList();
            List<Alert> als =
                    new ArrayList<>(
                            TopicStats.committed(bootstrap(), topics.get("alerts")).stream()
                                    .map(r -> LvdsJson.decodeAlert(r.value()).orThrow())
                                    .toList());
            als.sort(Comparator.comparingLong(Alert::windowStart));
            return new Output(inds, als);
        }
    }

    static long phaseStart = System.nanoTime();

    /** Prints how long the phase that just ended took (the test's runtime report). */
    static void phase(String what) {
        long now = System.nanoTime();
        System.out.printf("ClusterITCase:   %-48s %5.1f s%n", what, (now - phaseStart) / 1e9);
        phaseStart = now;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String bootstrap() {
        return kafka.bootstrapServers();
    }

    static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap());
        p.put("acks", "all");
        p.put("linger.ms", "20");
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /**
     * Everything committed on a topic so far (read_committed up to the last stable offset, per
     * partition in offset order).
     */
    static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        // what is committed now (a running job may have a transaction open); a read that stalls
        // fails instead of returning part of the topic
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        TopicStats.forEachCommitted(
                bootstrap(), topic, Duration.ZERO, Duration.ofMinutes(5), out::add);
        return out;
    }
}
