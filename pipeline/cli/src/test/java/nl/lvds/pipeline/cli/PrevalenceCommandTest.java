package nl.lvds.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nl.lvds.models.prevalence.LabelGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PrevalenceCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir Path tmp;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new PrevalenceCommand())
                    .setCaseInsensitiveEnumValuesAllowed(true)
                    .execute(args);
        } finally {
            System.setErr(old);
        }
    }

    private Path input() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String text =
                    i % 4 == 0
                            ? "Die gasten zijn ongedierte, ze moeten het land uit"
                            : "Mooie markt vanmorgen op het plein, veel mensen en zon";
            lines.add(
                    MAPPER.createObjectNode()
                            .put("id", "p" + i)
                            .put("text", text)
                            .put("district", i < 30 ? "Noord" : "Zuid")
                            .toString());
        }
        lines.add("{not json");
        lines.add("{\"id\":\"q\",\"district\":\"Noord\"}");
        lines.add("{\"id\":\"r\",\"text\":\"hallo\",\"district\":[1]}");
        lines.add("{\"id\":\"s\",\"text\":\"Goedemorgen allemaal\"}");
        Path in = tmp.resolve("in.jsonl");
        Files.write(in, lines);
        return in;
    }

    @Test
    void shouldWriteOneLinePerGroupAndReportBadLines() throws Exception {
        Path out = tmp.resolve("out.jsonl");
        int code =
                run(
                        "--input",
                        input().toString(),
                        "--group-by",
                        "district",
                        "--output",
                        out.toString());
        assertThat(code).isZero();

        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(3);
        JsonNode noord = MAPPER.readTree(lines.get(0));
        JsonNode zuid = MAPPER.readTree(lines.get(1));
        JsonNode none = MAPPER.readTree(lines.get(2));
        assertThat(noord.path("format").asInt()).isEqualTo(PrevalenceCommand.FORMAT);
        assertThat(noord.path("district").asText()).isEqualTo("Noord");
        assertThat(noord.path("n").asInt()).isEqualTo(30);
        assertThat(zuid.path("district").asText()).isEqualTo("Zuid");
        assertThat(zuid.path("n").asInt()).isEqualTo(10);
        assertThat(none.path("district").isNull()).isTrue();
        assertThat(none.path("n").asInt()).isEqualTo(1);

        List<String> labels = new ArrayList<>();
        noord.path("prevalence").fieldNames().forEachRemaining(labels::add);
        assertThat(labels).containsExactlyElementsOf(LabelGroup.labels());
        for (String label : labels) {
            JsonNode p = noord.path("prevalence").path(label);
            double e = p.path("estimate").asDouble();
            assertThat(p.path("low").asDouble()).isBetween(0.0, e);
            assertThat(p.path("high").asDouble()).isBetween(e, 1.0);
            assertThat(p.path("raw").asDouble()).isBetween(0.0, 1.0);
        }
        // one post in four is plainly hostile; the interval must say so
        JsonNode hostile = noord.path("prevalence").path("hostile");
        assertThat(hostile.path("raw").asDouble()).isGreaterThan(0.15);
        assertThat(hostile.path("low").asDouble()).isLessThan(0.27);
        assertThat(hostile.path("high").asDouble()).isGreaterThan(0.23);

        String errors = err.toString(StandardCharsets.UTF_8);
        assertThat(errors)
                .contains("{\"line\":41,\"error\":\"malformed_json\"}")
                .contains("{\"line\":42,\"error\":\"missing_text\"}")
                .contains("{\"line\":43,\"error\":\"bad_group_value\"}")
                .contains("41 posts in 3 groups, 3 unreadable lines")
                .doesNotContain("ongedierte");
    }

    @Test
    void withoutGroupByShouldWriteOneLine() throws Exception {
        Path out = tmp.resolve("all.jsonl");
        assertThat(run("--input", input().toString(), "--output", out.toString())).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(1);
        JsonNode all = MAPPER.readTree(lines.get(0));
        // the line with an array as district is only bad when grouping by district
        assertThat(all.path("n").asInt()).isEqualTo(42);
        assertThat(all.has("district")).isFalse();
    }

    @Test
    void shouldRefuseGroupingByAPerson() throws Exception {
        assertThat(run("--input", input().toString(), "--group-by", "author")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refused");
    }
}
