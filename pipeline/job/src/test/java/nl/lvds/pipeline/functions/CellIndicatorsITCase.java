package nl.lvds.pipeline.functions;

import static nl.lvds.pipeline.functions.TestData.HOUR;
import static nl.lvds.pipeline.functions.TestData.MIN;
import static nl.lvds.pipeline.functions.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import nl.lvds.models.event.ClassifiedSignal;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.pipeline.job.PipelineCluster;
import nl.lvds.pipeline.job.TensionTopology;
import nl.lvds.pipeline.records.CellIndicator;
import nl.lvds.pipeline.records.IncidentRef;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fan-out → 15-minute buckets → indicators on a MiniCluster at parallelism 2, over a hand-built
 * morning in two wijken, in streaming and in batch execution.
 */
class CellIndicatorsITCase {

    @RegisterExtension static final PipelineCluster CLUSTER = new PipelineCluster();

    private static final long AT_10 = T0 + 10 * HOUR;

    private static List<ClassifiedSignal> signals;
    private static List<Incident> incidents;
    private static List<CellIndicator> streaming;
    private static List<CellIndicator> batch;

    /**
     * Tarwewijk: 12 signals at 10:00-10:14 (6 calm, 3 uneasy, 3 hostile; 12 different stories;
     * authors a1-a12) and 10 at 10:15-10:29 (5 calm, 5 hostile; one story reposted with tiny
     * changes; authors a8-a17), all naming "explosie", and an explosion at 10:20. Carnisse: 5 calm
     * signals at 10:05, 10:20 and 10:35 each, one copied story, no author keys, naming "markt".
     */
    @BeforeAll
    static void run() throws Exception {
        signals = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int tension = i < 6 ? 0 : i < 9 ? 1 : 2;
            signals.add(
                    tarwewijk(
                            "a" + i,
                            AT_10 + i * MIN,
                            tension,
                            "ak-" + (i + 1),
                            0x9E3779B97F4A7C15L * (i + 1)));
        }
        for (int i = 0; i < 10; i++) {
            long burst = 0xF0F0_F0F0_F0F0_F0F0L ^ (1L << i) ^ (1L << (63 - i)); // 2 bits off
            signals.add(
                    tarwewijk(
                            "b" + i,
                            AT_10 + 15 * MIN + i * MIN,
                            i < 5 ? 0 : 2,
                            "ak-" + (i + 8),
                            burst));
        }
        for (int q = 0; q < 3; q++) {
            for (int i = 0; i < 5; i++) {
                signals.add(
                        TestData.signal(
                                "c" + q + i,
                                AT_10 + 5 * MIN + q * 15 * MIN + i,
                                "Carnisse",
                                "Charlois",
                                List.of(),
                                0,
                                null,
                                42L,
                                List.of("markt")));
            }
        }
        signals.sort(Comparator.comparingLong(ClassifiedSignal::ts));
        incidents = List.of(TestData.incident("p2000-1", AT_10 + 20 * MIN, "Tarwewijk"));

        streaming = execute(RuntimeExecutionMode.STREAMING);
        batch = execute(RuntimeExecutionMode.BATCH);
    }

    private static ClassifiedSignal tarwewijk(
            String id, long ts, int tension, String author, long story) {
        return TestData.signal(
                id,
                ts,
                "Tarwewijk",
                "Charlois",
                List.of("local-incident"),
                tension,
                author,
                story,
                List.of("explosie", "portiek"));
    }

    private static List<CellIndicator> execute(RuntimeExecutionMode mode) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.setRuntimeMode(mode);
        DataStream<ClassifiedSignal> in =
                env.fromData(signals)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<ClassifiedSignal>forMonotonousTimestamps()
                                        .withTimestampAssigner((s, t) -> s.ts()));
        DataStream<Incident> inc =
                env.fromData(incidents)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Incident>forMonotonousTimestamps()
                                        .withTimestampAssigner((s, t) -> s.ts()));
        DataStream<CellIndicator> out =
                TensionTopology.indicators(
                        TensionTopology.buckets(
                                TensionTopology.fanOut(in, new CellFanOut()), Duration.ZERO),
                        TensionTopology.incidentCells(inc),
                        new IndicatorFunction(10, TensionIndexFormula.DEFAULT, "test-model"));
        List<CellIndicator> result = new ArrayList<>();
        try (CloseableIterator<CellIndicator> it =
                out.executeAndCollect("cell-indicators-" + mode)) {
            it.forEachRemaining(result::add);
        }
        return result;
    }

    private static List<CellIndicator> hourly(List<CellIndicator> all, String cellKey) {
        return all.stream()
                .filter(c -> c.window().equals("1h") && c.cellKey().equals(cellKey))
                .sorted(Comparator.comparingLong(c -> c.indicator().windowEnd()))
                .toList();
    }

    private static TensionIndicator open(
            String area,
            long end,
            int signals,
            int stories,
            Integer authors,
            int calm,
            int uneasy,
            int hostile,
            double index,
            int incidents,
            int hostileStories) {
        // one day of input: no story history, so nothing expected and no p-values
        return new TensionIndicator(
                2,
                area,
                "Charlois",
                "all",
                end - HOUR,
                end,
                signals,
                stories,
                authors,
                calm,
                uneasy,
                hostile,
                index,
                null,
                null,
                null,
                incidents,
                false,
                "test-model",
                hostileStories,
                null,
                null,
                null,
                null);
    }

    private static TensionIndicator suppressed(String area, long end, int incidents) {
        return new TensionIndicator(
                2,
                area,
                "Charlois",
                "all",
                end - HOUR,
                end,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                incidents,
                true,
                "test-model");
    }

    @Test
    void shouldComputeTheExactHourIndicatorsOfTarwewijk() {
        List<CellIndicator> hours = hourly(streaming, "Tarwewijk|all");
        long m = MIN;
        assertThat(hours)
                .extracting(CellIndicator::indicator)
                .containsExactly(
                        // 10:00-10:15 only: 100 * (0.5 * 3/12 + 0.2 * 3/12) = 17.5; 3 hostile
                        // signals, 3 hostile stories
                        open("Tarwewijk", AT_10 + 15 * m, 12, 12, 12, 6, 3, 3, 17.5, 0, 3),
                        // both buckets: 12 + 1 stories, authors a1-a17, 100 * (0.5 * 8/22 + 0.2 *
                        // 3/22); hostile stories 3 + the reposted one
                        open("Tarwewijk", AT_10 + 30 * m, 22, 13, 17, 11, 3, 8, 20.9, 1, 4),
                        open("Tarwewijk", AT_10 + 45 * m, 22, 13, 17, 11, 3, 8, 20.9, 1, 4),
                        open("Tarwewijk", AT_10 + 60 * m, 22, 13, 17, 11, 3, 8, 20.9, 1, 4),
                        // 10:15-10:30 only: the reposted story, 10 authors, half hostile
                        open("Tarwewijk", AT_10 + 75 * m, 10, 1, 10, 5, 0, 5, 25.0, 1, 1));
        assertThat(hours.get(1).topTerms()).containsExactly("explosie", "portiek");
        assertThat(hours.get(1).sources()).containsExactly("social");
        assertThat(hours.get(1).incidents())
                .containsExactly(new IncidentRef("p2000-1", AT_10 + 20 * m, "explosion", 3));
        assertThat(hours.get(0).incidents()).isEmpty();
    }

    @Test
    void shouldComputeTheExactHourIndicatorsOfCarnisse() {
        long m = MIN;
        assertThat(hourly(streaming, "Carnisse|all"))
                .extracting(CellIndicator::indicator)
                .containsExactly(
                        suppressed("Carnisse", AT_10 + 15 * m, 0), // 5 signals < k
                        open("Carnisse", AT_10 + 30 * m, 10, 1, null, 10, 0, 0, 0.0, 0, 0),
                        open("Carnisse", AT_10 + 45 * m, 15, 1, null, 15, 0, 0, 0.0, 0, 0),
                        open("Carnisse", AT_10 + 60 * m, 15, 1, null, 15, 0, 0, 0.0, 0, 0),
                        open("Carnisse", AT_10 + 75 * m, 10, 1, null, 10, 0, 0, 0.0, 0, 0),
                        suppressed("Carnisse", AT_10 + 90 * m, 0));
        assertThat(hourly(streaming, "Carnisse|all").get(2).topTerms()).containsExactly("markt");
    }

    @Test
    void shouldRollUpToDistrictAndCityAndTopics() {
        assertThat(hourly(streaming, "Charlois|all"))
                .first()
                .satisfies(c -> assertThat(c.indicator().signals()).isEqualTo(17)); // 12 + 5
        assertThat(hourly(streaming, "city|all").get(1).indicator().signals()).isEqualTo(32);
        assertThat(hourly(streaming, "Tarwewijk|local-incident").get(1).indicator().signals())
                .isEqualTo(22);
        assertThat(hourly(streaming, "Carnisse|local-incident")).isEmpty();
    }

    @Test
    void shouldEmitTheSameIndicatorsInBatchAsInStreaming() {
        Comparator<CellIndicator> order =
                Comparator.comparing(CellIndicator::cellKey)
                        .thenComparing(CellIndicator::window)
                        .thenComparingLong(c -> c.indicator().windowEnd());
        List<CellIndicator> s = new ArrayList<>(streaming);
        List<CellIndicator> b = new ArrayList<>(batch);
        s.sort(order);
        b.sort(order);
        assertThat(s).hasSizeGreaterThan(100);
        List<CellIndicator> onlyStreaming = new ArrayList<>(s);
        onlyStreaming.removeAll(b);
        List<CellIndicator> onlyBatch = new ArrayList<>(b);
        onlyBatch.removeAll(s);
        assertThat(onlyStreaming).as("only in streaming").isEmpty();
        assertThat(onlyBatch).as("only in batch").isEmpty();
        assertThat(b).isEqualTo(s); // and no duplicates either way
    }
}
