package nl.lvds.models.classify;

import java.util.Arrays;

/**
 * Reusable scratch space for one thread's feature extraction: a de-duplicated list of hashed
 * feature ids plus, per token, its unigram id (for top terms). Not thread-safe; keep one per
 * thread.
 */
public final class FeatureBuffer {
    private static final int SET_CAPACITY = 4096;

    int[] features = new int[512];
    int size;

    /** Normalised tokens and their unigram feature ids, parallel arrays of length tokenCount. */
    String[] tokens = new String[128];

    int[] tokenFeature = new int[128];
    int tokenCount;

    private final int[] set = new int[SET_CAPACITY];
    private final int[] used = new int[SET_CAPACITY];
    private int usedCount;

    /** Clears the buffer for a new post. */
    public void clear() {
        for (int i = 0; i < usedCount; i++) {
            set[used[i]] = 0;
        }
        usedCount = 0;
        size = 0;
        tokenCount = 0;
    }

    /** Adds a feature id unless already present. Ids are never 0. */
    void add(int id) {
        if (usedCount >= SET_CAPACITY / 2) {
            return; // pathological post: the first ~2,000 distinct features are plenty
        }
        int mask = SET_CAPACITY - 1;
        int i = (id * 0x9E3779B9) >>> 20 & mask;
        while (set[i] != 0) {
            if (set[i] == id) {
                return;
            }
            i = (i + 1) & mask;
        }
        set[i] = id;
        used[usedCount++] = i;
        if (size == features.length) {
            features = Arrays.copyOf(features, size * 2);
        }
        features[size++] = id;
    }

    void addToken(String token, int featureId) {
        if (tokenCount == tokens.length) {
            tokens = Arrays.copyOf(tokens, tokenCount * 2);
            tokenFeature = Arrays.copyOf(tokenFeature, tokenCount * 2);
        }
        tokens[tokenCount] = token;
        tokenFeature[tokenCount++] = featureId;
    }

    /** Number of distinct features. */
    public int size() {
        return size;
    }

    /** Feature id at position i. */
    public int feature(int i) {
        return features[i];
    }

    /** A copy of the feature ids. */
    public int[] toArray() {
        return Arrays.copyOf(features, size);
    }

    /** Number of content tokens seen. */
    public int tokenCount() {
        return tokenCount;
    }

    /** Normalised content token i. */
    public String token(int i) {
        return tokens[i];
    }

    /** Unigram feature id of content token i. */
    public int tokenFeature(int i) {
        return tokenFeature[i];
    }
}
