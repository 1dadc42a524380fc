package nl.lvds.pipeline.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.TensionIndicator;

/**
 * Every indicator of a review folder, in the review's order (window end, window length, area,
 * topic, as {@link ReviewJob#indicatorKey} sorts), whatever its output format. From {@code
 * indicators.jsonl} when the folder has it (output format 1, or 2 written with {@code --jsonl}):
 * the complete records. Otherwise (output format 2) the published indicators from {@code
 * indicators.parquet} merged with the suppressed windows restored from {@code coverage.csv.gz}: a
 * suppressed indicator then holds its cell, window, {@code suppressed = true} and the manifest's
 * model version, and none of the baseline or incident figures a suppressed record may carry.
 */
public final class ReviewIndicators implements Closeable {

    private static final Comparator<TensionIndicator> ORDER =
            Comparator.comparing(ReviewJob::indicatorKey);

    private final BufferedReader jsonl;
    private final ParquetIndicators.Reader parquet;
    private final Coverage.SuppressedReader coverage;
    private final String modelVersion;
    private final Deque<TensionIndicator> suppressed = new ArrayDeque<>();
    private TensionIndicator published;
    private boolean coverageDone;

    private ReviewIndicators(Path dir) {
        Path json = dir.resolve("indicators.jsonl");
        try {
            if (Files.isRegularFile(json)) {
                jsonl = Files.newBufferedReader(json, StandardCharsets.UTF_8);
                parquet = null;
                coverage = null;
                modelVersion = null;
            } else if (Files.isRegularFile(dir.resolve(ParquetIndicators.FILE))) {
                jsonl = null;
                modelVersion = manifest(dir).path("modelVersion").asText(null);
                parquet = new ParquetIndicators.Reader(dir.resolve(ParquetIndicators.FILE));
                Path cov = dir.resolve(Coverage.FILE);
                coverage = Files.isRegularFile(cov) ? new Coverage.SuppressedReader(cov) : null;
                coverageDone = coverage == null;
                published = parquet.next();
            } else {
                throw new IllegalArgumentException(
                        "not a review output folder (neither indicators.jsonl nor "
                                + ParquetIndicators.FILE
                                + "): "
                                + dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens the indicators of a review folder. */
    public static ReviewIndicators open(Path dir) {
        return new ReviewIndicators(dir);
    }

    /** Whether {@code dir} holds a review's indicators (either output format). */
    public static boolean isReview(Path dir) {
        return Files.isRegularFile(dir.resolve("indicators.jsonl"))
                || Files.isRegularFile(dir.resolve(ParquetIndicators.FILE));
    }

    /** Hands every indicator of a review folder, in order, to {@code sink}. */
    public static void forEach(Path dir, Consumer<TensionIndicator> sink) {
        try (ReviewIndicators r = open(dir)) {
            for (TensionIndicator t = r.next(); t != null; t = r.next()) {
                sink.accept(t);
            }
        }
    }

    /** The next indicator, or null at the end. */
    public TensionIndicator next() {
        if (jsonl != null) {
            try {
                String line;
                do {
                    line = jsonl.readLine();
                } while (line != null && line.isBlank());
                return line == null
                        ? null
                        : LvdsJson.decodeIndicator(line.getBytes(StandardCharsets.UTF_8)).orThrow();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (suppressed.isEmpty() && !coverageDone) {
            List<Coverage.SuppressedWindow> day = coverage.nextDay();
            if (day == null) {
                coverageDone = true;
            } else {
                List<TensionIndicator> list = new ArrayList<>(day.size());
                for (Coverage.SuppressedWindow w : day) {
                    list.add(
                            new TensionIndicator(
                                    TensionIndicator.VERSION,
                                    w.area(),
                                    w.district(),
                                    w.topic(),
                                    w.windowStart(),
                                    w.windowEnd(),
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
                                    modelVersion));
                }
                list.sort(ORDER);
                suppressed.addAll(list);
            }
        }
        TensionIndicator s = suppressed.peekFirst();
        if (published == null && s == null) {
            return null;
        }
        if (s == null || (published != null && ORDER.compare(published, s) < 0)) {
            TensionIndicator t = published;
            published = parquet.next();
            return t;
        }
        return suppressed.pollFirst();
    }

    @Override
    public void close() {
        try {
            if (jsonl != null) {
                jsonl.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (parquet != null) {
            parquet.close();
        }
        if (coverage != null) {
            coverage.close();
        }
    }

    private static JsonNode manifest(Path dir) throws IOException {
        Path m = dir.resolve("manifest.json");
        return Files.isRegularFile(m)
                ? new ObjectMapper().readTree(m.toFile())
                : new ObjectMapper().createObjectNode();
    }
}
