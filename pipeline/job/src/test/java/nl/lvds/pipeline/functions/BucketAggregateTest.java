package nl.lvds.pipeline.functions;

import static nl.lvds.pipeline.functions.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nl.lvds.pipeline.records.Bucket;
import nl.lvds.pipeline.records.CellSignal;
import org.junit.jupiter.api.Test;

class BucketAggregateTest {

    private static CellSignal cs(
            int tension, String source, long story, long author, String... terms) {
        return new CellSignal(
                "Tarwewijk",
                "Charlois",
                "all",
                T0 + 1000,
                tension,
                source,
                story,
                author,
                author == 0 ? 0 : T0,
                List.of(terms));
    }

    private static List<CellSignal> sample() {
        List<CellSignal> s = new ArrayList<>();
        s.add(cs(0, "social", 11, 101, "explosie", "portiek"));
        s.add(cs(1, "social", 11, 102, "explosie", "explosie"));
        s.add(cs(2, "forum", 12, 101, "politie"));
        s.add(cs(2, "news-comment", 13, 0));
        return s;
    }

    private static BucketAccumulator aggregate(List<CellSignal> signals) {
        BucketAggregate agg = new BucketAggregate();
        BucketAccumulator acc = agg.createAccumulator();
        for (CellSignal s : signals) {
            acc = agg.add(s, acc);
        }
        return agg.getResult(acc);
    }

    @Test
    void shouldCountByTensionSourceStoryAuthorAndTerm() {
        BucketAccumulator acc = aggregate(sample());
        assertThat(acc.area).isEqualTo("Tarwewijk");
        assertThat(acc.district).isEqualTo("Charlois");
        assertThat(acc.topic).isEqualTo("all");
        assertThat(acc.signals).isEqualTo(4);
        assertThat(acc.calm).isEqualTo(1);
        assertThat(acc.uneasy).isEqualTo(1);
        assertThat(acc.hostile).isEqualTo(2);
        assertThat(acc.stories.estimate()).isEqualTo(3);
        assertThat(acc.authors.estimate()).isEqualTo(2);
        assertThat(acc.authorEpoch).isEqualTo(T0);
        assertThat(acc.sources).isEqualTo(Map.of("social", 2, "forum", 1, "news-comment", 1));
        // a term counts once per post
        assertThat(acc.terms).isEqualTo(Map.of("explosie", 2, "portiek", 1, "politie", 1));
    }

    @Test
    void shouldLeaveAuthorsNullWithoutAuthorKeys() {
        BucketAccumulator acc = aggregate(List.of(cs(0, "social", 1, 0)));
        assertThat(acc.authors).isNull();
        Bucket b = BucketWindow.toBucket(acc, T0, "Tarwewijk|all");
        assertThat(b.authors()).isNull();
        assertThat(b.authorEpoch()).isZero();
    }

    @Test
    void shouldGiveTheSameBucketInAnyOrderAndWhenMerged() {
        List<CellSignal> s = new ArrayList<>();
        Random r = new Random(3);
        for (int i = 0; i < 300; i++) {
            s.add(
                    cs(
                            r.nextInt(3),
                            r.nextBoolean() ? "social" : "forum",
                            r.nextInt(700),
                            r.nextInt(5) == 0 ? 0 : 1 + r.nextInt(600),
                            "t" + r.nextInt(40)));
        }
        Bucket expected = BucketWindow.toBucket(aggregate(s), T0, "Tarwewijk|all");
        Collections.shuffle(s, r);
        assertThat(BucketWindow.toBucket(aggregate(s), T0, "Tarwewijk|all")).isEqualTo(expected);

        BucketAggregate agg = new BucketAggregate();
        BucketAccumulator left = aggregate(s.subList(0, 120));
        BucketAccumulator right = aggregate(s.subList(120, 300));
        assertThat(BucketWindow.toBucket(agg.merge(right, left), T0, "Tarwewijk|all"))
                .isEqualTo(expected);
    }

    @Test
    void shouldKeepTheTopTermsByCountThenAlphabetically() {
        Map<String, Integer> terms = new HashMap<>();
        terms.put("b", 5);
        terms.put("a", 5);
        terms.put("c", 9);
        terms.put("d", 1);
        assertThat(BucketWindow.topTerms(terms, 3))
                .containsExactly(Map.entry("c", 9), Map.entry("a", 5), Map.entry("b", 5));
        assertThat(BucketWindow.topTerms(terms, 3).keySet()).containsExactly("c", "a", "b");
    }

    @Test
    void shouldCopySketchesIntoTheBucketSoTheWindowCanKeepCounting() {
        BucketAccumulator acc = aggregate(sample());
        Bucket b = BucketWindow.toBucket(acc, T0, "Tarwewijk|all");
        new BucketAggregate().add(cs(0, "social", 99, 999), acc);
        assertThat(b.stories().estimate()).isEqualTo(3);
        assertThat(b.authors().estimate()).isEqualTo(2);
        assertThat(b.signals()).isEqualTo(4);
        assertThat(b.bucketStart()).isEqualTo(T0);
        assertThat(b.cellKey()).isEqualTo("Tarwewijk|all");
    }
}
