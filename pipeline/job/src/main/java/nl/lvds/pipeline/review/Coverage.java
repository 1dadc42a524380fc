package nl.lvds.pipeline.review;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * {@code coverage.csv.gz}: per cell (area and topic), window length and day, how many indicators
 * were published and how many were suppressed (fewer than k signals or authors), and which windows
 * were suppressed. Suppressed indicators carry no counts and are not written to {@code
 * indicators.parquet}; this table keeps them countable, and lets a reader restore their keys.
 *
 * <p>Columns: {@code day} (UTC date of the window end minus 1 ms), {@code window} ({@code 1h},
 * {@code 24h}), {@code area}, {@code district}, {@code topic}, {@code published}, {@code
 * suppressed}, {@code suppressedEnds}: 24 hex digits, a 96-bit mask of the day's 15-minute slots
 * (most significant bit first: slot 0 is the window ending at 00:15 UTC, slot 95 the one ending at
 * 24:00) whose window was suppressed. Sorted by day, window, area, topic. Gzipped (a table of every
 * cell and day is several times the size of the published indicators otherwise); DuckDB and pandas
 * read it as it is.
 */
public final class Coverage {

    /** The file's name in a review folder. */
    public static final String FILE = "coverage.csv.gz";

    /** The CSV header. */
    public static final String HEADER =
            "day,window,area,district,topic,published,suppressed,suppressedEnds";

    static final long SLOT = 15 * 60_000L;
    static final long DAY = 86_400_000L;
    static final int SLOTS = (int) (DAY / SLOT);

    /** One row. */
    public static final class Row {
        final String district;
        long published;
        long suppressed;
        final long[] mask = new long[2]; // bits 0..63 of slots 0..63, then 64..95

        Row(String district) {
            this.district = district;
        }

        /** Published indicators. */
        public long published() {
            return published;
        }

        /** Suppressed indicators. */
        public long suppressed() {
            return suppressed;
        }

        /** The window ends (epoch ms) of the suppressed windows of {@code day}, ascending. */
        public List<Long> suppressedEnds(LocalDate day) {
            long dayStart = day.toEpochDay() * DAY;
            List<Long> ends = new ArrayList<>();
            for (int slot = 0; slot < SLOTS; slot++) {
                if ((mask[slot / 64] & (1L << (slot % 64))) != 0) {
                    ends.add(dayStart + (slot + 1) * SLOT);
                }
            }
            return ends;
        }
    }

    /** Key: day, window length (1h before 24h), area, topic. */
    private record Key(long day, long length, String area, String topic)
            implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Long.compare(day, o.day);
            if (c == 0) {
                c = Long.compare(length, o.length);
            }
            if (c == 0) {
                c = area.compareTo(o.area);
            }
            return c == 0 ? topic.compareTo(o.topic) : c;
        }
    }

    private final Map<Key, Row> rows = new TreeMap<>();
    private long published;
    private long suppressed;
    private final Map<String, Long> suppressedByWindow = new TreeMap<>();

    /** Counts a published indicator. */
    public void published(String area, String district, String topic, long start, long end) {
        row(area, district, topic, start, end).published++;
        published++;
    }

    /** Counts a suppressed indicator and marks its window. */
    public void suppressed(String area, String district, String topic, long start, long end) {
        Row r = row(area, district, topic, start, end);
        r.suppressed++;
        suppressed++;
        suppressedByWindow.merge(ParquetIndicators.window(end - start), 1L, Long::sum);
        long day = Math.floorDiv(end - 1, DAY);
        long offset = end - day * DAY;
        if (offset % SLOT == 0) { // windows end on the 15-minute grid
            int slot = (int) (offset / SLOT) - 1;
            r.mask[slot / 64] |= 1L << (slot % 64);
        }
    }

    private Row row(String area, String district, String topic, long start, long end) {
        return rows.computeIfAbsent(
                new Key(Math.floorDiv(end - 1, DAY), end - start, area, topic),
                k -> new Row(district));
    }

    /** Published indicators counted. */
    public long published() {
        return published;
    }

    /** Suppressed indicators counted. */
    public long suppressed() {
        return suppressed;
    }

    /** Suppressed indicators per window label. */
    public Map<String, Long> suppressedByWindow() {
        return suppressedByWindow;
    }

    /** Rows of the table. */
    public int size() {
        return rows.size();
    }

    /** Writes {@code coverage.csv.gz}. */
    public void write(Path file) {
        try (BufferedWriter w =
                new BufferedWriter(
                        new OutputStreamWriter(
                                new GZIPOutputStream(Files.newOutputStream(file), 1 << 16),
                                StandardCharsets.UTF_8),
                        1 << 16)) {
            w.write(HEADER);
            w.write('\n');
            for (Map.Entry<Key, Row> e : rows.entrySet()) {
                Key k = e.getKey();
                Row r = e.getValue();
                w.write(LocalDate.ofEpochDay(k.day()).toString());
                w.write(',');
                w.write(ParquetIndicators.window(k.length()));
                w.write(',');
                w.write(IndicatorsCsv.field(k.area()));
                w.write(',');
                w.write(IndicatorsCsv.field(r.district));
                w.write(',');
                w.write(IndicatorsCsv.field(k.topic()));
                w.write(',');
                w.write(Long.toString(r.published));
                w.write(',');
                w.write(Long.toString(r.suppressed));
                w.write(',');
                w.write(mask(r.mask));
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The mask as 24 hex digits, slot 0 first (most significant). */
    static String mask(long[] m) {
        StringBuilder b = new StringBuilder(SLOTS / 4);
        for (int nibble = 0; nibble < SLOTS / 4; nibble++) {
            int v = 0;
            for (int bit = 0; bit < 4; bit++) {
                int slot = nibble * 4 + bit;
                if ((m[slot / 64] & (1L << (slot % 64))) != 0) {
                    v |= 8 >> bit;
                }
            }
            b.append(Character.forDigit(v, 16));
        }
        return b.toString();
    }

    static long[] unmask(String hex) {
        long[] m = new long[2];
        for (int nibble = 0; nibble < Math.min(hex.length(), SLOTS / 4); nibble++) {
            int v = Character.digit(hex.charAt(nibble), 16);
            for (int bit = 0; bit < 4; bit++) {
                if ((v & (8 >> bit)) != 0) {
                    int slot = nibble * 4 + bit;
                    m[slot / 64] |= 1L << (slot % 64);
                }
            }
        }
        return m;
    }

    /**
     * One suppressed window restored from the table: its cell and window, without any count.
     *
     * @param windowStart epoch ms
     * @param windowEnd epoch ms
     */
    public record SuppressedWindow(
            String area, String district, String topic, long windowStart, long windowEnd) {}

    /** Reads the suppressed windows of {@code coverage.csv.gz} back, one day at a time. */
    public static final class SuppressedReader implements java.io.Closeable {
        private final BufferedReader in;
        private String pending;

        /** A reader of {@code file}. */
        public SuppressedReader(Path file) {
            try {
                in =
                        new BufferedReader(
                                new InputStreamReader(
                                        new GZIPInputStream(Files.newInputStream(file), 1 << 16),
                                        StandardCharsets.UTF_8));
                String header = in.readLine();
                if (header == null || !header.equals(HEADER)) {
                    in.close();
                    throw new IllegalArgumentException("not a coverage table: " + file);
                }
                pending = in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * The suppressed windows of the next day that has any (in no particular order), or null at
         * the end.
         */
        public List<SuppressedWindow> nextDay() {
            try {
                List<SuppressedWindow> batch = new ArrayList<>();
                String day = null;
                while (pending != null) {
                    List<String> f = IndicatorsCsv.split(pending);
                    if (day != null && !f.get(0).equals(day)) {
                        if (!batch.isEmpty()) {
                            return batch;
                        }
                    }
                    day = f.get(0);
                    pending = in.readLine();
                    if (Long.parseLong(f.get(6)) == 0) {
                        continue;
                    }
                    long length = length(f.get(1));
                    long dayStart = LocalDate.parse(day).toEpochDay() * DAY;
                    long[] m = unmask(f.get(7));
                    for (int slot = 0; slot < SLOTS; slot++) {
                        if ((m[slot / 64] & (1L << (slot % 64))) != 0) {
                            long end = dayStart + (slot + 1) * SLOT;
                            batch.add(
                                    new SuppressedWindow(
                                            f.get(2), f.get(3), f.get(4), end - length, end));
                        }
                    }
                }
                return batch.isEmpty() ? null : batch;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The length of a window label ({@code 1h}, {@code 24h}, {@code <n>ms}). */
    static long length(String window) {
        return switch (window) {
            case "1h" -> 3_600_000L;
            case "24h" -> DAY;
            default -> Long.parseLong(window.substring(0, window.length() - 2));
        };
    }
}
