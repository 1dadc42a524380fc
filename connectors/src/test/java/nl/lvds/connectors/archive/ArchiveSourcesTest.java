package nl.lvds.connectors.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.lvds.connectors.deadletter.DeadLetter;
import nl.lvds.connectors.inbound.InboundIncident;
import nl.lvds.connectors.inbound.InboundSignal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveSourcesTest {

    private static final LocalDate MAY_1 = LocalDate.of(2024, 5, 1);
    private static final LocalDate MAY_2 = LocalDate.of(2024, 5, 2);

    @TempDir Path tmp;
    Path root;

    @BeforeEach
    void setUp() throws IOException {
        root = TestArchive.write(tmp.resolve("archive"));
    }

    static org.apache.flink.core.fs.Path flink(Path p) {
        return new org.apache.flink.core.fs.Path(p.toUri());
    }

    static List<String> names(List<org.apache.flink.core.fs.Path> paths) {
        return paths.stream().map(p -> p.getParent().getName() + "/" + p.getName()).toList();
    }

    static <T> List<T> readAll(BulkFormat<T, FileSourceSplit> format, Path file)
            throws IOException {
        long len = Files.size(file);
        FileSourceSplit split = new FileSourceSplit("0", flink(file), 0, len, 0, len);
        List<T> out = new ArrayList<>();
        try (BulkFormat.Reader<T> reader = format.createReader(new Configuration(), split)) {
            BulkFormat.RecordIterator<T> batch;
            while ((batch = reader.readBatch()) != null) {
                RecordAndPosition<T> r;
                while ((r = batch.next()) != null) {
                    out.add(r.getRecord());
                }
                batch.releaseBatch();
            }
        }
        return out;
    }

    @Test
    void shouldSelectFilesOfOneKindWithinTheDateRange() {
        assertThat(names(ArchiveFiles.select(List.of(flink(root)), "signals", MAY_1, MAY_2)))
                .containsExactly("signals/2024-05-01.jsonl.gz", "signals/2024-05-02.jsonl.gz");
        assertThat(names(ArchiveFiles.select(List.of(flink(root)), "signals", MAY_2, MAY_2)))
                .containsExactly("signals/2024-05-02.jsonl.gz");
        assertThat(names(ArchiveFiles.select(List.of(flink(root)), "incidents", MAY_1, MAY_2)))
                .containsExactly("incidents/2024-05-01.jsonl.gz");
        assertThat(
                        ArchiveFiles.select(
                                List.of(flink(root)),
                                "signals",
                                LocalDate.of(2023, 1, 1),
                                LocalDate.of(2023, 12, 31)))
                .isEmpty();
    }

    @Test
    void shouldAcceptKindDirectoriesAndSingleFilesOfTheRightKind() {
        Path day1 = root.resolve("signals/2024-05-01.jsonl.gz");
        Path day0 = root.resolve("signals/2024-04-30.jsonl.gz");
        Path incidents = root.resolve("incidents/2024-05-01.jsonl.gz");
        assertThat(
                        names(
                                ArchiveFiles.select(
                                        List.of(flink(root.resolve("signals"))),
                                        "signals",
                                        MAY_1,
                                        MAY_1)))
                .containsExactly("signals/2024-05-01.jsonl.gz");
        assertThat(
                        names(
                                ArchiveFiles.select(
                                        List.of(flink(day1), flink(day0), flink(incidents)),
                                        "signals",
                                        MAY_1,
                                        MAY_2)))
                .containsExactly("signals/2024-05-01.jsonl.gz");
        // the same input twice yields the file once
        assertThat(ArchiveFiles.select(List.of(flink(root), flink(day1)), "signals", MAY_1, MAY_1))
                .hasSize(1);
    }

    @Test
    void shouldFailOnAMissingInput() {
        assertThatThrownBy(
                        () ->
                                ArchiveFiles.select(
                                        List.of(flink(tmp.resolve("typo"))),
                                        "signals",
                                        MAY_1,
                                        MAY_1))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void shouldReadDateFromFileNames() {
        assertThat(ArchiveFiles.dateOf("2024-05-01.jsonl.gz")).isEqualTo(MAY_1);
        assertThat(ArchiveFiles.dateOf("2024-05-01.jsonl")).isEqualTo(MAY_1);
        assertThat(ArchiveFiles.dateOf("2024-02-30.jsonl.gz")).isNull();
        assertThat(ArchiveFiles.dateOf("manifest.json")).isNull();
        assertThat(ArchiveFiles.dateOf(".2024-05-01.jsonl.gz.crc")).isNull();
    }

    @Test
    void shouldDecodeGzipLinesAndDeadLetterBadOnesWithTheirLineNumbers() throws IOException {
        Path day1 = root.resolve("signals/2024-05-01.jsonl.gz");
        List<InboundSignal> records =
                readAll(
                        new ArchiveFormat<>(
                                new ArchiveSources.SignalLines(),
                                TypeInformation.of(InboundSignal.class)),
                        day1);
        assertThat(records).hasSize(6); // 7 lines, one blank
        assertThat(records.stream().filter(r -> r.signal() != null).map(r -> r.signal().id()))
                .containsExactly("s-1", "s-2", "s-4");
        assertThat(records.get(2).droppedIdentityFields()).isEqualTo(1);
        List<DeadLetter> dead =
                records.stream().map(InboundSignal::deadLetter).filter(d -> d != null).toList();
        assertThat(dead)
                .extracting(DeadLetter::offset, DeadLetter::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3L, "malformed_json"),
                        org.assertj.core.groups.Tuple.tuple(5L, "missing_field"),
                        org.assertj.core.groups.Tuple.tuple(6L, "invalid_utf8"));
        assertThat(dead)
                .allSatisfy(
                        d -> {
                            assertThat(d.source()).isEqualTo("archive:2024-05-01.jsonl.gz");
                            assertThat(d.partition()).isEqualTo(-1);
                            assertThat(d.contract()).isEqualTo("signal");
                            assertThat(d.toString())
                                    .doesNotContain("kanarie")
                                    .doesNotContain("Schammenkamp");
                        });
        assertThat(dead.get(1).field()).isEqualTo("text");
    }

    @Test
    void shouldDecodeIncidentLines() throws IOException {
        List<InboundIncident> records =
                readAll(
                        new ArchiveFormat<>(
                                new ArchiveSources.IncidentLines(),
                                TypeInformation.of(InboundIncident.class)),
                        root.resolve("incidents/2024-05-01.jsonl.gz"));
        assertThat(records).hasSize(2);
        assertThat(records.get(0).incident().id()).isEqualTo("i-1");
        assertThat(records.get(1).deadLetter())
                .isEqualTo(
                        new DeadLetter(
                                "wrong_type",
                                "severity",
                                "archive:2024-05-01.jsonl.gz",
                                -1,
                                2L,
                                "{\"v\":1,\"id\":\"i-2\",\"feed\":\"p2000\","
                                        + "\"ts\":\"2024-05-01T10:00:00Z\",\"type\":\"fire\","
                                        + "\"severity\":<string 4>}",
                                "incident"));
    }

    @Test
    void shouldDeadLetterOversizedLinesWithoutHoldingThem() throws IOException {
        Path file = tmp.resolve("big/signals/2024-05-01.jsonl");
        Files.createDirectories(file.getParent());
        String huge = "{\"text\":\"" + "a".repeat(100_000) + "\"}";
        Files.writeString(file, huge + "\n" + TestArchive.signal("s-9", "2024-05-01", "") + "\n");
        List<InboundSignal> records =
                readAll(
                        new ArchiveFormat<>(
                                new ArchiveSources.SignalLines(),
                                TypeInformation.of(InboundSignal.class)),
                        file);
        assertThat(records).hasSize(2);
        assertThat(records.get(0).deadLetter().reason()).isEqualTo("oversized_record");
        assertThat(records.get(0).deadLetter().excerpt()).isEqualTo("<bytes 65536>");
        assertThat(records.get(1).signal().id()).isEqualTo("s-9");
    }

    @Test
    void shouldRefuseAnEmptyInputListOrAnInvertedRange() {
        assertThatThrownBy(() -> ArchiveSources.signals(List.of(), MAY_1, MAY_2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArchiveSources.signals(List.of(root), MAY_2, MAY_1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
