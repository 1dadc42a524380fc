package nl.lvds.models.classify;

import edu.stanford.nlp.classify.LinearClassifier;
import edu.stanford.nlp.util.Index;

/**
 * The compiled, read-only form of a {@link ModelBundle}: one open-addressing table from feature id
 * to a row of weights (a logit per topic, then one score per tension level). Scoring a post is one
 * table probe per feature. The results equal CoreNLP's {@code scoresOf} on the same features (a
 * test checks this); only the data layout differs.
 */
public final class LinearModel {
    private final int topics;
    private final int stride;
    private final int[] keys;
    private final float[] weights;
    private final int mask;

    /**
     * The hot-path layout, in two parts so that what every feature touches stays small: {@code
     * keys} (above; 4 bytes a slot, 256 KB at 64k slots, mostly in the L2 cache), and the rows of
     * the known features stored densely (no empty slots) in slot order in {@code rows}. The row of
     * slot s is number rank(s), the count of used slots before s, read from a bitmap of used slots
     * ({@code used}, 8 KB at 64k slots) and a running count per 64 slots ({@code usedBefore}, 4
     * KB): both stay in the L1 cache. Scoring first resolves every feature of a post to its row,
     * then adds the rows: their addresses are all known at that point, so the CPU loads many rows
     * at once instead of one probe after the other. (The earlier layout interleaved key and weights
     * per slot, 40 bytes a slot, with a bit filter in front; its probe loop waited for one row at a
     * time.)
     */
    private final float[] rows;

    private final long[] used;
    private final int[] usedBefore;

    private LinearModel(int topics, int stride, int[] keys, float[] weights) {
        this.topics = topics;
        this.stride = stride;
        this.keys = keys;
        this.weights = weights;
        this.mask = keys.length - 1;
        this.used = new long[(keys.length + 63) >>> 6];
        this.usedBefore = new int[used.length];
        int known = 0;
        for (int i = 0; i < keys.length; i++) {
            if ((i & 63) == 0) {
                usedBefore[i >>> 6] = known;
            }
            if (keys[i] != 0) {
                used[i >>> 6] |= 1L << i;
                known++;
            }
        }
        this.rows = new float[known * stride];
        for (int i = 0, next = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                System.arraycopy(weights, i * stride, rows, next, stride);
                next += stride;
            }
        }
    }

    /** Offset in {@link #rows} of the row of a used slot. */
    private int rowOffset(int slot) {
        int word = slot >>> 6;
        return (usedBefore[word] + Long.bitCount(used[word] & ((1L << slot) - 1))) * stride;
    }

    /** Compiles the classifiers of a bundle. */
    public static LinearModel compile(ModelBundle bundle) {
        int topics = bundle.topics().size();
        int levels = 3;
        int stride = topics + levels;
        java.util.HashMap<Integer, float[]> rows = new java.util.HashMap<>();
        for (int t = 0; t < topics; t++) {
            LinearClassifier<String, Integer> c = bundle.topicClassifiers().get(t);
            double[][] w = c.weights();
            Index<Integer> features = c.featureIndex();
            int yes = c.labelIndex().indexOf(ModelBundle.YES);
            int no = c.labelIndex().indexOf(ModelBundle.NO);
            for (int f = 0; f < features.size(); f++) {
                float logit = (float) (w[f][yes] - w[f][no]);
                if (logit != 0f) {
                    rows.computeIfAbsent(features.get(f), k -> new float[stride])[t] = logit;
                }
            }
        }
        LinearClassifier<String, Integer> tc = bundle.tensionClassifier();
        double[][] w = tc.weights();
        Index<Integer> features = tc.featureIndex();
        for (int f = 0; f < features.size(); f++) {
            float[] row = null;
            for (int level = 0; level < levels; level++) {
                int label = tc.labelIndex().indexOf(Integer.toString(level));
                float v = (float) w[f][label];
                if (v != 0f) {
                    if (row == null) {
                        row = rows.computeIfAbsent(features.get(f), k -> new float[stride]);
                    }
                    row[topics + level] = v;
                }
            }
        }
        // load factor at most 0.6: short probe chains, and a table small enough to stay mostly in
        // cache
        int capacity =
                Math.max(16, Integer.highestOneBit((int) Math.ceil(rows.size() / 0.6) - 1) << 1);
        int[] keys = new int[capacity];
        float[] weights = new float[capacity * stride];
        for (var e : rows.entrySet()) {
            int i = slot(e.getKey(), capacity - 1);
            while (keys[i] != 0) {
                i = (i + 1) & (capacity - 1);
            }
            keys[i] = e.getKey();
            System.arraycopy(e.getValue(), 0, weights, i * stride, stride);
        }
        return new LinearModel(topics, stride, keys, weights);
    }

    private static int slot(int key, int mask) {
        return (key * 0x9E3779B9 ^ key >>> 16) & mask;
    }

    private int find(int key) {
        int i = slot(key, mask);
        while (true) {
            int k = keys[i];
            if (k == key) {
                return i;
            }
            if (k == 0) {
                return -1;
            }
            i = (i + 1) & mask;
        }
    }

    /** Number of topic logits in a score row. */
    public int topics() {
        return topics;
    }

    /** Size of a score row: topic logits then the three tension scores. */
    public int width() {
        return stride;
    }

    /** Number of distinct features with a non-zero weight. */
    public int featureCount() {
        int n = 0;
        for (int k : keys) {
            n += k != 0 ? 1 : 0;
        }
        return n;
    }

    /**
     * Adds the rows of all features in {@code f} into {@code out} (length {@link #width()}), in the
     * order of the features (so the sums are the same to the last bit as adding them one probe at a
     * time). Also records in {@code f} the row of every feature, for {@link #weight( FeatureBuffer,
     * int, int)}.
     */
    public void score(FeatureBuffer f, double[] out) {
        java.util.Arrays.fill(out, 0, stride, 0.0);
        int n = f.size;
        int[] features = f.features;
        int[] rowAt = f.scratchFor(n);
        int[] first = f.firstKeys;
        int[] hits = f.hits;
        int[] k = keys;
        int m = mask;
        // 1: each feature's home slot and the key there: loads independent of each other
        for (int i = 0; i < n; i++) {
            int slot = slot(features[i], m);
            rowAt[i] = slot;
            first[i] = k[slot];
        }
        // 2: resolve each feature to its row offset (-1: unknown); collisions walk on
        int found = 0;
        for (int i = 0; i < n; i++) {
            int key = features[i];
            int slot = rowAt[i];
            int have = first[i];
            while (have != key && have != 0) {
                slot = (slot + 1) & m;
                have = k[slot];
            }
            int row = have == 0 ? -1 : rowOffset(slot);
            rowAt[i] = row;
            hits[found] = row;
            found += row >>> 31 ^ 1;
        }
        // 3: add the rows, in feature order (per column the same sequence of double additions
        // as one probe at a time); their addresses are independent of each other
        float[] w = rows;
        if (stride == 9) {
            // the shipped width (6 topics + 3 tension levels): nine sums in registers instead of
            // a load and a store of out[j] per weight
            double o0 = 0, o1 = 0, o2 = 0, o3 = 0, o4 = 0, o5 = 0, o6 = 0, o7 = 0, o8 = 0;
            for (int h = 0; h < found; h++) {
                int base = hits[h];
                o0 += w[base];
                o1 += w[base + 1];
                o2 += w[base + 2];
                o3 += w[base + 3];
                o4 += w[base + 4];
                o5 += w[base + 5];
                o6 += w[base + 6];
                o7 += w[base + 7];
                o8 += w[base + 8];
            }
            out[0] = o0;
            out[1] = o1;
            out[2] = o2;
            out[3] = o3;
            out[4] = o4;
            out[5] = o5;
            out[6] = o6;
            out[7] = o7;
            out[8] = o8;
            return;
        }
        int s = stride;
        for (int h = 0; h < found; h++) {
            int base = hits[h];
            for (int j = 0; j < s; j++) {
                out[j] += w[base + j];
            }
        }
    }

    /**
     * The weight in {@code column} of feature number {@code i} of {@code f}, as resolved by the
     * last {@link #score} of {@code f}; 0 when the model does not know the feature. Same value as
     * {@link #weight(int, int)} of that feature, without a second probe.
     */
    public double weight(FeatureBuffer f, int i, int column) {
        int row = f.rowAt[i];
        return row < 0 ? 0.0 : rows[row + column];
    }

    /** The weight of one feature in one output column, 0 when absent. */
    public double weight(int feature, int column) {
        int slot = find(feature);
        return slot < 0 ? 0.0 : weights[slot * stride + column];
    }

    /** Writes the table (used by {@link RuntimeModel#write}). */
    void write(java.io.DataOutputStream d) throws java.io.IOException {
        d.writeInt(topics);
        d.writeInt(stride);
        d.writeInt(keys.length);
        for (int k : keys) {
            d.writeInt(k);
        }
        for (float w : weights) {
            d.writeFloat(w);
        }
    }

    /** Reads a table written by {@link #write}. */
    static LinearModel read(java.io.DataInputStream d) throws java.io.IOException {
        int topics = d.readInt();
        int stride = d.readInt();
        int capacity = d.readInt();
        if (Integer.bitCount(capacity) != 1 || stride <= topics) {
            throw new java.io.IOException("corrupt weight table");
        }
        int[] keys = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            keys[i] = d.readInt();
        }
        float[] weights = new float[capacity * stride];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = d.readFloat();
        }
        return new LinearModel(topics, stride, keys, weights);
    }
}
