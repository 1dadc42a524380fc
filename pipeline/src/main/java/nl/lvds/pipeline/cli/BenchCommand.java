package nl.lvds.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import nl.lvds.models.bench.ModelsBench;
import nl.lvds.models.classify.Corpus;
import nl.lvds.models.classify.CorpusExample;
import nl.lvds.models.classify.SignalClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lvds bench}: benchmark figures (not tests). This version measures the NLP models on one
 * core against CoreNLP's tokenizer and, optionally, CoreNLP's English sentiment pipeline.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Benchmarks of the NLP path against CoreNLP (figures, not tests).",
            "Single thread, side by side in one run:",
            "the LVDS NLP path (scrub + tokenize + language + area + all classifiers) on the corpus posts,",
            "the LVDS tokenizer and CoreNLP's PTBTokenizer alone, and with --corenlp-sentiment CoreNLP's",
            "English sentiment pipeline on the English test posts (the launcher fetches the 452 MiB",
            "CoreNLP models jar from Maven Central on first use). Writes a results JSON."
        })
final class BenchCommand implements Callable<Integer> {

    @Option(
            names = "--passes",
            description = "Timed passes per component (default: ${DEFAULT-VALUE}).")
    int passes = 5;

    @Option(
            names = "--corenlp-sentiment",
            description = "Also run CoreNLP's English sentiment baseline.")
    boolean sentiment;

    @Option(names = "--out", description = "Results JSON (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("bench-results.json");

    @Override
    public Integer call() throws Exception {
        Corpus corpus = Corpus.load(Paths.corpus());
        List<String> posts = corpus.examples().stream().map(CorpusExample::text).toList();
        long t0 = System.nanoTime();
        SignalClassifier classifier = SignalClassifier.load();
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "machine: %d cores, Java %s; model %s loaded in %.2f s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                classifier.modelVersion(),
                loadSeconds);
        System.out.printf(
                "posts: %d corpus posts (nl/en/mixed), single thread, %d passes after warm-up%n%n",
                posts.size(), passes);

        ModelsBench.Rate full = ModelsBench.fullPath(classifier, posts, passes);
        System.out.println(full);
        ModelsBench.Rate ours = ModelsBench.lvdsTokenizer(posts, passes);
        System.out.println(ours);
        ModelsBench.Rate corenlp = ModelsBench.coreNlpTokenizer(posts, passes);
        System.out.println(corenlp);
        System.out.printf(
                Locale.ROOT,
                "%ntarget: full path >= 50,000 posts/s on one core: %s%n",
                full.postsPerSecond() >= 50_000 ? "met" : "NOT met");

        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode json = mapper.createObjectNode();
        json.put("date", Instant.now().toString());
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("java", System.getProperty("java.version"));
        json.put("model", classifier.modelVersion());
        json.put("modelLoadSeconds", Math.round(loadSeconds * 100) / 100.0);
        ArrayNode rates = json.putArray("models");
        for (ModelsBench.Rate r : List.of(full, ours, corenlp)) {
            rates.addObject()
                    .put("name", r.name())
                    .put("postsPerSecond", Math.round(r.postsPerSecond()))
                    .put("min", Math.round(r.min()))
                    .put("max", Math.round(r.max()))
                    .put("posts", r.posts());
        }
        if (sentiment) {
            if (!ModelsBench.coreNlpModelsAvailable()) {
                System.err.println(
                        "lvds bench: the CoreNLP models jar is not on the classpath (run through ./lvds, which fetches it)");
                return 2;
            }
            List<CorpusExample> english =
                    corpus.split(CorpusExample.Split.TEST).stream()
                            .filter(e -> e.lang().equals("en"))
                            .toList();
            ModelsBench.SentimentComparison s =
                    ModelsBench.coreNlpSentiment(classifier, english, passes);
            System.out.printf(
                    Locale.ROOT,
                    "%nEnglish test posts (%d, %d hostile):%n",
                    s.posts(),
                    s.hostile());
            System.out.println(s.coreNlpRate());
            System.out.println(s.lvdsRate());
            System.out.printf(
                    Locale.ROOT,
                    "hostile-detection F1: CoreNLP sentiment (negative = hostile) %.3f, LVDS %.3f; speed ratio %.0fx%n",
                    s.coreNlpHostileF1(),
                    s.lvdsHostileF1(),
                    s.lvdsRate().postsPerSecond() / s.coreNlpRate().postsPerSecond());
            ObjectNode x = json.putObject("coreNlpSentiment");
            x.put("posts", s.posts());
            x.put(
                    "coreNlpPostsPerSecond",
                    Math.round(s.coreNlpRate().postsPerSecond() * 10) / 10.0);
            x.put("lvdsPostsPerSecond", Math.round(s.lvdsRate().postsPerSecond()));
            x.put("coreNlpHostileF1", Math.round(s.coreNlpHostileF1() * 1000) / 1000.0);
            x.put("lvdsHostileF1", Math.round(s.lvdsHostileF1() * 1000) / 1000.0);
        }
        Files.writeString(out, mapper.writeValueAsString(json) + "\n");
        System.out.println("\nwrote " + out);
        return 0;
    }
}
