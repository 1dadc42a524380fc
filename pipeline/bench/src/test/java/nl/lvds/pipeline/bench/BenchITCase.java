package nl.lvds.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole bench at its smallest: every suite runs for real (embedded Kafka, MiniClusters, a
 * review, a live latency run) and the results JSON holds every suite with positive rates, the
 * machine facts and the targets. A functional test: it asserts no timing.
 */
class BenchITCase {

    @TempDir Path tmp;

    @Test
    void shouldRunEverySuiteAndWriteTheirFiguresToTheResultsJson() throws Exception {
        BenchSizes tiny = new BenchSizes(1, 2_000, 2_000, 8, 6, 100, 60, 2_000, 1_000);
        Path out = tmp.resolve("results.json");
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        ObjectNode returned =
                Bench.run(
                        new Bench.Options(
                                // badinput has its own test (BadInputBenchITCase)
                                List.of("models", "plumbing", "review", "latency", "scaling"),
                                tiny,
                                Path.of("../../models/corpus"),
                                false,
                                0,
                                // the smoke run cannot wait for the shipped 30 s idleness and
                                // checkpoint interval
                                Map.of(
                                        "pipeline.idlenessSeconds", "2",
                                        "pipeline.checkpointIntervalSeconds", "2"),
                                out,
                                "hashmap"),
                        new PrintStream(table, true, StandardCharsets.UTF_8),
                        System.err);

        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertThat(json.path("suites").path("plumbing").path("ratio").asDouble())
                .isEqualTo(returned.path("suites").path("plumbing").path("ratio").asDouble());
        assertThat(json.path("machine").path("cores").asInt()).isPositive();
        assertThat(json.path("machine").path("java").asText()).isNotBlank();
        assertThat(json.path("machine").path("loadAverageAtStart")).hasSize(3);
        assertThat(json.path("machine").path("loadAverageAtEnd")).hasSize(3);
        JsonNode s = json.path("suites");
        assertThat(s.fieldNames())
                .toIterable()
                .containsExactly("models", "plumbing", "review", "latency", "scaling");

        for (JsonNode r : s.path("models").path("rates")) {
            assertThat(r.path("postsPerSecond").asDouble()).isPositive();
        }
        assertThat(s.path("models").path("rates")).hasSize(3);
        assertThat(s.path("plumbing").path("floor").path("signalsPerSecond").asDouble())
                .isPositive();
        assertThat(s.path("plumbing").path("full").path("signalsPerSecond").asDouble())
                .isPositive();
        assertThat(s.path("plumbing").path("full").path("signals").asLong())
                .isEqualTo(s.path("plumbing").path("signalsProduced").asLong());
        assertThat(s.path("plumbing").path("floor").path("signals").asLong())
                .isEqualTo(s.path("plumbing").path("signalsProduced").asLong());
        assertThat(s.path("plumbing").path("full").path("indicators").asLong()).isPositive();
        assertThat(s.path("plumbing").path("ratio").asDouble()).isPositive();
        assertThat(s.path("plumbing").path("bareFloor").path("signalsPerSecond").asDouble())
                .isPositive();
        // the bare floor counts every signal it read, once, in its windows
        assertThat(s.path("plumbing").path("bareFloor").path("countedSignals").asLong())
                .isEqualTo(s.path("plumbing").path("signalsProduced").asLong());
        // the sampled floor does the same work downstream as the full path
        long fullIndicators = s.path("plumbing").path("full").path("indicators").asLong();
        assertThat(s.path("plumbing").path("floor").path("indicators").asLong())
                .isBetween(fullIndicators / 2, fullIndicators * 2);
        assertThat(s.path("review").path("jobSignalsPerSecond").asDouble()).isPositive();
        assertThat(s.path("review").path("totalSignalsPerSecond").asDouble()).isPositive();
        assertThat(s.path("review").path("extrapolatedTwoYearsSeconds").asDouble()).isPositive();
        JsonNode lat = s.path("latency").path("configuredCheckpoint");
        assertThat(lat.path("achievedRate").asDouble()).isPositive();
        assertThat(lat.path("signalsProduced").asLong()).isPositive();
        // Not asserted: that windows completed and indicators were measured. In the smoke runs of
        // this session (load average 20-80) the latency run measured none; see docs/benchmarks.md.
        assertThat(lat.path("windowCompleteToIndicator").has("n")).isTrue();
        assertThat(lat.path("signalToEarlyIndicator").has("n")).isTrue();
        assertThat(s.path("scaling").path("p1").path("signalsPerSecond").asDouble()).isPositive();
        assertThat(s.path("scaling").path("p2").path("signalsPerSecond").asDouble()).isPositive();
        assertThat(s.path("scaling").path("speedupP2overP1").asDouble()).isPositive();
        assertThat(s.path("scaling").path("cells").asLong()).isPositive();

        assertThat(json.path("targets")).hasSize(4);
        for (JsonNode t : json.path("targets")) {
            assertThat(t.path("met").isBoolean()).as(t.toString()).isTrue();
        }
        String printed = table.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains(
                        "models", "plumbing", "review", "latency", "scaling", "full / bare floor");
    }

    /** Production keeps keyed state in RocksDB (docker/): the bench can measure with it too. */
    @Test
    void shouldRunTheLiveJobSuitesWithRocksDbState() throws Exception {
        BenchSizes tiny = new BenchSizes(1, 2_000, 2_000, 8, 6, 100, 60, 2_000, 1_000);
        Path out = tmp.resolve("rocksdb.json");
        Bench.run(
                new Bench.Options(
                        List.of("scaling"),
                        tiny,
                        Path.of("../../models/corpus"),
                        false,
                        0,
                        Map.of(),
                        out,
                        "rocksdb"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                System.err);
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertThat(json.path("stateBackend").asText()).isEqualTo("rocksdb");
        JsonNode scaling = json.path("suites").path("scaling");
        assertThat(scaling.path("p2").path("signalsPerSecond").asDouble()).isPositive();
        assertThat(scaling.path("largestCheckpointBytes").asLong())
                .as("RocksDB checkpoints were taken")
                .isPositive();
        assertThat(scaling.path("p2").path("largestCheckpointBytesByOperator").toString())
                .contains("Cell indicators");
    }

    @Test
    void shouldRefuseAnUnknownStateBackend() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                new Bench.Options(
                                        List.of("scaling"),
                                        BenchSizes.quick(),
                                        Path.of("../../models/corpus"),
                                        false,
                                        0,
                                        Map.of(),
                                        tmp.resolve("x.json"),
                                        "rocks"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hashmap")
                .hasMessageContaining("rocksdb");
    }
}
