package nl.lvds.pipeline.sketch;

import java.util.Arrays;

/**
 * A deterministic, order-independent, mergeable count of distinct 64-bit hashes: an exact sorted
 * set up to {@value #EXACT_CAPACITY} hashes, then a HyperLogLog with 2^{@value #PRECISION}
 * registers.
 *
 * <p><b>Why this shape.</b> The exact set of 512 longs takes 4 KiB, the same as the 4,096 one-byte
 * registers it turns into, so the sketch never grows past ~4 KiB, and small cells (the common case
 * for a wijk and topic) are counted exactly, where k-suppression needs exact answers. Its state is
 * a function of the set of hashes added, not of their order or of how the adds were split over
 * sketches that were later merged: the exact set is kept sorted, the switch happens exactly when
 * the union exceeds the capacity, and the registers of a union are the element-wise maxima. So the
 * same input gives the same state in streaming and in batch execution.
 *
 * <p><b>Estimator.</b> Registers hold the rank of {@link Hash64#mix(long) finalised} hashes (6 bits
 * used of 8); the estimate is Ertl's improved raw estimator ("New cardinality estimation algorithms
 * for HyperLogLog sketches", 2017), which needs neither linear counting nor bias tables. Its
 * relative standard error is about 1.04/√m: with 2^10 registers (3.3%) one estimate in six to eight
 * missed by more than 5% in 200 trials at n = 10,000-100,000, so the sketch uses 2^12 (1.6%,
 * measured RMSE ≤ 1.8%, {@code DistinctSketchTest}). The exact set stores the raw hashes (not
 * finalised), so callers can still compare them, e.g. by Hamming distance in {@link StoryClusters}.
 *
 * <p>The class is a Flink POJO (public no-argument constructor, getters and setters over a {@code
 * long[]} and a {@code byte[]}); the accessors exist for the serializer and hand out the internal
 * arrays. It is mutable and not thread-safe, like any accumulator.
 */
public final class DistinctSketch {

    /** Largest number of distinct hashes kept exactly. */
    public static final int EXACT_CAPACITY = 512;

    /** HyperLogLog precision: 2^12 = 4,096 registers. */
    public static final int PRECISION = 12;

    private static final int M = 1 << PRECISION;
    private static final int Q = 64 - PRECISION;
    private static final long[] EMPTY = new long[0];

    /** Sorted distinct raw hashes in exact mode; null in HyperLogLog mode. */
    private long[] hashes = EMPTY;

    /** HyperLogLog registers in estimating mode; null in exact mode. */
    private byte[] registers;

    /** An empty sketch. */
    public DistinctSketch() {}

    /** A sketch holding the given hashes. */
    public static DistinctSketch of(long... values) {
        DistinctSketch s = new DistinctSketch();
        for (long v : values) {
            s.add(v);
        }
        return s;
    }

    /** Adds one hash. */
    public void add(long hash) {
        if (registers != null) {
            addToRegisters(registers, hash);
            return;
        }
        int at = Arrays.binarySearch(hashes, hash);
        if (at >= 0) {
            return;
        }
        int insert = -at - 1;
        if (hashes.length == EXACT_CAPACITY) {
            registers = toRegisters(hashes);
            hashes = null;
            addToRegisters(registers, hash);
            return;
        }
        long[] grown = new long[hashes.length + 1];
        System.arraycopy(hashes, 0, grown, 0, insert);
        grown[insert] = hash;
        System.arraycopy(hashes, insert, grown, insert + 1, hashes.length - insert);
        hashes = grown;
    }

    /**
     * Adds every hash of {@code other} (the result counts the union); {@code other} is unchanged.
     */
    public void merge(DistinctSketch other) {
        if (other == null || other == this) {
            return;
        }
        if (registers == null && other.registers == null) {
            long[] union = union(hashes, other.hashes);
            if (union.length <= EXACT_CAPACITY) {
                hashes = union;
            } else {
                registers = toRegisters(union);
                hashes = null;
            }
            return;
        }
        if (registers == null) {
            registers = toRegisters(hashes);
            hashes = null;
        }
        if (other.registers == null) {
            for (long h : other.hashes) {
                addToRegisters(registers, h);
            }
        } else {
            for (int i = 0; i < M; i++) {
                if (other.registers[i] > registers[i]) {
                    registers[i] = other.registers[i];
                }
            }
        }
    }

    /** A deep copy. */
    public DistinctSketch copy() {
        DistinctSketch c = new DistinctSketch();
        c.hashes = hashes == null ? null : hashes.clone();
        c.registers = registers == null ? null : registers.clone();
        return c;
    }

    /** Whether the count is exact (at most {@link #EXACT_CAPACITY} distinct hashes seen). */
    public boolean isExact() {
        return registers == null;
    }

    /** The number of distinct hashes: exact below the switch, estimated above it. */
    public long estimate() {
        if (registers == null) {
            return hashes.length;
        }
        return Math.round(ertl(registers));
    }

    /** The exact hashes, sorted, as a copy; only in exact mode. */
    public long[] exactHashes() {
        if (registers != null) {
            throw new IllegalStateException("sketch is estimating, not exact");
        }
        return hashes.clone();
    }

    // ------------------------------------------------------------------ POJO accessors

    /** For the serializer: the internal sorted hash array, null in estimating mode. */
    public long[] getHashes() {
        return hashes;
    }

    /** For the serializer. */
    public void setHashes(long[] hashes) {
        this.hashes = hashes;
    }

    /** For the serializer: the internal register array, null in exact mode. */
    public byte[] getRegisters() {
        return registers;
    }

    /** For the serializer. */
    public void setRegisters(byte[] registers) {
        this.registers = registers;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DistinctSketch s
                && Arrays.equals(hashes, s.hashes)
                && Arrays.equals(registers, s.registers);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(hashes) + Arrays.hashCode(registers);
    }

    @Override
    public String toString() {
        return registers == null
                ? "DistinctSketch{exact=" + hashes.length + "}"
                : "DistinctSketch{hll≈" + estimate() + "}";
    }

    // ------------------------------------------------------------------ internals

    private static long[] union(long[] a, long[] b) {
        long[] out = new long[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length && j < b.length) {
            long x = a[i];
            long y = b[j];
            if (x == y) {
                out[n++] = x;
                i++;
                j++;
            } else if (x < y) {
                out[n++] = x;
                i++;
            } else {
                out[n++] = y;
                j++;
            }
        }
        while (i < a.length) {
            out[n++] = a[i++];
        }
        while (j < b.length) {
            out[n++] = b[j++];
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static byte[] toRegisters(long[] values) {
        byte[] r = new byte[M];
        for (long v : values) {
            addToRegisters(r, v);
        }
        return r;
    }

    private static void addToRegisters(byte[] r, long raw) {
        long x = Hash64.mix(raw);
        int index = (int) (x >>> Q);
        long rest = x << PRECISION;
        int rank = Math.min(Long.numberOfLeadingZeros(rest), Q) + 1;
        if (rank > r[index]) {
            r[index] = (byte) rank;
        }
    }

    /** Ertl (2017), algorithm 6: the improved raw estimator. */
    static double ertl(byte[] r) {
        int[] c = new int[Q + 2];
        for (byte b : r) {
            c[b]++;
        }
        double z = M * tau(1.0 - c[Q + 1] / (double) M);
        for (int k = Q; k >= 1; k--) {
            z = 0.5 * (z + c[k]);
        }
        z += M * sigma(c[0] / (double) M);
        return M * (double) M / (2.0 * Math.log(2.0) * z);
    }

    private static double sigma(double x) {
        if (x == 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        double y = 1.0;
        double z = x;
        double previous;
        do {
            x *= x;
            previous = z;
            z += x * y;
            y += y;
        } while (z != previous);
        return z;
    }

    private static double tau(double x) {
        if (x == 0.0 || x == 1.0) {
            return 0.0;
        }
        double y = 1.0;
        double z = 1.0 - x;
        double previous;
        do {
            x = Math.sqrt(x);
            previous = z;
            y *= 0.5;
            z -= (1.0 - x) * (1.0 - x) * y;
        } while (z != previous);
        return z / 3.0;
    }
}
