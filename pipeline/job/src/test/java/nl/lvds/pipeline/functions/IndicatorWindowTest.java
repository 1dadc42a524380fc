package nl.lvds.pipeline.functions;

import static nl.lvds.pipeline.functions.TestData.BUCKET;
import static nl.lvds.pipeline.functions.TestData.HOUR;
import static nl.lvds.pipeline.functions.TestData.T0;
import static nl.lvds.pipeline.functions.TestData.bucket;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.pipeline.records.Bucket;
import nl.lvds.pipeline.records.CellIndicator;
import nl.lvds.pipeline.records.IncidentRef;
import nl.lvds.pipeline.sketch.DistinctSketch;
import org.junit.jupiter.api.Test;

class IndicatorWindowTest {

    private static CellIndicator build(List<Bucket> buckets, Baseline.Stats baseline) {
        return build(buckets, List.of(), baseline);
    }

    private static CellIndicator build(
            List<Bucket> buckets, List<IncidentRef> incidents, Baseline.Stats baseline) {
        return IndicatorWindow.build(
                "Tarwewijk",
                "Charlois",
                "all",
                "1h",
                T0,
                T0 + HOUR,
                buckets,
                incidents,
                baseline,
                10,
                TensionIndexFormula.DEFAULT,
                "m1");
    }

    @Test
    void shouldSumBucketsAndComputeIndexAndZ() {
        List<Bucket> buckets =
                List.of(
                        bucket(
                                "Tarwewijk",
                                "Charlois",
                                "all",
                                T0,
                                10,
                                2,
                                3,
                                8,
                                0,
                                List.of("explosie")),
                        bucket(
                                "Tarwewijk",
                                "Charlois",
                                "all",
                                T0 + 2 * BUCKET,
                                10,
                                4,
                                1,
                                6,
                                0,
                                List.of("explosie", "politie")));
        Baseline.Stats base = new Baseline.Stats(4.0, 2.0, 28, 112);

        CellIndicator c = build(buckets, base);
        TensionIndicator t = c.indicator();

        assertThat(t.suppressed()).isFalse();
        assertThat(t.signals()).isEqualTo(20);
        assertThat(t.stories()).isEqualTo(14);
        assertThat(t.distinctAuthors()).isNull();
        assertThat(t.calm()).isEqualTo(10);
        assertThat(t.uneasy()).isEqualTo(6);
        assertThat(t.hostile()).isEqualTo(4);
        assertThat(t.baselineMean()).isEqualTo(4.0);
        assertThat(t.baselineStd()).isEqualTo(2.0);
        assertThat(t.zScore()).isEqualTo(8.0);
        // 100 * (0.5 * 4/20 + 0.2 * 6/20 + 0.3 * tanh(8/4)) = 100 * (0.1 + 0.06 + 0.2892) = 44.9
        assertThat(t.tensionIndex()).isEqualTo(44.9);
        assertThat(t.windowStart()).isEqualTo(T0);
        assertThat(t.windowEnd()).isEqualTo(T0 + HOUR);
        assertThat(t.modelVersion()).isEqualTo("m1");
        assertThat(t.v()).isEqualTo(2);
        assertThat(c.window()).isEqualTo("1h");
        assertThat(c.topTerms()).containsExactly("explosie", "politie");
        assertThat(c.sources()).containsExactly("social");
        assertThat(c.cellKey()).isEqualTo("Tarwewijk|all");
    }

    @Test
    void shouldUseAFloorOfOneForTheStandardDeviation() {
        CellIndicator c =
                build(
                        List.of(bucket("Tarwewijk", "Charlois", "all", T0, 12)),
                        new Baseline.Stats(2.0, 0.25, 28, 56));
        assertThat(c.indicator().zScore()).isEqualTo(10.0);
    }

    @Test
    void shouldSuppressBelowKSignals() {
        CellIndicator c =
                build(
                        List.of(
                                bucket(
                                        "Tarwewijk",
                                        "Charlois",
                                        "all",
                                        T0,
                                        9,
                                        0,
                                        9,
                                        9,
                                        0,
                                        List.of("explosie"))),
                        new Baseline.Stats(0.1, 0.3, 28, 3));
        TensionIndicator t = c.indicator();
        assertThat(t.suppressed()).isTrue();
        assertThat(t.signals()).isNull();
        assertThat(t.stories()).isNull();
        assertThat(t.distinctAuthors()).isNull();
        assertThat(t.calm()).isNull();
        assertThat(t.uneasy()).isNull();
        assertThat(t.hostile()).isNull();
        assertThat(t.tensionIndex()).isNull();
        assertThat(t.zScore()).isNull();
        // the baseline rests on 3 signals: fewer than k, so hidden too
        assertThat(t.baselineMean()).isNull();
        assertThat(t.baselineStd()).isNull();
        assertThat(c.topTerms()).isEmpty();
        assertThat(c.sources()).isEmpty();
    }

    @Test
    void shouldKeepABaselineBuiltOnAtLeastKSignalsWhenSuppressed() {
        CellIndicator c =
                build(
                        List.of(bucket("Tarwewijk", "Charlois", "all", T0, 3)),
                        new Baseline.Stats(2.5, 1.0, 28, 70));
        assertThat(c.indicator().suppressed()).isTrue();
        assertThat(c.indicator().baselineMean()).isEqualTo(2.5);
        assertThat(c.indicator().zScore()).isNull();
    }

    @Test
    void shouldSuppressBelowKDistinctAuthorsEvenWithManySignals() {
        CellIndicator c =
                build(
                        List.of(
                                bucket(
                                        "Tarwewijk",
                                        "Charlois",
                                        "all",
                                        T0,
                                        50,
                                        0,
                                        0,
                                        50,
                                        9,
                                        List.of())),
                        null);
        assertThat(c.indicator().suppressed()).isTrue();
        assertThat(c.indicator().signals()).isNull();

        CellIndicator ok =
                build(
                        List.of(
                                bucket(
                                        "Tarwewijk",
                                        "Charlois",
                                        "all",
                                        T0,
                                        50,
                                        0,
                                        0,
                                        50,
                                        10,
                                        List.of())),
                        null);
        assertThat(ok.indicator().suppressed()).isFalse();
        assertThat(ok.indicator().distinctAuthors()).isEqualTo(10);
        assertThat(ok.indicator().baselineMean()).isNull();
        assertThat(ok.indicator().zScore()).isNull();
        assertThat(ok.indicator().tensionIndex()).isEqualTo(0.0);
    }

    @Test
    void shouldMergeAuthorsWithinASaltPeriodAndTakeTheLargestAcrossPeriods() {
        // 8 authors before midnight, 6 after, 4 of them the same people: hashes differ per day,
        // so the count is max(8, 6), not 14 and not the unknowable true 10.
        Bucket before =
                withAuthors(
                        bucket("Tarwewijk", "Charlois", "all", T0 - BUCKET, 20),
                        T0 - TestData.DAY,
                        1,
                        8);
        Bucket after = withAuthors(bucket("Tarwewijk", "Charlois", "all", T0, 20), T0, 101, 6);
        Bucket after2 =
                withAuthors(bucket("Tarwewijk", "Charlois", "all", T0 + BUCKET, 20), T0, 103, 3);
        CellIndicator c =
                IndicatorWindow.build(
                        "Tarwewijk",
                        "Charlois",
                        "all",
                        "1h",
                        T0 - 2 * BUCKET,
                        T0 + 2 * BUCKET,
                        List.of(before, after, after2),
                        List.of(),
                        null,
                        5,
                        TensionIndexFormula.DEFAULT,
                        "m1");
        assertThat(c.indicator().distinctAuthors()).isEqualTo(8);
    }

    private static Bucket withAuthors(Bucket b, long epoch, long firstHash, int n) {
        DistinctSketch a = new DistinctSketch();
        for (int i = 0; i < n; i++) {
            a.add(firstHash + i);
        }
        return new Bucket(
                b.area(),
                b.district(),
                b.topic(),
                b.bucketStart(),
                b.signals(),
                b.calm(),
                b.uneasy(),
                b.hostile(),
                b.stories(),
                a,
                epoch,
                b.sources(),
                b.terms());
    }

    @Test
    void shouldReportOnlyTermsSeenInAtLeastKSignalsMostFrequentFirst() {
        Bucket b =
                new Bucket(
                        "Tarwewijk",
                        "Charlois",
                        "all",
                        T0,
                        30,
                        30,
                        0,
                        0,
                        DistinctSketch.of(1, 2),
                        null,
                        0,
                        Map.of("social", 20, "forum", 10),
                        Map.of("zeldzaam", 9, "politie", 12, "explosie", 25, "afval", 12));
        CellIndicator c = build(List.of(b), null);
        assertThat(c.topTerms()).containsExactly("explosie", "afval", "politie");
        assertThat(c.sources()).containsExactly("forum", "social");
    }

    @Test
    void shouldCapTopTermsAtTen() {
        Map<String, Integer> terms = new java.util.HashMap<>();
        for (int i = 0; i < 30; i++) {
            terms.put("t" + (char) ('a' + i % 26) + i, 10 + i);
        }
        assertThat(IndicatorWindow.topTerms(terms, 10)).hasSize(10).startsWith("td29", "tc28");
    }

    @Test
    void shouldListIncidentsAndCountThemEvenWhenSuppressed() {
        IncidentRef ref = new IncidentRef("p2000-1", T0 + 5, "explosion", 3);
        CellIndicator c = build(List.of(), List.of(ref), null);
        assertThat(c.indicator().suppressed()).isTrue();
        assertThat(c.indicator().incidents()).isEqualTo(1);
        assertThat(c.incidents()).containsExactly(ref);
    }

    @Test
    void shouldCollapseNearDuplicateStoriesAcrossBuckets() {
        Bucket a = bucket("Tarwewijk", "Charlois", "all", T0, 10);
        Bucket b = bucket("Tarwewijk", "Charlois", "all", T0 + BUCKET, 10);
        DistinctSketch burst1 = DistinctSketch.of(0xF0F0L, 0xF0F1L, 0xF0F3L);
        DistinctSketch burst2 = DistinctSketch.of(0xF0F0L, 0xF0F7L);
        a =
                new Bucket(
                        a.area(),
                        a.district(),
                        a.topic(),
                        a.bucketStart(),
                        10,
                        10,
                        0,
                        0,
                        burst1,
                        null,
                        0,
                        a.sources(),
                        a.terms());
        b =
                new Bucket(
                        b.area(),
                        b.district(),
                        b.topic(),
                        b.bucketStart(),
                        10,
                        10,
                        0,
                        0,
                        burst2,
                        null,
                        0,
                        b.sources(),
                        b.terms());
        assertThat(build(List.of(a, b), null).indicator().stories()).isEqualTo(1);
    }
}
