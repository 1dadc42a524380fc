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
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import nl.lvds.models.event.Topic;

/**
 * Loads labelled posts in the corpus JSONL format ({@code id, text, lang, topics, tension, hard})
 * from a file or a folder of {@code *.jsonl} files, validating every line, and hashes the files for
 * the model card.
 *
 * @param examples the examples, sorted by id (training order is reproducible)
 * @param sha256 hash over the files' bytes, in file-name order
 * @param files the files read
 */
public record Corpus(List<CorpusExample> examples, String sha256, List<Path> files) {

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
                    CorpusExample e = parse(line, file.getFileName() + ":" + lineNo);
                    if (!ids.add(e.id())) {
                        throw new IOException(
                                file.getFileName() + ":" + lineNo + ": duplicate id " + e.id());
                    }
                    out.add(e);
                }
            }
        }
        out.sort(Comparator.comparing(CorpusExample::id));
        return new Corpus(List.copyOf(out), HexFormat.of().formatHex(digest.digest()), files);
    }

    /** Parses one corpus line; throws IOException naming the place on any invalid field. */
    public static CorpusExample parse(String line, String where) throws IOException {
        JsonNode n;
        try {
            n = MAPPER.readTree(line);
        } catch (IOException e) {
            throw new IOException(where + ": not JSON");
        }
        if (n == null || !n.isObject() || !n.path("text").isTextual()) {
            throw new IOException(where + ": needs an object with a text");
        }
        String id = n.path("id").asText(where);
        List<String> topics = new ArrayList<>();
        for (JsonNode t : n.path("topics")) {
            if (!Topic.isTopic(t.asText())) {
                throw new IOException(where + ": unknown topic " + t.asText());
            }
            topics.add(t.asText());
        }
        int tension = n.path("tension").asInt(-1);
        if (tension < 0 || tension > 2) {
            throw new IOException(where + ": tension must be 0, 1 or 2");
        }
        String hard = n.path("hard").isTextual() ? n.path("hard").asText() : null;
        String lang = n.path("lang").isTextual() ? n.path("lang").asText() : "nl";
        return new CorpusExample(
                id, n.get("text").asText(), lang, List.copyOf(topics), tension, hard);
    }

    /** The examples of one split. */
    public List<CorpusExample> split(CorpusExample.Split split) {
        return examples.stream().filter(e -> e.split() == split).toList();
    }
}
