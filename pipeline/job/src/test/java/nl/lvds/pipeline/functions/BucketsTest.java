package nl.lvds.pipeline.functions;

import static nl.lvds.pipeline.functions.TestData.BUCKET;
import static nl.lvds.pipeline.functions.TestData.MIN;
import static nl.lvds.pipeline.functions.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.lvds.pipeline.job.TensionTopology;
import nl.lvds.pipeline.records.Bucket;
import nl.lvds.pipeline.records.CellSignal;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bucket stage as wired by {@link TensionTopology#buckets}, driven through its window operator.
 */
class BucketsTest {

    private KeyedOneInputStreamOperatorTestHarness<String, CellSignal, Bucket> h;

    private static CellSignal cs(String area, long ts, int tension, long story, long author) {
        return new CellSignal(
                area,
                "Charlois",
                "all",
                ts,
                tension,
                "social",
                story,
                author,
                author == 0 ? 0 : T0,
                List.of("explosie"));
    }

    @BeforeEach
    @SuppressWarnings("unchecked")
    void open() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<CellSignal> in =
                env.fromData(cs("Tarwewijk", T0, 0, 1, 0))
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<CellSignal>forMonotonousTimestamps());
        OneInputTransformation<CellSignal, Bucket> t =
                (OneInputTransformation<CellSignal, Bucket>)
                        TensionTopology.buckets(in, Duration.ofMinutes(5)).getTransformation();
        h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        t.getOperatorFactory(),
                        (org.apache.flink.api.java.functions.KeySelector<CellSignal, String>)
                                t.getStateKeySelector(),
                        (org.apache.flink.api.common.typeinfo.TypeInformation<String>)
                                t.getStateKeyType(),
                        1,
                        1,
                        0);
        h.open();
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    private void send(CellSignal s) throws Exception {
        h.processElement(new StreamRecord<>(s, s.ts()));
    }

    private List<StreamRecord<? extends Bucket>> drain() {
        List<StreamRecord<? extends Bucket>> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord<?> r) {
                @SuppressWarnings("unchecked")
                StreamRecord<? extends Bucket> b = (StreamRecord<? extends Bucket>) r;
                out.add(b);
            }
        }
        h.getOutput().clear();
        return out;
    }

    @Test
    void shouldEmitOneBucketPerCellWhenTheWatermarkPassesItsEnd() throws Exception {
        send(cs("Tarwewijk", T0 + MIN, 0, 1, 11));
        send(cs("Tarwewijk", T0 + 2 * MIN, 2, 1, 12));
        send(cs("Tarwewijk", T0 + 14 * MIN, 1, 2, 11));
        send(cs("Carnisse", T0 + 3 * MIN, 2, 3, 0));
        send(cs("Tarwewijk", T0 + BUCKET, 2, 4, 0)); // next bucket

        h.processWatermark(new Watermark(T0 + BUCKET - 2));
        assertThat(drain()).isEmpty();
        h.processWatermark(new Watermark(T0 + BUCKET - 1));
        List<StreamRecord<? extends Bucket>> out = drain();

        assertThat(out).extracting(StreamRecord::getTimestamp).containsOnly(T0 + BUCKET - 1);
        Bucket tarwewijk =
                out.stream()
                        .map(StreamRecord::getValue)
                        .filter(b -> b.area().equals("Tarwewijk"))
                        .findFirst()
                        .orElseThrow();
        assertThat(tarwewijk.bucketStart()).isEqualTo(T0);
        assertThat(tarwewijk.signals()).isEqualTo(3);
        assertThat(tarwewijk.calm()).isEqualTo(1);
        assertThat(tarwewijk.uneasy()).isEqualTo(1);
        assertThat(tarwewijk.hostile()).isEqualTo(1);
        assertThat(tarwewijk.stories().estimate()).isEqualTo(2);
        assertThat(tarwewijk.authors().estimate()).isEqualTo(2);
        assertThat(tarwewijk.terms()).containsEntry("explosie", 3);
        assertThat(tarwewijk.sources()).containsEntry("social", 3);
        assertThat(out)
                .extracting(r -> r.getValue().cellKey())
                .containsExactlyInAnyOrder("Tarwewijk|all", "Carnisse|all");
    }

    @Test
    void shouldReFireWithTheCompleteBucketForALateSignalAndDropTooLateOnes() throws Exception {
        send(cs("Tarwewijk", T0 + MIN, 0, 1, 0));
        h.processWatermark(new Watermark(T0 + BUCKET));
        assertThat(drain()).extracting(r -> r.getValue().signals()).containsExactly(1);

        send(cs("Tarwewijk", T0 + 2 * MIN, 2, 5, 0)); // late, within 5 minutes of lateness
        List<StreamRecord<? extends Bucket>> late = drain();
        assertThat(late).extracting(r -> r.getValue().signals()).containsExactly(2);
        assertThat(late.get(0).getValue().hostile()).isEqualTo(1);

        h.processWatermark(new Watermark(T0 + BUCKET + 5 * MIN));
        send(cs("Tarwewijk", T0 + 3 * MIN, 2, 6, 0)); // too late
        assertThat(drain()).isEmpty();
        assertThat(h.getSideOutput(Buckets.LATE)).hasSize(1);
        assertThat(h.numKeyedStateEntries()).isZero();
    }
}
