package nl.lvds.pipeline.functions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.models.nlp.StopWords;
import nl.lvds.pipeline.alert.Surprise;
import nl.lvds.pipeline.records.Bucket;
import nl.lvds.pipeline.records.CellIndicator;
import nl.lvds.pipeline.records.IncidentRef;
import nl.lvds.pipeline.sketch.DistinctSketch;
import nl.lvds.pipeline.sketch.StoryClusters;

/**
 * Assembles one {@link CellIndicator} from a window's buckets, linked incidents and baseline,
 * applying k-suppression. Plain code, no Flink: {@link IndicatorFunction} feeds it from state.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>signals, calm, uneasy, hostile: sums over the buckets.
 *   <li>stories: near-duplicate clusters over the buckets' SimHashes ({@link
 *       StoryClusters#countAll}), at most {@code signals}.
 *   <li>distinctAuthors: only when some bucket had author hashes. Hashes are salted per period (see
 *       {@link CellFanOut}), so the sketches are merged per period and the largest count is
 *       reported: a lower bound on the true number, never an over-count, so k-suppression stays
 *       safe.
 *   <li>baselineMean/Std and zScore = (signals − mean) / max(std, 1): rounded to 3 and 2 decimals;
 *       z is computed from the unrounded values.
 *   <li>Suppressed when signals &lt; k, or when author hashes exist and distinctAuthors &lt; k.
 *       Then every count, the index and z are null, and topTerms and sources are empty (they would
 *       describe the small group too). The baseline is kept only when the signals behind it number
 *       at least k, so a small cell's history does not leak through it either.
 *   <li>topTerms: terms named in at least k of the window's signals, most frequent first (ties
 *       alphabetically), at most {@value #MAX_TOP_TERMS}. Bucket term counts are capped per bucket,
 *       so a rare term may be missing; never an over-count.
 * </ul>
 */
public final class IndicatorWindow {

    /** Most top terms reported per indicator. */
    public static final int MAX_TOP_TERMS = 10;

    private IndicatorWindow() {}

    /**
     * The indicator of one window.
     *
     * @param area cell area
     * @param district cell district
     * @param topic cell topic
     * @param window {@code 1h} or {@code 24h}
     * @param start window start, epoch ms
     * @param end window end, epoch ms (exclusive)
     * @param buckets the window's buckets in time order
     * @param incidents incidents linked to the cell in the window, in time order
     * @param baseline baseline of the window, or null when there is none yet
     * @param k the suppression threshold
     * @param formula the tension index formula
     * @param modelVersion classification model version
     */
    public static CellIndicator build(
            String area,
            String district,
            String topic,
            String window,
            long start,
            long end,
            List<Bucket> buckets,
            List<IncidentRef> incidents,
            Baseline.Stats baseline,
            int k,
            TensionIndexFormula formula,
            String modelVersion) {
        return build(
                area,
                district,
                topic,
                window,
                start,
                end,
                buckets,
                incidents,
                baseline,
                k,
                formula,
                modelVersion,
                Detection.NONE);
    }

    /**
     * The indicator of one window, with the story counts and expectations of a 1 h window.
     *
     * @param detection the window's stories, hostile stories and their expectations ({@link
     *     Detection#NONE} for 24 h windows)
     */
    static CellIndicator build(
            String area,
            String district,
            String topic,
            String window,
            long start,
            long end,
            List<Bucket> buckets,
            List<IncidentRef> incidents,
            Baseline.Stats baseline,
            int k,
            TensionIndexFormula formula,
            String modelVersion,
            Detection detection) {
        int signals = 0;
        int calm = 0;
        int uneasy = 0;
        int hostile = 0;
        List<DistinctSketch> stories = new ArrayList<>(buckets.size());
        Map<Long, DistinctSketch> authorsByEpoch = new TreeMap<>();
        Map<String, Integer> terms = new HashMap<>();
        TreeSet<String> sources = new TreeSet<>();
        int total = 0;
        for (Bucket b : buckets) {
            total += b.signals();
        }
        // Fewer than k signals: suppressed whatever the authors; skip merging sketches and terms
        // (most windows of a city's quiet cells are such, and the merges are the cost).
        boolean fewSignals = total < k;
        for (Bucket b : fewSignals ? List.<Bucket>of() : buckets) {
            signals += b.signals();
            calm += b.calm();
            uneasy += b.uneasy();
            hostile += b.hostile();
            stories.add(b.stories());
            if (b.authors() != null) {
                authorsByEpoch
                        .computeIfAbsent(b.authorEpoch(), e -> new DistinctSketch())
                        .merge(b.authors());
            }
            if (b.terms() != null) {
                b.terms().forEach((t, c) -> terms.merge(t, c, Integer::sum));
            }
            if (b.sources() != null) {
                b.sources()
                        .forEach(
                                (s, c) -> {
                                    if (c > 0) {
                                        sources.add(s);
                                    }
                                });
            }
        }
        Integer authors = null;
        if (!authorsByEpoch.isEmpty()) {
            long max = 0;
            for (DistinctSketch s : authorsByEpoch.values()) {
                max = Math.max(max, s.estimate());
            }
            authors = (int) Math.min(max, signals);
        }
        if (fewSignals) {
            signals = total;
        }
        boolean suppressed = signals < k || (authors != null && authors < k);

        Double mean = null;
        Double std = null;
        Double z = null;
        Double rawZ = null;
        if (baseline != null) {
            rawZ = (signals - baseline.mean()) / Math.max(baseline.std(), 1.0);
            if (!suppressed || baseline.total() >= k) {
                mean = round(baseline.mean(), 1000);
                std = round(baseline.std(), 1000);
            }
            if (!suppressed) {
                z = round(rawZ, 100);
            }
        }
        TensionIndicator indicator;
        List<String> topTerms;
        List<String> sourceList;
        if (suppressed) {
            indicator =
                    new TensionIndicator(
                            TensionIndicator.VERSION,
                            area,
                            district,
                            topic,
                            start,
                            end,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            mean,
                            std,
                            null,
                            incidents.size(),
                            true,
                            modelVersion);
            topTerms = List.of();
            sourceList = List.of();
        } else {
            int storyCount =
                    detection.counted()
                            ? Math.min(detection.stories(), signals)
                            : (int) Math.min(StoryClusters.countAll(stories), signals);
            double index = formula.index(signals, uneasy, hostile, rawZ);
            indicator =
                    new TensionIndicator(
                            TensionIndicator.VERSION,
                            area,
                            district,
                            topic,
                            start,
                            end,
                            signals,
                            storyCount,
                            authors,
                            calm,
                            uneasy,
                            hostile,
                            index,
                            mean,
                            std,
                            z,
                            incidents.size(),
                            false,
                            modelVersion,
                            detection.counted() ? detection.hostileStories() : null,
                            expected(detection.storyExpectation()),
                            rounded(detection.storyPValue()),
                            expected(detection.hostileExpectation()),
                            rounded(detection.hostilePValue()));
            topTerms = topTerms(terms, k);
            sourceList = List.copyOf(sources);
        }
        return new CellIndicator(indicator, window, topTerms, List.copyOf(incidents), sourceList);
    }

    /**
     * Terms named in at least {@code k} signals, most frequent first, ties alphabetically; function
     * words and filler ({@link StopWords}) and one-letter terms never explain anything.
     */
    static List<String> topTerms(Map<String, Integer> terms, int k) {
        return terms.entrySet().stream()
                .filter(e -> e.getValue() >= k)
                .filter(e -> e.getKey().length() > 1 && !StopWords.contains(e.getKey()))
                .sorted(
                        Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                                .thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_TOP_TERMS)
                .map(Map.Entry::getKey)
                .toList();
    }

    private static Double expected(Surprise.Expectation e) {
        return e == null ? null : round(e.mean(), 100);
    }

    /** A p-value to four significant digits (a replay must give the same bytes, not more). */
    private static Double rounded(Double p) {
        if (p == null || p == 0) {
            return p;
        }
        return new java.math.BigDecimal(p).round(new java.math.MathContext(4)).doubleValue();
    }

    private static double round(double v, double scale) {
        return Math.round(v * scale) / scale;
    }
}
