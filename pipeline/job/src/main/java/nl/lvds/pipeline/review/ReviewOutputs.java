package nl.lvds.pipeline.review;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import nl.lvds.connectors.deadletter.DeadLetter;
import nl.lvds.connectors.deadletter.DeadLetters;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.TensionIndicator;

/**
 * Turns the review job's part files into the review's output files (output format {@value
 * #OUTPUT_FORMAT}), each sorted by a key of its own so that equal input and configuration give
 * equal bytes: {@code indicators.parquet} (the published indicators), {@code indicators-hourly.csv}
 * (their compact spreadsheet table) and {@code coverage.csv.gz} (published and suppressed
 * indicators per cell and day), all by window end, window length, area, topic; {@code alerts.jsonl}
 * (by time raised, id) and {@code deadletters.jsonl} (by source, line); with {@code jsonl}, also
 * {@code indicators.jsonl} (every indicator, suppressed ones too: the contract's JSON lines).
 * Gathers the {@link ReportData} on the way.
 */
public final class ReviewOutputs {

    /**
     * The layout of a review folder, recorded in the manifest as {@code outputFormat}: 1 wrote
     * {@code indicators.jsonl} and {@code indicators.csv} with every indicator; 2 writes the files
     * above.
     */
    public static final int OUTPUT_FORMAT = 2;

    /** What was written. */
    public record Written(
            long indicators,
            long alerts,
            Map<String, Long> deadLettersByReason,
            ReportData data,
            Coverage coverage,
            long hourlyRows,
            List<String> files) {}

    private ReviewOutputs() {}

    /**
     * Writes the output files into {@code out} from the parts in {@code parts}, without {@code
     * indicators.jsonl}; the report data covers windows up to {@code lastDay}.
     */
    public static Written write(Path parts, Path out, java.time.LocalDate lastDay) {
        return write(parts, out, lastDay, false, new LongAdder());
    }

    /**
     * Writes the output files into {@code out} from the parts in {@code parts}; the report data
     * covers windows up to {@code lastDay}.
     *
     * @param jsonl also write {@code indicators.jsonl} (the parts must then carry the JSON of
     *     suppressed indicators, see {@link ReviewJob#indicatorPartLine(boolean)})
     * @param work counts the part lines read and written (twice the lines in all)
     */
    public static Written write(
            Path parts, Path out, java.time.LocalDate lastDay, boolean jsonl, LongAdder work) {
        ReportData data = new ReportData(lastDay);
        Coverage coverage = new Coverage();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("lvds.outputFormat", Integer.toString(OUTPUT_FORMAT));
        meta.put("lvds.contract", "TensionIndicator v" + TensionIndicator.VERSION);
        Path jsonlFile = out.resolve("indicators.jsonl");
        List<String> files = new ArrayList<>();
        try (ParquetIndicators.Writer parquet =
                        new ParquetIndicators.Writer(out.resolve(ParquetIndicators.FILE), meta);
                IndicatorsCsv hourly = new IndicatorsCsv(out.resolve(IndicatorsCsv.FILE));
                BufferedWriter json = jsonl ? writer(jsonlFile) : null;
                BufferedWriter alerts = writer(out.resolve("alerts.jsonl"));
                BufferedWriter dead = writer(out.resolve("deadletters.jsonl"))) {
            if (!jsonl) {
                Files.deleteIfExists(jsonlFile);
            }
            Files.deleteIfExists(out.resolve("indicators.csv")); // output format 1
            long indicators =
                    SortedParts.forEachSorted(
                            parts,
                            ReviewJob.INDICATORS,
                            payload -> {
                                // marker TAB json, see ReviewJob.indicatorPartLine
                                int tab = payload.indexOf('\t');
                                String text = payload.substring(tab + 1);
                                if (payload.charAt(0) == ReviewJob.SUPPRESSED) {
                                    String[] f =
                                            payload.substring(1, tab)
                                                    .split(
                                                            String.valueOf(ReviewJob.UNIT),
                                                            ReviewJob.SUPPRESSED_FIELDS);
                                    coverage.suppressed(
                                            f[0],
                                            f[1],
                                            f[2],
                                            Long.parseLong(f[3]),
                                            Long.parseLong(f[4]));
                                    data.addSuppressed(f[5]);
                                } else {
                                    TensionIndicator t =
                                            LvdsJson.decodeIndicator(utf8(text)).orThrow();
                                    data.add(t);
                                    if (t.suppressed()) {
                                        coverage.suppressed(
                                                t.area(),
                                                t.district(),
                                                t.topic(),
                                                t.windowStart(),
                                                t.windowEnd());
                                    } else {
                                        coverage.published(
                                                t.area(),
                                                t.district(),
                                                t.topic(),
                                                t.windowStart(),
                                                t.windowEnd());
                                        parquet.write(t);
                                        hourly.add(t);
                                    }
                                }
                                if (json != null) {
                                    line(json, text);
                                }
                            },
                            work);
            long alertCount =
                    SortedParts.forEachSorted(
                            parts,
                            ReviewJob.ALERTS,
                            a -> {
                                data.add(LvdsJson.decodeAlert(utf8(a)).orThrow());
                                line(alerts, a);
                            },
                            work);
            Map<String, Long> reasons = new TreeMap<>();
            SortedParts.forEachSorted(
                    parts,
                    ReviewJob.DEAD_LETTERS,
                    d -> {
                        DeadLetter letter = DeadLetters.decode(utf8(d));
                        reasons.merge(letter.reason(), 1L, Long::sum);
                        line(dead, d);
                    },
                    work);
            coverage.write(out.resolve(Coverage.FILE));
            hourly.close();
            files.add(ParquetIndicators.FILE);
            files.add(IndicatorsCsv.FILE);
            files.add(Coverage.FILE);
            if (jsonl) {
                files.add("indicators.jsonl");
            }
            files.add("alerts.jsonl");
            files.add("deadletters.jsonl");
            return new Written(
                    indicators,
                    alertCount,
                    reasons,
                    data,
                    coverage,
                    hourly.rows(),
                    List.copyOf(files));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void line(BufferedWriter w, String s) {
        try {
            w.write(s);
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static BufferedWriter writer(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }
}
