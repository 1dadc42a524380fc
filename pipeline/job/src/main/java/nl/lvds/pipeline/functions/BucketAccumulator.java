package nl.lvds.pipeline.functions;

import java.util.HashMap;
import java.util.Map;
import nl.lvds.pipeline.sketch.DistinctSketch;

/**
 * The running aggregate of one cell's 15-minute bucket: a mutable Flink POJO held in window state.
 * It holds counts, sketches of hashes and per-term counts; nothing per signal and no text.
 */
public class BucketAccumulator {
    /** The cell's area; null until the first signal. */
    public String area;

    /** The cell's district. */
    public String district;

    /** The cell's topic. */
    public String topic;

    /** Number of signals. */
    public int signals;

    /** Calm signals. */
    public int calm;

    /** Uneasy signals. */
    public int uneasy;

    /** Hostile signals. */
    public int hostile;

    /** Distinct raw story SimHashes. */
    public DistinctSketch stories = new DistinctSketch();

    /** Distinct raw story SimHashes of the hostile signals. */
    public DistinctSketch hostileStories = new DistinctSketch();

    /** Distinct salted author hashes; null until a signal with an author key arrives. */
    public DistinctSketch authors;

    /** Salt period start of the author hashes. */
    public long authorEpoch;

    /** Signals per source type. */
    public Map<String, Integer> sources = new HashMap<>();

    /**
     * Signals per term, uncapped while the bucket is open (capping while counting would depend on
     * arrival order); {@link BucketWindow} keeps the top {@link BucketWindow#MAX_TERMS}. Its size
     * is bounded by the distinct top terms of one cell's 15 minutes of posts.
     */
    public Map<String, Integer> terms = new HashMap<>();

    /** An empty accumulator (for Flink). */
    public BucketAccumulator() {}
}
