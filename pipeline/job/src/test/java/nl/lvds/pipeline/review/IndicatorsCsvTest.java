package nl.lvds.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.lvds.models.event.TensionIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndicatorsCsvTest {

    private static final long HOUR = 3_600_000L;
    private static final long T = 1_709_827_200_000L; // 2024-03-07T16:00:00Z = 17:00 in Amsterdam

    @Test
    void shouldWriteHourlyDistrictRowsOnlyWithLocalAndUtcTime(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(IndicatorsCsv.FILE);
        try (IndicatorsCsv csv = new IndicatorsCsv(file)) {
            csv.add(
                    ParquetIndicatorsTest.published(
                            "Noord", "hate", T + HOUR, 25)); // district, on the hour
            csv.add(ParquetIndicatorsTest.published("Bergpolder", "hate", T + HOUR, 25)); // a wijk
            csv.add(
                    ParquetIndicatorsTest.published(
                            "Noord", "hate", T + HOUR + 900_000L, 25)); // a slide
            TensionIndicator day =
                    new TensionIndicator(
                            2,
                            "Noord",
                            "Noord",
                            "all",
                            T + HOUR - 86_400_000L,
                            T + HOUR,
                            90,
                            80,
                            70,
                            60,
                            20,
                            10,
                            12.5,
                            null,
                            null,
                            null,
                            0,
                            false,
                            "m-1");
            csv.add(day); // 24 h
            csv.add(
                    new TensionIndicator(
                            2,
                            "Oud, \"Zuid\"",
                            "Oud, \"Zuid\"",
                            "all",
                            T,
                            T + HOUR,
                            11,
                            null,
                            null,
                            5,
                            5,
                            1,
                            30.0,
                            null,
                            null,
                            null,
                            2,
                            false,
                            "m-1"));
            csv.add(
                    new TensionIndicator(
                            2, "Noord", "Noord", "all", T, T + HOUR, null, null, null, null, null,
                            null, null, null, null, null, 0, true, "m-1")); // suppressed
            assertThat(csv.rows()).isEqualTo(2);
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines)
                .containsExactly(
                        IndicatorsCsv.HEADER,
                        "2024-03-07 17:00,2024-03-07T16:00:00Z,Noord,hate,25,24,25,22,2,1,41.5,4.5,0.0123,2.17,1",
                        "2024-03-07 17:00,2024-03-07T16:00:00Z,\"Oud, \"\"Zuid\"\"\",all,11,,,5,5,1,30.0,,,,2");
        assertThat(IndicatorsCsv.split(lines.get(2)).get(2)).isEqualTo("Oud, \"Zuid\"");
    }
}
