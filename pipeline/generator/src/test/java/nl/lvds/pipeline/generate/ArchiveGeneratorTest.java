package nl.lvds.pipeline.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import nl.lvds.models.codec.Decoded;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveGeneratorTest {

    // 31 March 2024 is the 23-hour DST day: it must partition and rhythm correctly too.
    private static final LocalDate FROM = LocalDate.of(2024, 3, 30);
    private static final LocalDate TO = LocalDate.of(2024, 4, 1);

    @TempDir Path tmp;

    @Test
    void shouldWriteByteIdenticalArchivesForTheSameSeedWhateverTheThreadCount() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        ArchiveFiles.generate(a, FROM, TO, 400, 7, 1);
        ArchiveFiles.generate(b, FROM, TO, 400, 7, 2);

        Map<String, byte[]> filesA = allFiles(a);
        Map<String, byte[]> filesB = allFiles(b);
        assertThat(filesA.keySet())
                .containsExactlyElementsOf(filesB.keySet())
                .contains(
                        "archive.json",
                        "signals/2024-03-30.jsonl.gz",
                        "signals/2024-03-31.jsonl.gz",
                        "signals/2024-04-01.jsonl.gz",
                        "incidents/2024-04-01.jsonl.gz");
        filesA.forEach((name, bytes) -> assertThat(filesB.get(name)).as(name).isEqualTo(bytes));
    }

    @Test
    void shouldWriteDifferentArchivesForDifferentSeeds() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        ArchiveFiles.generate(a, FROM, FROM, 400, 7, 1);
        ArchiveFiles.generate(b, FROM, FROM, 400, 8, 1);

        List<String> textsA = ArchiveFiles.signals(a, FROM).stream().map(Signal::text).toList();
        List<String> textsB = ArchiveFiles.signals(b, FROM).stream().map(Signal::text).toList();
        assertThat(textsA).isNotEqualTo(textsB);
        assertThat(Files.readAllBytes(ArchiveGenerator.signalsFile(a, FROM)))
                .isNotEqualTo(Files.readAllBytes(ArchiveGenerator.signalsFile(b, FROM)));
    }

    @Test
    void shouldDecodeEveryLineAsAValidV1Record() {
        ArchiveFiles.generate(tmp, FROM, TO, 500, 1, 2);

        int signals = 0;
        int incidents = 0;
        for (LocalDate d = FROM; !d.isAfter(TO); d = d.plusDays(1)) {
            for (String line : ArchiveFiles.lines(ArchiveGenerator.signalsFile(tmp, d))) {
                Decoded<Signal> decoded = LvdsJson.decodeSignal(line);
                assertThat(decoded.errorOrNull()).as(line).isNull();
                assertThat(((Decoded.Ok<Signal>) decoded).droppedIdentityFields()).isZero();
                signals++;
            }
            for (String line : ArchiveFiles.lines(ArchiveGenerator.incidentsFile(tmp, d))) {
                assertThat(LvdsJson.decodeIncident(line).errorOrNull()).as(line).isNull();
                incidents++;
            }
        }
        assertThat(signals).isGreaterThan(1000);
        assertThat(incidents).isPositive();
    }

    @Test
    void shouldMarkEveryRecordAsSynthetic() throws IOException {
        ArchiveFiles.generate(tmp, FROM, TO, 300, 1, 1);

        for (LocalDate d = FROM; !d.isAfter(TO); d = d.plusDays(1)) {
            assertThat(ArchiveFiles.signals(tmp, d))
                    .allSatisfy(
                            s -> {
                                assertThat(s.platform()).isEqualTo(Signal.SYNTHETIC);
                                assertThat(s.id()).startsWith("syn-");
                            });
            assertThat(ArchiveFiles.incidents(tmp, d))
                    .allSatisfy(
                            i -> {
                                assertThat(i.id()).startsWith("syn-");
                                assertThat(i.summary()).contains("(synthetisch)");
                            });
        }
        JsonNode manifest = new ObjectMapper().readTree(tmp.resolve("archive.json").toFile());
        assertThat(manifest.get("synthetic").asBoolean()).isTrue();
        assertThat(manifest.get("note").asText()).contains("SYNTHETIC").contains("never");
        assertThat(manifest.get("generator").get("version").asText())
                .isEqualTo(ArchiveGenerator.GENERATOR_VERSION);
        assertThat(manifest.get("seed").asLong()).isEqualTo(1);
        assertThat(manifest.get("parameters").get("perDay").asInt()).isEqualTo(300);
    }

    @Test
    void shouldPartitionByLocalDayWithSignalsSortedByTime() throws IOException {
        ArchiveGenerator.Result r = ArchiveFiles.generate(tmp, FROM, TO, 400, 3, 2);

        long total = 0;
        for (LocalDate d = FROM; !d.isAfter(TO); d = d.plusDays(1)) {
            LocalDate day = d;
            List<Signal> signals = ArchiveFiles.signals(tmp, d);
            assertThat(signals)
                    .allSatisfy(s -> assertThat(DayGenerator.localDate(s.ts())).isEqualTo(day));
            assertThat(signals).isSortedAccordingTo((x, y) -> Long.compare(x.ts(), y.ts()));
            assertThat(ArchiveFiles.incidents(tmp, d))
                    .allSatisfy(i -> assertThat(DayGenerator.localDate(i.ts())).isEqualTo(day))
                    .isSortedAccordingTo((x, y) -> Long.compare(x.ts(), y.ts()));
            total += signals.size();
        }
        assertThat(total).isEqualTo(r.signals());
        JsonNode manifest = new ObjectMapper().readTree(tmp.resolve("archive.json").toFile());
        assertThat(manifest.get("totals").get("signals").asLong()).isEqualTo(total);
        assertThat(manifest.get("days")).hasSize(3);
        assertThat(manifest.get("days").get(1).get("date").asText()).isEqualTo("2024-03-31");
    }

    @Test
    void shouldRefuseToOverwriteAnArchiveUnlessForced() throws IOException {
        ArchiveFiles.generate(tmp, FROM, TO, 100, 1, 1);
        ArchiveGenerator gen = new ArchiveGenerator();

        assertThatThrownBy(
                        () ->
                                gen.generate(
                                        new ArchiveGenerator.Options(
                                                FROM, FROM, 100, tmp, 1, 1, false),
                                        d -> {}))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("--force");

        gen.generate(new ArchiveGenerator.Options(FROM, FROM, 100, tmp, 2, 1, true), d -> {});
        try (Stream<Path> files = Files.list(tmp.resolve(ArchiveGenerator.SIGNALS_DIR))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactly("2024-03-30.jsonl.gz");
        }
        String manifest = Files.readString(tmp.resolve("archive.json"), StandardCharsets.UTF_8);
        assertThat(manifest).contains("\"seed\" : 2");
    }

    @Test
    void shouldRecordEveryInjectedBurstIncidentAndEventSpanAsGroundTruth() throws IOException {
        // 6-8 March 2024 holds the Schammenkamp explosion (7 March 17:31, 54 h, 3 event bursts a
        // day at full intensity) and the 2024 background shift.
        LocalDate from = LocalDate.of(2024, 3, 6);
        LocalDate to = LocalDate.of(2024, 3, 8);
        ArchiveFiles.generate(tmp, from, to, 2000, 3, 2);
        JsonNode m = new ObjectMapper().readTree(tmp.resolve("archive.json").toFile());

        assertThat(m.path("formatVersion").asInt()).isEqualTo(ArchiveGenerator.FORMAT_VERSION);
        assertThat(m.path("scenario").path("source").asText()).isEqualTo("shipped");

        // Every burst is listed, with as many copies as the totals count burst signals.
        JsonNode bursts = m.path("bursts");
        assertThat(bursts.size()).isEqualTo(m.path("totals").path("bursts").asInt()).isPositive();
        int copies = 0;
        for (JsonNode b : bursts) {
            copies += b.path("copies").asInt();
            assertThat(b.path("authors").asInt()).isEqualTo(b.path("copies").asInt());
            assertThat(b.path("end").asText().compareTo(b.path("start").asText()))
                    .isGreaterThanOrEqualTo(0);
        }
        assertThat(copies).isEqualTo(m.path("totals").path("burstSignals").asInt());

        // Routine incidents plus the events' own incidents are every incident written.
        List<String> written = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            ArchiveFiles.incidents(tmp, d).forEach(i -> written.add(i.id()));
        }
        List<String> truth = new ArrayList<>();
        m.path("routineIncidents").path("incidents").forEach(i -> truth.add(i.path("id").asText()));
        for (JsonNode e : m.path("events")) {
            for (JsonNode o : e.path("occurrences")) {
                o.path("incidents").forEach(i -> truth.add(i.path("id").asText()));
            }
        }
        assertThat(truth).containsExactlyInAnyOrderElementsOf(written);

        JsonNode explosion = null;
        for (JsonNode e : m.path("events")) {
            if (e.path("id").asText().equals("schammenkamp-2024")) {
                explosion = e;
            }
        }
        assertThat(explosion).isNotNull();
        assertThat(explosion.path("kind").asText()).isEqualTo("explosion");
        assertThat(explosion.path("expectedLevel").asText()).isEqualTo("critical");
        assertThat(explosion.path("areas").toString())
                .isEqualTo("[\"Tarwewijk\",\"Charlois\",\"*\"]");
        JsonNode occ = explosion.path("occurrences").get(0);
        assertThat(occ.path("start").asText()).isEqualTo("2024-03-07T17:31+01:00");
        assertThat(occ.path("end").asText()).isEqualTo("2024-03-09T23:31+01:00");
        assertThat(bursts.findValuesAsText("event")).contains("schammenkamp-2024");
    }

    @Test
    void shouldGenerateFromAScenarioFileAndNameItInTheManifest() throws IOException {
        Path file = Path.of("../../config/scenarios/second.json");
        ArchiveGenerator g = ArchiveGenerator.withScenarioFile(file);
        LocalDate day = LocalDate.of(2025, 2, 14); // the Hoogvliet explosion, 21:12
        g.generate(new ArchiveGenerator.Options(day, day, 1000, tmp, 11, 1, false), d -> {});
        JsonNode m = new ObjectMapper().readTree(tmp.resolve("archive.json").toFile());
        assertThat(m.path("scenario").path("source").asText()).isEqualTo(file.toString());
        List<String> events = new ArrayList<>();
        m.path("events").forEach(e -> events.add(e.path("id").asText()));
        assertThat(events).containsExactly("explosion-hoogvliet-2025");
        assertThat(ArchiveFiles.incidents(tmp, day))
                .extracting(nl.lvds.models.event.Incident::id)
                .contains("syn-hoogvliet-20250214-explosion");
    }

    private static Map<String, byte[]> allFiles(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path p : files) {
            out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
        }
        return out;
    }
}
