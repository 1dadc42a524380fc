package nl.lvds.pipeline.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.Signal;

/** For tests: reads the partitions of a generated archive. */
final class ArchiveFiles {

    private ArchiveFiles() {}

    static List<String> lines(Path gz) {
        List<String> out = new ArrayList<>();
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(Files.newInputStream(gz)),
                                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                out.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<Signal> signals(Path out, LocalDate day) {
        List<Signal> list = new ArrayList<>();
        for (String line : lines(ArchiveGenerator.signalsFile(out, day))) {
            list.add(LvdsJson.decodeSignal(line).orThrow());
        }
        return list;
    }

    static List<Incident> incidents(Path out, LocalDate day) {
        List<Incident> list = new ArrayList<>();
        for (String line : lines(ArchiveGenerator.incidentsFile(out, day))) {
            list.add(LvdsJson.decodeIncident(line).orThrow());
        }
        return list;
    }

    /** Generates a small archive with the shipped scenario, one thread, no listener. */
    static ArchiveGenerator.Result generate(
            Path out, LocalDate from, LocalDate to, int perDay, long seed, int threads) {
        try {
            return new ArchiveGenerator()
                    .generate(
                            new ArchiveGenerator.Options(
                                    from, to, perDay, out, seed, threads, false),
                            day -> {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
