package nl.lvds.models.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import nl.lvds.models.event.Topic;

/**
 * Loads labelled posts in the corpus JSONL format ({@code id, text, lang, topics, tension, hard}
 * and the optional {@code groups, form, pair}) from a file or a folder of {@code *.jsonl} files,
 * validating every line, and hashes the files for the model card.
 *
 * <p>A line that cannot be used (not JSON, no text, an unknown topic, a tension outside 0-2, a
 * duplicate id) is skipped and reported in {@link #problems}; an unknown group is dropped from that
 * line and reported; an unknown form is kept (it is only reported on) and reported; a twin link
 * that is not returned by the twin is reported.
 *
 * @param examples the examples, sorted by id (training order is reproducible)
 * @param sha256 hash over the files' bytes, in file-name order
 * @param files the files read
 * @param problems one line per skipped line or dropped value ({@code file:line: what})
 */
public record Corpus(
        List<CorpusExample> examples, String sha256, List<Path> files, List<String> problems) {

    /** A corpus without load problems (e.g. a subset built in code). */
    public Corpus(List<CorpusExample> examples, String sha256, List<Path> files) {
        this(examples, sha256, files, List.of());
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Reads a file or every {@code *.jsonl} file in a folder. */
    public static Corpus load(Path path) throws IOException {
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.list(path)) {
                files =
                        s.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                                .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                                .toList();
            }
        } else {
            files = List.of(path);
        }
        if (files.isEmpty()) {
            throw new IOException("no *.jsonl files in " + path);
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<CorpusExample> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Path file : files) {
            digest.update(Files.readAllBytes(file));
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                int lineNo = 0;
                while ((line = r.readLine()) != null) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    String where = file.getFileName() + ":" + lineNo;
                    CorpusExample e;
                    try {
                        e = parse(line, where, problems);
                    } catch (IOException bad) {
                        problems.add(bad.getMessage() + " (line skipped)");
                        continue;
                    }
                    if (!ids.add(e.id())) {
                        problems.add(where + ": duplicate id " + e.id() + " (line skipped)");
                        continue;
                    }
                    out.add(e);
                }
            }
        }
        out.sort(Comparator.comparing(CorpusExample::id));
        Map<String, CorpusExample> byId = new HashMap<>();
        out.forEach(e -> byId.put(e.id(), e));
        for (CorpusExample e : out) {
            if (e.pair() == null) {
                continue;
            }
            CorpusExample twin = byId.get(e.pair());
            if (twin == null) {
                problems.add(e.id() + ": twin " + e.pair() + " not in the data");
            } else if (!e.id().equals(twin.pair())) {
                problems.add(
                        e.id() + ": twin " + e.pair() + " points to " + twin.pair() + ", not back");
            }
        }
        return new Corpus(
                List.copyOf(out),
                HexFormat.of().formatHex(digest.digest()),
                files,
                List.copyOf(problems));
    }

    /** Parses one corpus line; throws IOException naming the place on any invalid field. */
    public static CorpusExample parse(String line, String where) throws IOException {
        List<String> problems = new ArrayList<>();
        CorpusExample e = parse(line, where, problems);
        if (!problems.isEmpty()) {
            throw new IOException(problems.get(0));
        }
        return e;
    }

    /**
     * Parses one corpus line; throws IOException naming the place when the line cannot be used, and
     * adds to {@code problems} values it dropped (unknown group or form).
     */
    static CorpusExample parse(String line, String where, List<String> problems)
            throws IOException {
        JsonNode n;
        try {
            n = MAPPER.readTree(line);
        } catch (IOException e) {
            throw new IOException(where + ": not JSON");
        }
        if (n == null || !n.isObject() || !n.path("text").isTextual()) {
            throw new IOException(where + ": needs an object with a text");
        }
        if (!n.path("id").isTextual() || n.path("id").asText().isBlank()) {
            throw new IOException(where + ": needs an id");
        }
        String id = n.path("id").asText();
        List<String> topics = new ArrayList<>();
        for (JsonNode t : n.path("topics")) {
            if (!Topic.isTopic(t.asText())) {
                throw new IOException(where + ": unknown topic " + t.asText());
            }
            topics.add(t.asText());
        }
        int tension = n.path("tension").isInt() ? n.path("tension").asInt() : -1;
        if (tension < 0 || tension > 2) {
            throw new IOException(where + ": tension must be 0, 1 or 2");
        }
        String hard = n.path("hard").isTextual() ? n.path("hard").asText() : null;
        if (hard != null && !TargetGroups.HARD.contains(hard)) {
            problems.add(where + ": unknown hard-case type " + hard + " (dropped)");
            hard = null;
        }
        String lang = n.path("lang").isTextual() ? n.path("lang").asText() : "nl";
        if (!lang.equals("nl") && !lang.equals("en") && !lang.equals("mixed")) {
            problems.add(where + ": unknown lang " + lang + " (kept)");
        }
        List<String> groups = new ArrayList<>();
        for (JsonNode g : n.path("groups")) {
            String group = g.asText();
            if (!TargetGroups.isGroup(group)) {
                problems.add(where + ": unknown group " + group + " (dropped)");
            } else if (!groups.contains(group)) {
                groups.add(group);
            }
        }
        String form = n.path("form").isTextual() ? n.path("form").asText() : null;
        if (form != null && !TargetGroups.FORMS.contains(form)) {
            // the form is only reported on, never learned from: keep it for the per-form figures
            problems.add(where + ": unknown form " + form + " (kept)");
        }
        String pair = n.path("pair").isTextual() ? n.path("pair").asText() : null;
        if (pair != null && (pair.isBlank() || pair.equals(id))) {
            pair = null;
        }
        return new CorpusExample(
                id,
                n.get("text").asText(),
                lang,
                List.copyOf(topics),
                tension,
                hard,
                List.copyOf(groups),
                form,
                pair);
    }

    /** The examples of one split. */
    public List<CorpusExample> split(CorpusExample.Split split) {
        return examples.stream().filter(e -> e.split() == split).toList();
    }
}
