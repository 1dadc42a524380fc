package nl.lvds.pipeline.sketch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures near-duplicate collapse on real posts: the training corpus texts of at least eight words
 * (a SimHash over a handful of tokens moves too far with one changed token; copy-paste bursts are
 * sentences), SimHashed as in production, and variants made the way the synthetic generator makes
 * copy-paste bursts.
 */
class StoryClustersTest {

    private static List<String> posts;

    @BeforeAll
    static void loadCorpus() throws IOException {
        ObjectMapper json = new ObjectMapper();
        LinkedHashSet<String> texts = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(Path.of("../..", "models", "corpus"))) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".jsonl"))
                            .filter(p -> !p.getFileName().toString().startsWith("w"))
                            .sorted()
                            .toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.isBlank()) {
                        texts.add(json.readTree(line).get("text").asText());
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        posts = new ArrayList<>(texts);
        Collections.shuffle(posts, new Random(2024));
        assertThat(posts).hasSizeGreaterThan(3_000);
    }

    private static final String[] EMOJI = {"😡", "🤬", "😤", "🙄", "😂", "👍", "🔥", "💯", "😢"};
    private static final String[] TAGS = {"#rotterdam", "#010", "#onrust", "#nieuws", "#zuid"};

    /** The generator's burst variants: 40% verbatim, else one tiny change. */
    static String variant(String text, Random r) {
        if (r.nextDouble() < 0.4) {
            return text;
        }
        switch (r.nextInt(8)) {
            case 0:
                return text + " " + EMOJI[r.nextInt(EMOJI.length)];
            case 1:
                return text + "!!";
            case 2:
                return "RT " + text;
            case 3:
                return text + " " + TAGS[r.nextInt(TAGS.length)];
            case 4:
                int space = text.indexOf(' ');
                return space < 0
                        ? text
                        : text.substring(0, space) + " echt" + text.substring(space);
            case 5:
                int last = text.lastIndexOf(' ');
                return last > 20 ? text.substring(0, last) : text + " 👇";
            case 6:
                return text.toLowerCase(Locale.ROOT);
            default:
                return text + " ‼️";
        }
    }

    private static List<Long> burst(String post, int size, Random r) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            out.add(TestSimHash.of(variant(post, r)));
        }
        return out;
    }

    private static DistinctSketch sketchOf(List<Long> hashes) {
        DistinctSketch s = new DistinctSketch();
        hashes.forEach(s::add);
        return s;
    }

    @Test
    void shouldCountTwoHundredNearDuplicatesAsOneToThreeStories() {
        Random r = new Random(11);
        int[] histogram = new int[8];
        for (int i = 0; i < 100; i++) {
            List<Long> copies = burst(posts.get(i), 200, r);
            long stories = StoryClusters.count(sketchOf(copies));
            histogram[(int) Math.min(stories, 7)]++;
            assertThat(stories).as("post %d: %s", i, posts.get(i)).isBetween(1L, 3L);
        }
        System.out.printf(
                "200 near-duplicates of each of 100 posts -> stories: 1:%d 2:%d 3:%d%n",
                histogram[1], histogram[2], histogram[3]);
    }

    @Test
    void shouldCollapseABurstSpreadOverFourBuckets() {
        Random r = new Random(12);
        for (int i = 0; i < 50; i++) {
            List<Long> copies = burst(posts.get(i), 200, r);
            List<DistinctSketch> hour = new ArrayList<>();
            for (int b = 0; b < 4; b++) {
                hour.add(sketchOf(copies.subList(50 * b, 50 * (b + 1))));
            }
            assertThat(StoryClusters.countAll(hour)).as("post %d", i).isBetween(1L, 3L);
            assertThat(StoryClusters.countAll(hour))
                    .isEqualTo(StoryClusters.count(sketchOf(copies)));
        }
    }

    @Test
    void shouldKeepCollapsingBurstsWhenTheWindowHasMoreDistinctTextsThanTheExactSet() {
        // A busy day: 300 different posts and 20 bursts that run all day, 40 buckets.
        Random r = new Random(18);
        List<List<Long>> buckets = new ArrayList<>();
        for (int b = 0; b < 40; b++) {
            buckets.add(new ArrayList<>());
        }
        for (int i = 0; i < 300; i++) {
            buckets.get(i % 40).add(TestSimHash.of(posts.get(1_000 + i)));
        }
        for (int k = 0; k < 20; k++) {
            for (int b = 0; b < 40; b++) {
                buckets.get(b).addAll(burst(posts.get(2_000 + k), 5, r));
            }
        }
        List<DistinctSketch> day = buckets.stream().map(StoryClustersTest::sketchOf).toList();
        DistinctSketch rawUnion = new DistinctSketch();
        day.forEach(rawUnion::merge);
        long stories = StoryClusters.countAll(day);
        System.out.printf(
                "40 buckets, 300 different posts + 20 all-day bursts (%d distinct texts)"
                        + " -> %d stories%n",
                rawUnion.estimate(), stories);
        assertThat(rawUnion.isExact()).isFalse(); // the case under test: > 512 distinct texts
        assertThat(stories).isBetween(320L, 330L);
    }

    @Test
    void shouldCountDifferentPostsAsDifferentStories() {
        List<Long> hashes = posts.subList(0, 200).stream().map(TestSimHash::of).toList();
        long exact = StoryClusters.count(sketchOf(hashes));
        System.out.printf("200 different posts -> %d stories (exact mode)%n", exact);
        assertThat(exact).isBetween(195L, 200L);

        List<Long> more = posts.subList(0, 2_000).stream().map(TestSimHash::of).toList();
        long estimated = StoryClusters.count(sketchOf(more));
        System.out.printf("2,000 different posts -> %d stories (estimating mode)%n", estimated);
        assertThat(estimated).isBetween(1_900L, 2_100L);
    }

    @Test
    void shouldCountFiveBurstsAsFiveStories() {
        Random r = new Random(13);
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.addAll(burst(posts.get(200 + i), 40, r));
        }
        Collections.shuffle(all, r);
        assertThat(StoryClusters.count(sketchOf(all))).isBetween(5L, 7L);
    }

    @Test
    void shouldNotDependOnInsertionOrder() {
        Random r = new Random(14);
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            all.addAll(burst(posts.get(300 + i), 30, r));
        }
        all.addAll(posts.subList(400, 440).stream().map(TestSimHash::of).toList());
        long expected = StoryClusters.count(sketchOf(all));
        for (int i = 0; i < 10; i++) {
            Collections.shuffle(all, r);
            assertThat(StoryClusters.count(sketchOf(all))).isEqualTo(expected);
        }
    }

    @Test
    void shouldFindTheSameClustersWithBandingAsWithAllPairs() {
        Random r = new Random(15);
        for (int round = 0; round < 20; round++) {
            List<Long> all = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                all.addAll(burst(posts.get(600 + 10 * round + i), 30, r));
            }
            for (int i = 0; i < 300; i++) {
                long base = r.nextLong();
                all.add(base);
                if (r.nextInt(4) == 0) {
                    all.add(base ^ (1L << r.nextInt(64)) ^ (1L << r.nextInt(64))); // a close pair
                }
            }
            long[] distinct = all.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
            assertThat(StoryClusters.clusters(distinct)).isEqualTo(allPairs(distinct));
        }
    }

    private static int allPairs(long[] h) {
        int[] parent = new int[h.length];
        for (int i = 0; i < h.length; i++) {
            parent[i] = i;
        }
        int components = h.length;
        for (int i = 0; i < h.length; i++) {
            for (int j = i + 1; j < h.length; j++) {
                if (Long.bitCount(h[i] ^ h[j]) <= StoryClusters.MAX_DISTANCE) {
                    int a = root(parent, i);
                    int b = root(parent, j);
                    if (a != b) {
                        parent[b] = a;
                        components--;
                    }
                }
            }
        }
        return components;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            i = parent[i];
        }
        return i;
    }

    @Test
    void shouldCountAnEstimatingSketchByItsEstimate() {
        DistinctSketch s = new DistinctSketch();
        Random r = new Random(16);
        for (int i = 0; i < 1_000; i++) {
            s.add(r.nextLong());
        }
        assertThat(StoryClusters.count(s)).isEqualTo(s.estimate());
        assertThat(StoryClusters.countAll(List.of(s, DistinctSketch.of(1, 2))))
                .isBetween(s.estimate() - 30, s.estimate() + 30);
    }

    /** The figures quoted in the StoryClusters Javadoc; prints them and checks the claims hold. */
    @Test
    void shouldJustifyTheThresholdOnTheCorpus() {
        Random r = new Random(17);
        int changed = 0;
        int within = 0;
        int prefixKept = 0;
        int[] flips = new int[65];
        for (int i = 0; i < 20_000; i++) {
            String post = posts.get(r.nextInt(posts.size()));
            String v = variant(post, r);
            long a = TestSimHash.of(post);
            long b = TestSimHash.of(v);
            if (a == b) {
                continue;
            }
            changed++;
            int d = Long.bitCount(a ^ b);
            flips[d]++;
            within += d <= StoryClusters.MAX_DISTANCE ? 1 : 0;
            prefixKept += (a >>> 48) == (b >>> 48) ? 1 : 0;
        }
        int median = 0;
        for (int seen = 0; seen < changed / 2; median++) {
            seen += flips[median];
        }
        long[] h = posts.stream().mapToLong(TestSimHash::of).toArray();
        long pairs = 0;
        long close = 0;
        for (int n = 0; n < 200_000; n++) {
            int i = r.nextInt(h.length);
            int j = r.nextInt(h.length);
            if (i != j && h[i] != h[j]) {
                pairs++;
                close += Long.bitCount(h[i] ^ h[j]) <= StoryClusters.MAX_DISTANCE ? 1 : 0;
            }
        }
        System.out.printf(
                "changed variants: %d, median flipped bits %d, within %d bits %.1f%%, 16-bit"
                        + " prefix kept %.1f%%; different-post pairs within %d bits: %d of %d%n",
                changed,
                median - 1,
                StoryClusters.MAX_DISTANCE,
                100.0 * within / changed,
                100.0 * prefixKept / changed,
                StoryClusters.MAX_DISTANCE,
                close,
                pairs);
        assertThat(within / (double) changed).isGreaterThan(0.85);
        assertThat(close / (double) pairs).isLessThan(1e-4);
    }
}
