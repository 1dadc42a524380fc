package nl.lvds.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads posts as JSONL ({@code {"id","text","lang"?, ...}} per line), the input of {@code lvds
 * classify} and {@code lvds prevalence}: a line that cannot be used gives an error code instead of
 * a post, never an exception, and the text is never part of an error.
 */
final class PostLines {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Longest text accepted, in characters. */
    static final int MAX_TEXT = 10_000;

    private PostLines() {}

    /**
     * One input line: the post, or why it cannot be used.
     *
     * @param lineNo 1-based line number
     * @param post the parsed object (null when unreadable)
     * @param error {@code malformed_json}, {@code not_an_object}, {@code missing_text} or {@code
     *     oversized_text} (null when readable)
     */
    record Line(int lineNo, JsonNode post, String error) {
        String text() {
            return post.get("text").asText();
        }

        String lang() {
            return post.path("lang").isTextual() ? post.get("lang").asText() : null;
        }

        /** {@code {"line":N,"error":"..."}}. */
        ObjectNode errorNode() {
            return MAPPER.createObjectNode().put("line", lineNo).put("error", error);
        }
    }

    /** The input file, or stdin when {@code input} is null (UTF-8). */
    static BufferedReader open(Path input) throws IOException {
        return input == null
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(input, StandardCharsets.UTF_8);
    }

    /** Parses and checks one line. */
    static Line parse(String line, int lineNo) {
        JsonNode in;
        try {
            in = MAPPER.readTree(line);
        } catch (Exception e) {
            return new Line(lineNo, null, "malformed_json");
        }
        if (in == null || !in.isObject()) {
            return new Line(lineNo, null, "not_an_object");
        }
        JsonNode text = in.get("text");
        if (text == null || !text.isTextual()) {
            return new Line(lineNo, null, "missing_text");
        }
        if (text.asText().length() > MAX_TEXT) {
            return new Line(lineNo, null, "oversized_text");
        }
        return new Line(lineNo, in, null);
    }
}
