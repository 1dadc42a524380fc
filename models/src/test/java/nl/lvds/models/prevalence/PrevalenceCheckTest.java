package nl.lvds.models.prevalence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import nl.lvds.models.classify.Classification;
import nl.lvds.models.classify.CorpusExample;
import org.junit.jupiter.api.Test;

class PrevalenceCheckTest {

    private static final PrevalenceCheck.Settings SMALL =
            new PrevalenceCheck.Settings(200, 150, 400, 0.02, 0.35, 3L, 200);

    private static List<CorpusExample> examples = new ArrayList<>();
    private static List<Classification> predicted = new ArrayList<>();

    private static void pool(int size, long seed) {
        examples = new ArrayList<>();
        predicted = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            int t = r.nextDouble() < 0.3 ? 2 : (r.nextDouble() < 0.4 ? 1 : 0);
            boolean topic = r.nextDouble() < 0.15;
            examples.add(PrevalenceEstimatorTest.example(i, t, topic));
            predicted.add(PrevalenceEstimatorTest.classify(t, topic, r));
        }
    }

    @Test
    void batchesShouldHaveTheAskedSharesAndTheCorrectionShouldBeatRawCounts() {
        pool(3000, 21);
        PrevalenceCalibration cal =
                PrevalenceCalibration.measure("sim", examples, predicted, "sim", "");
        pool(3000, 22);
        PrevalenceCheck check =
                new PrevalenceCheck(SMALL, List.of(Method.CC, Method.PACC))
                        .run(cal, PrevalenceCheck.Pool.of(examples, predicted), 200, 5);
        PrevalenceCheck.Row cc = check.row(Method.CC, "hostile");
        PrevalenceCheck.Row pacc = check.row(Method.PACC, "hostile");
        assertThat(cc.batches()).isEqualTo(200);
        // shares uniform in 2%-35%: the mean is near 18.5%
        assertThat(cc.meanShare()).isBetween(0.16, 0.21);
        assertThat(pacc.mae()).isLessThan(cc.mae());
        assertThat(pacc.rawMae()).isEqualTo(cc.mae());
        assertThat(pacc.coverage()).isBetween(0.80, 0.98);
        int banded = 0;
        for (PrevalenceCheck.Row row : check.rows()) {
            if (row.method() == Method.PACC && row.label().startsWith("hostile ")) {
                banded += row.batches();
            }
        }
        assertThat(banded).isEqualTo(200);
        assertThat(check.toText("sim")).contains("PACC").contains("hostile 10-20%");
        assertThat(check.toJson("sim").path("rows").size()).isEqualTo(check.rows().size());
    }

    @Test
    void crossFitShouldUseEveryBatchOnce() {
        pool(2400, 23);
        PrevalenceCheck check =
                new PrevalenceCheck(SMALL, List.of(Method.ACC))
                        .crossFit("sim", examples, predicted);
        assertThat(check.row(Method.ACC, "hostile").batches()).isEqualTo(SMALL.batches());
        assertThat(check.row(Method.ACC, "hostile").coverage()).isBetween(0.75, 0.99);
    }
}
