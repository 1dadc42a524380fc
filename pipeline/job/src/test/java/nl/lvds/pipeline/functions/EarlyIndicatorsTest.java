package nl.lvds.pipeline.functions;

import static nl.lvds.pipeline.functions.TestData.BUCKET;
import static nl.lvds.pipeline.functions.TestData.HOUR;
import static nl.lvds.pipeline.functions.TestData.MIN;
import static nl.lvds.pipeline.functions.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.pipeline.records.Bucket;
import nl.lvds.pipeline.records.CellSignal;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EarlyIndicatorsTest {

    private static final long INTERVAL = 500;
    private static final int K = 10;

    private KeyedOneInputStreamOperatorTestHarness<String, CellSignal, TensionIndicator> h;
    private long now = T0 + 24 * HOUR; // the processing clock: after every event time used

    private void open() throws Exception {
        h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new EarlyIndicators(
                                        INTERVAL, K, TensionIndexFormula.DEFAULT, "m1")),
                        CellSignal::cellKey,
                        Types.STRING);
        h.open();
        h.setProcessingTime(now);
    }

    @AfterEach
    void close() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    private static CellSignal signal(long ts, int tension, long author) {
        return new CellSignal(
                "Tarwewijk",
                "Charlois",
                "all",
                ts,
                tension,
                "social",
                0x9E3779B97F4A7C15L * (ts + 1),
                author,
                author == 0 ? 0 : T0,
                List.of("explosie"));
    }

    private void send(CellSignal s) throws Exception {
        h.processElement(new StreamRecord<>(s, s.ts()));
    }

    private void advance(long ms) throws Exception {
        now += ms;
        h.setProcessingTime(now);
    }

    private List<TensionIndicator> drain() {
        List<TensionIndicator> out = new ArrayList<>(h.extractOutputValues());
        h.getOutput().clear();
        return out;
    }

    @Test
    void shouldPublishTheOpenHourOnceAnIntervalHasPassed() throws Exception {
        open();
        long bucket = T0 + 10 * HOUR + 2 * BUCKET; // 10:30-10:45, so the open hour is 09:45-10:45
        for (int i = 0; i < 12; i++) {
            send(signal(bucket + i * MIN, i % 3, 100 + i));
        }
        advance(INTERVAL - 1);
        assertThat(drain()).isEmpty();

        advance(1);
        List<TensionIndicator> out = drain();
        assertThat(out).hasSize(1);
        TensionIndicator t = out.get(0);
        assertThat(t.area()).isEqualTo("Tarwewijk");
        assertThat(t.district()).isEqualTo("Charlois");
        assertThat(t.topic()).isEqualTo("all");
        assertThat(t.windowEnd()).isEqualTo(bucket + BUCKET);
        assertThat(t.windowStart()).isEqualTo(bucket + BUCKET - HOUR);
        assertThat(t.suppressed()).isFalse();
        assertThat(t.signals()).isEqualTo(12);
        assertThat(t.calm()).isEqualTo(4);
        assertThat(t.uneasy()).isEqualTo(4);
        assertThat(t.hostile()).isEqualTo(4);
        assertThat(t.distinctAuthors()).isEqualTo(12);
        assertThat(t.baselineMean()).isNull();
        assertThat(t.zScore()).isNull();
        assertThat(t.incidents()).isZero();
        assertThat(t.modelVersion()).isEqualTo("m1");

        // nothing new: nothing republished
        advance(10 * INTERVAL);
        assertThat(drain()).isEmpty();

        // fewer than k new signals: not republished (the difference would single them out)
        for (int i = 0; i < K - 1; i++) {
            send(signal(bucket + 13 * MIN, 2, 200 + i));
        }
        advance(10 * INTERVAL);
        assertThat(drain()).isEmpty();

        // the k-th new one: republished once, with the new count, however many intervals pass
        send(signal(bucket + 14 * MIN, 2, 300));
        advance(10 * INTERVAL);
        out = drain();
        assertThat(out).extracting(TensionIndicator::signals).containsExactly(12 + K);
        assertThat(out.get(0).hostile()).isEqualTo(4 + K);
    }

    @Test
    void shouldPublishAtMostOncePerIntervalAndOnlyAfterKNewSignals() throws Exception {
        open();
        long bucket = T0 + 10 * HOUR;
        List<Long> at = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            send(signal(bucket + i * 1000L, 0, 1 + i));
            advance(i < 100 ? 20 : 400); // a burst, then a trickle
            for (TensionIndicator t : drain()) {
                at.add(now);
                counts.add(t.signals());
            }
        }
        advance(INTERVAL);
        for (TensionIndicator t : drain()) {
            at.add(now);
            counts.add(t.signals());
        }
        assertThat(counts).hasSizeGreaterThan(5).isSorted();
        assertThat(counts.get(counts.size() - 1)).isBetween(200 - K + 1, 200);
        for (int i = 1; i < counts.size(); i++) {
            assertThat(counts.get(i) - counts.get(i - 1)).isGreaterThanOrEqualTo(K);
            assertThat(at.get(i) - at.get(i - 1)).isGreaterThanOrEqualTo(INTERVAL);
        }
    }

    @Test
    void shouldShowNothingOfFewerThanKSignalsAndSuppressFewAuthors() throws Exception {
        open();
        long bucket = T0 + 10 * HOUR;
        for (int i = 0; i < K - 1; i++) {
            send(signal(bucket + i * MIN, 2, 100 + i));
        }
        advance(10 * INTERVAL);
        assertThat(drain()).as("not even a suppressed record: its timing would tell").isEmpty();

        // 20 signals from 3 authors: enough signals, too few authors
        for (int i = 0; i < 11; i++) {
            send(signal(bucket + (i + 9) * MIN, 2, 100 + (i % 3)));
        }
        advance(INTERVAL);
        List<TensionIndicator> out = drain();
        assertThat(out).hasSize(1);
        TensionIndicator few = out.get(0);
        assertThat(few.suppressed()).isTrue();
        assertThat(few.signals()).isNull();
        assertThat(few.hostile()).isNull();
        assertThat(few.distinctAuthors()).isNull();
        assertThat(few.tensionIndex()).isNull();
    }

    @Test
    void shouldMoveToTheHourOfTheNewestSignalAndIgnoreOlderOnes() throws Exception {
        open();
        long first = T0 + 10 * HOUR; // 10:00-10:15
        for (int i = 0; i < 10; i++) {
            send(signal(first + i * MIN, 0, 100 + i));
        }
        long later = first + 3 * BUCKET; // 10:45-11:00: window 10:00-11:00 still holds the first
        for (int i = 0; i < 10; i++) {
            send(signal(later + i * MIN, 1, 200 + i));
        }
        advance(INTERVAL);
        TensionIndicator both = drain().get(0);
        assertThat(both.windowEnd()).isEqualTo(later + BUCKET);
        assertThat(both.signals()).isEqualTo(20);

        long next = later + BUCKET; // 11:00-11:15: the first bucket leaves the window
        for (int i = 0; i < 10; i++) {
            send(signal(next + i * MIN, 2, 300 + i));
        }
        send(signal(first + 5 * MIN, 2, 999)); // older than the open hour: not counted here
        advance(INTERVAL);
        TensionIndicator moved = drain().get(0);
        assertThat(moved.windowStart()).isEqualTo(next + BUCKET - HOUR);
        assertThat(moved.signals()).isEqualTo(20);
        assertThat(moved.calm()).isZero();
        assertThat(moved.uneasy()).isEqualTo(10);
        assertThat(moved.hostile()).isEqualTo(10);
    }

    @Test
    void shouldNotLetASignalDatedAheadOfTheClockMoveTheOpenHour() throws Exception {
        open();
        long bucket = Buckets.startOf(now); // event time = the processing clock, as live
        send(signal(now + EarlyIndicators.FUTURE_TOLERANCE_MS + 2 * HOUR, 2, 999));
        for (int i = 0; i < K; i++) {
            send(signal(now - i, 0, 100 + i));
        }
        advance(INTERVAL);
        List<TensionIndicator> out = drain();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).windowEnd()).isEqualTo(bucket + BUCKET);
        assertThat(out.get(0).signals()).isEqualTo(K);
        assertThat(out.get(0).hostile()).isZero();
    }

    @Test
    void shouldCountLikeTheFinalIndicatorOfTheSameWindow() throws Exception {
        open();
        Random r = new Random(42);
        long end = T0 + 10 * HOUR;
        Map<Long, List<CellSignal>> byBucket = new TreeMap<>();
        for (int i = 0; i < 400; i++) {
            long ts = end - HOUR + (long) (r.nextDouble() * HOUR);
            CellSignal s = signal(ts, r.nextInt(3), 1 + r.nextInt(60));
            byBucket.computeIfAbsent(Buckets.startOf(ts), x -> new ArrayList<>()).add(s);
        }
        // the newest signal last, so that every bucket falls in the open hour when it arrives
        CellSignal newest = signal(end - 1, 1, 7);
        byBucket.computeIfAbsent(Buckets.startOf(end - 1), x -> new ArrayList<>()).add(newest);
        List<CellSignal> ordered = new ArrayList<>();
        byBucket.values().forEach(ordered::addAll);
        ordered.remove(newest);
        ordered.add(0, newest);
        for (CellSignal s : ordered) {
            send(s);
        }
        advance(INTERVAL);
        TensionIndicator early = drain().get(0);

        BucketAggregate agg = new BucketAggregate();
        List<Bucket> buckets = new ArrayList<>();
        for (Map.Entry<Long, List<CellSignal>> e : byBucket.entrySet()) {
            BucketAccumulator acc = agg.createAccumulator();
            for (CellSignal s : e.getValue()) {
                acc = agg.add(s, acc);
            }
            buckets.add(BucketWindow.toBucket(acc, e.getKey(), "Tarwewijk|all"));
        }
        TensionIndicator last =
                IndicatorWindow.build(
                                "Tarwewijk",
                                "Charlois",
                                "all",
                                IndicatorFunction.WINDOW_1H,
                                end - HOUR,
                                end,
                                buckets,
                                List.of(),
                                null,
                                K,
                                TensionIndexFormula.DEFAULT,
                                "m1")
                        .indicator();
        assertThat(early).isEqualTo(last);
    }

    @Test
    void shouldForgetACellSilentForAnHour() throws Exception {
        open();
        long bucket = T0 + 10 * HOUR;
        for (int i = 0; i < 10; i++) {
            send(signal(bucket + i * MIN, 0, 100 + i));
        }
        advance(INTERVAL);
        assertThat(drain()).hasSize(1);
        assertThat(h.numKeyedStateEntries()).isPositive();

        advance(EarlyIndicators.IDLE_MS / 2);
        send(signal(bucket + 11 * MIN, 0, 111)); // activity postpones the clean-up
        advance(EarlyIndicators.IDLE_MS / 4);
        assertThat(drain()).as("one new signal is not republished").isEmpty();
        for (int i = 0; i < K - 1; i++) {
            send(signal(bucket + 12 * MIN, 0, 120 + i));
        }
        advance(EarlyIndicators.IDLE_MS / 2 + INTERVAL);
        assertThat(drain()).hasSize(1);
        assertThat(h.numKeyedStateEntries()).isPositive();

        advance(EarlyIndicators.IDLE_MS);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numProcessingTimeTimers()).isZero();
        assertThat(drain()).isEmpty();
    }
}
