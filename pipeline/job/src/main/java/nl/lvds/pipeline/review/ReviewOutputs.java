package nl.lvds.pipeline.review;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import nl.lvds.connectors.deadletter.DeadLetter;
import nl.lvds.connectors.deadletter.DeadLetters;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.TensionIndicator;

/**
 * Turns the review job's part files into the review's output files, each sorted by a key of its own
 * so that equal input and configuration give equal bytes: {@code indicators.jsonl} and {@code
 * indicators.csv} (by window end, window length, area, topic), {@code alerts.jsonl} (by time
 * raised, id) and {@code deadletters.jsonl} (by source, line). Gathers the {@link ReportData} on
 * the way.
 */
public final class ReviewOutputs {

    /** CSV header of {@code indicators.csv}. */
    public static final String CSV_HEADER =
            "area,district,topic,window,windowStart,windowEnd,signals,stories,distinctAuthors,"
                    + "calm,uneasy,hostile,tensionIndex,baselineMean,baselineStd,zScore,incidents,"
                    + "suppressed,modelVersion";

    /** What was written. */
    public record Written(
            long indicators, long alerts, Map<String, Long> deadLettersByReason, ReportData data) {}

    private ReviewOutputs() {}

    /**
     * Writes the output files into {@code out} from the parts in {@code parts}; the report data
     * covers windows up to {@code lastDay}.
     */
    public static Written write(Path parts, Path out, java.time.LocalDate lastDay) {
        ReportData data = new ReportData(lastDay);
        try (BufferedWriter jsonl = writer(out.resolve("indicators.jsonl"));
                BufferedWriter csv = writer(out.resolve("indicators.csv"));
                BufferedWriter alerts = writer(out.resolve("alerts.jsonl"));
                BufferedWriter dead = writer(out.resolve("deadletters.jsonl"))) {
            csv.write(CSV_HEADER);
            csv.write('\n');
            long indicators =
                    SortedParts.forEachSorted(
                            parts,
                            ReviewJob.INDICATORS,
                            payload -> {
                                // json TAB marker TAB csv, see ReviewJob.indicatorPartLine
                                int a = payload.indexOf('\t');
                                int b = payload.indexOf('\t', a + 1);
                                String json = payload.substring(0, a);
                                if (payload.charAt(a + 1) == ReviewJob.SUPPRESSED) {
                                    data.addSuppressed(payload.substring(a + 2, b));
                                } else {
                                    data.add(LvdsJson.decodeIndicator(utf8(json)).orThrow());
                                }
                                line(jsonl, json);
                                line(csv, payload.substring(b + 1));
                            });
            long alertCount =
                    SortedParts.forEachSorted(
                            parts,
                            ReviewJob.ALERTS,
                            json -> {
                                data.add(LvdsJson.decodeAlert(utf8(json)).orThrow());
                                line(alerts, json);
                            });
            Map<String, Long> reasons = new TreeMap<>();
            SortedParts.forEachSorted(
                    parts,
                    ReviewJob.DEAD_LETTERS,
                    json -> {
                        DeadLetter d = DeadLetters.decode(utf8(json));
                        reasons.merge(d.reason(), 1L, Long::sum);
                        line(dead, json);
                    });
            return new Written(indicators, alertCount, reasons, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One CSV row of an indicator; suppressed indicators have empty count cells. */
    static String csv(TensionIndicator t) {
        long length = t.windowEnd() - t.windowStart();
        return String.join(
                ",",
                field(t.area()),
                field(t.district()),
                field(t.topic()),
                length == 3_600_000L ? "1h" : length == 86_400_000L ? "24h" : length + "ms",
                LvdsJson.isoTime(t.windowStart()),
                LvdsJson.isoTime(t.windowEnd()),
                value(t.signals()),
                value(t.stories()),
                value(t.distinctAuthors()),
                value(t.calm()),
                value(t.uneasy()),
                value(t.hostile()),
                value(t.tensionIndex()),
                value(t.baselineMean()),
                value(t.baselineStd()),
                value(t.zScore()),
                Integer.toString(t.incidents()),
                Boolean.toString(t.suppressed()),
                field(t.modelVersion()));
    }

    private static String value(Object o) {
        return o == null ? "" : o.toString();
    }

    /** RFC 4180 quoting when needed. */
    static String field(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
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
