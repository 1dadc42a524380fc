package nl.lvds.pipeline.review;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.TensionIndicator;

/**
 * Compares two review output folders, so a new model or rule set can be judged before adoption:
 * alerts that appear, disappear or change level (matched on area, topic, rule and window), and the
 * indicators whose tension index changed most (a merge join over the two sorted indicator files, so
 * the comparison needs little memory). Reads reviews of either output format ({@link
 * ReviewIndicators}); a suppressed indicator counts by its key and suppression alone.
 */
public final class ReviewCompare {

    /** An alert present in one run only, or in both with another level. */
    public record AlertChange(String change, String key, String oldLevel, String newLevel) {}

    /** One indicator's tension index in both runs. */
    public record IndicatorChange(
            String area,
            String topic,
            long windowStart,
            long windowEnd,
            Double oldIndex,
            Double newIndex) {

        double delta() {
            return (newIndex == null ? 0 : newIndex) - (oldIndex == null ? 0 : oldIndex);
        }
    }

    /** The comparison. */
    public record Result(
            String oldModel,
            String newModel,
            List<AlertChange> alerts,
            List<IndicatorChange> largest,
            long indicatorsCompared,
            long indicatorsOnlyOld,
            long indicatorsOnlyNew,
            long suppressionChanged) {}

    private ReviewCompare() {}

    /** Compares {@code oldDir} with {@code newDir}; keeps the {@code top} largest index changes. */
    public static Result compare(Path oldDir, Path newDir, int top) {
        Map<String, Alert> oldAlerts = alerts(oldDir);
        Map<String, Alert> newAlerts = alerts(newDir);
        List<AlertChange> changes = new ArrayList<>();
        for (var e : newAlerts.entrySet()) {
            Alert o = oldAlerts.get(e.getKey());
            if (o == null) {
                changes.add(new AlertChange("new", e.getKey(), null, e.getValue().level()));
            } else if (!o.level().equals(e.getValue().level())) {
                changes.add(new AlertChange("level", e.getKey(), o.level(), e.getValue().level()));
            }
        }
        for (var e : oldAlerts.entrySet()) {
            if (!newAlerts.containsKey(e.getKey())) {
                changes.add(new AlertChange("gone", e.getKey(), e.getValue().level(), null));
            }
        }
        changes.sort(Comparator.comparing(AlertChange::key).thenComparing(AlertChange::change));

        PriorityQueue<IndicatorChange> largest =
                new PriorityQueue<>(Comparator.comparingDouble(c -> Math.abs(c.delta())));
        long compared = 0;
        long onlyOld = 0;
        long onlyNew = 0;
        long suppression = 0;
        String oldModel = null;
        String newModel = null;
        if (!ReviewIndicators.isReview(oldDir) || !ReviewIndicators.isReview(newDir)) {
            throw new IllegalArgumentException(
                    "not a review output folder (no indicators): "
                            + (ReviewIndicators.isReview(oldDir) ? newDir : oldDir));
        }
        try (ReviewIndicators a = ReviewIndicators.open(oldDir);
                ReviewIndicators b = ReviewIndicators.open(newDir)) {
            TensionIndicator x = a.next();
            TensionIndicator y = b.next();
            while (x != null || y != null) {
                int cmp = x == null ? 1 : y == null ? -1 : key(x).compareTo(key(y));
                if (cmp < 0) {
                    onlyOld++;
                    oldModel = x.modelVersion();
                    x = a.next();
                } else if (cmp > 0) {
                    onlyNew++;
                    newModel = y.modelVersion();
                    y = b.next();
                } else {
                    compared++;
                    oldModel = x.modelVersion();
                    newModel = y.modelVersion();
                    if (x.suppressed() != y.suppressed()) {
                        suppression++;
                    }
                    if (!Objects.equals(x.tensionIndex(), y.tensionIndex())) {
                        largest.add(
                                new IndicatorChange(
                                        x.area(),
                                        x.topic(),
                                        x.windowStart(),
                                        x.windowEnd(),
                                        x.tensionIndex(),
                                        y.tensionIndex()));
                        if (largest.size() > top) {
                            largest.poll();
                        }
                    }
                    x = a.next();
                    y = b.next();
                }
            }
        }
        List<IndicatorChange> sorted = new ArrayList<>(largest);
        sorted.sort(
                Comparator.comparingDouble((IndicatorChange c) -> -Math.abs(c.delta()))
                        .thenComparingLong(IndicatorChange::windowEnd)
                        .thenComparing(IndicatorChange::area)
                        .thenComparing(IndicatorChange::topic));
        return new Result(
                oldModel, newModel, changes, sorted, compared, onlyOld, onlyNew, suppression);
    }

    /** A plain-text rendering of a comparison. */
    public static String render(Result r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "model: %s -> %s%n", r.oldModel(), r.newModel()));
        long added = r.alerts().stream().filter(c -> c.change().equals("new")).count();
        long gone = r.alerts().stream().filter(c -> c.change().equals("gone")).count();
        long level = r.alerts().stream().filter(c -> c.change().equals("level")).count();
        s.append(
                String.format(
                        Locale.ROOT,
                        "alerts: %d new, %d gone, %d changed level%n",
                        added,
                        gone,
                        level));
        for (AlertChange c : r.alerts()) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            "  %-5s %-60s %s -> %s%n",
                            c.change(),
                            c.key(),
                            c.oldLevel() == null ? "-" : c.oldLevel(),
                            c.newLevel() == null ? "-" : c.newLevel()));
        }
        s.append(
                String.format(
                        Locale.ROOT,
                        "indicators: %d in both, %d only old, %d only new, %d changed suppression%n",
                        r.indicatorsCompared(),
                        r.indicatorsOnlyOld(),
                        r.indicatorsOnlyNew(),
                        r.suppressionChanged()));
        s.append("largest tension index changes:\n");
        for (IndicatorChange c : r.largest()) {
            s.append(
                    String.format(
                            Locale.ROOT,
                            "  %+7.1f  %-22s %-16s %s .. %s  (%s -> %s)%n",
                            c.delta(),
                            c.area(),
                            c.topic(),
                            LvdsJson.isoTime(c.windowStart()),
                            LvdsJson.isoTime(c.windowEnd()),
                            c.oldIndex(),
                            c.newIndex()));
        }
        return s.toString();
    }

    private static String key(TensionIndicator t) {
        return String.format(
                "%015d|%012d|%s|%s",
                t.windowEnd(), t.windowEnd() - t.windowStart(), t.area(), t.topic());
    }

    private static Map<String, Alert> alerts(Path dir) {
        Map<String, Alert> out = new LinkedHashMap<>();
        try (BufferedReader r = reader(dir.resolve("alerts.jsonl"))) {
            String line;
            while ((line = r.readLine()) != null) {
                Alert a = LvdsJson.decodeAlert(line.getBytes(StandardCharsets.UTF_8)).orThrow();
                out.put(
                        a.area()
                                + "|"
                                + a.topic()
                                + "|"
                                + a.rule()
                                + "|"
                                + LvdsJson.isoTime(a.windowStart()),
                        a);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static BufferedReader reader(Path p) throws IOException {
        if (!Files.exists(p)) {
            throw new IllegalArgumentException(
                    "not a review output folder (no " + p.getFileName() + "): " + p.getParent());
        }
        return Files.newBufferedReader(p, StandardCharsets.UTF_8);
    }
}
