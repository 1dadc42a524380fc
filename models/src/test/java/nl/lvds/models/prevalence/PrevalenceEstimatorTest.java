package nl.lvds.models.prevalence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import nl.lvds.models.classify.Classification;
import nl.lvds.models.classify.CorpusExample;
import nl.lvds.models.event.Topic;
import org.junit.jupiter.api.Test;

/**
 * The estimator against a simulated classifier whose errors are known: calibrated on one sample of
 * simulated posts, checked on fresh batches with known hostile shares.
 */
class PrevalenceEstimatorTest {

    /** A noisy classifier: hostile posts are found about 80% of the time, others called hostile. */
    static Classification classify(int tension, boolean topic, SplittableRandom r) {
        double[] logits = new double[3];
        for (int i = 0; i < 3; i++) {
            logits[i] = (i == tension ? 2.2 : 0) + r.nextGaussian() * 1.1;
        }
        double max = Math.max(logits[0], Math.max(logits[1], logits[2]));
        double[] p = new double[3];
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < 3; i++) {
            p[i] /= sum;
        }
        int predicted = p[2] >= 0.5 ? 2 : (p[1] > p[0] ? 1 : 0);
        double z = (topic ? 1.5 : -1.5) + r.nextGaussian() * 1.3;
        double pt = 1 / (1 + Math.exp(-z));
        double[] topicScores = new double[Topic.ALL.size()];
        topicScores[0] = pt;
        List<String> topics = pt >= 0.5 ? List.of(Topic.ALL.get(0)) : List.of();
        return new Classification(
                "nl", topics, topicScores, predicted, p, null, null, List.of(), 0L);
    }

    static CorpusExample example(int id, int tension, boolean topic) {
        return new CorpusExample(
                "s" + id, "", "nl", topic ? List.of(Topic.ALL.get(0)) : List.of(), tension, null);
    }

    private static int drawTension(double hostile, SplittableRandom r) {
        double u = r.nextDouble();
        if (u < hostile) {
            return 2;
        }
        return r.nextDouble() < 0.4 ? 1 : 0;
    }

    private static PrevalenceCalibration calibration(SplittableRandom r) {
        List<CorpusExample> ex = new ArrayList<>();
        List<Classification> pr = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            int t = drawTension(0.3, r);
            boolean topic = r.nextDouble() < 0.15;
            ex.add(example(i, t, topic));
            pr.add(classify(t, topic, r));
        }
        return PrevalenceCalibration.measure("sim", ex, pr, "simulated", "");
    }

    @Test
    void correctedIntervalsShouldCoverAndBeatRawCounts() {
        SplittableRandom r = new SplittableRandom(11);
        PrevalenceCalibration cal = calibration(r);
        for (Method method : List.of(Method.ACC, Method.PACC)) {
            PrevalenceEstimator est = new PrevalenceEstimator(cal, method, 300, 3);
            int batches = 150;
            int covered = 0;
            double err = 0;
            double rawErr = 0;
            for (int b = 0; b < batches; b++) {
                int n = 150 + r.nextInt(251);
                int hostile = (int) Math.round((0.02 + 0.33 * r.nextDouble()) * n);
                List<Classification> batch = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int t = i < hostile ? 2 : (r.nextDouble() < 0.4 ? 1 : 0);
                    batch.add(classify(t, r.nextDouble() < 0.15, r));
                }
                double truth = hostile / (double) n;
                Estimate e = est.estimate(batch).get("hostile");
                covered += e.covers(truth) ? 1 : 0;
                err += Math.abs(e.estimate() - truth);
                rawErr += Math.abs(e.raw() - truth);
                assertThat(e.low()).isLessThanOrEqualTo(e.estimate());
                assertThat(e.high()).isGreaterThanOrEqualTo(e.estimate());
                assertThat(e.low()).isGreaterThanOrEqualTo(0);
                assertThat(e.high()).isLessThanOrEqualTo(1);
            }
            double coverage = covered / (double) batches;
            assertThat(coverage).as(method + " coverage").isBetween(0.83, 0.97);
            assertThat(err / batches).as(method + " MAE").isLessThan(rawErr / batches);
        }
    }

    @Test
    void estimatesShouldBeReproducibleAndCoverEveryLabel() {
        SplittableRandom r = new SplittableRandom(12);
        PrevalenceCalibration cal = calibration(r);
        List<Classification> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            batch.add(classify(i % 5 == 0 ? 2 : 0, i % 4 == 0, r));
        }
        Map<String, Estimate> a = new PrevalenceEstimator(cal).estimate(batch);
        Map<String, Estimate> b = new PrevalenceEstimator(cal).estimate(batch);
        assertThat(a).isEqualTo(b);
        assertThat(a.keySet()).containsExactlyElementsOf(LabelGroup.labels());
        assertThat(a.get("hostile").estimate()).isCloseTo(0.2, within(0.07));
        assertThat(a.get("uneasy").estimate()).isCloseTo(0.0, within(0.07));
        assertThat(a.get(Topic.ALL.get(0)).estimate()).isCloseTo(0.25, within(0.08));
    }

    @Test
    void aggregatesShouldGiveWhatThePostsGive() {
        SplittableRandom r = new SplittableRandom(15);
        PrevalenceCalibration cal = calibration(r);
        List<Classification> batch = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            batch.add(classify(i % 7 == 0 ? 2 : i % 3, i % 5 == 0, r));
        }
        Map<String, double[]> counts = new java.util.HashMap<>();
        Map<String, double[]> sums = new java.util.HashMap<>();
        for (String group : LabelGroup.names()) {
            int k = LabelGroup.classes(group).size();
            double[] c = new double[k];
            double[] s = new double[k];
            for (Classification post : batch) {
                c[LabelGroup.predicted(group, post)]++;
                double[] p = LabelGroup.scores(group, post);
                for (int j = 0; j < k; j++) {
                    s[j] += p[j];
                }
            }
            counts.put(group, c);
            sums.put(group, s);
        }
        for (Method m : List.of(Method.CC, Method.ACC, Method.PACC)) {
            PrevalenceEstimator est = new PrevalenceEstimator(cal, m, 200, 9);
            Map<String, Estimate> fromPosts = est.estimate(batch);
            Map<String, Estimate> fromSums = est.estimate(batch.size(), counts, sums);
            for (String label : LabelGroup.labels()) {
                Estimate a = fromPosts.get(label);
                Estimate b = fromSums.get(label);
                assertThat(b.estimate()).as(m + " " + label).isCloseTo(a.estimate(), within(1e-9));
                assertThat(b.low()).as(m + " " + label).isCloseTo(a.low(), within(1e-9));
                assertThat(b.high()).as(m + " " + label).isCloseTo(a.high(), within(1e-9));
                assertThat(b.raw()).isCloseTo(a.raw(), within(1e-12));
            }
        }
    }

    @Test
    void aClassifierThatCannotTellTheClassesApartShouldGiveAWideInterval() {
        // rates measured where hostile and other posts are called hostile equally often
        long[][] conf = {{80, 10, 10}, {80, 10, 10}, {80, 10, 10}};
        double[][] mean = {{0.8, 0.1, 0.1}, {0.8, 0.1, 0.1}, {0.8, 0.1, 0.1}};
        double[][] var = {{0.01, 0.01, 0.01}, {0.01, 0.01, 0.01}, {0.01, 0.01, 0.01}};
        List<GroupStats> groups = new ArrayList<>();
        for (String name : LabelGroup.names()) {
            groups.add(
                    LabelGroup.TENSION.equals(name)
                            ? new GroupStats(name, LabelGroup.classes(name), conf, mean, var)
                            : new GroupStats(
                                    name,
                                    LabelGroup.classes(name),
                                    new long[][] {{90, 10}, {10, 90}},
                                    new double[][] {{0.9, 0.1}, {0.1, 0.9}},
                                    new double[][] {{0.01, 0.01}, {0.01, 0.01}}));
        }
        PrevalenceCalibration cal =
                new PrevalenceCalibration(1, "sim", "none", "", 300, "", groups);
        SplittableRandom r = new SplittableRandom(13);
        List<Classification> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(classify(i % 3, false, r));
        }
        Estimate e =
                new PrevalenceEstimator(cal, Method.ACC, 300, 1).estimate(batch).get("hostile");
        assertThat(e.high() - e.low()).isGreaterThan(0.5);
    }

    @Test
    void calibrationShouldSurviveItsJsonForm() throws Exception {
        PrevalenceCalibration cal = calibration(new SplittableRandom(14));
        PrevalenceCalibration back = PrevalenceCalibration.fromJson(cal.toJson());
        assertThat(back.toJson()).isEqualTo(cal.toJson());
        assertThat(back.summary().path("labels").path("hostile").path("positives").asLong())
                .isEqualTo(cal.group(LabelGroup.TENSION).total(2));
    }
}
