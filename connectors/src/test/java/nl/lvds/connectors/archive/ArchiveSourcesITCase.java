package nl.lvds.connectors.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.lvds.connectors.deadletter.DeadLetter;
import nl.lvds.connectors.inbound.InboundIncident;
import nl.lvds.connectors.inbound.InboundSignal;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ArchiveSourcesITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir Path tmp;

    static <T> List<T> collect(
            StreamExecutionEnvironment env,
            org.apache.flink.streaming.api.datastream.DataStream<T> s)
            throws Exception {
        List<T> out = new ArrayList<>();
        try (CloseableIterator<T> it = s.executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void shouldReadAGzipArchiveInBatchModeWithParallelismTwo() throws Exception {
        Path root = TestArchive.write(tmp.resolve("archive"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);

        List<InboundSignal> signals =
                collect(
                        env,
                        env.fromSource(
                                ArchiveSources.signals(
                                        List.of(root),
                                        LocalDate.of(2024, 5, 1),
                                        LocalDate.of(2024, 5, 2)),
                                WatermarkStrategy.noWatermarks(),
                                "signals"));
        assertThat(signals.stream().filter(s -> s.signal() != null).map(s -> s.signal().id()))
                .containsExactlyInAnyOrder("s-1", "s-2", "s-4", "s-5");
        assertThat(
                        signals.stream()
                                .map(InboundSignal::deadLetter)
                                .filter(d -> d != null)
                                .map(d -> d.source() + "#" + d.offset() + ":" + d.reason()))
                .containsExactlyInAnyOrder(
                        "archive:2024-05-01.jsonl.gz#3:malformed_json",
                        "archive:2024-05-01.jsonl.gz#5:missing_field",
                        "archive:2024-05-01.jsonl.gz#6:invalid_utf8");

        List<InboundIncident> incidents =
                collect(
                        env,
                        env.fromSource(
                                ArchiveSources.incidents(
                                        List.of(root),
                                        LocalDate.of(2024, 5, 1),
                                        LocalDate.of(2024, 5, 2)),
                                WatermarkStrategy.noWatermarks(),
                                "incidents"));
        assertThat(incidents).hasSize(2);
        assertThat(incidents.stream().map(InboundIncident::deadLetter).filter(d -> d != null))
                .extracting(DeadLetter::reason)
                .containsExactly("wrong_type");
    }

    @Test
    void shouldFinishWhenNoFileIsInRange() throws Exception {
        Path root = TestArchive.write(tmp.resolve("archive"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        List<InboundIncident> none =
                collect(
                        env,
                        env.fromSource(
                                ArchiveSources.incidents(
                                        List.of(root),
                                        LocalDate.of(2030, 1, 1),
                                        LocalDate.of(2030, 1, 2)),
                                WatermarkStrategy.noWatermarks(),
                                "incidents"));
        assertThat(none).isEmpty();
    }
}
