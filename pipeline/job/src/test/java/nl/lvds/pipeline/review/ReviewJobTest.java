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
     * The part lines the sink writes (marker, cell fields of suppressed indicators, JSON) give the
     * same indicators as decoding every JSON line after sorting did: {@code indicators.jsonl} holds
     * every JSON line in key order, {@code indicators.parquet} the published ones in that order,
     * {@code indicators-hourly.csv} the hourly district ones, and {@code coverage.csv} counts the
     * rest; the report counts every indicator and each suppressed one.
     */
    @Test
    void shouldWriteTheSameIndicatorsFromPartLinesAsFromDecodedJson(@TempDir Path dir)
            throws Exception {
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
            (i % 2 == 0 ? p0 : p1).add(ReviewJob.indicatorPartLine(true).map(t));
            oldLines.add(ReviewJob.indicatorLine().map(t));
        }
        Files.write(parts.resolve("indicators-0.part"), p0, StandardCharsets.UTF_8);
        Files.write(parts.resolve("indicators-1.part"), p1, StandardCharsets.UTF_8);
        Path out = dir.resolve("out");
        Files.createDirectories(out);

        ReviewOutputs.Written written =
                ReviewOutputs.write(
                        parts,
                        out,
                        LocalDate.parse("2024-12-31"),
                        true,
                        new java.util.concurrent.atomic.LongAdder());

        Collections.sort(oldLines);
        List<String> json = oldLines.stream().map(l -> l.substring(l.indexOf('\t') + 1)).toList();
        List<TensionIndicator> sorted =
                json.stream()
                        .map(
                                j ->
                                        LvdsJson.decodeIndicator(j.getBytes(StandardCharsets.UTF_8))
                                                .orThrow())
                        .toList();
        assertThat(Files.readAllLines(out.resolve("indicators.jsonl"))).isEqualTo(json);
        List<TensionIndicator> parquet = new ArrayList<>();
        try (ParquetIndicators.Reader p =
                new ParquetIndicators.Reader(out.resolve("indicators.parquet"))) {
            for (TensionIndicator t = p.next(); t != null; t = p.next()) {
                parquet.add(t);
            }
        }
        List<TensionIndicator> published = sorted.stream().filter(t -> !t.suppressed()).toList();
        assertThat(parquet).isEqualTo(published).isNotEmpty();
        long hourly = published.stream().filter(IndicatorsCsv::holds).count();
        assertThat(Files.readAllLines(out.resolve("indicators-hourly.csv")))
                .hasSize((int) hourly + 1)
                .startsWith(IndicatorsCsv.HEADER);
        assertThat(hourly).isPositive();
        assertThat(written.coverage().suppressed())
                .isEqualTo(all.stream().filter(TensionIndicator::suppressed).count());
        assertThat(written.coverage().published()).isEqualTo(published.size());
        assertThat(written.indicators()).isEqualTo(400);
        assertThat(written.data().indicators).isEqualTo(400);
        assertThat(written.data().suppressed)
                .isEqualTo(all.stream().filter(TensionIndicator::suppressed).count())
                .isGreaterThan(0);
        assertThat(written.data().modelVersions).containsExactly("m1");
    }

    /**
     * Without --jsonl the part lines of suppressed indicators carry no JSON, and no jsonl file is
     * written.
     */
    @Test
    void shouldLeaveTheJsonOfSuppressedIndicatorsOutWithoutJsonl() throws Exception {
        TensionIndicator s = indicator("Tarwewijk", "all", 0L, 3_600_000L, true);
        TensionIndicator p = indicator("Tarwewijk", "all", 0L, 3_600_000L, false);
        String sLine = ReviewJob.indicatorPartLine(false).map(s);
        assertThat(sLine).endsWith("\t").doesNotContain("{");
        assertThat(ReviewJob.indicatorPartLine(true).map(s)).contains("\"suppressed\":true");
        assertThat(ReviewJob.indicatorPartLine(false).map(p)).contains("\"tensionIndex\":37.25");
    }

    /**
     * A review folder of output format 2 (Parquet and coverage, no JSON lines) compares with the
     * same review in JSON lines (format 1's indicator file) as equal: every indicator in both, with
     * the same suppression.
     */
    @Test
    void shouldCompareAParquetReviewWithItsJsonLinesAsEqual(@TempDir Path dir) throws Exception {
        Random r = new Random(3);
        Path parts = dir.resolve("parts");
        Files.createDirectories(parts);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            long end = 1_704_067_200_000L + (i / 3) * 900_000L;
            String area = new String[] {"Tarwewijk", "Charlois", "city"}[i % 3];
            lines.add(
                    ReviewJob.indicatorPartLine(true)
                            .map(indicator(area, "all", end - 3_600_000L, end, r.nextInt(3) > 0)));
        }
        Files.write(parts.resolve("indicators-0.part"), lines, StandardCharsets.UTF_8);
        Path jsonl = dir.resolve("jsonl");
        Path parquet = dir.resolve("parquet");
        Files.createDirectories(jsonl);
        Files.createDirectories(parquet);
        var work = new java.util.concurrent.atomic.LongAdder();
        ReviewOutputs.write(parts, jsonl, LocalDate.parse("2024-12-31"), true, work);
        ReviewOutputs.write(parts, parquet, LocalDate.parse("2024-12-31"), false, work);
        Files.writeString(parquet.resolve("manifest.json"), "{\"modelVersion\":\"m1\"}");
        assertThat(parquet.resolve("indicators.jsonl")).doesNotExist();

        ReviewCompare.Result c = ReviewCompare.compare(jsonl, parquet, 5);

        assertThat(c.indicatorsCompared()).isEqualTo(300);
        assertThat(c.indicatorsOnlyOld()).isZero();
        assertThat(c.indicatorsOnlyNew()).isZero();
        assertThat(c.suppressionChanged()).isZero();
        assertThat(c.largest()).isEmpty();
        assertThat(c.newModel()).isEqualTo("m1");
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
