package nl.lvds.models.bench;

import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.PTBTokenizer;
import edu.stanford.nlp.util.CoreMap;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Consumer;
import nl.lvds.models.classify.CorpusExample;
import nl.lvds.models.classify.Metrics;
import nl.lvds.models.classify.SignalClassifier;
import nl.lvds.models.nlp.SocialTokenizer;

/**
 * Single-thread throughput of the NLP path and of CoreNLP baselines on the same posts, measured
 * side by side with warm-up and repeats (a harness like JMH's: the machine is shared and noisy, so
 * ratios in one run matter more than absolute figures).
 */
public final class ModelsBench {

    /**
     * One measured component.
     *
     * @param name what was measured
     * @param posts posts per pass
     * @param postsPerSecond median over the measured passes
     * @param min slowest pass
     * @param max fastest pass
     */
    public record Rate(String name, int posts, double postsPerSecond, double min, double max) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%-46s %10.0f posts/s per core (min %.0f, max %.0f, %d posts per pass)",
                    name,
                    postsPerSecond,
                    min,
                    max,
                    posts);
        }
    }

    private ModelsBench() {}

    /** Runs {@code work} over the posts for warm-up seconds, then {@code passes} timed passes. */
    public static Rate measure(
            String name,
            List<String> posts,
            Consumer<String> work,
            double warmupSeconds,
            int passes) {
        long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < end) {
            posts.forEach(work);
        }
        // Per CPU-second of this thread: on a shared, busy machine wall time mostly measures the
        // other processes; thread CPU time is what "posts/s on one core" means.
        java.lang.management.ThreadMXBean cpu =
                java.lang.management.ManagementFactory.getThreadMXBean();
        double[] rates = new double[passes];
        for (int p = 0; p < passes; p++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            posts.forEach(work);
            rates[p] = posts.size() / ((cpu.getCurrentThreadCpuTime() - t0) / 1e9);
        }
        Arrays.sort(rates);
        return new Rate(name, posts.size(), rates[passes / 2], rates[0], rates[passes - 1]);
    }

    /** The full LVDS path: scrub, tokenise, language, area, features, all classifiers. */
    public static Rate fullPath(SignalClassifier c, List<String> posts, int passes) {
        return measure(
                "LVDS full path (scrub+tok+lang+area+7 clf)", posts, c::classify, 15, passes);
    }

    /** The LVDS tokenizer alone. */
    public static Rate lvdsTokenizer(List<String> posts, int passes) {
        SocialTokenizer t = new SocialTokenizer();
        return measure("LVDS SocialTokenizer alone", posts, t::tokenize, 3, passes);
    }

    /** CoreNLP's PTBTokenizer alone, with the Dutch-friendly options. */
    public static Rate coreNlpTokenizer(List<String> posts, int passes) {
        var factory =
                PTBTokenizer.factory(new CoreLabelTokenFactory(), SocialTokenizer.CORENLP_OPTIONS);
        return measure(
                "CoreNLP PTBTokenizer alone",
                posts,
                text -> {
                    List<CoreLabel> tokens =
                            factory.getTokenizer(new StringReader(text)).tokenize();
                    if (tokens.isEmpty() && !text.isBlank()) {
                        throw new IllegalStateException("no tokens");
                    }
                },
                3,
                passes);
    }

    /** The result of the CoreNLP English sentiment baseline. */
    public record SentimentComparison(
            Rate coreNlpRate,
            Rate lvdsRate,
            double coreNlpHostileF1,
            double lvdsHostileF1,
            int posts,
            int hostile) {}

    /**
     * CoreNLP's English sentiment pipeline (RNTN; needs the CoreNLP models jar on the classpath)
     * against LVDS on the same English posts: speed, and hostile-detection F1 with "negative or
     * very negative" sentiment taken as hostile.
     */
    public static SentimentComparison coreNlpSentiment(
            SignalClassifier c, List<CorpusExample> english, int passes) {
        Properties props = new Properties();
        props.setProperty("annotators", "tokenize,ssplit,parse,sentiment");
        props.setProperty("parse.maxlen", "80");
        StanfordCoreNLP pipeline = new StanfordCoreNLP(props);
        List<String> texts = english.stream().map(CorpusExample::text).toList();
        Metrics.Binary coreNlp = new Metrics.Binary();
        Metrics.Binary lvds = new Metrics.Binary();
        for (CorpusExample e : english) {
            boolean gold = e.tension() == 2;
            coreNlp.add(gold, sentimentClass(pipeline, e.text()) <= 1);
            lvds.add(gold, c.classify(e.text()).tension() == 2);
        }
        Rate coreRate =
                measure(
                        "CoreNLP English sentiment (RNTN)",
                        texts,
                        t -> sentimentClass(pipeline, t),
                        0,
                        Math.max(1, passes / 3));
        Rate lvdsRate =
                measure("LVDS full path, same English posts", texts, c::classify, 3, passes);
        return new SentimentComparison(
                coreRate, lvdsRate, coreNlp.f1(), lvds.f1(), english.size(), coreNlp.support());
    }

    /** The lowest sentence sentiment class (0 very negative … 4 very positive) of a post. */
    private static int sentimentClass(StanfordCoreNLP pipeline, String text) {
        Annotation doc = new Annotation(text);
        pipeline.annotate(doc);
        int worst = 2;
        List<CoreMap> sentences =
                doc.get(edu.stanford.nlp.ling.CoreAnnotations.SentencesAnnotation.class);
        for (CoreMap s : sentences == null ? new ArrayList<CoreMap>() : sentences) {
            String label =
                    s.get(edu.stanford.nlp.sentiment.SentimentCoreAnnotations.SentimentClass.class);
            int v =
                    switch (label == null ? "Neutral" : label) {
                        case "Very negative" -> 0;
                        case "Negative" -> 1;
                        case "Positive" -> 3;
                        case "Very positive" -> 4;
                        default -> 2;
                    };
            worst = Math.min(worst, v);
        }
        return worst;
    }

    /** Whether the CoreNLP English models jar is on the classpath. */
    public static boolean coreNlpModelsAvailable() {
        return ModelsBench.class.getResource("/edu/stanford/nlp/models/sentiment/sentiment.ser.gz")
                != null;
    }
}
