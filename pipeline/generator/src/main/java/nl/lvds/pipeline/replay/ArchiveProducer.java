package nl.lvds.pipeline.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Replays an archive in the generator's layout ({@code signals/YYYY-MM-DD.jsonl.gz}, {@code
 * incidents/YYYY-MM-DD.jsonl.gz}) into Kafka topics, day by day, lines sent as they are (bad lines
 * included: the job's dead-letter routing is what handles them). For demos, tests and load; the
 * archive is synthetic, so nothing personal passes through here.
 */
public final class ArchiveProducer {

    /** Counts of what was sent. */
    public record Result(long signals, long incidents, int days, double seconds) {
        /** Records per second. */
        public double rate() {
            return (signals + incidents) / Math.max(seconds, 1e-9);
        }
    }

    private final String bootstrap;
    private final String signalsTopic;
    private final String incidentsTopic;

    public ArchiveProducer(String bootstrap, String signalsTopic, String incidentsTopic) {
        this.bootstrap = bootstrap;
        this.signalsTopic = signalsTopic;
        this.incidentsTopic = incidentsTopic;
    }

    /** The days in [from, to] that have a signals or incidents file, in order. */
    public static List<LocalDate> days(Path archive, LocalDate from, LocalDate to)
            throws IOException {
        List<LocalDate> days = new ArrayList<>();
        for (String kind : List.of("signals", "incidents")) {
            Path dir = archive.resolve(kind);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (!name.endsWith(".jsonl.gz")) {
                        continue;
                    }
                    LocalDate d =
                            LocalDate.parse(
                                    name.substring(0, name.length() - ".jsonl.gz".length()));
                    if (!d.isBefore(from) && !d.isAfter(to) && !days.contains(d)) {
                        days.add(d);
                    }
                }
            }
        }
        days.sort(null);
        return days;
    }

    /**
     * Sends every line of the selected days; {@code progress} receives the running record count.
     */
    public Result send(Path archive, LocalDate from, LocalDate to, LongConsumer progress)
            throws IOException {
        if (!Files.isDirectory(archive.resolve("signals"))
                && !Files.isDirectory(archive.resolve("incidents"))) {
            throw new IOException("not an archive (no signals/ or incidents/ folder): " + archive);
        }
        List<LocalDate> days = days(archive, from, to);
        long t0 = System.nanoTime();
        long[] counts = new long[2];
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("linger.ms", "20");
        p.put("batch.size", "262144");
        p.put("compression.type", "lz4");
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (LocalDate d : days) {
                // incidents first: a day's incidents are few and linking needs them in time
                counts[1] +=
                        sendFile(
                                producer,
                                archive.resolve("incidents/" + d + ".jsonl.gz"),
                                incidentsTopic);
                counts[0] +=
                        sendFile(
                                producer,
                                archive.resolve("signals/" + d + ".jsonl.gz"),
                                signalsTopic);
                progress.accept(counts[0] + counts[1]);
            }
            producer.flush();
        }
        return new Result(counts[0], counts[1], days.size(), (System.nanoTime() - t0) / 1e9);
    }

    private static long sendFile(KafkaProducer<byte[], byte[]> producer, Path file, String topic)
            throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long n = 0;
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(Files.newInputStream(file), 1 << 16),
                                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isEmpty()) {
                    producer.send(
                            new ProducerRecord<>(topic, line.getBytes(StandardCharsets.UTF_8)));
                    n++;
                }
            }
        }
        return n;
    }
}
