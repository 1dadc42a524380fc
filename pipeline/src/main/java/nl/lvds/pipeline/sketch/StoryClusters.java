package nl.lvds.pipeline.sketch;

import java.util.List;

/**
 * Counts distinct stories in a {@link DistinctSketch} of SimHashes: near-duplicates (a repost with
 * an emoji, a hashtag, "RT", one word more or less) are one story.
 *
 * <p><b>The choice.</b> A SimHash of a slightly changed post differs from the original in a few
 * bits <em>anywhere</em> in the 64, not in the low bits, so neither truncating the hash nor
 * MinHash-style banding maps near-duplicates to one key: with the shipped SimHash (64 bits over the
 * post's tokens, see {@code SignalClassifier.simhash}) a one-token change flips 1-17 bits (median
 * 5), so a 16-bit prefix survives in only 24% of changed variants and the union of four 16-bit
 * bands splits a 200-copy burst into dozens of keys. Instead, while a sketch is exact (at most 512
 * distinct hashes), stories are the connected components of the graph "Hamming distance ≤ {@value
 * #MAX_DISTANCE}" (single linkage), which is a function of the set alone, so order-independent.
 * Measured on the 3,679-post training corpus with that SimHash ({@code
 * StoryClustersTest#shouldJustifyTheThresholdOnTheCorpus}): 88.6% of changed variants are within 8
 * bits of their original (the rest link through other variants), and none of 199,941 sampled pairs
 * of different posts is within 8 bits (the nearest different post of 500 sampled ones was 9-20 bits
 * away, median ~15). {@code StoryClustersTest} measures the collapse: 200 near-duplicates of one
 * post count as 1-3 stories, 200 different posts as ~200.
 *
 * <p><b>Across buckets.</b> A 15-minute bucket keeps the raw distinct SimHashes of its posts
 * (copies of one post are one hash, so a burst of 200 copies is ~15-25 hashes). A window counts
 * ({@link #countAll(List)}) the clusters of the union of its buckets' hashes, so a burst that
 * straddles buckets is one story. Only when that union would exceed 512 distinct hashes (more than
 * 512 distinct texts in the window, i.e. a busy cell's 24 h window) is the running union compacted
 * to one representative per story, its medoid, before the next bucket joins; the result then
 * depends on the buckets' time order (fixed) but still not on arrival order. (Compacting every
 * bucket on its own was tried and rejected: medoids of the same burst in different buckets were
 * more than 8 bits apart often enough to count a 200-copy burst over four buckets as four stories
 * in 1 of 50 tries; a bitwise majority "centroid" is no better, because bits whose vote was tied in
 * the original flip in about half of the variants.)
 *
 * <p><b>Limit.</b> When even the representatives exceed 512 the count is a HyperLogLog estimate of
 * distinct hashes, an upper bound. Single linkage can also chain two different stories through
 * intermediate posts; at 8 bits that needs posts that close.
 */
public final class StoryClusters {

    /** Largest Hamming distance at which two SimHashes are the same story. */
    public static final int MAX_DISTANCE = 8;

    private StoryClusters() {}

    /** Distinct stories: clusters while exact, the distinct-hash estimate otherwise. */
    public static long count(DistinctSketch stories) {
        if (stories == null) {
            return 0;
        }
        if (!stories.isExact()) {
            return stories.estimate();
        }
        long[] h = stories.exactHashes();
        int[] parent = components(h);
        int n = 0;
        for (int i = 0; i < h.length; i++) {
            if (find(parent, i) == i) {
                n++;
            }
        }
        return n;
    }

    /**
     * Distinct stories in a window made of several buckets' sketches, given in time order: the
     * clusters of their union while it stays exact. When adding a bucket would overflow the exact
     * set, the running union is first {@link #compact compacted} to one representative per story
     * (and, if that is not enough, the bucket too), so stories keep collapsing across buckets; past
     * that the count is an estimate. Null sketches are skipped.
     */
    public static long countAll(List<DistinctSketch> bucketsInTimeOrder) {
        DistinctSketch union = new DistinctSketch();
        for (DistinctSketch bucket : bucketsInTimeOrder) {
            if (bucket == null) {
                continue;
            }
            DistinctSketch next;
            if (union.isExact()) {
                next = union.copy();
                next.merge(bucket);
                if (!next.isExact()) {
                    next = compact(union);
                    next.merge(bucket);
                    if (!next.isExact()) {
                        next = compact(union);
                        next.merge(compact(bucket));
                    }
                }
            } else {
                next = union;
                next.merge(compact(bucket)); // estimating: at least collapse inside the bucket
            }
            union = next;
        }
        return count(union);
    }

    /**
     * A new sketch with one representative hash per cluster: its medoid, the member with the
     * smallest sum of Hamming distances to the other members (ties: the smallest value). An
     * estimating sketch is copied unchanged.
     */
    public static DistinctSketch compact(DistinctSketch stories) {
        if (!stories.isExact()) {
            return stories.copy();
        }
        long[] h = stories.exactHashes();
        int[] parent = components(h);
        DistinctSketch out = new DistinctSketch();
        boolean[] done = new boolean[h.length];
        int[] members = new int[h.length];
        for (int i = 0; i < h.length; i++) {
            int root = find(parent, i);
            if (done[root]) {
                continue;
            }
            done[root] = true;
            int size = 0;
            for (int j = i; j < h.length; j++) {
                if (find(parent, j) == root) {
                    members[size++] = j;
                }
            }
            long best = h[members[0]];
            long bestCost = Long.MAX_VALUE;
            for (int a = 0; a < size; a++) {
                long cost = 0;
                for (int b = 0; b < size; b++) {
                    cost += Long.bitCount(h[members[a]] ^ h[members[b]]);
                }
                // members are in ascending value order, so "<" keeps the smallest on a tie
                if (cost < bestCost) {
                    bestCost = cost;
                    best = h[members[a]];
                }
            }
            out.add(best);
        }
        return out;
    }

    /** Union-find over all pairs within {@link #MAX_DISTANCE}; n ≤ 512, so ≤ 131k popcounts. */
    private static int[] components(long[] h) {
        int[] parent = new int[h.length];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < h.length; i++) {
            for (int j = i + 1; j < h.length; j++) {
                if (Long.bitCount(h[i] ^ h[j]) <= MAX_DISTANCE) {
                    int a = find(parent, i);
                    int b = find(parent, j);
                    if (a != b) {
                        parent[Math.max(a, b)] = Math.min(a, b);
                    }
                }
            }
        }
        return parent;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
