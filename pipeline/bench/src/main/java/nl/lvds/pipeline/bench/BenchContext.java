package nl.lvds.pipeline.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.lvds.broker.EmbeddedKafka;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.pipeline.generate.ArchiveGenerator;
import nl.lvds.pipeline.replay.ArchiveProducer;

/**
 * What the suites share: the sizes, the progress stream (stderr), a temporary folder, one embedded
 * Kafka broker (started on first use) and one generated archive (generated on first use, untimed;
 * generated again, larger, if a later suite needs more days); each suite takes the last days it
 * needs from it, so every selection holds the scripted Schammenkamp explosion of 7 March 2024.
 */
public final class BenchContext implements AutoCloseable {

    /** The last day of the generated archive (the day after the scripted explosion). */
    static final LocalDate LAST_DAY = LocalDate.of(2024, 3, 8);

    private final BenchSizes sizes;
    private final PrintStream log;
    private final Path temp;
    private final String stateBackend;
    private EmbeddedKafka kafka;
    private Path archive;
    private int archiveDays;
    private final Map<String, Long> produced = new HashMap<>();

    public BenchContext(BenchSizes sizes, PrintStream log) throws IOException {
        this(sizes, log, "hashmap");
    }

    /** A context whose MiniClusters keep keyed state in {@code stateBackend}. */
    public BenchContext(BenchSizes sizes, PrintStream log, String stateBackend) throws IOException {
        this.sizes = sizes;
        this.log = log;
        this.stateBackend = stateBackend;
        this.temp = Files.createTempDirectory("lvds-bench");
    }

    /** {@code hashmap} (Flink's default, the MiniCluster's) or {@code rocksdb} (production's). */
    public String stateBackend() {
        return stateBackend;
    }

    public BenchSizes sizes() {
        return sizes;
    }

    /** Progress output (stderr in the command). */
    public void progress(String format, Object... args) {
        log.printf(Locale.ROOT, "bench: " + format + "%n", args);
    }

    public PrintStream log() {
        return log;
    }

    /** A fresh folder under the bench's temporary folder. */
    public Path tempDir(String name) throws IOException {
        return Files.createTempDirectory(temp, name);
    }

    /** The embedded broker, started on first use. */
    public EmbeddedKafka kafka() throws Exception {
        if (kafka == null) {
            progress("starting an embedded Kafka broker ...");
            kafka = EmbeddedKafka.start();
        }
        return kafka;
    }

    /** Days of the archive holding about {@code signals} signals. */
    public int daysFor(long signals) {
        return (int) Math.max(1, (signals + sizes.perDay() - 1) / sizes.perDay());
    }

    /** The first day of a selection of {@code days} days ending at {@link #LAST_DAY}. */
    public static LocalDate firstDay(int days) {
        return LAST_DAY.minusDays(days - 1L);
    }

    /** The generated archive, with at least {@code days} days ending at {@link #LAST_DAY}. */
    public synchronized Path archive(int days) throws IOException {
        if (archive != null && archiveDays >= days) {
            return archive;
        }
        int want = Math.max(days, archiveDays); // suites run largest first: rarely regenerated
        Path out = temp.resolve("archive-" + want);
        progress(
                "generating a synthetic archive: %d days x %,d signals/day (untimed) ...",
                want, sizes.perDay());
        ArchiveGenerator.Result r =
                new ArchiveGenerator()
                        .generate(
                                new ArchiveGenerator.Options(
                                        firstDay(want),
                                        LAST_DAY,
                                        sizes.perDay(),
                                        out,
                                        42L,
                                        Runtime.getRuntime().availableProcessors(),
                                        true),
                                s -> {});
        progress(
                "archive: %,d signals, %,d incidents in %.1f s",
                r.signals(), r.incidents(), r.elapsed().toMillis() / 1000.0);
        archive = out;
        archiveDays = want;
        return archive;
    }

    /**
     * Produces the last {@code days} days of the archive into {@code prefix.signals} and {@code
     * prefix.incidents} (2 partitions each; untimed), once per prefix.
     *
     * @return the signals produced
     */
    public synchronized long produce(String prefix, int days) throws Exception {
        Long done = produced.get(prefix);
        if (done != null) {
            return done;
        }
        Path arch = archive(days);
        EmbeddedKafka k = kafka();
        k.createTopics(
                List.of(
                        prefix + ".signals",
                        prefix + ".incidents",
                        prefix + ".p2000",
                        prefix + ".rules"),
                2);
        progress("producing %d days into %s.signals (untimed) ...", days, prefix);
        ArchiveProducer.Result r =
                new ArchiveProducer(
                                k.bootstrapServers(), prefix + ".signals", prefix + ".incidents")
                        .send(arch, firstDay(days), LAST_DAY, n -> {});
        progress(
                "produced %,d signals and %,d incidents in %.1f s",
                r.signals(), r.incidents(), r.seconds());
        produced.put(prefix, r.signals());
        return r.signals();
    }

    /**
     * The shipped default configuration pointed at the embedded broker and at the topics {@code
     * in.*} (inputs) and {@code out.*} (outputs), with a group id of its own.
     */
    public LvdsConfig config(String in, String out, int parallelism, Map<String, String> more)
            throws Exception {
        Map<String, String> o = new HashMap<>();
        o.put("kafka.bootstrapServers", kafka().bootstrapServers());
        o.put("kafka.groupId", "bench-" + out);
        o.put("kafka.topics.signals", in + ".signals");
        o.put("kafka.topics.incidents", in + ".incidents");
        o.put("kafka.topics.p2000", in + ".p2000");
        // an empty rules topic of its own: the live job reads lvds.rules, and a bounded source on
        // a topic that does not exist never finishes
        o.put("kafka.topics.rules", in + ".rules");
        o.put("kafka.topics.indicators", out + ".indicators");
        o.put("kafka.topics.alerts", out + ".alerts");
        o.put("kafka.topics.deadletter", out + ".deadletter");
        o.put("kafka.topics.early", out + ".early");
        o.put("pipeline.parallelism", Integer.toString(parallelism));
        o.putAll(more);
        kafka().createTopics(
                        List.of(
                                out + ".indicators",
                                out + ".alerts",
                                out + ".deadletter",
                                out + ".early"),
                        2);
        return LvdsConfig.defaults().withOverrides(o);
    }

    @Override
    public void close() throws Exception {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            deleteTree(temp);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
