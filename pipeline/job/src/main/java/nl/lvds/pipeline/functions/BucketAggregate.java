package nl.lvds.pipeline.functions;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import nl.lvds.pipeline.records.CellSignal;
import nl.lvds.pipeline.sketch.DistinctSketch;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Folds a cell's signals of one 15-minute bucket into a {@link BucketAccumulator}: counts by
 * tension and source, story and author sketches, term counts. Order-independent, so streaming and
 * batch runs give the same buckets.
 */
public class BucketAggregate
        implements AggregateFunction<CellSignal, BucketAccumulator, BucketAccumulator> {

    private static final long serialVersionUID = 1L;

    @Override
    public BucketAccumulator createAccumulator() {
        return new BucketAccumulator();
    }

    @Override
    public BucketAccumulator add(CellSignal s, BucketAccumulator acc) {
        if (acc.area == null) {
            acc.area = s.area();
            acc.district = s.district();
            acc.topic = s.topic();
        }
        addCounts(s, acc);
        if (s.source() != null) {
            acc.sources.merge(s.source(), 1, Integer::sum);
        }
        if (s.topTerms() != null && !s.topTerms().isEmpty()) {
            Set<String> once = new HashSet<>(s.topTerms()); // a term counts once per post
            for (String t : once) {
                if (t != null && !t.isEmpty()) {
                    acc.terms.merge(t, 1, Integer::sum);
                }
            }
        }
        return acc;
    }

    /**
     * Counts a signal by tension and adds it to the story and author sketches (not to sources or
     * terms): all an indicator's counts need; the early results use only this.
     */
    static void addCounts(CellSignal s, BucketAccumulator acc) {
        acc.signals++;
        switch (s.tension()) {
            case 2 -> {
                acc.hostile++;
                acc.hostileStories.add(s.storyHash());
            }
            case 1 -> acc.uneasy++;
            default -> acc.calm++;
        }
        acc.stories.add(s.storyHash());
        if (s.authorHash() != 0) {
            if (acc.authors == null) {
                acc.authors = new DistinctSketch();
                acc.authorEpoch = s.authorEpoch();
            }
            acc.authors.add(s.authorHash());
        }
    }

    @Override
    public BucketAccumulator getResult(BucketAccumulator acc) {
        return acc;
    }

    @Override
    public BucketAccumulator merge(BucketAccumulator a, BucketAccumulator b) {
        if (a.area == null) {
            a.area = b.area;
            a.district = b.district;
            a.topic = b.topic;
        }
        a.signals += b.signals;
        a.calm += b.calm;
        a.uneasy += b.uneasy;
        a.hostile += b.hostile;
        a.stories.merge(b.stories);
        a.hostileStories.merge(b.hostileStories);
        if (b.authors != null) {
            if (a.authors == null) {
                a.authors = new DistinctSketch();
                a.authorEpoch = b.authorEpoch;
            }
            a.authors.merge(b.authors);
        }
        for (Map.Entry<String, Integer> e : b.sources.entrySet()) {
            a.sources.merge(e.getKey(), e.getValue(), Integer::sum);
        }
        for (Map.Entry<String, Integer> e : b.terms.entrySet()) {
            a.terms.merge(e.getKey(), e.getValue(), Integer::sum);
        }
        return a;
    }
}
