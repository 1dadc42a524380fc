package nl.lvds.pipeline.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import nl.lvds.models.bench.ModelsBench;
import nl.lvds.models.classify.Corpus;
import nl.lvds.models.classify.CorpusExample;
import nl.lvds.models.classify.SignalClassifier;

/**
 * Suite 1, models: posts per CPU-second of one thread for the LVDS NLP path (scrub + tokenize +
 * language + area + all classifiers), LVDS's tokenizer and CoreNLP's tokenizer on the corpus posts
 * ({@link ModelsBench}: warm-up, then timed passes); optionally CoreNLP's English sentiment
 * pipeline on the English test posts. Target: NLP path >= 50,000 posts/s on one core.
 */
public final class ModelsSuite implements Suite {

    /** The target for the NLP path, posts per second on one core. */
    public static final double TARGET = 50_000;

    private final Path corpus;
    private final boolean sentiment;

    /**
     * @param corpus the corpus folder
     * @param sentiment also run CoreNLP's English sentiment pipeline (needs the models jar)
     */
    public ModelsSuite(Path corpus, boolean sentiment) {
        this.corpus = corpus;
        this.sentiment = sentiment;
    }

    @Override
    public String name() {
        return "models";
    }

    @Override
    public void run(BenchContext ctx, ObjectNode json, List<Row> rows) throws Exception {
        int passes = ctx.sizes().modelPasses();
        Corpus c = Corpus.load(corpus);
        List<String> posts = c.examples().stream().map(CorpusExample::text).toList();
        long t0 = System.nanoTime();
        SignalClassifier classifier = SignalClassifier.load();
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        ctx.progress(
                "models: %d corpus posts, one thread, %d passes after warm-up ...",
                posts.size(), passes);
        json.put("model", classifier.modelVersion());
        json.put("modelLoadSeconds", Math.round(loadSeconds * 100) / 100.0);
        json.put("posts", posts.size());
        json.put("passes", passes);
        ModelsBench.Rate full = ModelsBench.fullPath(classifier, posts, passes);
        double loadFull = Machine.load1();
        ModelsBench.Rate ours = ModelsBench.lvdsTokenizer(posts, passes);
        ModelsBench.Rate corenlp = ModelsBench.coreNlpTokenizer(posts, passes);
        ArrayNode rates = json.putArray("rates");
        for (ModelsBench.Rate r : List.of(full, ours, corenlp)) {
            ctx.progress("models: %s", r);
            rates.addObject()
                    .put("name", r.name())
                    .put("postsPerSecond", Math.round(r.postsPerSecond()))
                    .put("min", Math.round(r.min()))
                    .put("max", Math.round(r.max()))
                    .put("posts", r.posts())
                    .put("load1", Machine.load1());
        }
        boolean met = full.postsPerSecond() >= TARGET;
        ObjectNode t = json.putObject("target");
        t.put("figure", "nlpPathPostsPerSecond");
        t.put("atLeast", TARGET);
        t.put("value", Math.round(full.postsPerSecond()));
        t.put("met", met);
        rows.add(
                new Row(
                        name(),
                        "NLP path, posts/s on one core",
                        fmt(full.postsPerSecond()),
                        ">= 50,000",
                        met ? "met" : "NOT met",
                        loadFull));
        rows.add(Row.of(name(), "LVDS tokenizer, posts/s", fmt(ours.postsPerSecond())));
        rows.add(Row.of(name(), "CoreNLP PTBTokenizer, posts/s", fmt(corenlp.postsPerSecond())));
        rows.add(
                Row.of(
                        name(),
                        "LVDS tokenizer / CoreNLP tokenizer",
                        String.format(
                                Locale.ROOT,
                                "%.1fx",
                                ours.postsPerSecond() / corenlp.postsPerSecond())));
        if (sentiment) {
            if (!ModelsBench.coreNlpModelsAvailable()) {
                throw new IllegalStateException(
                        "the CoreNLP models jar is not on the classpath (run through ./lvds, which fetches it)");
            }
            List<CorpusExample> english =
                    c.split(CorpusExample.Split.TEST).stream()
                            .filter(e -> e.lang().equals("en"))
                            .toList();
            ModelsBench.SentimentComparison s =
                    ModelsBench.coreNlpSentiment(classifier, english, passes);
            ObjectNode x = json.putObject("coreNlpSentiment");
            x.put("posts", s.posts());
            x.put("hostile", s.hostile());
            x.put(
                    "coreNlpPostsPerSecond",
                    Math.round(s.coreNlpRate().postsPerSecond() * 10) / 10.0);
            x.put("lvdsPostsPerSecond", Math.round(s.lvdsRate().postsPerSecond()));
            x.put("coreNlpHostileF1", Math.round(s.coreNlpHostileF1() * 1000) / 1000.0);
            x.put("lvdsHostileF1", Math.round(s.lvdsHostileF1() * 1000) / 1000.0);
            rows.add(
                    Row.of(
                            name(),
                            "CoreNLP English sentiment, posts/s (hostile F1)",
                            String.format(
                                    Locale.ROOT,
                                    "%.1f (%.3f)",
                                    s.coreNlpRate().postsPerSecond(),
                                    s.coreNlpHostileF1())));
            rows.add(
                    Row.of(
                            name(),
                            "LVDS on the same posts, posts/s (hostile F1)",
                            String.format(
                                    Locale.ROOT,
                                    "%s (%.3f)",
                                    fmt(s.lvdsRate().postsPerSecond()),
                                    s.lvdsHostileF1())));
        }
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }
}
