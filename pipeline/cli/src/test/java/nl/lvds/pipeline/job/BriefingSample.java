package nl.lvds.pipeline.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import nl.lvds.connectors.archive.ArchiveSources;
import nl.lvds.connectors.deadletter.DeadLetter;
import nl.lvds.dashboards.briefing.BriefingService;
import nl.lvds.dashboards.briefing.FileBriefingSource;
import nl.lvds.dashboards.briefing.RenderedBriefing;
import nl.lvds.dashboards.notify.NotifierConfig;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.TensionIndicator;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Makes the example briefing in docs/ from a generated archive: runs the real topology in BATCH
 * mode over the archive (as the review mode will), writes indicators.jsonl, alerts.jsonl and
 * incidents.jsonl, then renders the briefing for the 24 h before {@code --until} with {@link
 * FileBriefingSource}. Not a test: run by hand (see docs/notifier.md).
 *
 * <p>Usage: {@code BriefingSample ARCHIVE FROM TO OUTDIR UNTIL BASE}
 */
public final class BriefingSample {

    private BriefingSample() {}

    /** Collects into a static queue: one JVM, a local MiniCluster. */
    static final class Collect<T> implements Sink<T> {
        private static final long serialVersionUID = 1L;
        static final Queue<Object> INDICATORS = new ConcurrentLinkedQueue<>();
        static final Queue<Object> ALERTS = new ConcurrentLinkedQueue<>();
        private final boolean alerts;

        Collect(boolean alerts) {
            this.alerts = alerts;
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            Queue<Object> q = alerts ? ALERTS : INDICATORS;
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context ctx) {
                    q.add(element);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }

    /** Discards dead letters. */
    static final class Discard implements Sink<DeadLetter> {
        private static final long serialVersionUID = 1L;

        @Override
        public SinkWriter<DeadLetter> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(DeadLetter element, Context ctx) {}

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        Path archive = Path.of(args[0]);
        LocalDate from = LocalDate.parse(args[1]);
        LocalDate to = LocalDate.parse(args[2]);
        Path out = Path.of(args[3]);
        Instant until = Instant.parse(args[4]);
        Path base = Path.of(args[5]);
        Files.createDirectories(out);

        LvdsConfig cfg = LvdsConfig.defaults();
        TensionTopology.Settings s = TensionTopology.Settings.from(cfg);
        // The generator's signals carry the platform "synthetic": declare it, as the ITCases do.
        TensionTopology.Settings settings =
                s.withDeclaredSources(java.util.Set.of("synthetic"), java.util.Set.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(2);
        new TensionTopology(
                        settings,
                        ArchiveSources.signals(List.of(archive), from, to),
                        List.of(ArchiveSources.incidents(List.of(archive), from, to)),
                        new Collect<TensionIndicator>(false),
                        new Collect<Alert>(true),
                        new Discard())
                .addTo(env);
        long t0 = System.nanoTime();
        env.execute("briefing-sample");
        System.err.printf(
                "topology: %d indicators, %d alerts in %.1f s%n",
                Collect.INDICATORS.size(), Collect.ALERTS.size(), (System.nanoTime() - t0) / 1e9);

        write(
                out.resolve("indicators.jsonl"),
                Collect.INDICATORS,
                o -> LvdsJson.encodeIndicator((TensionIndicator) o));
        write(out.resolve("alerts.jsonl"), Collect.ALERTS, o -> LvdsJson.encodeAlert((Alert) o));
        // Incidents as they are in the archive (the public feed contract).
        List<String> incidents = new ArrayList<>();
        try (Stream<Path> files = Files.list(archive.resolve(ArchiveSources.INCIDENTS))) {
            for (Path p : files.sorted().toList()) {
                try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(p))) {
                    incidents.addAll(
                            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
                }
            }
        }
        Files.write(out.resolve("incidents.jsonl"), incidents, StandardCharsets.UTF_8);

        NotifierConfig nc = NotifierConfig.parse("timeZone: Europe/Amsterdam\n", "sample");
        BriefingService service = new BriefingService(nc, new FileBriefingSource(out), null, null);
        RenderedBriefing rb = service.produce(until.minus(Duration.ofHours(24)), until, "nl");
        rb.write(base);
        System.err.println(rb.subject() + " -> " + base);
    }

    private static void write(Path file, Queue<Object> q, Function<Object, byte[]> enc)
            throws IOException {
        List<String> lines = new ArrayList<>();
        for (Object o : q) {
            lines.add(new String(enc.apply(o), StandardCharsets.UTF_8));
        }
        lines.sort(null);
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
