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
     * The hot-path layout: per slot the key followed by its weights (as float bits), so a probe
     * touches one cache line instead of one in {@code keys} and another in {@code weights}.
     */
    private final int[] table;

    private final int slotWidth;

    /**
     * A one-hash bit filter over the keys (256 KB, stays in L2): most features of a post that the
     * model does not know are rejected here without touching the large table.
     */
    private final long[] filter = new long[1 << 15];

    private LinearModel(int topics, int stride, int[] keys, float[] weights) {
        this.topics = topics;
        this.stride = stride;
        this.keys = keys;
        this.weights = weights;
        this.mask = keys.length - 1;
        this.slotWidth = stride + 1;
        this.table = new int[keys.length * slotWidth];
        for (int k : keys) {
            if (k != 0) {
                int b = filterBit(k);
                filter[b >>> 6] |= 1L << b;
            }
        }
        for (int i = 0; i < keys.length; i++) {
            table[i * slotWidth] = keys[i];
            for (int j = 0; j < stride; j++) {
                table[i * slotWidth + 1 + j] = Float.floatToRawIntBits(weights[i * stride + j]);
            }
        }
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

    private static int filterBit(int key) {
        return (key * 0x85EBCA6B) >>> 11; // 21 bits
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

    /** Adds the rows of all features in {@code f} into {@code out} (length {@link #width()}). */
    public void score(FeatureBuffer f, double[] out) {
        java.util.Arrays.fill(out, 0, stride, 0.0);
        int[] t = table;
        int w = slotWidth;
        long[] bits = filter;
        for (int i = 0; i < f.size; i++) {
            int key = f.features[i];
            int b = filterBit(key);
            if ((bits[b >>> 6] & (1L << b)) == 0) {
                continue;
            }
            int slot = slot(key, mask);
            while (true) {
                int k = t[slot * w];
                if (k == key) {
                    int base = slot * w + 1;
                    for (int j = 0; j < stride; j++) {
                        out[j] += Float.intBitsToFloat(t[base + j]);
                    }
                    break;
                }
                if (k == 0) {
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
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
