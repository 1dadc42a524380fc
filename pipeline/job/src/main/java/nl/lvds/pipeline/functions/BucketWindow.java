package nl.lvds.pipeline.functions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.lvds.pipeline.records.Bucket;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns a finished (or late-corrected) bucket accumulator into a {@link Bucket} with its cell and
 * window start, keeping at most {@link #MAX_TERMS} terms. The buckets emitted are counted in the
 * accumulator {@link #EMITTED} (the review's progress display reads it from the running job).
 */
public class BucketWindow
        extends ProcessWindowFunction<BucketAccumulator, Bucket, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    /** Most terms kept per bucket: by count, then alphabetically. */
    public static final int MAX_TERMS = 200;

    /** Name of the accumulator counting the buckets emitted. */
    public static final String EMITTED = "lvds-buckets-emitted";

    private transient LongCounter emitted;

    @Override
    public void open(OpenContext context) {
        emitted = new LongCounter();
        getRuntimeContext().addAccumulator(EMITTED, emitted);
    }

    @Override
    public void process(
            String cellKey,
            Context context,
            Iterable<BucketAccumulator> elements,
            Collector<Bucket> out) {
        for (BucketAccumulator acc : elements) {
            out.collect(toBucket(acc, context.window().getStart(), cellKey));
            if (emitted != null) {
                emitted.add(1L);
            }
        }
    }

    /** The bucket of an accumulator; copies the mutable parts, so the window may keep counting. */
    static Bucket toBucket(BucketAccumulator acc, long bucketStart, String cellKey) {
        String area = acc.area;
        String topic = acc.topic;
        if (area == null) { // an empty accumulator never fires, but keep the key as the truth
            int bar = cellKey.lastIndexOf('|');
            area = cellKey.substring(0, bar);
            topic = cellKey.substring(bar + 1);
        }
        return new Bucket(
                area,
                acc.district,
                topic,
                bucketStart,
                acc.signals,
                acc.calm,
                acc.uneasy,
                acc.hostile,
                acc.stories.copy(),
                acc.authors == null ? null : acc.authors.copy(),
                acc.authors == null ? 0L : acc.authorEpoch,
                new TreeMap<>(acc.sources),
                topTerms(acc.terms, MAX_TERMS),
                acc.hostileStories.copy());
    }

    /** The {@code max} most counted terms (ties alphabetically), most counted first. */
    static Map<String, Integer> topTerms(Map<String, Integer> terms, int max) {
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(terms.entrySet());
        sorted.sort(
                Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()));
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < sorted.size() && i < max; i++) {
            out.put(sorted.get(i).getKey(), sorted.get(i).getValue());
        }
        return out;
    }
}
