package nl.lvds.pipeline.review;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.TensionIndicator;

/**
 * {@code indicators-hourly.csv}: the compact table a spreadsheet opens. One row per published 1 h
 * indicator of a district or the city (area = district) whose window starts on the full hour, in
 * the order of {@code indicators.parquet} (hour, then district, then topic). The 15-minute slides
 * of the 1 h window, the 24 h windows and the wijk cells are in the Parquet file only.
 */
public final class IndicatorsCsv implements Closeable {

    /** The file's name in a review folder. */
    public static final String FILE = "indicators-hourly.csv";

    /** The CSV header. */
    public static final String HEADER =
            "hourStart,hourStartUtc,district,topic,signals,stories,distinctAuthors,calm,uneasy,"
                    + "hostile,tensionIndex,expected,pValue,zScore,incidents";

    private static final long HOUR = 3_600_000L;
    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ReportData.ZONE);

    private final BufferedWriter out;
    private long rows;

    /** A writer of {@code file}. */
    public IndicatorsCsv(Path file) {
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write(HEADER);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the table holds a row of this indicator. */
    public static boolean holds(TensionIndicator t) {
        return !t.suppressed()
                && t.windowEnd() - t.windowStart() == HOUR
                && Math.floorMod(t.windowStart(), HOUR) == 0
                && t.area().equals(t.district());
    }

    /** Writes the indicator's row if the table holds it. */
    public void add(TensionIndicator t) {
        if (!holds(t)) {
            return;
        }
        String row =
                String.join(
                        ",",
                        LOCAL.format(Instant.ofEpochMilli(t.windowStart())),
                        LvdsJson.isoTime(t.windowStart()),
                        field(t.district()),
                        field(t.topic()),
                        value(t.signals()),
                        value(t.stories()),
                        value(t.distinctAuthors()),
                        value(t.calm()),
                        value(t.uneasy()),
                        value(t.hostile()),
                        value(t.tensionIndex()),
                        value(t.expected()),
                        value(t.pValue()),
                        value(t.zScore()),
                        Integer.toString(t.incidents()));
        try {
            out.write(row);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows++;
    }

    /** Rows written. */
    public long rows() {
        return rows;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** Splits one RFC 4180 line (no line breaks inside fields). */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        return out;
    }
}
