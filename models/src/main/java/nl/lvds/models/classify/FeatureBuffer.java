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

    /** Per feature, its row offset in the weight table (-1: unknown), set by scoring. */
    int[] rowAt = new int[512];

    /** Scratch for scoring: the row offsets of the known features, in feature order. */
    int[] hits = new int[512];

    /** Scratch for scoring: per feature, the key found in its home slot. */
    int[] firstKeys = new int[512];

    /** Per content token, the position of its unigram id in {@code features}. */
    int[] tokenPosition = new int[128];

    /** Tokens after spelling repair, when a post needs it (see FeatureExtractor). */
    final java.util.ArrayList<String> repaired = new java.util.ArrayList<>();

    private final int[] set = new int[SET_CAPACITY];

    /** Per used slot of {@code set}, the position of its id in {@code features}. */
    private final int[] position = new int[SET_CAPACITY];

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

    /**
     * Adds a feature id unless already present. Ids are never 0. Returns the id's position in the
     * feature list, or -1 when the buffer is full and the id was not added.
     */
    int add(int id) {
        int mask = SET_CAPACITY - 1;
        int i = (id * 0x9E3779B9) >>> 20 & mask;
        while (set[i] != 0) {
            if (set[i] == id) {
                return position[i];
            }
            i = (i + 1) & mask;
        }
        if (usedCount >= SET_CAPACITY / 2) {
            return -1; // pathological post: the first ~2,000 distinct features are plenty
        }
        set[i] = id;
        used[usedCount++] = i;
        if (size == features.length) {
            features = Arrays.copyOf(features, size * 2);
        }
        position[i] = size;
        features[size++] = id;
        return size - 1;
    }

    void addToken(String token, int featureId, int featurePosition) {
        if (tokenCount == tokens.length) {
            tokens = Arrays.copyOf(tokens, tokenCount * 2);
            tokenFeature = Arrays.copyOf(tokenFeature, tokenCount * 2);
            tokenPosition = Arrays.copyOf(tokenPosition, tokenCount * 2);
        }
        tokens[tokenCount] = token;
        tokenPosition[tokenCount] = featurePosition;
        tokenFeature[tokenCount++] = featureId;
    }

    /** The per-feature row array (and the scoring scratch), grown to at least {@code n}. */
    int[] scratchFor(int n) {
        if (rowAt.length < n) {
            rowAt = new int[features.length];
            hits = new int[features.length];
            firstKeys = new int[features.length];
        }
        return rowAt;
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

    /**
     * Position in the feature list of content token i's unigram id, or -1 when the buffer was full
     * (pathological posts only).
     */
    public int tokenPosition(int i) {
        return tokenPosition[i];
    }

    /** Unigram feature id of content token i. */
    public int tokenFeature(int i) {
        return tokenFeature[i];
    }
}
