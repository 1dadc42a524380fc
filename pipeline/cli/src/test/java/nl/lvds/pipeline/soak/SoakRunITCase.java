package nl.lvds.pipeline.soak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak run at its smallest, end to end: a broker, the live job and the dashboard as real child
 * JVMs, half a minute of signals at event-time speed 60 (a 15-minute bucket closes every 15 s), the
 * dashboard's live feed read as a client. Checks that every figure is there and that no process is
 * left afterwards; it asserts no timing. It lives with the command line because the child JVMs run
 * {@code lvds} subcommands from this test's class path.
 */
class SoakRunITCase {

    @TempDir Path tmp;

    @Test
    void shouldMeasureEveryProcessAndLeaveNothingRunning() throws Exception {
        Path out = tmp.resolve("soak.json");
        Path work = tmp.resolve("work");
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        SoakRun run =
                new SoakRun(
                        new SoakRun.Options(
                                0.5,
                                200,
                                60,
                                3,
                                2,
                                10,
                                90,
                                2_000,
                                out,
                                work,
                                false,
                                // a short run cannot wait for the shipped 30 s checkpoints and
                                // idleness
                                Map.of(
                                        "pipeline.checkpointIntervalSeconds", "2",
                                        "pipeline.idlenessSeconds", "2")),
                        new PrintStream(table, true, StandardCharsets.UTF_8),
                        System.err);
        run.run();

        List<Long> pids = run.childPids();
        assertThat(pids).hasSize(3);
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("child %d is gone", pid)
                    .isFalse();
        }
        assertThat(work).doesNotExist(); // deleted after a successful run

        JsonNode j = new ObjectMapper().readTree(out.toFile());
        assertThat(j.path("signalsAcked").asLong()).isPositive();
        assertThat(j.path("signalsFailed").asLong()).isZero();
        JsonNode tp = j.path("throughput");
        assertThat(tp.path("producedPerSecond").asLong()).isPositive();
        assertThat(tp.path("jobCommittedPerSecond").asLong()).isPositive();
        assertThat(j.path("caughtUpAfterProducing").asBoolean()).isTrue();
        assertThat(tp.path("indicatorsAtDashboard").asLong()).isPositive();
        // Half an hour of event time gives the alert rules no history (they need at least a day
        // of it), so this short run raises no alert: the alert figures are only checked to be
        // there; a soak of more than a day of event time measures them.
        assertThat(tp.path("alertsAtDashboard").isNumber()).isTrue();
        JsonNode lat = j.path("latency");
        assertThat(lat.path("windowEndToIndicator").path("n").asInt()).isPositive();
        assertThat(lat.path("windowEndToIndicator").path("p99Ms").asLong()).isPositive();
        assertThat(lat.path("windowEndToAlert").path("n").isNumber()).isTrue();
        assertThat(lat.path("signalToIndicator").path("measured").asLong()).isPositive();
        assertThat(j.path("checkpoints").path("lastBytes").asLong()).isPositive();
        JsonNode procs = j.path("memory").path("processes");
        assertThat(procs.fieldNames())
                .toIterable()
                .containsExactly("soak", "broker", "live", "dashboard");
        for (JsonNode p : procs) {
            assertThat(p.path("rss").path("samples").asInt()).isPositive();
            assertThat(p.path("rss").path("maxMiB").asDouble()).isPositive();
            // a JVM that was not collected in half a minute has no heap-after-GC figure yet (the
            // soak's own JVM in a fresh-clone CI run): then the verdict must say so
            JsonNode heap = p.path("heapAfterGc");
            if (heap.path("samples").asInt() > 0) {
                assertThat(heap.path("verdict").asText())
                        .isIn("flat", "growing", "too short", "too few GCs");
            } else {
                assertThat(heap.path("verdict").asText()).isEqualTo("no data");
            }
        }
        // the live job and the broker allocate enough in half a minute to be collected
        assertThat(procs.path("live").path("heapAfterGc").path("samples").asInt()).isPositive();
        assertThat(procs.path("broker").path("heapAfterGc").path("samples").asInt()).isPositive();
        assertThat(Files.readAllLines(Path.of(j.path("memoryCsv").asText())).size())
                .isGreaterThan(4);
        assertThat(Files.readAllLines(Path.of(j.path("timelineCsv").asText())).size())
                .isGreaterThan(2);
        String printed = table.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("window end -> indicator", "memory live", "checkpoints");
    }
}
