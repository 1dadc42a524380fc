package nl.lvds.pipeline.bench;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import nl.lvds.broker.EmbeddedKafka;
import nl.lvds.pipeline.generate.ArchiveGenerator;
import nl.lvds.pipeline.generate.DayGenerator;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Throughput of the live topology with and without bad input, side by side in one process (target:
 * throughput drops by at most 20%). One embedded Kafka broker; the same generated valid stream is
 * written twice, once alone and once with {@code badRecords} bad records of every kind mixed in
 * ({@link MixedStream}); then the live topology (bounded Kafka sources, exactly-once Kafka sinks,
 * checkpoints every 2 s) runs over each on a local MiniCluster, alternating, {@code passes} times.
 * The figure per run is the job's net run time; the best pass of each counts.
 *
 * <p>Rates: <b>valid signals/s</b> (the useful work; the drop asked about) and <b>records/s</b>
 * (everything read, bad records included). The ratio is valid signals/s with bad input over valid
 * signals/s without; 0.80 or more meets the target. A figure, printed, never asserted.
 */
public final class BadInputBench {

    private BadInputBench() {}

    /**
     * One measurement.
     *
     * @param days days of valid data
     * @param validPerDay valid signals per day (target of the generator)
     * @param validSignals valid signals written
     * @param validIncidents valid incidents written
     * @param badRecords bad records mixed in
     * @param parallelism job parallelism
     * @param cleanSeconds best net run time over the valid stream alone
     * @param mixedSeconds best net run time over the mixed stream
     */
    public record Result(
            int days,
            int validPerDay,
            long validSignals,
            long validIncidents,
            long badRecords,
            int parallelism,
            double cleanSeconds,
            double mixedSeconds) {

        /** Valid signals per second without bad input. */
        public double cleanRate() {
            return validSignals / cleanSeconds;
        }

        /** Valid signals per second with bad input mixed in. */
        public double mixedRate() {
            return validSignals / mixedSeconds;
        }

        /** All records (valid and bad) per second with bad input mixed in. */
        public double mixedRecordRate() {
            return (validSignals + validIncidents + badRecords) / mixedSeconds;
        }

        /** Valid throughput with bad input over without: the target is at least 0.80. */
        public double ratio() {
            return mixedRate() / cleanRate();
        }

        /** The header of the table {@link #toString()} is a row of. */
        public static String header() {
            return String.format(
                    Locale.ROOT,
                    "%-22s %10s %10s %14s %14s %14s %16s %7s",
                    "suite",
                    "valid",
                    "bad",
                    "alone s",
                    "mixed s",
                    "alone sig/s",
                    "mixed sig/s (rec/s)",
                    "ratio");
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%-22s %10d %10d %14.1f %14.1f %14.0f %9.0f (%6.0f) %7.2f",
                    "bad-input p" + parallelism,
                    validSignals,
                    badRecords,
                    cleanSeconds,
                    mixedSeconds,
                    cleanRate(),
                    mixedRate(),
                    mixedRecordRate(),
                    ratio());
        }
    }

    /**
     * {@link #run(int, int, int, int, int, long, PrintStream)} with 4 days, parallelism 2, 2
     * passes.
     */
    public static Result run(int validPerDay, int badRecords) throws Exception {
        return run(validPerDay, badRecords, 4, 2, 2, 2024_03_07L, System.out);
    }

    /**
     * Measures the topology over {@code days} generated days (up to 7 March 2024) with and without
     * {@code badRecords} bad records.
     *
     * @param validPerDay valid signals per day
     * @param badRecords bad records mixed in
     * @param days days of valid data
     * @param parallelism job parallelism
     * @param passes runs of each stream (alternating; the best counts)
     * @param seed seed of the valid and bad data
     * @param log progress lines
     */
    public static Result run(
            int validPerDay,
            int badRecords,
            int days,
            int parallelism,
            int passes,
            long seed,
            PrintStream log)
            throws Exception {
        if (days < 1 || passes < 1 || parallelism < 1 || validPerDay < 1 || badRecords < 0) {
            throw new IllegalArgumentException("days, passes, parallelism, validPerDay >= 1");
        }
        DayGenerator gen = new ArchiveGenerator().dayGenerator(seed, validPerDay);
        List<DayGenerator.DayBatch> batches = new ArrayList<>();
        LocalDate last = LocalDate.of(2024, 3, 7);
        for (LocalDate d = last.minusDays(days - 1L); !d.isAfter(last); d = d.plusDays(1)) {
            batches.add(gen.generate(d));
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String b = kafka.bootstrapServers();
            String id = UUID.randomUUID().toString().substring(0, 8);
            MixedStream.Topics clean = MixedStream.Topics.named("bench-clean-" + id);
            MixedStream.Topics mixed = MixedStream.Topics.named("bench-mixed-" + id);
            MixedStream.createTopics(b, clean, parallelism);
            MixedStream.createTopics(b, mixed, parallelism);
            MixedStream.Produced c =
                    MixedStream.produce(b, clean, batches, 0, seed, parallelism, 0);
            MixedStream.Produced m =
                    MixedStream.produce(b, mixed, batches, badRecords, seed, parallelism, 10);
            log.printf(
                    Locale.ROOT,
                    "bad-input bench: %d days, %d valid signals + %d incidents; %d bad records"
                            + " (%.1f MB) mixed in; parallelism %d, %d passes%n",
                    days,
                    c.validSignals(),
                    c.validIncidents(),
                    m.badRecords(),
                    m.bytes() / 1e6,
                    parallelism,
                    passes);
            double bestClean = Double.MAX_VALUE;
            double bestMixed = Double.MAX_VALUE;
            for (int pass = 0; pass < passes; pass++) {
                double cs = seconds(b, clean, "bench-clean-" + id + "-" + pass, parallelism);
                double ms = seconds(b, mixed, "bench-mixed-" + id + "-" + pass, parallelism);
                log.printf(
                        Locale.ROOT,
                        "  pass %d: alone %.1f s, with bad input %.1f s%n",
                        pass + 1,
                        cs,
                        ms);
                bestClean = Math.min(bestClean, cs);
                bestMixed = Math.min(bestMixed, ms);
            }
            return new Result(
                    days,
                    validPerDay,
                    c.validSignals(),
                    c.validIncidents(),
                    m.badRecords(),
                    parallelism,
                    bestClean,
                    bestMixed);
        }
    }

    private static double seconds(
            String bootstrap, MixedStream.Topics t, String group, int parallelism)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_PORT, "0"); // no fixed web UI port
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(conf);
        JobExecutionResult r =
                MixedStream.run(env, bootstrap, t, group, MixedStream.settings(), parallelism);
        return r.getNetRuntime() / 1000.0;
    }

    /** {@code BadInputBench [validPerDay [badRecords [days [parallelism [passes]]]]]}. */
    public static void main(String[] args) throws Exception {
        int perDay = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int bad = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int parallelism = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int passes = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        Result r = run(perDay, bad, days, parallelism, passes, 2024_03_07L, System.out);
        System.out.println();
        System.out.println(Result.header());
        System.out.println(r);
    }
}
