package nl.lvds.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import nl.lvds.models.classify.Classification;
import nl.lvds.models.classify.SignalClassifier;
import nl.lvds.models.event.Topic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lvds classify}: JSONL in ({@code {"id","text","lang"?}}) → JSONL out with labels and
 * scores. The text is never echoed; a line that cannot be read gives an error line, not a crash.
 */
@Command(
        name = "classify",
        mixinStandardHelpOptions = true,
        description = {
            "Classify posts: JSONL in, labels and scores out (stdin to stdout by default).",
            "In: {\"id\",\"text\",\"lang\"?} per line.",
            "JSONL out ({\"id\",\"lang\",\"topics\",\"topicScores\",\"tension\",\"tensionScores\",\"area\"}).",
            "Unreadable lines give {\"line\":N,\"error\":\"...\"}; the text is never echoed."
        })
final class ClassifyCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Option(names = "--input", description = "Input JSONL file (default: stdin).")
    Path input;

    @Option(names = "--output", description = "Output JSONL file (default: stdout).")
    Path output;

    @Option(names = "--model", description = "A model file (default: the shipped model).")
    Path model;

    @Override
    public Integer call() throws Exception {
        SignalClassifier classifier =
                model == null ? SignalClassifier.load() : SignalClassifier.load(model);
        int ok = 0;
        int errors = 0;
        try (BufferedReader reader = PostLines.open(input);
                Writer out =
                        output == null
                                ? new BufferedWriter(
                                        new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                                : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                ObjectNode result = classifyLine(classifier, line, lineNo);
                if (result.has("error")) {
                    errors++;
                } else {
                    ok++;
                }
                out.write(MAPPER.writeValueAsString(result));
                out.write('\n');
            }
        }
        System.err.printf(
                "lvds classify: %d classified, %d unreadable lines, model %s%n",
                ok, errors, classifier.modelVersion());
        return 0;
    }

    static ObjectNode classifyLine(SignalClassifier classifier, String line, int lineNo) {
        PostLines.Line post = PostLines.parse(line, lineNo);
        if (post.error() != null) {
            return post.errorNode();
        }
        ObjectNode out = MAPPER.createObjectNode();
        JsonNode id = post.post().get("id");
        Classification c = classifier.classify(post.text(), post.lang(), null);
        if (id != null && !id.isNull()) {
            out.set("id", id);
        } else {
            out.put("id", lineNo);
        }
        out.put("lang", c.lang());
        ArrayNode topics = out.putArray("topics");
        c.topics().forEach(topics::add);
        ObjectNode scores = out.putObject("topicScores");
        for (int t = 0; t < Topic.ALL.size(); t++) {
            scores.put(Topic.ALL.get(t), Math.round(c.topicScores()[t] * 1000) / 1000.0);
        }
        out.put("tension", c.tension());
        ArrayNode ts = out.putArray("tensionScores");
        for (double p : c.tensionScores()) {
            ts.add(Math.round(p * 1000) / 1000.0);
        }
        if (c.area() != null) {
            out.put("area", c.area());
        } else {
            out.putNull("area");
        }
        if (c.district() != null) {
            out.put("district", c.district());
        }
        return out;
    }
}
