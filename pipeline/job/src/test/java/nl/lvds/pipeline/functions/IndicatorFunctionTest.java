package nl.lvds.pipeline.functions;

import static nl.lvds.pipeline.functions.TestData.BUCKET;
import static nl.lvds.pipeline.functions.TestData.DAY;
import static nl.lvds.pipeline.functions.TestData.HOUR;
import static nl.lvds.pipeline.functions.TestData.MIN;
import static nl.lvds.pipeline.functions.TestData.T0;
import static nl.lvds.pipeline.functions.TestData.bucket;
import static nl.lvds.pipeline.functions.TestData.cellIncident;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.pipeline.records.Bucket;
import nl.lvds.pipeline.records.CellIncident;
import nl.lvds.pipeline.records.CellIndicator;
import nl.lvds.pipeline.records.IncidentRef;
import nl.lvds.pipeline.sketch.DistinctSketch;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IndicatorFunctionTest {

    private KeyedTwoInputStreamOperatorTestHarness<String, Bucket, CellIncident, CellIndicator> h;

    private void open(int k) throws Exception {
        h =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(
                                new IndicatorFunction(k, TensionIndexFormula.DEFAULT, "m1")),
                        Bucket::cellKey,
                        CellIncident::cellKey,
                        Types.STRING);
        h.open();
    }

    @AfterEach
    void close() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    /** A bucket as the window emits it: timestamped with the window's max timestamp. */
    private void send(Bucket b) throws Exception {
        h.processElement1(new StreamRecord<>(b, b.bucketStart() + BUCKET - 1));
    }

    private void send(CellIncident c) throws Exception {
        h.processElement2(new StreamRecord<>(c, c.ref().ts()));
    }

    private void watermark(long t) throws Exception {
        h.processBothWatermarks(new Watermark(t));
    }

    private List<CellIndicator> drain() {
        List<CellIndicator> out = new ArrayList<>(h.extractOutputValues());
        h.getOutput().clear();
        return out;
    }

    private static List<CellIndicator> of(List<CellIndicator> all, String window) {
        return all.stream().filter(c -> c.window().equals(window)).toList();
    }

    @Test
    void shouldEmitOneHourAndDayIndicatorsWhenTheBucketEnds() throws Exception {
        open(10);
        long start = T0 + 10 * HOUR + 3 * BUCKET; // ends at a full hour: 24 h is built too
        send(bucket("Tarwewijk", "Charlois", "all", start, 12, 3, 3, 12, 0, List.of("explosie")));

        watermark(start + BUCKET - 2);
        assertThat(drain()).isEmpty();

        watermark(start + BUCKET - 1);
        List<CellIndicator> out = drain();
        assertThat(out).extracting(CellIndicator::window).containsExactly("1h", "24h");
        CellIndicator hour = out.get(0);
        TensionIndicator expected =
                new TensionIndicator(
                        2,
                        "Tarwewijk",
                        "Charlois",
                        "all",
                        start + BUCKET - HOUR,
                        start + BUCKET,
                        12,
                        12,
                        null,
                        6,
                        3,
                        3,
                        17.5,
                        null,
                        null,
                        null,
                        0,
                        false,
                        "m1",
                        3, // hostile stories
                        null, // no history yet: nothing expected, no test
                        null,
                        null,
                        null);
        assertThat(hour.indicator()).isEqualTo(expected);
        assertThat(hour.topTerms()).containsExactly("explosie");
        assertThat(hour.sources()).containsExactly("social");
        assertThat(hour.incidents()).isEmpty();
        assertThat(out.get(1).indicator().windowStart()).isEqualTo(start + BUCKET - DAY);
        assertThat(out.get(1).indicator().signals()).isEqualTo(12);
        // 24 h windows are not tested: no hostile stories, no expectation
        assertThat(out.get(1).indicator().hostileStories()).isNull();
        assertThat(out.get(1).indicator().expected()).isNull();
        assertThat(h.extractOutputStreamRecords().isEmpty()).isTrue();
    }

    @Test
    void shouldKeepEmittingWhileAWindowHoldsASignalAndThenStop() throws Exception {
        open(10);
        long start = T0 + 10 * HOUR;
        send(bucket("Tarwewijk", "Charlois", "all", start, 12));

        watermark(start + 3 * DAY);
        List<CellIndicator> out = drain();

        List<CellIndicator> hours = of(out, "1h");
        List<CellIndicator> days = of(out, "24h");
        assertThat(hours)
                .extracting(c -> c.indicator().windowEnd())
                .containsExactly(
                        start + BUCKET, start + 2 * BUCKET, start + 3 * BUCKET, start + 4 * BUCKET);
        assertThat(hours).extracting(c -> c.indicator().signals()).containsOnly(12);
        assertThat(days).hasSize(24); // at full hours only
        assertThat(days.get(0).indicator().windowEnd()).isEqualTo(start + HOUR);
        assertThat(days.get(23).indicator().windowEnd()).isEqualTo(start + DAY);
        assertThat(days).extracting(c -> c.indicator().signals()).containsOnly(12);
    }

    @Test
    void shouldSuppressCellsBelowK() throws Exception {
        open(10);
        send(
                bucket(
                        "Tarwewijk",
                        "Charlois",
                        "all",
                        T0 + 3 * BUCKET,
                        9,
                        0,
                        9,
                        9,
                        0,
                        List.of("explosie")));
        watermark(T0 + HOUR - 1);
        List<CellIndicator> out = drain();
        assertThat(out)
                .hasSize(2)
                .allSatisfy(
                        c -> {
                            assertThat(c.indicator().suppressed()).isTrue();
                            assertThat(c.indicator().signals()).isNull();
                            assertThat(c.indicator().hostile()).isNull();
                            assertThat(c.indicator().tensionIndex()).isNull();
                            assertThat(c.topTerms()).isEmpty();
                        });
    }

    @Test
    void shouldSuppressCellsWithFewerThanKDistinctAuthors() throws Exception {
        open(10);
        send(bucket("Tarwewijk", "Charlois", "all", T0, 40, 0, 0, 40, 4, List.of()));
        watermark(T0 + BUCKET - 1);
        assertThat(drain()).allSatisfy(c -> assertThat(c.indicator().suppressed()).isTrue());
    }

    @Test
    void shouldEmitSuppressedIndicatorsForAnIncidentWithoutSignals() throws Exception {
        open(10);
        long ts = T0 + 10 * HOUR + 3 * BUCKET + 5 * MIN;
        send(cellIncident("Tarwewijk", "Charlois", "local-incident", "p2000-1", ts));
        watermark(T0 + 11 * HOUR - 1);

        List<CellIndicator> out = drain();
        assertThat(out).extracting(CellIndicator::window).containsExactly("1h", "24h");
        assertThat(out)
                .allSatisfy(
                        c -> {
                            assertThat(c.indicator().suppressed()).isTrue();
                            assertThat(c.indicator().incidents()).isEqualTo(1);
                            assertThat(c.indicator().area()).isEqualTo("Tarwewijk");
                            assertThat(c.indicator().district()).isEqualTo("Charlois");
                            assertThat(c.indicator().topic()).isEqualTo("local-incident");
                            assertThat(c.incidents())
                                    .containsExactly(
                                            new IncidentRef("p2000-1", ts, "explosion", 3));
                        });

        watermark(ts + 2 * DAY);
        List<CellIndicator> rest = drain();
        assertThat(of(rest, "1h")).hasSize(3);
        assertThat(of(rest, "24h")).hasSize(23); // 12:00 .. 10:00 next day
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldLinkIncidentsToTheWindowsTheyFallIn() throws Exception {
        open(10);
        long start = T0 + 10 * HOUR + 3 * BUCKET;
        send(bucket("Tarwewijk", "Charlois", "all", start, 12));
        send(cellIncident("Tarwewijk", "Charlois", "all", "early", start - 3 * HOUR));
        send(cellIncident("Tarwewijk", "Charlois", "all", "now", start + 2 * MIN));
        watermark(start + BUCKET - 1);
        List<CellIndicator> out = drain();
        CellIndicator hour = of(out, "1h").get(of(out, "1h").size() - 1);
        CellIndicator day = of(out, "24h").get(of(out, "24h").size() - 1);
        assertThat(hour.indicator().windowEnd()).isEqualTo(start + BUCKET);
        assertThat(hour.incidents()).extracting(IncidentRef::id).containsExactly("now");
        assertThat(day.incidents()).extracting(IncidentRef::id).containsExactly("early", "now");
        assertThat(day.indicator().incidents()).isEqualTo(2);
        assertThat(day.indicator().suppressed()).isFalse();
    }

    @Test
    void shouldBuildAnHourOfDayBaselineAfterSevenDaysAndScoreASpike() throws Exception {
        open(10);
        int[] perDay = {10, 11, 12, 10, 11, 12, 10, 11, 12, 60};
        Map<Integer, CellIndicator> hourly = new HashMap<>();
        Map<Integer, CellIndicator> daily = new HashMap<>();
        for (int d = 0; d < perDay.length; d++) {
            long start = T0 + d * DAY + 10 * HOUR;
            send(bucket("Tarwewijk", "Charlois", "all", start, perDay[d]));
            watermark(start + HOUR - 1);
            for (CellIndicator c : drain()) {
                if (c.window().equals("1h") && c.indicator().windowEnd() == start + BUCKET) {
                    hourly.put(d, c);
                } else if (c.window().equals("24h") && c.indicator().windowEnd() == start + HOUR) {
                    daily.put(d, c); // 24 h windows are built at full hours
                }
            }
        }
        // The cell's history starts at day 0, 10:00; an hour window needs 10:00-11:00 known,
        // so day 0 is not a usable sample: day 7 has 6 earlier days, day 8 has 7.
        assertThat(hourly.get(7).indicator().baselineMean()).isNull();
        assertThat(hourly.get(7).indicator().zScore()).isNull();
        TensionIndicator day8 = hourly.get(8).indicator();
        assertThat(day8.baselineMean()).isEqualTo(11.0); // days 1-7
        assertThat(day8.baselineStd()).isEqualTo(0.756); // sqrt(4/7)
        assertThat(day8.zScore()).isEqualTo(1.0); // (12 - 11) / max(0.756, 1)

        TensionIndicator spike = hourly.get(9).indicator();
        assertThat(spike.signals()).isEqualTo(60);
        assertThat(spike.baselineMean()).isEqualTo(11.125); // days 1-8
        assertThat(spike.baselineStd()).isEqualTo(0.781); // sqrt(0.609375)
        assertThat(spike.zScore()).isEqualTo(48.88);
        assertThat(spike.tensionIndex())
                .isEqualTo(30.0); // all calm: only the volume term, saturated

        // the stories test: the story history holds the 1 h window ending 10:15 on days 0-8
        // (10, 11, 12 repeating: mean 11, blended with 12 seven days earlier, (12 + 4 * 11) / 5)
        assertThat(hourly.get(6).indicator().expected()).isNull(); // 6 earlier days
        assertThat(spike.stories()).isEqualTo(60);
        assertThat(spike.expected()).isEqualTo(11.3);
        assertThat(spike.pValue()).isLessThan(1e-15);
        assertThat(day8.pValue()).isGreaterThan(0.1);
        assertThat(spike.hostileStories()).isZero();
        assertThat(spike.hostileExpected()).isEqualTo(0.0);
        assertThat(spike.hostilePValue()).isEqualTo(1.0);

        // the day window: the same 24 h on days 1-8 held one bucket each
        TensionIndicator spikeDay = daily.get(9).indicator();
        assertThat(spikeDay.signals()).isEqualTo(60);
        assertThat(spikeDay.baselineMean()).isEqualTo(11.125);
        assertThat(spikeDay.zScore()).isEqualTo(48.88);
    }

    @Test
    void shouldClearAllStateAfterTwentyEightDaysOfSilence() throws Exception {
        open(10);
        long start = T0 + 10 * HOUR;
        send(bucket("Tarwewijk", "Charlois", "all", start, 12));
        send(cellIncident("Tarwewijk", "Charlois", "all", "i1", start));
        assertThat(h.numKeyedStateEntries()).isEqualTo(2); // buckets, incidents

        watermark(start + 2 * DAY);
        // the histories only: signal baseline, story history, hostile story history
        assertThat(h.numKeyedStateEntries()).isEqualTo(3);
        assertThat(h.numEventTimeTimers()).isEqualTo(1); // the clean-up timer

        // silent since 10:15 on day 0: checked at the first midnight 28 days later
        watermark(T0 + 29 * DAY - 2);
        assertThat(h.numKeyedStateEntries()).isEqualTo(3);

        watermark(T0 + 29 * DAY - 1);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldKeepTheBaselineWhenTheCellReturnsWithinTwentyEightDays() throws Exception {
        open(10);
        long start = T0 + 10 * HOUR;
        send(bucket("Tarwewijk", "Charlois", "all", start, 12));
        watermark(start + 20 * DAY);
        send(bucket("Tarwewijk", "Charlois", "all", start + 20 * DAY + HOUR, 12));
        watermark(start + 40 * DAY);
        assertThat(h.numKeyedStateEntries()).isEqualTo(3); // the three histories
        watermark(T0 + 49 * DAY - 2);
        assertThat(h.numKeyedStateEntries()).isEqualTo(3);
        watermark(T0 + 49 * DAY - 1);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldReplaceALateCorrectedBucketAndReEmitItsIndicators() throws Exception {
        open(10);
        send(bucket("Tarwewijk", "Charlois", "all", T0 + 3 * BUCKET, 5));
        watermark(T0 + HOUR - 1);
        assertThat(drain()).allSatisfy(c -> assertThat(c.indicator().suppressed()).isTrue());

        send(bucket("Tarwewijk", "Charlois", "all", T0 + 3 * BUCKET, 12)); // the late firing
        watermark(T0 + HOUR + 2 * MIN);
        List<CellIndicator> out = drain();
        assertThat(out).extracting(CellIndicator::window).containsExactly("1h", "24h");
        assertThat(out)
                .allSatisfy(
                        c -> {
                            assertThat(c.indicator().windowEnd()).isEqualTo(T0 + HOUR);
                            assertThat(c.indicator().signals()).isEqualTo(12);
                        });
    }

    @Test
    void shouldLeaveBucketsAheadOfTheWatermarkOutOfEarlierWindows() throws Exception {
        open(10);
        send(bucket("Tarwewijk", "Charlois", "all", T0, 12));
        send(bucket("Tarwewijk", "Charlois", "all", T0 + BUCKET, 30)); // watermark lags
        watermark(T0 + BUCKET - 1);
        assertThat(drain()).extracting(c -> c.indicator().signals()).containsOnly(12);
        watermark(T0 + 2 * BUCKET - 1);
        assertThat(drain()).extracting(c -> c.indicator().signals()).containsOnly(42);
    }

    @Test
    void shouldKeepKeysApart() throws Exception {
        open(10);
        send(bucket("Tarwewijk", "Charlois", "all", T0, 12));
        send(bucket("Charlois", "Charlois", "all", T0, 20));
        send(bucket("Tarwewijk", "Charlois", "migration", T0, 11));
        watermark(T0 + BUCKET - 1);
        Map<String, Integer> byCell = new TreeMap<>();
        for (CellIndicator c : of(drain(), "1h")) {
            byCell.put(c.cellKey(), c.indicator().signals());
        }
        assertThat(byCell)
                .isEqualTo(
                        Map.of("Charlois|all", 20, "Tarwewijk|all", 12, "Tarwewijk|migration", 11));
    }

    /**
     * Prints the checkpointed state size per key of quiet and of busy cells (snapshot size growth
     * per added key, so the fixed snapshot overhead is left out); asserts only bounds.
     */
    @Test
    void shouldKeepStateBoundedPerKey() throws Exception {
        open(10);
        send(bucket("Pendrecht", "Charlois", "extremism", T0, 3));
        watermark(T0 + BUCKET - 1);
        long one = h.snapshot(1, 1).getStateSize();
        for (int i = 0; i < 100; i++) {
            send(bucket("wijk" + i, "Charlois", "extremism", T0 + BUCKET, 3));
        }
        watermark(T0 + 2 * BUCKET - 1);
        long quiet = (h.snapshot(2, 2).getStateSize() - one) / 100;

        close();
        open(10);
        send(bucket("Pendrecht", "Charlois", "extremism", T0, 3));
        watermark(T0 + BUCKET - 1);
        long base = h.snapshot(3, 3).getStateSize();
        // busy cell: 96 buckets, each with 400 distinct stories (50 hostile), 600 authors, 200
        // terms
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            terms.add("term" + i);
        }
        for (int b = 0; b < 96; b++) {
            long start = T0 + b * BUCKET;
            Bucket x = bucket("city", "city", "all", start, 600, 100, 50, 400, 0, terms);
            DistinctSketch authors = new DistinctSketch();
            for (int a = 0; a < 600; a++) {
                authors.add(b * 10_000L + a);
            }
            send(
                    new Bucket(
                            x.area(),
                            x.district(),
                            x.topic(),
                            start,
                            600,
                            450,
                            100,
                            50,
                            x.stories(),
                            authors,
                            T0,
                            x.sources(),
                            x.terms(),
                            x.hostileStories()));
        }
        watermark(T0 + 96 * BUCKET - 1);
        long busy = h.snapshot(4, 4).getStateSize() - base;
        System.out.printf(
                "indicator state per key: quiet cell (1 small bucket + 3 histories) %,d bytes;"
                        + " busy cell (96 buckets of 400 stories, 600 authors, 200 terms +"
                        + " 3 histories) %,d bytes (%,d per bucket)%n",
                quiet, busy, busy / 96);
        // three histories of (28 + 2) days x 96 slots, about 11 KiB each: signals (the z-score
        // baseline), stories and hostile stories (the surprise tests)
        assertThat(quiet).isLessThan(40 * 1024);
        assertThat(busy).isLessThan(96 * 16 * 1024);
        drain();
    }
}
