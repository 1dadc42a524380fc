package nl.lvds.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.TensionIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewJobTest {

    @Test
    void shouldBuildTheSameSortKeyAsTheFormatter() {
        long[][] cases = {
            {1_704_067_200_000L, 3_600_000L},
            {1L, 86_400_000L},
            {999_999_999_999_999L, 0L},
            {0L, 999_999_999_999L},
        };
        for (long[] c : cases) {
            TensionIndicator t = indicator("Tarwewijk", "all", c[0] - c[1], c[0], false);
            assertThat(ReviewJob.indicatorKey(t))
                    .isEqualTo(String.format("%015d|%012d|%s|%s", c[0], c[1], "Tarwewijk", "all"));
        }
    }

    /**
     * The part lines the sink writes (JSON, marker, CSV row made in the job) give the same files as
     * decoding every JSON line after sorting did: the JSON lines in key order and the CSV row of
     * each decoded indicator; the report counts every indicator and each suppressed one.
     */
    @Test
    void shouldWriteTheSameFilesFromPartLinesAsFromDecodedJson(@TempDir Path dir) throws Exception {
        Random r = new Random(11);
        List<TensionIndicator> all = new ArrayList<>();
        String[] areas = {"Tarwewijk", "Charlois", "city", "Oud, \"Noord\""};
        for (int i = 0; i < 400; i++) {
            long end = 1_704_067_200_000L + i * 900_000L; // unique keys, as in a run
            long length = r.nextBoolean() ? 3_600_000L : 86_400_000L;
            all.add(
                    indicator(
                            areas[r.nextInt(areas.length)],
                            "all",
                            end - length,
                            end,
                            r.nextInt(4) > 0));
        }
        Path parts = dir.resolve("parts");
        Files.createDirectories(parts);
        List<TensionIndicator> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, r);
        List<String> p0 = new ArrayList<>();
        List<String> p1 = new ArrayList<>();
        List<String> oldLines = new ArrayList<>();
        for (int i = 0; i < shuffled.size(); i++) {
            TensionIndicator t = shuffled.get(i);
            (i % 2 == 0 ? p0 : p1).add(ReviewJob.indicatorPartLine().map(t));
            oldLines.add(ReviewJob.indicatorLine().map(t));
        }
        Files.write(parts.resolve("indicators-0.part"), p0, StandardCharsets.UTF_8);
        Files.write(parts.resolve("indicators-1.part"), p1, StandardCharsets.UTF_8);
        Path out = dir.resolve("out");
        Files.createDirectories(out);

        ReviewOutputs.Written written =
                ReviewOutputs.write(parts, out, LocalDate.parse("2024-12-31"));

        Collections.sort(oldLines);
        List<String> json = oldLines.stream().map(l -> l.substring(l.indexOf('\t') + 1)).toList();
        List<String> csv = new ArrayList<>();
        csv.add(ReviewOutputs.CSV_HEADER);
        for (String j : json) {
            csv.add(
                    ReviewOutputs.csv(
                            LvdsJson.decodeIndicator(j.getBytes(StandardCharsets.UTF_8))
                                    .orThrow()));
        }
        assertThat(Files.readAllLines(out.resolve("indicators.jsonl"))).isEqualTo(json);
        assertThat(Files.readAllLines(out.resolve("indicators.csv"))).isEqualTo(csv);
        assertThat(written.indicators()).isEqualTo(400);
        assertThat(written.data().indicators).isEqualTo(400);
        assertThat(written.data().suppressed)
                .isEqualTo(all.stream().filter(TensionIndicator::suppressed).count())
                .isGreaterThan(0);
        assertThat(written.data().modelVersions).containsExactly("m1");
    }

    private static TensionIndicator indicator(
            String area, String topic, long start, long end, boolean suppressed) {
        return new TensionIndicator(
                1,
                area,
                area.equals("city") ? "city" : "Charlois",
                topic,
                start,
                end,
                suppressed ? null : 120,
                suppressed ? null : 100,
                null,
                suppressed ? null : 60,
                suppressed ? null : 40,
                suppressed ? null : 20,
                suppressed ? null : 37.25,
                10.125,
                2.0,
                suppressed ? null : 1.5,
                1,
                suppressed,
                "m1");
    }
}
