package nl.lvds.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nl.lvds.models.event.TensionIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoverageTest {

    private static final long DAY = 86_400_000L;
    private static final long HOUR = 3_600_000L;
    private static final long D0 = LocalDate.parse("2024-03-30").toEpochDay() * DAY;

    @Test
    void shouldCountPublishedAndSuppressedPerCellWindowAndDay(@TempDir Path dir) throws Exception {
        Coverage c = new Coverage();
        // Noord/hate, 1 h: day 1 has suppressed windows ending 00:15 and 24:00, one published
        c.suppressed("Noord", "Noord", "hate", D0 + 15 * 60_000L - HOUR, D0 + 15 * 60_000L);
        c.suppressed("Noord", "Noord", "hate", D0 + DAY - HOUR, D0 + DAY);
        c.published("Noord", "Noord", "hate", D0, D0 + HOUR);
        // day 2, 24 h window ending at 01:00
        c.suppressed("Noord", "Noord", "hate", D0 + HOUR, D0 + DAY + HOUR);
        c.published("city", "city", "all", D0 + HOUR, D0 + DAY + HOUR);
        Path file = dir.resolve(Coverage.FILE);
        c.write(file);

        List<String> lines;
        try (var in =
                new java.io.BufferedReader(
                        new java.io.InputStreamReader(
                                new java.util.zip.GZIPInputStream(Files.newInputStream(file)),
                                java.nio.charset.StandardCharsets.UTF_8))) {
            lines = in.lines().toList();
        }
        assertThat(lines)
                .containsExactly(
                        Coverage.HEADER,
                        "2024-03-30,1h,Noord,Noord,hate,1,2,800000000000000000000001",
                        "2024-03-31,24h,Noord,Noord,hate,0,1,100000000000000000000000",
                        "2024-03-31,24h,city,city,all,1,0,000000000000000000000000");
        assertThat(c.suppressed()).isEqualTo(3);
        assertThat(c.published()).isEqualTo(2);
        assertThat(c.suppressedByWindow()).isEqualTo(Map.of("1h", 2L, "24h", 1L));
    }

    @Test
    void shouldRestoreTheSuppressedWindowsItMarked(@TempDir Path dir) {
        Random r = new Random(5);
        Coverage c = new Coverage();
        List<String> marked = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            long end = D0 + (1 + r.nextInt(3 * 96)) * 15 * 60_000L;
            long length = r.nextBoolean() ? HOUR : DAY;
            String area = r.nextBoolean() ? "Oud, \"Noord\"" : "Charlois";
            String key = area + "|" + length + "|" + end;
            if (marked.contains(key)) {
                continue;
            }
            marked.add(key);
            c.suppressed(area, "Noord", "hate", end - length, end);
        }
        Path file = dir.resolve(Coverage.FILE);
        c.write(file);
        List<String> restored = new ArrayList<>();
        try (Coverage.SuppressedReader in = new Coverage.SuppressedReader(file)) {
            for (var day = in.nextDay(); day != null; day = in.nextDay()) {
                for (Coverage.SuppressedWindow w : day) {
                    restored.add(
                            w.area()
                                    + "|"
                                    + (w.windowEnd() - w.windowStart())
                                    + "|"
                                    + w.windowEnd());
                    assertThat(w.district()).isEqualTo("Noord");
                }
            }
        }
        assertThat(restored).containsExactlyInAnyOrderElementsOf(marked);
        assertThat(c.suppressed()).isEqualTo(marked.size());
    }

    @Test
    void shouldReadPublishedAndRestoredSuppressedIndicatorsInTheReviewsOrder(@TempDir Path dir)
            throws Exception {
        List<TensionIndicator> all = new ArrayList<>();
        String[] areas = {"Noord", "Noord Oost", "city"};
        for (int slot = 1; slot <= 200; slot++) {
            for (String area : areas) {
                long end = D0 + slot * 15 * 60_000L;
                boolean suppressed = (slot + area.length()) % 3 != 0;
                all.add(
                        suppressed
                                ? new TensionIndicator(
                                        2,
                                        area,
                                        area,
                                        "hate",
                                        end - HOUR,
                                        end,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        0,
                                        true,
                                        "m-2")
                                : ParquetIndicatorsTest.published(area, "hate", end, 20 + slot));
            }
        }
        all.sort(java.util.Comparator.comparing(ReviewJob::indicatorKey));
        Coverage c = new Coverage();
        try (ParquetIndicators.Writer w =
                new ParquetIndicators.Writer(dir.resolve(ParquetIndicators.FILE), Map.of())) {
            for (TensionIndicator t : all) {
                if (t.suppressed()) {
                    c.suppressed(t.area(), t.district(), t.topic(), t.windowStart(), t.windowEnd());
                } else {
                    c.published(t.area(), t.district(), t.topic(), t.windowStart(), t.windowEnd());
                    w.write(t);
                }
            }
        }
        c.write(dir.resolve(Coverage.FILE));
        Files.writeString(dir.resolve("manifest.json"), "{\"modelVersion\":\"m-2\"}");

        List<TensionIndicator> read = new ArrayList<>();
        ReviewIndicators.forEach(dir, read::add);

        assertThat(read).isEqualTo(all);
    }
}
