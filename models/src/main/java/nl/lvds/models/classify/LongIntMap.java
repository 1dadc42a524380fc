package nl.lvds.models.classify;

import java.util.Arrays;

/** A minimal open-addressing map from non-zero long keys to int values (no boxing on lookup). */
final class LongIntMap {
    private long[] keys;
    private int[] values;
    private int size;

    LongIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new int[cap];
    }

    /** Value for {@code key}, or {@code missing}. Key 0 is never stored. */
    int get(long key, int missing) {
        int mask = keys.length - 1;
        int i = (int) Hashing.mix(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == 0) {
                return missing;
            }
            i = (i + 1) & mask;
        }
    }

    /** Stores {@code old | value} under {@code key}. */
    void or(long key, int value) {
        if (key == 0) {
            key = 1;
        }
        if (size * 2 >= keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = (int) Hashing.mix(key) & mask;
        while (keys[i] != 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (keys[i] == 0) {
            keys[i] = key;
            size++;
        }
        values[i] |= value;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                or(oldKeys[i], oldValues[i]);
            }
        }
        assert Arrays.stream(keys).filter(k -> k != 0).count() == size;
    }
}
