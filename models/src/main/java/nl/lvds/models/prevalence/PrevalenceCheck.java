package nl.lvds.models.prevalence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import nl.lvds.models.classify.Classification;
import nl.lvds.models.classify.CorpusExample;
import nl.lvds.models.classify.Hashing;

/**
 * The resampling check of the prevalence estimator: draws batches with known hostile shares from
 * labelled posts (a share and a size uniform in the settings' ranges, hostile posts and other posts
 * each drawn without replacement), estimates every label's share with each method, and reports per
 * method and label the mean absolute error, the mean signed error, the interval's coverage and
 * width, next to raw classify and count. Hostile is the controlled label; the other labels' shares
 * follow from the posts drawn.
 */
public final class PrevalenceCheck {

    /**
     * Batch settings.
     *
     * @param batches batches drawn
     * @param minSize smallest batch
     * @param maxSize largest batch
     * @param minShare smallest true hostile share
     * @param maxShare largest true hostile share
     * @param seed random seed (batches and bootstrap)
     * @param draws bootstrap draws per estimate
     */
    public record Settings(
            int batches,
            int minSize,
            int maxSize,
            double minShare,
            double maxShare,
            long seed,
            int draws) {
        /** 1,000 batches of 150-400 posts, 2%-35% hostile. */
        public static final Settings DEFAULT =
                new Settings(
                        1000, 150, 400, 0.02, 0.35, 20261208L, PrevalenceEstimator.DEFAULT_DRAWS);
    }

    /** The hostile-share bands the hostile rows are also broken down by. */
    static final double[] BANDS = {0.10, 0.20};

    /**
     * One line of the result.
     *
     * @param method the method
     * @param label the label, or {@code hostile 2-10%} and the like for a band
     * @param batches batches scored
     * @param meanShare mean true share
     * @param mae mean absolute error of the estimate
     * @param bias mean signed error (estimate - truth)
     * @param coverage share of batches whose interval contains the truth
     * @param width mean interval width
     * @param rawMae mean absolute error of raw classify and count on the same batches
     */
    public record Row(
            Method method,
            String label,
            int batches,
            double meanShare,
            double mae,
            double bias,
            double coverage,
            double width,
            double rawMae) {}

    /** A labelled, classified pool of posts to draw batches from. */
    public record Pool(List<CorpusExample> examples, Observations observations) {
        public static Pool of(List<CorpusExample> examples, List<Classification> predicted) {
            return new Pool(examples, new Observations(predicted));
        }
    }

    private static final class Acc {
        int n;
        double share;
        double abs;
        double signed;
        double covered;
        double width;
        double rawAbs;

        void add(double truth, Estimate e) {
            n++;
            share += truth;
            abs += Math.abs(e.estimate() - truth);
            signed += e.estimate() - truth;
            covered += e.covers(truth) ? 1 : 0;
            width += e.high() - e.low();
            rawAbs += Math.abs(e.raw() - truth);
        }

        Row row(Method m, String label) {
            double d = Math.max(1, n);
            return new Row(
                    m,
                    label,
                    n,
                    share / d,
                    abs / d,
                    signed / d,
                    covered / d,
                    width / d,
                    rawAbs / d);
        }
    }

    private final Settings settings;
    private final List<Method> methods;
    private final Map<String, Acc> acc = new LinkedHashMap<>();

    public PrevalenceCheck(Settings settings, List<Method> methods) {
        this.settings = settings;
        this.methods = List.copyOf(methods);
    }

    /** Draws {@code batches} batches from {@code pool} and scores them against {@code cal}. */
    public PrevalenceCheck run(PrevalenceCalibration cal, Pool pool, int batches, long seed) {
        List<Integer> hostile = new ArrayList<>();
        List<Integer> other = new ArrayList<>();
        for (int i = 0; i < pool.examples().size(); i++) {
            (pool.examples().get(i).tension() == 2 ? hostile : other).add(i);
        }
        if (hostile.isEmpty() || other.isEmpty()) {
            throw new IllegalArgumentException("the data needs hostile and non-hostile posts");
        }
        SplittableRandom batchRandom = new SplittableRandom(seed);
        List<PrevalenceEstimator> estimators = new ArrayList<>();
        for (Method m : methods) {
            estimators.add(new PrevalenceEstimator(cal, m, settings.draws(), seed));
        }
        List<String> labels = LabelGroup.labels();
        for (int b = 0; b < batches; b++) {
            int n = batchRandom.nextInt(settings.minSize(), settings.maxSize() + 1);
            double s =
                    settings.minShare()
                            + batchRandom.nextDouble()
                                    * (settings.maxShare() - settings.minShare());
            int nh = (int) Math.round(s * n);
            int[] rows = new int[n];
            draw(hostile, nh, rows, 0, batchRandom);
            draw(other, n - nh, rows, nh, batchRandom);
            double[] truth = new double[labels.size()];
            for (int row : rows) {
                CorpusExample e = pool.examples().get(row);
                for (int l = 0; l < labels.size(); l++) {
                    String label = labels.get(l);
                    int t = LabelGroup.truth(LabelGroup.groupOf(label), e);
                    truth[l] += t == LabelGroup.classOf(label) ? 1 : 0;
                }
            }
            long estimateSeed = batchRandom.nextLong();
            for (int m = 0; m < methods.size(); m++) {
                Map<String, Estimate> est =
                        estimators
                                .get(m)
                                .estimate(
                                        pool.observations(),
                                        rows,
                                        new SplittableRandom(estimateSeed));
                for (int l = 0; l < labels.size(); l++) {
                    String label = labels.get(l);
                    double t = truth[l] / n;
                    add(methods.get(m), label, t, est.get(label));
                    if (l == 0) {
                        add(methods.get(m), band(t), t, est.get(label));
                    }
                }
            }
        }
        return this;
    }

    /** Draws {@code k} distinct items (with replacement only when the pool is smaller). */
    private static void draw(List<Integer> pool, int k, int[] into, int at, SplittableRandom r) {
        int[] idx = pool.stream().mapToInt(Integer::intValue).toArray();
        for (int i = 0; i < k; i++) {
            if (k <= idx.length) {
                int j = i + r.nextInt(idx.length - i);
                int tmp = idx[i];
                idx[i] = idx[j];
                idx[j] = tmp;
                into[at + i] = idx[i];
            } else {
                into[at + i] = idx[r.nextInt(idx.length)];
            }
        }
    }

    private static String band(double share) {
        if (share < BANDS[0]) {
            return "hostile <10%";
        }
        return share < BANDS[1] ? "hostile 10-20%" : "hostile >=20%";
    }

    private void add(Method m, String label, double truth, Estimate e) {
        acc.computeIfAbsent(m.name() + "\t" + label, x -> new Acc()).add(truth, e);
    }

    /** The rows: per method, hostile, its bands, then the other labels. */
    public List<Row> rows() {
        List<Row> out = new ArrayList<>();
        List<String> order = new ArrayList<>();
        order.add("hostile");
        order.add("hostile <10%");
        order.add("hostile 10-20%");
        order.add("hostile >=20%");
        order.addAll(LabelGroup.labels().subList(1, LabelGroup.labels().size()));
        for (Method m : methods) {
            for (String label : order) {
                Acc a = acc.get(m.name() + "\t" + label);
                if (a != null) {
                    out.add(a.row(m, label));
                }
            }
        }
        return out;
    }

    /** The row of one method and label. */
    public Row row(Method m, String label) {
        Acc a = acc.get(m.name() + "\t" + label);
        return a == null ? null : a.row(m, label);
    }

    /** Random halvings of the data in {@link #crossFit}. */
    public static final int HALVINGS = 10;

    /**
     * Cross-fitting within one labelled set (the dev split): the posts are halved at random (by a
     * hash of their split key and the round), the rates measured on one half correct batches drawn
     * from the other; {@value #HALVINGS} rounds share the batches, so the check sees as many
     * independent measurements of the rates.
     */
    public PrevalenceCheck crossFit(
            String model, List<CorpusExample> examples, List<Classification> predicted) {
        for (int round = 0; round < HALVINGS; round++) {
            List<List<CorpusExample>> ex = List.of(new ArrayList<>(), new ArrayList<>());
            List<List<Classification>> pr = List.of(new ArrayList<>(), new ArrayList<>());
            for (int i = 0; i < examples.size(); i++) {
                long h =
                        Hashing.fnv1a64(examples.get(i).splitKey()) ^ (round * 0x9E3779B97F4A7C15L);
                int half = (int) (Hashing.mix(h) & 1);
                ex.get(half).add(examples.get(i));
                pr.get(half).add(predicted.get(i));
            }
            int half = round % 2;
            PrevalenceCalibration cal =
                    PrevalenceCalibration.measure(
                            model, ex.get(half), pr.get(half), "half " + half, "");
            Pool pool = Pool.of(ex.get(1 - half), pr.get(1 - half));
            int n = settings.batches() / HALVINGS + (round < settings.batches() % HALVINGS ? 1 : 0);
            run(cal, pool, n, settings.seed() + round);
        }
        return this;
    }

    /** A plain-text table. */
    public String toText(String title) {
        StringBuilder sb = new StringBuilder();
        sb.append(title).append('\n');
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%d batches of %d-%d posts, true hostile share %.0f%%-%.0f%%, seed %d, %d"
                                + " draws, %.0f%% intervals%n",
                        settings.batches(),
                        settings.minSize(),
                        settings.maxSize(),
                        100 * settings.minShare(),
                        100 * settings.maxShare(),
                        settings.seed(),
                        settings.draws(),
                        100 * PrevalenceEstimator.LEVEL));
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%-6s %-16s %7s %7s %7s %8s %8s %7s %8s%n",
                        "method",
                        "label",
                        "batches",
                        "share",
                        "MAE",
                        "bias",
                        "coverage",
                        "width",
                        "raw MAE"));
        for (Row r : rows()) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "%-6s %-16s %7d %7.3f %7.4f %+8.4f %8.3f %7.3f %8.4f%n",
                            r.method(),
                            r.label(),
                            r.batches(),
                            r.meanShare(),
                            r.mae(),
                            r.bias(),
                            r.coverage(),
                            r.width(),
                            r.rawMae()));
        }
        return sb.toString();
    }

    /** The same as JSON. */
    public ObjectNode toJson(String data) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("format", 1);
        o.put("data", data);
        ObjectNode s = o.putObject("settings");
        s.put("batches", settings.batches());
        s.put("minSize", settings.minSize());
        s.put("maxSize", settings.maxSize());
        s.put("minShare", settings.minShare());
        s.put("maxShare", settings.maxShare());
        s.put("seed", settings.seed());
        s.put("draws", settings.draws());
        s.put("level", PrevalenceEstimator.LEVEL);
        ArrayNode rows = o.putArray("rows");
        for (Row r : rows()) {
            ObjectNode x = rows.addObject();
            x.put("method", r.method().name());
            x.put("label", r.label());
            x.put("batches", r.batches());
            x.put("meanShare", r.meanShare());
            x.put("mae", r.mae());
            x.put("bias", r.bias());
            x.put("coverage", r.coverage());
            x.put("width", r.width());
            x.put("rawMae", r.rawMae());
        }
        return o;
    }
}
