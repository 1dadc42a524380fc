package nl.lvds.pipeline.sketch;

import java.util.Arrays;
import java.util.List;

/**
 * Counts distinct stories among SimHashes: near-duplicates (a repost with an emoji, a hashtag,
 * "RT", one word more or less) are one story.
 *
 * <p><b>The choice.</b> A SimHash of a slightly changed post differs from the original in a few
 * bits <em>anywhere</em> in the 64, not in the low bits, so neither truncating the hash nor
 * MinHash-style banding maps near-duplicates to one key: with the shipped SimHash (64 bits over the
 * post's tokens, see {@code SignalClassifier.simhash}) a one-token change flips 1-17 bits (median
 * 5), so a 16-bit prefix survives in only 24% of changed variants. Instead, stories are the
 * connected components of the graph "Hamming distance ≤ {@value #MAX_DISTANCE}" over the distinct
 * hashes (single linkage), which is a function of the set alone, so order-independent. Measured on
 * the 3,679-post training corpus with that SimHash ({@code
 * StoryClustersTest#shouldJustifyTheThresholdOnTheCorpus}): 88.6% of changed variants are within 8
 * bits of their original (the rest link through other variants), and none of 199,941 sampled pairs
 * of different posts is within 8 bits (the nearest different post of 500 sampled ones was 9-20 bits
 * away, median ~15). {@code StoryClustersTest} measures the collapse: 200 near-duplicates of one
 * post count as 1 story (100 of 100 posts), 200 different posts as 200.
 *
 * <p><b>Across buckets.</b> A 15-minute bucket keeps the distinct raw SimHashes of its posts in a
 * {@link DistinctSketch} (copies of one post are one hash, so a burst of 200 copies is ~15-25
 * hashes). A window ({@link #countAll(List)}) clusters the union of its buckets' hashes, so a burst
 * that straddles buckets is one story. The union is transient, so it may be larger than a sketch's
 * exact set: up to {@value #WINDOW_LIMIT} distinct hashes it is clustered exactly. Pairs are found
 * by pigeonhole banding: the 64 bits are cut into 9 bands (8 of 7 bits, 1 of 8), two hashes within
 * 8 bits agree on at least one whole band, so comparing only hashes that share a band finds every
 * close pair (exact single linkage) at a fraction of the n² comparisons. (Two alternatives were
 * measured and rejected: clustering one medoid per cluster and bucket split a 200-copy burst over
 * four buckets into four stories in 1 of 50 tries, and merging with a running re-compaction cost
 * ~24 ms per busy 24 h window.)
 *
 * <p><b>Limits.</b> A window with more than {@value #WINDOW_LIMIT} distinct texts, or with a bucket
 * of more than 512 distinct texts (then a HyperLogLog), is counted as distinct hashes, with no
 * collapse: an upper bound. Single linkage can chain two different stories through intermediate
 * posts; at 8 bits that needs posts that close. Banding costs more when many hashes share bands
 * (thousands of variants of one text): at most about 9 × n²/2 comparisons, tens of milliseconds at
 * the limit.
 */
public final class StoryClusters {

    /** Largest Hamming distance at which two SimHashes are the same story. */
    public static final int MAX_DISTANCE = 8;

    /** Most distinct hashes a window clusters exactly. */
    public static final int WINDOW_LIMIT = 4_096;

    /** Bit offsets of the 9 bands (the last band is 8 bits wide, the others 7). */
    private static final int BANDS = MAX_DISTANCE + 1;

    private StoryClusters() {}

    /**
     * Distinct stories in one sketch: clusters while exact, the distinct-hash estimate otherwise.
     */
    public static long count(DistinctSketch stories) {
        if (stories == null) {
            return 0;
        }
        return countAll(List.of(stories));
    }

    /**
     * Distinct stories in a window made of several buckets' sketches: the clusters of the union of
     * their hashes, or the union's distinct-hash estimate past {@link #WINDOW_LIMIT} or when a
     * bucket is estimating. Null sketches are skipped.
     */
    public static long countAll(List<DistinctSketch> buckets) {
        int total = 0;
        boolean exact = true;
        for (DistinctSketch b : buckets) {
            if (b != null) {
                if (b.isExact()) {
                    total += b.getHashes().length;
                } else {
                    exact = false;
                }
            }
        }
        if (!exact || total > WINDOW_LIMIT) {
            DistinctSketch union = new DistinctSketch();
            for (DistinctSketch b : buckets) {
                union.merge(b);
            }
            if (union.isExact()) { // many duplicates across buckets: small after all
                return clusters(union.getHashes());
            }
            return union.estimate();
        }
        long[] all = new long[total];
        int n = 0;
        for (DistinctSketch b : buckets) {
            if (b != null) {
                long[] h = b.getHashes();
                System.arraycopy(h, 0, all, n, h.length);
                n += h.length;
            }
        }
        Arrays.sort(all);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                all[distinct++] = all[i];
            }
        }
        return clusters(Arrays.copyOf(all, distinct));
    }

    /** Number of single-linkage clusters at {@link #MAX_DISTANCE} among distinct hashes. */
    static int clusters(long[] h) {
        int n = h.length;
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        int components = n;
        if (n <= 64) {
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (Long.bitCount(h[i] ^ h[j]) <= MAX_DISTANCE && union(parent, i, j)) {
                        components--;
                    }
                }
            }
            return components;
        }
        int[] order = new int[n];
        int[] start = new int[257];
        for (int band = 0; band < BANDS; band++) {
            int shift = 7 * band;
            long mask = band == BANDS - 1 ? 0xFF : 0x7F;
            // counting sort of the indices by this band's value
            Arrays.fill(start, 0);
            for (int i = 0; i < n; i++) {
                start[(int) ((h[i] >>> shift) & mask) + 1]++;
            }
            for (int v = 0; v < 256; v++) {
                start[v + 1] += start[v];
            }
            int[] next = start.clone();
            for (int i = 0; i < n; i++) {
                order[next[(int) ((h[i] >>> shift) & mask)]++] = i;
            }
            for (int v = 0; v < 256; v++) {
                for (int a = start[v]; a < start[v + 1]; a++) {
                    for (int b = a + 1; b < start[v + 1]; b++) {
                        int i = order[a];
                        int j = order[b];
                        if (Long.bitCount(h[i] ^ h[j]) <= MAX_DISTANCE && union(parent, i, j)) {
                            components--;
                        }
                    }
                }
            }
        }
        return components;
    }

    private static boolean union(int[] parent, int i, int j) {
        int a = find(parent, i);
        int b = find(parent, j);
        if (a == b) {
            return false;
        }
        parent[Math.max(a, b)] = Math.min(a, b);
        return true;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
