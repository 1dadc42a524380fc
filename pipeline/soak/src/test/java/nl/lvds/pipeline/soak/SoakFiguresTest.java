package nl.lvds.pipeline.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The measuring and summarising parts of the soak run, on data made up for the purpose. */
class SoakFiguresTest {

    @TempDir Path tmp;

    @Test
    void shouldReadHeapAfterGcFromGcLogLinesOfG1AndParallelGc() {
        MemoryProbe p = MemoryProbe.of(-1, null);
        p.accept("[1795965371982ms] Using G1");
        assertThat(p.read().heapAfterGcMiB()).isEqualTo(-1);
        p.accept(
                "[1795965373466ms] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 21M->12M(382M)"
                        + " 17.217ms");
        assertThat(p.read().heapAfterGcMiB()).isEqualTo(12);
        assertThat(p.read().heapCapacityMiB()).isEqualTo(382);
        p.accept("[1795965379000ms] GC(7) Pause Full (Ergonomics) 2G->512K(3G) 80.1ms");
        MemoryProbe.Reading r = p.read();
        assertThat(r.heapAfterGcMiB()).isEqualTo(0.5);
        assertThat(r.heapCapacityMiB()).isEqualTo(3072);
        assertThat(r.gcs()).isEqualTo(2);
    }

    @Test
    void shouldReadTheResidentSetOfThisProcess() {
        assertThat(MemoryProbe.rssMiB(ProcessHandle.current().pid())).isPositive();
        assertThat(MemoryProbe.rssMiB(Long.MAX_VALUE)).isEqualTo(-1);
    }

    @Test
    void shouldCallASteadyHeapFlatAndALeakGrowing() {
        List<double[]> steady = new ArrayList<>();
        List<double[]> leak = new ArrayList<>();
        for (int i = 0; i < 180; i++) {
            double minute = i / 6.0;
            steady.add(new double[] {minute, 300 + (i % 7) * 20}); // sawtooth, no trend
            leak.add(new double[] {minute, 300 + 5 * minute}); // 5 MiB a minute
        }
        MemoryTimeline.Trend flat = MemoryTimeline.trend(steady);
        assertThat(flat.verdict()).isEqualTo("flat");
        assertThat(flat.samples()).isEqualTo(180);
        MemoryTimeline.Trend growing = MemoryTimeline.trend(leak);
        assertThat(growing.verdict()).isEqualTo("growing");
        assertThat(growing.slopeSecondHalfMiBPerMin())
                .isCloseTo(5.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(growing.lastThirdMedian()).isGreaterThan(growing.firstThirdMedian());
        assertThat(MemoryTimeline.trend(leak.subList(0, 3)).verdict()).isEqualTo("too short");
    }

    @Test
    void shouldNotJudgeAHeapThatWasHardlyCollected() {
        MemoryTimeline t = new MemoryTimeline();
        for (int i = 0; i < 30; i++) {
            long gcs = 10 + i / 20; // one collection in the whole run
            double heap = i < 20 ? 20 : 80;
            t.add(
                    new MemoryTimeline.Sample(
                            i * 10_000L,
                            "idle",
                            1,
                            new MemoryProbe.Reading(100 + i, heap, 256, gcs)));
            t.add(
                    new MemoryTimeline.Sample(
                            i * 10_000L,
                            "busy",
                            2,
                            new MemoryProbe.Reading(100, heap, 256, 10L * i)));
        }
        assertThat(t.heapTrend("idle").verdict()).isEqualTo("too few GCs");
        assertThat(t.heapTrend("busy").verdict()).isEqualTo("growing");
        assertThat(t.rssTrend("idle").verdict()).isEqualTo("growing"); // 6 MiB a minute
        assertThat(t.rssTrend("busy").verdict()).isEqualTo("flat");
        assertThat(t.processes()).containsExactly("idle", "busy");
    }

    @Test
    void shouldMeasureLatenciesFromWindowEndsAndSignalTimestamps() {
        long bucket = 900_000;
        long start = 10 * bucket - 60_000; // a minute before a bucket ends
        Latencies l = new Latencies(start, start, 1.0, bucket);
        for (long t = start; t < start + 120_000; t += 1_000) {
            l.produced(t); // one signal a second for two minutes
        }
        long end = 10 * bucket;
        l.indicator(end, true, end + 70_000);
        l.indicator(end, true, end + 90_000); // a later cell of the same window
        l.indicator(end, false, end + 75_000);
        l.alert(end, end + 71_000);

        Latencies.Quantiles ind = l.indicators();
        assertThat(ind.n()).isEqualTo(3);
        assertThat(ind.p50()).isEqualTo(75_000);
        assertThat(ind.max()).isEqualTo(90_000);
        assertThat(l.alerts().p99()).isEqualTo(71_000);
        assertThat(l.windowsArrived()).isEqualTo(1);

        // the first 60 signals belong to the window that arrived first at end + 70 s
        Latencies.Weighted sig = l.signals();
        assertThat(sig.measured()).isEqualTo(60);
        assertThat(sig.notMeasured()).isEqualTo(60);
        assertThat(sig.max()).isEqualTo(70_000 + 60_000 - 500);
        assertThat(sig.p50()).isBetween(70_000L + 29_000, 70_000L + 31_000);
    }

    @Test
    void shouldTimeEachSignalToTheFirstEarlyValueThatCountsIt() throws Exception {
        long bucket = 900_000;
        long start = 10 * bucket; // signals at start, +100 ms, ..., +900 ms
        Latencies l = new Latencies(start, start, 1.0, bucket);
        for (int i = 0; i < 10; i++) {
            l.produced(start + 100L * i);
        }
        long end = start + bucket; // the open hour [end - 1 h, end)
        DashboardClient c = new DashboardClient("http://127.0.0.1:1", "u", "p", l);
        String city =
                "{\"cells\":[{\"area\":\"city\",\"topic\":\"all\",\"windowEnd\":%d,\"signals\":%d}]}";
        c.onEvent("early", String.format(city, end, 4), start + 1_000); // the first four
        c.onEvent("early", String.format(city, end, 4), start + 1_200); // a repeat: nothing new
        c.onEvent(
                "early",
                "{\"cells\":[{\"area\":\"Charlois\",\"topic\":\"all\",\"windowEnd\":"
                        + end
                        + ",\"signals\":10}]}",
                start + 1_300); // another cell: not the city's count
        c.onEvent("early", String.format(city, end, 8), start + 1_500); // four more
        assertThat(l.earlyReceived()).isEqualTo(3);

        Latencies.Weighted e = l.early(start);
        assertThat(e.measured()).isEqualTo(8);
        assertThat(e.notMeasured()).as("the last two were never counted").isEqualTo(2);
        // bins are 10 ms wide and timed at their middle (+5 ms)
        assertThat(e.max()).isEqualTo(1_500 - 405);
        assertThat(e.p50()).isEqualTo(1_000 - 105); // 695, 795, 795, 895 | 895, 995, 995, 1095
        assertThat(e.text("never counted")).contains("n=8", "2 never counted");
        assertThat(l.early(start + 400).measured()).as("from the fifth signal on").isEqualTo(4);
    }

    @Test
    void shouldMapEventTimeToTheWallClockAtAnySpeed() {
        Latencies l = new Latencies(1_000_000, 5_000_000, 60.0, 900_000);
        assertThat(l.eventOf(1_001_000)).isEqualTo(5_060_000);
        assertThat(l.wallOf(5_060_000)).isEqualTo(1_001_000);
    }

    @Test
    void shouldTakeIndicatorsAndAlertsFromTheLiveFeed() throws Exception {
        Latencies l = new Latencies(0, 0, 1.0, 900_000);
        DashboardClient c = new DashboardClient("http://127.0.0.1:1", "u", "p", l);
        c.onEvent("hello", "{}", 5);
        c.onEvent(
                "indicators",
                "{\"cells\":[{\"area\":\"Charlois\",\"window\":\"1h\",\"windowEnd\":900000},"
                        + "{\"area\":\"Rotterdam\",\"window\":\"24h\",\"windowEnd\":900000}]}",
                960_000);
        c.onEvent("alert", "{\"id\":\"a\",\"windowEnd\":900000}", 961_000);
        c.onEvent("alert", "{}", 962_000); // hidden alert: nothing to time
        assertThat(l.indicatorsReceived()).isEqualTo(2);
        assertThat(l.alertsReceived()).isEqualTo(1);
        assertThat(l.windowsArrived()).isEqualTo(1);
        assertThat(l.indicators().p50()).isEqualTo(60_000);
        assertThat(c.events()).isEqualTo(4);
    }

    @Test
    void shouldFindTheNewestCompletedCheckpointAndItsSize() throws Exception {
        Path job = Files.createDirectories(tmp.resolve("cp/0123abcd"));
        Files.createDirectories(job.resolve("shared"));
        Path c3 = Files.createDirectories(job.resolve("chk-3"));
        Files.write(c3.resolve("_metadata"), new byte[100]);
        Files.write(c3.resolve("state"), new byte[900]);
        Path c4 = Files.createDirectories(job.resolve("chk-4")); // in progress: no _metadata yet
        Files.write(c4.resolve("state"), new byte[50]);
        long[] r = JobProbe.checkpoint(tmp.resolve("cp"));
        assertThat(r[0]).isEqualTo(3);
        assertThat(r[1]).isEqualTo(1000);
        assertThat(r[2]).isEqualTo(1050);
        assertThat(JobProbe.checkpoint(tmp.resolve("none"))).containsExactly(-1, -1, -1);
    }
}
