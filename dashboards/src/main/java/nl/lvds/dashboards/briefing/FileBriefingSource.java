package nl.lvds.dashboards.briefing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import nl.lvds.models.codec.Decoded;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.TensionIndicator;

/**
 * Reads a briefing's input from a directory as the review mode writes it: {@code indicators.jsonl},
 * {@code alerts.jsonl} and, when present, {@code incidents*.jsonl} (each may be gzipped, {@code
 * .jsonl.gz}). Lines that do not decode are skipped and counted. A review folder without {@code
 * indicators.jsonl} (output format 2: Parquet) is read with an indicator reader given by the
 * caller.
 */
public final class FileBriefingSource implements BriefingSource {

    private final Path dir;
    private final Consumer<Consumer<TensionIndicator>> indicators;
    private int skipped;

    /** A source over {@code dir}, indicators from its {@code indicators*.jsonl[.gz]}. */
    public FileBriefingSource(Path dir) {
        this.dir = dir;
        this.indicators = sink -> forEachLine("indicators", LvdsJson::decodeIndicator, sink);
    }

    /**
     * A source over {@code dir} whose indicators come from {@code indicators}, which hands every
     * indicator of the folder to the consumer it is given.
     */
    public FileBriefingSource(Path dir, Consumer<Consumer<TensionIndicator>> indicators) {
        this.dir = dir;
        this.indicators = indicators;
    }

    @Override
    public BriefingInput read(Instant from, Instant to) {
        long f = from.toEpochMilli();
        long t = to.toEpochMilli();
        List<TensionIndicator> ind = new ArrayList<>();
        indicators.accept(
                i -> {
                    if (i.windowEnd() > f && i.windowEnd() <= t) {
                        ind.add(i);
                    }
                });
        List<Alert> alerts =
                readAll("alerts", LvdsJson::decodeAlert).stream()
                        .filter(a -> a.raisedAt() > f - LOOKBACK_MS && a.raisedAt() <= t)
                        .toList();
        List<Incident> inc =
                readAll("incidents", LvdsJson::decodeIncident).stream()
                        .filter(i -> i.ts() > f && i.ts() <= t)
                        .toList();
        return new BriefingInput(ind, alerts, inc);
    }

    /** The latest indicator window end in the files, to end a period when none is given. */
    public Instant latestWindowEnd() {
        long[] max = {Long.MIN_VALUE};
        indicators.accept(i -> max[0] = Math.max(max[0], i.windowEnd()));
        if (max[0] == Long.MIN_VALUE) {
            throw new IllegalArgumentException("no indicators in " + dir);
        }
        return Instant.ofEpochMilli(max[0]);
    }

    /** Lines that did not decode. */
    public int skipped() {
        return skipped;
    }

    private <T> List<T> readAll(String prefix, Function<byte[], Decoded<T>> decode) {
        List<T> out = new ArrayList<>();
        forEachLine(prefix, decode, out::add);
        return out;
    }

    private <T> void forEachLine(
            String prefix, Function<byte[], Decoded<T>> decode, Consumer<T> out) {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files =
                    s.filter(
                                    p -> {
                                        String n = p.getFileName().toString();
                                        return n.startsWith(prefix)
                                                && (n.endsWith(".jsonl")
                                                        || n.endsWith(".jsonl.gz"));
                                    })
                            .sorted()
                            .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        for (Path p : files) {
            try (InputStream raw = Files.newInputStream(p);
                    InputStream in = p.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                    BufferedReader r =
                            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    Decoded<T> d = decode.apply(line.getBytes(StandardCharsets.UTF_8));
                    if (d instanceof Decoded.Ok<T> ok) {
                        out.accept(ok.value());
                    } else {
                        skipped++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + p, e);
            }
        }
    }
}
