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
 * .jsonl.gz}). Lines that do not decode are skipped and counted.
 */
public final class FileBriefingSource implements BriefingSource {

    private final Path dir;
    private int skipped;

    /** A source over {@code dir}. */
    public FileBriefingSource(Path dir) {
        this.dir = dir;
    }

    @Override
    public BriefingInput read(Instant from, Instant to) {
        long f = from.toEpochMilli();
        long t = to.toEpochMilli();
        List<TensionIndicator> ind =
                readAll("indicators", LvdsJson::decodeIndicator).stream()
                        .filter(i -> i.windowEnd() > f && i.windowEnd() <= t)
                        .toList();
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
        return readAll("indicators", LvdsJson::decodeIndicator).stream()
                .map(i -> Instant.ofEpochMilli(i.windowEnd()))
                .max(Instant::compareTo)
                .orElseThrow(
                        () -> new IllegalArgumentException("no indicators.jsonl[.gz] in " + dir));
    }

    /** Lines that did not decode. */
    public int skipped() {
        return skipped;
    }

    private <T> List<T> readAll(String prefix, Function<byte[], Decoded<T>> decode) {
        List<T> out = new ArrayList<>();
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
                        out.add(ok.value());
                    } else {
                        skipped++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + p, e);
            }
        }
        return out;
    }
}
