package nl.lvds.pipeline.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

class DistinctSketchTest {

    private static long[] randomHashes(int n, long seed) {
        Random r = new Random(seed);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.nextLong();
        }
        return out;
    }

    @Test
    void shouldCountExactlyUpToTheCapacity() {
        DistinctSketch s = new DistinctSketch();
        long[] h = randomHashes(DistinctSketch.EXACT_CAPACITY, 1);
        for (int i = 0; i < h.length; i++) {
            s.add(h[i]);
            s.add(h[i]); // duplicates are free
            assertThat(s.estimate()).isEqualTo(i + 1);
        }
        assertThat(s.isExact()).isTrue();
        s.add(42L);
        assertThat(s.isExact()).isFalse();
    }

    @Test
    void shouldCountSmallSetsOfSimilarHashesExactly() {
        // SimHashes of near-duplicates differ in a few bits: still distinct values when exact.
        DistinctSketch s = DistinctSketch.of(0b1000L, 0b1001L, 0b1011L, 0b1000L);
        assertThat(s.estimate()).isEqualTo(3);
        assertThat(s.exactHashes()).containsExactly(0b1000L, 0b1001L, 0b1011L);
    }

    @Test
    void shouldEstimateWithinFivePercentAboveTheSwitch() {
        for (int n :
                new int[] {513, 700, 1_000, 2_500, 5_000, 10_000, 20_000, 100_000, 1_000_000}) {
            DistinctSketch s = new DistinctSketch();
            for (long h : randomHashes(n, n)) {
                s.add(h);
            }
            double error = Math.abs(s.estimate() - n) / (double) n;
            System.out.printf(
                    "DistinctSketch n=%,d estimate=%,d error=%.2f%%%n",
                    n, s.estimate(), 100 * error);
            assertThat(error).as("relative error at n=%d", n).isLessThan(0.05);
        }
    }

    @Test
    void shouldEstimateSequentialAndStructuredHashesToo() {
        // SimHashes and counters are not uniform: the finaliser must spread them.
        DistinctSketch s = new DistinctSketch();
        for (long i = 0; i < 10_000; i++) {
            s.add(i << 20);
        }
        assertThat(Math.abs(s.estimate() - 10_000) / 10_000.0).isLessThan(0.05);
    }

    @Test
    void shouldMergeToTheUnion() {
        long[] a = randomHashes(300, 7);
        long[] b = randomHashes(300, 8);
        DistinctSketch left = DistinctSketch.of(a);
        DistinctSketch right = DistinctSketch.of(b);
        right.add(a[0]); // overlap
        DistinctSketch merged = left.copy();
        merged.merge(right);

        DistinctSketch all = DistinctSketch.of(a);
        for (long h : b) {
            all.add(h);
        }
        assertThat(merged).isEqualTo(all);
        assertThat(merged.isExact()).isFalse(); // 600 > 512
        assertThat(left.estimate()).isEqualTo(300); // merge leaves its argument alone
        assertThat(right.estimate()).isEqualTo(301);
    }

    @Test
    void shouldStayExactWhenTheUnionFits() {
        DistinctSketch left = DistinctSketch.of(1, 2, 3);
        left.merge(DistinctSketch.of(3, 4));
        assertThat(left.isExact()).isTrue();
        assertThat(left.exactHashes()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void shouldBeIndependentOfOrderAndOfHowAddsWereSplit() {
        for (int n : new int[] {50, 512, 513, 3_000}) {
            long[] h = randomHashes(n, 99 + n);
            List<Long> shuffled = new ArrayList<>();
            for (long x : h) {
                shuffled.add(x);
                shuffled.add(x);
            }
            Collections.shuffle(shuffled, new Random(5));

            DistinctSketch inOrder = DistinctSketch.of(h);
            DistinctSketch oneByOne = new DistinctSketch();
            shuffled.forEach(oneByOne::add);
            // split into 7 partial sketches, merged in another order
            DistinctSketch[] parts = new DistinctSketch[7];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = new DistinctSketch();
            }
            for (int i = 0; i < shuffled.size(); i++) {
                parts[i % parts.length].add(shuffled.get(i));
            }
            DistinctSketch merged = new DistinctSketch();
            for (int i = parts.length - 1; i >= 0; i--) {
                merged.merge(parts[i]);
            }
            assertThat(oneByOne).as("n=%d", n).isEqualTo(inOrder);
            assertThat(merged).as("n=%d", n).isEqualTo(inOrder);
        }
    }

    @Test
    void shouldCopyDeeply() {
        DistinctSketch s = DistinctSketch.of(1, 2);
        DistinctSketch c = s.copy();
        c.add(3);
        assertThat(s.estimate()).isEqualTo(2);
        assertThat(c.estimate()).isEqualTo(3);
    }

    @Test
    void shouldRefuseExactHashesWhenEstimating() {
        DistinctSketch s = DistinctSketch.of(randomHashes(600, 3));
        assertThatThrownBy(s::exactHashes).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldBeSerializedAsPojoWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(DistinctSketch.class);
    }

    @Test
    void shouldSaltHashesSoTheSameKeyDiffersAcrossSalts() {
        long a = Hash64.salted("ak-123", 0);
        assertThat(Hash64.salted("ak-123", 0)).isEqualTo(a);
        assertThat(Hash64.salted("ak-123", 900_000)).isNotEqualTo(a);
        assertThat(Hash64.salted("ak-124", 0)).isNotEqualTo(a);
        assertThat(a).isNotZero();
    }
}
