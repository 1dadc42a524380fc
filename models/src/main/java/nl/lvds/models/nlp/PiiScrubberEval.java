package nl.lvds.models.nlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures {@link PiiScrubber} on a labelled cases file (JSON lines {@code {"text", "expected"}})
 * and prints span recall and precision, optionally with throughput.
 *
 * <p>Usage: {@code PiiScrubberEval <cases.jsonl> [--errors] [--bench]}. A span counts as correct
 * when the scrubber replaces exactly the characters the expected text replaces, with the same
 * placeholder (for URLs including the kept host). Expected spans are recovered by aligning the
 * expected text against the input: the text between placeholders must occur literally.
 *
 * <p>From the repository root:
 *
 * <pre>
 * mvn -B -o -q -pl models compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp models/target/classes:$(cat models/target/cp.txt) nl.lvds.models.nlp.PiiScrubberEval \
 *     models/src/test/resources/nl/lvds/models/nlp/scrubber-cases.jsonl --bench
 * </pre>
 *
 * {@code --bench} times clean and PII-bearing cases, single and joined by four (about 30 words), in
 * CPU time of the thread, best and median of 10 rounds.
 */
public final class PiiScrubberEval {

    private static final Pattern PLACEHOLDER =
            Pattern.compile("<(email|phone|handle|url(?::[^<>\\s]+)?|postcode|iban|bsn|plate)>");

    /** One labelled case: the input and the exact scrubbed text expected. */
    public record ScrubCase(String text, String expected) {}

    /** The figures of one evaluation run. */
    public record Result(
            int cases,
            int unchangedCases,
            int expectedSpans,
            int foundSpans,
            int correctSpans,
            int exactCases,
            List<String> errors) {

        /** Share of expected PII spans replaced exactly, with the right placeholder. */
        public double recall() {
            return expectedSpans == 0 ? 1.0 : (double) correctSpans / expectedSpans;
        }

        /** Share of replaced spans that were expected PII spans. */
        public double precision() {
            return foundSpans == 0 ? 1.0 : (double) correctSpans / foundSpans;
        }

        /** Share of cases whose scrubbed text equals the expected text. */
        public double exactRate() {
            return cases == 0 ? 1.0 : (double) exactCases / cases;
        }
    }

    private PiiScrubberEval() {}

    /** Reads a JSON-lines cases file. */
    public static List<ScrubCase> readCases(InputStream in) {
        ObjectMapper mapper = new ObjectMapper();
        List<ScrubCase> cases = new ArrayList<>();
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = mapper.readTree(line);
                cases.add(new ScrubCase(node.get("text").asText(), node.get("expected").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    /** Scrubs every case and compares the spans found with the spans expected. */
    public static Result evaluate(PiiScrubber scrubber, List<ScrubCase> cases) {
        int expectedSpans = 0;
        int foundSpans = 0;
        int correct = 0;
        int exact = 0;
        int unchanged = 0;
        List<String> errors = new ArrayList<>();
        for (ScrubCase c : cases) {
            List<PiiSpan> expected = expectedSpans(c);
            List<PiiSpan> found = scrubber.findSpans(c.text());
            expectedSpans += expected.size();
            foundSpans += found.size();
            if (c.text().equals(c.expected())) {
                unchanged++;
            }
            for (PiiSpan f : found) {
                for (PiiSpan e : expected) {
                    if (f.start() == e.start()
                            && f.end() == e.end()
                            && f.placeholder().equals(e.placeholder())) {
                        correct++;
                        break;
                    }
                }
            }
            String actual = scrubber.scrub(c.text());
            if (actual.equals(c.expected())) {
                exact++;
            } else {
                errors.add(
                        "input:    "
                                + c.text()
                                + "\n  expected: "
                                + c.expected()
                                + "\n  actual:   "
                                + actual);
            }
        }
        return new Result(
                cases.size(), unchanged, expectedSpans, foundSpans, correct, exact, errors);
    }

    /**
     * The spans a case expects, recovered by matching the expected text (literals and placeholders)
     * against the input.
     */
    static List<PiiSpan> expectedSpans(ScrubCase c) {
        Matcher m = PLACEHOLDER.matcher(c.expected());
        StringBuilder regex = new StringBuilder();
        List<String> placeholders = new ArrayList<>();
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                regex.append(Pattern.quote(c.expected().substring(last, m.start())));
            }
            regex.append("(.+?)");
            placeholders.add(m.group());
            last = m.end();
        }
        if (last < c.expected().length()) {
            regex.append(Pattern.quote(c.expected().substring(last)));
        }
        Matcher align = Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(c.text());
        if (!align.matches()) {
            throw new IllegalArgumentException(
                    "expected text does not align with its input: " + c.expected());
        }
        List<PiiSpan> spans = new ArrayList<>();
        for (int g = 1; g <= placeholders.size(); g++) {
            String p = placeholders.get(g - 1);
            String label = p.substring(1, p.length() - 1);
            int colon = label.indexOf(':');
            PiiType type = PiiType.ofLabel(colon < 0 ? label : label.substring(0, colon));
            spans.add(new PiiSpan(align.start(g), align.end(g), type, p));
        }
        return spans;
    }

    /** Prints recall, precision and, with {@code --bench}, posts per second. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: PiiScrubberEval <cases.jsonl> [--errors] [--bench]");
            System.exit(2);
        }
        List<ScrubCase> cases;
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            cases = readCases(in);
        }
        boolean showErrors = List.of(args).contains("--errors");
        boolean bench = List.of(args).contains("--bench");
        PiiScrubber scrubber = new PiiScrubber();
        Result r = evaluate(scrubber, cases);
        System.out.printf(
                Locale.ROOT,
                "cases %d (unchanged %d = %.1f%%), expected spans %d, found %d, correct %d%n",
                r.cases(),
                r.unchangedCases(),
                100.0 * r.unchangedCases() / Math.max(1, r.cases()),
                r.expectedSpans(),
                r.foundSpans(),
                r.correctSpans());
        System.out.printf(
                Locale.ROOT,
                "recall %.4f  precision %.4f  exact texts %.4f%n",
                r.recall(),
                r.precision(),
                r.exactRate());
        if (showErrors) {
            r.errors().forEach(e -> System.out.println("- " + e));
        }
        if (bench) {
            List<String> clean = new ArrayList<>();
            List<String> pii = new ArrayList<>();
            for (ScrubCase c : cases) {
                (c.text().equals(c.expected()) ? clean : pii).add(c.text());
            }
            bench(scrubber, "clean texts", clean);
            bench(scrubber, "texts with PII", pii);
            // Posts of about 30 words: four cases of the same kind joined.
            bench(scrubber, "clean, 4 joined", joined(clean, 4));
            bench(scrubber, "with PII, 4 joined", joined(pii, 4));
            List<String> noDigits = new ArrayList<>();
            for (String t : clean) {
                if (t.chars().noneMatch(ch -> ch >= '0' && ch <= '9' || ch == '@')) {
                    noDigits.add(t);
                }
            }
            bench(scrubber, "clean, no digit or @", noDigits);
        }
    }

    private static List<String> joined(List<String> texts, int k) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i + k <= texts.size(); i += k) {
            out.add(String.join(" ", texts.subList(i, i + k)));
        }
        return out;
    }

    private static void bench(PiiScrubber scrubber, String name, List<String> texts) {
        if (texts.isEmpty()) {
            return;
        }
        String[] arr = texts.toArray(new String[0]);
        long chars = 0;
        for (String t : arr) {
            chars += t.length();
        }
        Throughput.Stats st = Throughput.measure(arr, t -> scrubber.scrub(t).length(), 10);
        System.out.printf(
                Locale.ROOT,
                "bench %-22s %4d posts, avg %3d chars: best %,10.0f posts/s (%5.2f us/post),"
                        + " median %,10.0f posts/s%n",
                name,
                arr.length,
                chars / arr.length,
                st.bestPostsPerSec(),
                st.bestMicrosPerPost(),
                st.medianPostsPerSec());
    }
}
