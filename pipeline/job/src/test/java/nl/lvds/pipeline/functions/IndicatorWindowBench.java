package nl.lvds.pipeline.functions;

import static nl.lvds.pipeline.functions.TestData.BUCKET;
import static nl.lvds.pipeline.functions.TestData.DAY;
import static nl.lvds.pipeline.functions.TestData.T0;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nl.lvds.pipeline.records.Bucket;
import nl.lvds.pipeline.sketch.DistinctSketch;

/**
 * Prints the cost of assembling one 24 h indicator ({@link IndicatorWindow#build}) for a quiet, a
 * busy and a very busy cell: the work the indicator operator does per cell every 15 minutes. Run:
 * {@code mvn -o -q -pl pipeline test-compile exec:java} is not wired; use {@code java -cp "$(cat
 * pipeline/target/test.classpath)" ...} or run {@code main} from the IDE.
 */
public final class IndicatorWindowBench {

    private IndicatorWindowBench() {}

    public static void main(String[] args) {
        bench("quiet (3 buckets x 4 signals, suppressed)", day(3, 4, 0.0));
        bench("busy (96 buckets x 30 signals, 30% reposts)", day(96, 30, 0.3));
        bench("very busy (96 buckets x 400 signals, 30% reposts)", day(96, 400, 0.3));
    }

    private static List<Bucket> day(int buckets, int perBucket, double reposts) {
        Random r = new Random(buckets * 31L + perBucket);
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            terms.add("term" + i);
        }
        List<Bucket> out = new ArrayList<>();
        long story = r.nextLong();
        for (int b = 0; b < buckets; b++) {
            long start = T0 + DAY - (buckets - b) * BUCKET;
            DistinctSketch stories = new DistinctSketch();
            DistinctSketch authors = new DistinctSketch();
            for (int i = 0; i < perBucket; i++) {
                stories.add(
                        r.nextDouble() < reposts ? story ^ (1L << r.nextInt(64)) : r.nextLong());
                authors.add(r.nextInt(perBucket * 20));
            }
            Bucket x =
                    TestData.bucket(
                            "city",
                            "city",
                            "all",
                            start,
                            perBucket,
                            perBucket / 4,
                            perBucket / 10,
                            0,
                            0,
                            perBucket > 100 ? terms : terms.subList(0, 20));
            out.add(
                    new Bucket(
                            x.area(),
                            x.district(),
                            x.topic(),
                            start,
                            x.signals(),
                            x.calm(),
                            x.uneasy(),
                            x.hostile(),
                            stories,
                            authors,
                            T0,
                            x.sources(),
                            x.terms()));
        }
        return out;
    }

    private static void bench(String label, List<Bucket> day) {
        Baseline.Stats base = new Baseline.Stats(100, 20, 28, 2800);
        int rounds = 0;
        long sink = 0;
        long t0 = System.nanoTime();
        long deadline = t0 + 2_000_000_000L;
        while (System.nanoTime() < deadline || rounds < 5) {
            sink +=
                    IndicatorWindow.build(
                                    "city",
                                    "city",
                                    "all",
                                    "24h",
                                    T0,
                                    T0 + DAY,
                                    day,
                                    List.of(),
                                    base,
                                    10,
                                    TensionIndexFormula.DEFAULT,
                                    "m")
                            .indicator()
                            .stories();
            rounds++;
        }
        double us = (System.nanoTime() - t0) / 1e3 / rounds;
        System.out.printf(
                "%-52s %10.1f µs per 24 h indicator (%d rounds, %d)%n",
                label, us, rounds, sink % 7);
    }
}
