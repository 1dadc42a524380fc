package nl.lvds.pipeline.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.Signal;
import nl.lvds.models.event.Topic;

/**
 * Writes a synthetic archive: {@code signals/YYYY-MM-DD.jsonl.gz} and {@code
 * incidents/YYYY-MM-DD.jsonl.gz} (v1 contract records, one per line) plus {@code archive.json},
 * generating days in parallel. The output is byte-identical for the same options, whatever the
 * number of threads.
 */
public final class ArchiveGenerator {

    /** Bump when the same seed and options would give different records. */
    public static final String GENERATOR_VERSION = "1.0.0";

    /**
     * Version of the archive.json layout. 2 adds the ground truth (event kinds, spans, areas,
     * topics and expected levels; every copy-paste burst; every routine incident) to the fields of
     * 1, which are kept as they were.
     */
    public static final int FORMAT_VERSION = 2;

    /** The scenario source named in archive.json when the shipped scenario is used. */
    public static final String SHIPPED_SCENARIO = "shipped";

    /** The manifest file name, written last (its presence marks a complete archive). */
    public static final String MANIFEST = "archive.json";

    /** Directory of the signal partitions. */
    public static final String SIGNALS_DIR = "signals";

    /** Directory of the incident partitions. */
    public static final String INCIDENTS_DIR = "incidents";

    /** Suffix of every partition file. */
    public static final String PARTITION_SUFFIX = ".jsonl.gz";

    /** The note in every manifest. */
    public static final String NOTE =
            "SYNTHETIC demo and load data made by `lvds generate`: invented posts and incidents, not"
                    + " real ones. Use it to demonstrate and load-test the pipeline; never use it to"
                    + " measure accuracy or to train models. Every signal has platform \"synthetic\","
                    + " every id starts with \"syn-\", every incident summary says (synthetisch).";

    // Level 1 deflates ~3x faster than the default 6 and costs ~20% more bytes on this JSON;
    // the generator's job is volume, so speed wins.
    private static final int GZIP_LEVEL = Deflater.BEST_SPEED;
    private static final int BUFFER = 1 << 16;
    private static final List<String> RESOURCES =
            List.of("scenario.json", "texts.txt", "wijken.tsv", "places.tsv");

    /**
     * What to generate.
     *
     * @param from first local day (inclusive)
     * @param to last local day (inclusive)
     * @param perDay average signals per day
     * @param out output directory
     * @param seed seed of every random choice
     * @param threads days generated in parallel
     * @param force replace an archive already in {@code out}
     */
    public record Options(
            LocalDate from,
            LocalDate to,
            int perDay,
            Path out,
            long seed,
            int threads,
            boolean force) {

        /** Validates the options. */
        public Options {
            if (from == null || to == null || out == null) {
                throw new IllegalArgumentException("from, to and out are required");
            }
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("--to is before --from");
            }
            if (perDay < 1) {
                throw new IllegalArgumentException("--per-day must be at least 1");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1");
            }
        }

        /** Number of days in the range. */
        public int days() {
            return (int) (to.toEpochDay() - from.toEpochDay() + 1);
        }
    }

    /**
     * What was generated.
     *
     * @param out the archive directory
     * @param days days written
     * @param signals signals written
     * @param incidents incidents written
     * @param bursts copy-paste bursts
     * @param elapsed wall-clock time
     */
    public record Result(
            Path out, int days, long signals, long incidents, long bursts, Duration elapsed) {

        /** Signals written per second of wall-clock time. */
        public double signalsPerSecond() {
            double s = elapsed.toNanos() / 1e9;
            return s <= 0 ? 0 : signals / s;
        }
    }

    /** Told about every finished day (in completion order, from the calling thread). */
    @FunctionalInterface
    public interface Listener {
        /** A day's files are written. */
        void dayWritten(DayStats stats);
    }

    private final Scenario scenario;
    private final CityMap city;
    private final TextBank texts;
    private final Map<String, String> resourceHashes;
    private final String scenarioSource;

    /** A generator with the scenario, city map and templates shipped in this module. */
    public ArchiveGenerator() {
        this(
                Scenario.load(),
                CityMap.load(),
                TextBank.load(),
                shippedResourceHashes(),
                SHIPPED_SCENARIO);
    }

    /** A generator with a custom scenario (its manifest then lists no resource hashes). */
    public ArchiveGenerator(Scenario scenario, CityMap city, TextBank texts) {
        this(scenario, city, texts, Map.of(), "custom");
    }

    private ArchiveGenerator(
            Scenario scenario,
            CityMap city,
            TextBank texts,
            Map<String, String> hashes,
            String scenarioSource) {
        scenario.validate(city, texts);
        this.scenario = scenario;
        this.city = city;
        this.texts = texts;
        this.resourceHashes = hashes;
        this.scenarioSource = scenarioSource;
    }

    /**
     * A generator following the scenario in {@code file} with the shipped city map and templates;
     * the manifest names the file and lists its hash in place of the shipped scenario's.
     *
     * @throws ScenarioException listing every problem of the file, with field paths
     * @throws IOException when the file cannot be read
     */
    public static ArchiveGenerator withScenarioFile(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CityMap city = CityMap.load();
        TextBank texts = TextBank.load();
        Scenario scenario = Scenario.fromBytes(bytes, file.toString(), city, texts);
        Map<String, String> hashes = new LinkedHashMap<>();
        hashes.put(String.valueOf(file.getFileName()), sha256(bytes));
        shippedResourceHashes()
                .forEach(
                        (name, hash) -> {
                            if (!name.equals("scenario.json")) {
                                hashes.put(name, hash);
                            }
                        });
        return new ArchiveGenerator(scenario, city, texts, hashes, file.toString());
    }

    /** The scenario this generator follows. */
    public Scenario scenario() {
        return scenario;
    }

    /** A day generator for these options (e.g. for a live demo stream). */
    public DayGenerator dayGenerator(long seed, int perDay) {
        return new DayGenerator(scenario, city, texts, seed, perDay);
    }

    /**
     * Generates the archive.
     *
     * @throws FileAlreadyExistsException if {@code out} holds an archive and force is off
     */
    public Result generate(Options o, Listener listener) throws IOException {
        long t0 = System.nanoTime();
        prepare(o.out(), o.force());
        DayGenerator days = dayGenerator(o.seed(), o.perDay());
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool =
                Executors.newFixedThreadPool(
                        o.threads(),
                        r -> {
                            Thread t = new Thread(r, "generate-" + threadNo.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
        Map<LocalDate, DayStats> stats = new TreeMap<>();
        try {
            CompletionService<DayStats> done = new ExecutorCompletionService<>(pool);
            for (LocalDate d = o.from(); !d.isAfter(o.to()); d = d.plusDays(1)) {
                LocalDate day = d;
                done.submit(() -> writeDay(o.out(), days.generate(day)));
            }
            for (int i = 0; i < o.days(); i++) {
                DayStats s = done.take().get();
                stats.put(s.date(), s);
                listener.dayWritten(s);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
        List<DayStats> all = new ArrayList<>(stats.values());
        writeManifest(o, all);
        long signals = all.stream().mapToLong(DayStats::signals).sum();
        long incidents = all.stream().mapToLong(DayStats::incidents).sum();
        long bursts = all.stream().mapToLong(DayStats::bursts).sum();
        return new Result(
                o.out(),
                all.size(),
                signals,
                incidents,
                bursts,
                Duration.ofNanos(System.nanoTime() - t0));
    }

    /** The signal partition of a day. */
    public static Path signalsFile(Path out, LocalDate day) {
        return out.resolve(SIGNALS_DIR).resolve(day + PARTITION_SUFFIX);
    }

    /** The incident partition of a day. */
    public static Path incidentsFile(Path out, LocalDate day) {
        return out.resolve(INCIDENTS_DIR).resolve(day + PARTITION_SUFFIX);
    }

    private static void prepare(Path out, boolean force) throws IOException {
        Files.createDirectories(out);
        Path manifest = out.resolve(MANIFEST);
        Path signals = out.resolve(SIGNALS_DIR);
        Path incidents = out.resolve(INCIDENTS_DIR);
        boolean existing =
                Files.exists(manifest) || hasPartitions(signals) || hasPartitions(incidents);
        if (existing && !force) {
            throw new FileAlreadyExistsException(
                    out.toString(), null, "already holds an archive; use --force to replace it");
        }
        // Only our own files are removed: the manifest first, so a half-replaced archive never
        // looks complete, then the partitions.
        Files.deleteIfExists(manifest);
        for (Path dir : List.of(signals, incidents)) {
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> ds =
                        Files.newDirectoryStream(dir, "*" + PARTITION_SUFFIX)) {
                    for (Path p : ds) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(dir);
        }
    }

    private static boolean hasPartitions(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + PARTITION_SUFFIX)) {
            return ds.iterator().hasNext();
        }
    }

    private static DayStats writeDay(Path out, DayGenerator.DayBatch batch) throws IOException {
        writeLines(signalsFile(out, batch.day()), batch.signals(), LvdsJson::encodeSignal);
        writeLines(incidentsFile(out, batch.day()), batch.incidents(), LvdsJson::encodeIncident);
        return batch.stats();
    }

    private static <T> void writeLines(Path file, List<T> records, Function<T, byte[]> encode)
            throws IOException {
        // The buffer sits in front of the deflater: many small writes straight into a
        // GZIPOutputStream cost one native deflate call each. GZIPOutputStream writes mtime 0, so
        // equal content gives equal bytes.
        try (OutputStream out =
                new BufferedOutputStream(
                        new GZIPOutputStream(Files.newOutputStream(file), BUFFER) {
                            {
                                def.setLevel(GZIP_LEVEL);
                            }
                        },
                        BUFFER)) {
            for (T r : records) {
                out.write(encode.apply(r));
                out.write('\n');
            }
        }
    }

    private void writeManifest(Options o, List<DayStats> days) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("synthetic", true);
        m.put("note", NOTE);
        m.put("formatVersion", FORMAT_VERSION);
        Map<String, Object> generator = new LinkedHashMap<>();
        generator.put("name", "lvds generate");
        generator.put("version", GENERATOR_VERSION);
        m.put("generator", generator);
        m.put("seed", o.seed());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("from", o.from().toString());
        params.put("to", o.to().toString());
        params.put("perDay", o.perDay());
        params.put("timezone", DayGenerator.ZONE.getId());
        m.put("parameters", params);
        Map<String, Object> layout = new LinkedHashMap<>();
        layout.put("contractVersion", LvdsJson.VERSION);
        layout.put("signals", SIGNALS_DIR + "/YYYY-MM-DD" + PARTITION_SUFFIX);
        layout.put("incidents", INCIDENTS_DIR + "/YYYY-MM-DD" + PARTITION_SUFFIX);
        layout.put(
                "format",
                "gzip, UTF-8 JSON lines, one v1 record per line; partitioned by Europe/Amsterdam"
                        + " local date; signals sorted by ts");
        layout.put("platform", Signal.SYNTHETIC);
        m.put("layout", layout);
        if (!resourceHashes.isEmpty()) {
            m.put("resourcesSha256", resourceHashes);
        }

        Map<String, Integer> byTopic = new LinkedHashMap<>();
        byTopic.put(DayGenerator.NO_TOPIC, 0);
        Topic.ALL.forEach(t -> byTopic.put(t, 0));
        long signals = 0;
        long incidents = 0;
        long bursts = 0;
        long burstSignals = 0;
        List<Map<String, Object>> dayList = new ArrayList<>();
        for (DayStats d : days) {
            signals += d.signals();
            incidents += d.incidents();
            bursts += d.bursts();
            burstSignals += d.burstSignals();
            d.byTopic().forEach((k, v) -> byTopic.merge(k, v, Integer::sum));
            Map<String, Object> day = new LinkedHashMap<>();
            day.put("date", d.date().toString());
            day.put("signals", d.signals());
            day.put("incidents", d.incidents());
            day.put("bursts", d.bursts());
            day.put("burstSignals", d.burstSignals());
            day.put("intendedTopics", d.byTopic());
            day.put("events", d.events());
            dayList.add(day);
        }
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("days", days.size());
        totals.put("signals", signals);
        totals.put("incidents", incidents);
        totals.put("bursts", bursts);
        totals.put("burstSignals", burstSignals);
        totals.put("intendedTopics", byTopic);
        m.put("totals", totals);
        m.put(
                "intendedTopicsNote",
                "intendedTopics counts the topic the generator meant each post to have; it is"
                        + " bookkeeping for reviewers, not a label set and not ground truth.");
        m.put("events", eventsIn(o));
        m.put("days", dayList);

        // Ground truth (format 2): what the generator injected, for scoring alerts against it.
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("source", scenarioSource);
        if (SHIPPED_SCENARIO.equals(scenarioSource)) {
            source.put("sha256", resourceHashes.get("scenario.json"));
        } else if (!resourceHashes.isEmpty()) {
            source.put("sha256", resourceHashes.values().iterator().next());
        }
        m.put("scenario", source);
        m.put(
                "groundTruthNote",
                "events[].occurrences, bursts and routineIncidents list everything the generator"
                        + " injected, with local times (ISO-8601 with offset); `lvds score` scores"
                        + " alerts against them. An area \"*\" means city-wide.");
        List<Map<String, Object>> burstList = new ArrayList<>();
        List<Map<String, Object>> routineList = new ArrayList<>();
        for (DayStats d : days) {
            for (BurstTruth b : d.burstTruth()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("start", localTime(b.start()));
                x.put("end", localTime(b.end()));
                x.put("area", b.area());
                x.put("district", b.district());
                x.put("topic", b.topic());
                x.put("tension", Topic.TENSION_LEVELS.get(b.tension()));
                x.put("copies", b.copies());
                x.put("authors", b.authors());
                x.put("event", b.event());
                burstList.add(x);
            }
            for (Incident i : d.routine()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("id", i.id());
                x.put("ts", localTime(i.ts()));
                x.put("feed", i.feed());
                x.put("type", i.type());
                x.put("severity", i.severity());
                x.put("area", i.area());
                CityMap.Wijk w = city.wijk(i.area());
                x.put("district", w == null ? null : w.gebied());
                routineList.add(x);
            }
        }
        m.put("bursts", burstList);
        Map<String, Object> routine = new LinkedHashMap<>();
        routine.put("echoHours", scenario.routineIncidents().echoHours());
        routine.put("incidents", routineList);
        m.put("routineIncidents", routine);

        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        byte[] json = mapper.writeValueAsBytes(m);
        try (OutputStream out = Files.newOutputStream(o.out().resolve(MANIFEST))) {
            out.write(json);
            out.write('\n');
        }
    }

    private List<Map<String, Object>> eventsIn(Options o) {
        long rangeStart = o.from().atStartOfDay(DayGenerator.ZONE).toInstant().toEpochMilli();
        long rangeEnd =
                o.to().plusDays(1).atStartOfDay(DayGenerator.ZONE).toInstant().toEpochMilli();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Scenario.Event e : scenario.events()) {
            List<String> starts = new ArrayList<>();
            List<Map<String, Object>> occurrences = new ArrayList<>();
            List<LocalDateTime> startTimes = e.startTimes();
            for (int k = 0; k < startTimes.size(); k++) {
                ZonedDateTime z = startTimes.get(k).atZone(DayGenerator.ZONE);
                long s = z.toInstant().toEpochMilli();
                double lastIncident =
                        e.incidents().stream()
                                .mapToDouble(Scenario.IncidentSpec::offsetMinutes)
                                .max()
                                .orElse(0);
                long end =
                        s + (long) Math.max(e.durationHours() * 3_600_000, lastIncident * 60_000);
                if (s < rangeEnd && end >= rangeStart) {
                    starts.add(z.toOffsetDateTime().toString());
                    Map<String, Object> occ = new LinkedHashMap<>();
                    occ.put("index", k);
                    occ.put("start", localTime(s));
                    occ.put("end", localTime(s + (long) (e.durationHours() * 3_600_000)));
                    List<Map<String, Object>> incidents = new ArrayList<>();
                    for (int idx = 0; idx < e.incidents().size(); idx++) {
                        Scenario.IncidentSpec spec = e.incidents().get(idx);
                        long ts = s + (long) (spec.offsetMinutes() * 60_000);
                        if (ts < rangeStart || ts >= rangeEnd) {
                            continue;
                        }
                        Map<String, Object> inc = new LinkedHashMap<>();
                        inc.put("id", DayGenerator.eventIncidentId(e, k, idx, ts));
                        inc.put("ts", localTime(ts));
                        inc.put("type", spec.type());
                        inc.put("severity", spec.severity());
                        inc.put("area", spec.area());
                        incidents.add(inc);
                    }
                    occ.put("incidents", incidents);
                    occurrences.add(occ);
                }
            }
            if (!starts.isEmpty()) {
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put("id", e.id());
                ev.put("description", e.description());
                ev.put("starts", starts);
                ev.put("kind", e.kindOrDefault());
                ev.put("expectedLevel", e.expectedLevelOrDefault());
                ev.put("areas", e.areas().stream().map(Scenario.AreaWeight::area).toList());
                ev.put("topics", e.topics());
                ev.put("durationHours", e.durationHours());
                ev.put("occurrences", occurrences);
                out.add(ev);
            }
        }
        return out;
    }

    private static String localTime(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis)
                .atZone(DayGenerator.ZONE)
                .toOffsetDateTime()
                .toString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> shippedResourceHashes() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : RESOURCES) {
            try (InputStream in = ArchiveGenerator.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + name);
                }
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                out.put(name, HexFormat.of().formatHex(sha.digest(in.readAllBytes())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
