package nl.lvds.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import nl.lvds.models.event.Signal;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

/** The bare floor's window count, run on a local MiniCluster over a handful of signals. */
class BareFloorTest {

    private static final long T0 = 1_709_800_200_000L; // 2024-03-07T08:30:00Z, a bucket start
    private static final long MIN = 60_000L;

    private static Signal signal(String id, String area, long ts) {
        return new Signal(
                1, id, "social", Signal.SYNTHETIC, ts, "nl", "tekst", area, "author-" + id);
    }

    @Test
    void shouldCountSignalsPerAreaAndFifteenMinuteWindow() throws Exception {
        List<Signal> in =
                List.of(
                        signal("a1", "Tarwewijk", T0),
                        signal("a2", "Tarwewijk", T0 + 14 * MIN),
                        signal("b1", "Carnisse", T0 + 3 * MIN),
                        signal("a3", "Tarwewijk", T0 + 15 * MIN), // the next window
                        signal("n1", null, T0 + 20 * MIN),
                        signal("n2", null, T0 + 29 * MIN));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        List<BareFloor.AreaCount> out = new ArrayList<>();
        try (CloseableIterator<BareFloor.AreaCount> it =
                BareFloor.counts(
                                env.fromData(in)
                                        .assignTimestampsAndWatermarks(
                                                WatermarkStrategy.<Signal>forMonotonousTimestamps()
                                                        .withTimestampAssigner((s, t) -> s.ts())))
                        .executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        long w = 15 * MIN;
        assertThat(out)
                .containsExactlyInAnyOrder(
                        new BareFloor.AreaCount("Tarwewijk", T0, T0 + w, 2),
                        new BareFloor.AreaCount("Carnisse", T0, T0 + w, 1),
                        new BareFloor.AreaCount("Tarwewijk", T0 + w, T0 + 2 * w, 1),
                        new BareFloor.AreaCount(BareFloor.NO_AREA, T0 + w, T0 + 2 * w, 2));
    }

    @Test
    void shouldWriteAndReadTheSmallJsonRecord() throws Exception {
        BareFloor.AreaCount c = new BareFloor.AreaCount("Tarwewijk", T0, T0 + 15 * MIN, 7);
        byte[] json = BareFloor.encode(c);
        assertThat(new String(json, java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"area\":\"Tarwewijk\"", "\"signals\":7");
        assertThat(BareFloor.decode(json)).isEqualTo(c);
    }
}
