package nl.lvds.pipeline.functions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import nl.lvds.models.event.ClassifiedSignal;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.models.event.Topic;
import nl.lvds.pipeline.records.CellSignal;
import nl.lvds.pipeline.sketch.Hash64;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Emits one {@link CellSignal} per indicator cell a classified signal counts in, and replaces its
 * author key by a salted hash: the key goes no further than this operator.
 *
 * <p>Cells: a signal with wijk W in district D and topics T counts in {W, D, city} × (T ∪ {all});
 * with only a district D known (the gazetteer matched a gebied, not a wijk), in {D, city} × (T ∪
 * {all}); otherwise (no area, or a wijk without district, which the classifier does not produce) in
 * {city} × (T ∪ {all}).
 *
 * <p><b>Author salt period.</b> The hash is salted with the start of the event-time period holding
 * the signal. A short period (15 minutes, one bucket) makes one person unlinkable across buckets
 * even for someone reading the operator state, but then distinct authors can only be counted per
 * bucket: the indicator reports, for a window, the largest distinct-author count among the salt
 * periods it spans, a lower bound (safe for k-suppression, but it suppresses more than needed). A
 * day-long period (the default) counts distinct authors exactly within a calendar day (UTC), so a 1
 * h window is exact except across midnight and a 24 h window is the larger of its two days' counts.
 * The upstream key is itself a rotating pseudonym; the salted hash lives only in the sketches of
 * the buckets of the last 24 hours.
 */
public class CellFanOut implements FlatMapFunction<ClassifiedSignal, CellSignal> {

    private static final long serialVersionUID = 1L;

    /** The default author salt period: one day. */
    public static final Duration DEFAULT_AUTHOR_SALT_PERIOD = Duration.ofDays(1);

    private final long saltPeriodMs;

    /** A fan-out with the default (one-day) author salt period. */
    public CellFanOut() {
        this(DEFAULT_AUTHOR_SALT_PERIOD);
    }

    /**
     * A fan-out salting author hashes per {@code authorSaltPeriod}, counted from the epoch: a
     * positive multiple of 15 minutes, so that every bucket falls in one period (15 minutes, an
     * hour and a day are the sensible choices).
     *
     * @throws IllegalArgumentException when the period is not a positive multiple of the bucket
     */
    public CellFanOut(Duration authorSaltPeriod) {
        long ms = authorSaltPeriod.toMillis();
        if (ms <= 0 || ms % Buckets.SIZE_MS != 0) {
            throw new IllegalArgumentException(
                    "author salt period must be a positive multiple of 15 minutes: "
                            + authorSaltPeriod);
        }
        this.saltPeriodMs = ms;
    }

    @Override
    public void flatMap(ClassifiedSignal s, Collector<CellSignal> out) {
        long epoch = Math.floorDiv(s.ts(), saltPeriodMs) * saltPeriodMs;
        String key = s.authorKey();
        long authorHash = key == null || key.isEmpty() ? 0L : Hash64.salted(key, epoch);
        List<String> terms = s.topTerms() == null ? List.of() : List.copyOf(s.topTerms());
        for (String[] cell : areas(s)) {
            for (String topic : topics(s)) {
                out.collect(
                        new CellSignal(
                                cell[0],
                                cell[1],
                                topic,
                                s.ts(),
                                s.tension(),
                                s.source(),
                                s.storyHash(),
                                authorHash,
                                authorHash == 0 ? 0L : epoch,
                                terms));
            }
        }
    }

    /** Pairs of (area, district) the signal counts in. */
    static List<String[]> areas(ClassifiedSignal s) {
        List<String[]> out = new ArrayList<>(3);
        String city = TensionIndicator.CITY;
        if (s.district() != null && !s.district().isEmpty()) {
            if (s.area() != null && !s.area().isEmpty() && !s.area().equals(s.district())) {
                out.add(new String[] {s.area(), s.district()});
            }
            out.add(new String[] {s.district(), s.district()});
        }
        out.add(new String[] {city, city});
        return out;
    }

    /** The signal's topics (deduplicated, in order) and {@code all}. */
    static Set<String> topics(ClassifiedSignal s) {
        Set<String> out = new LinkedHashSet<>();
        if (s.topics() != null) {
            for (String t : s.topics()) {
                if (t != null && !t.equals(Topic.ALL_TOPICS)) {
                    out.add(t);
                }
            }
        }
        out.add(Topic.ALL_TOPICS);
        return out;
    }
}
