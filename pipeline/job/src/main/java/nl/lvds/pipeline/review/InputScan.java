package nl.lvds.pipeline.review;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * One pass over the review's input files for the manifest and the report's coverage table: each
 * file's SHA-256 (of its bytes as stored) and line count, and signals per month and source type.
 * Runs beside the job; it reads only a line's {@code source} and the file's date, never its text.
 */
public final class InputScan {

    /** One input file as the manifest lists it. */
    public record FileEntry(String kind, String path, String sha256, long bytes, long records) {}

    /** The scan's result. */
    public record Result(List<FileEntry> files, Map<String, Map<String, Long>> signalsPerMonth) {

        /** Total records of a kind. */
        public long records(String kind) {
            return files.stream()
                    .filter(f -> f.kind().equals(kind))
                    .mapToLong(f -> f.records())
                    .sum();
        }
    }

    private static final byte[] SOURCE_KEY = "\"source\":\"".getBytes(StandardCharsets.UTF_8);

    private InputScan() {}

    /**
     * Scans the files.
     *
     * @param signals signal files, sorted
     * @param incidents incident files, sorted
     */
    public static Result scan(List<Path> signals, List<Path> incidents) {
        List<FileEntry> files = new ArrayList<>();
        Map<String, Map<String, Long>> perMonth = new TreeMap<>();
        for (Path p : signals) {
            files.add(scanFile("signals", p, perMonth));
        }
        for (Path p : incidents) {
            files.add(scanFile("incidents", p, null));
        }
        return new Result(List.copyOf(files), perMonth);
    }

    private static FileEntry scanFile(
            String kind, Path file, Map<String, Map<String, Long>> perMonth) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String name = file.getFileName().toString();
        String month =
                name.length() >= 7 && Character.isDigit(name.charAt(0))
                        ? name.substring(0, 7)
                        : "?";
        long lines = 0;
        try (InputStream raw = Files.newInputStream(file);
                DigestInputStream digest = new DigestInputStream(raw, sha);
                InputStream in =
                        name.endsWith(".gz") || name.endsWith(".gzip")
                                ? new GZIPInputStream(digest, 1 << 16)
                                : digest;
                BufferedReader r =
                        new BufferedReader(
                                new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                if (perMonth != null) {
                    perMonth.computeIfAbsent(month, m -> new TreeMap<>())
                            .merge(sourceOf(line), 1L, Long::sum);
                }
            }
            digest.transferTo(java.io.OutputStream.nullOutputStream()); // hash trailing bytes too
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FileEntry(
                kind, file.toString(), HexFormat.of().formatHex(sha.digest()), bytes, lines);
    }

    /** The {@code source} value of a JSON line, or {@code ?} (counted, not validated, here). */
    static String sourceOf(String line) {
        int i = line.indexOf("\"source\":\"");
        if (i < 0) {
            return "?";
        }
        int start = i + SOURCE_KEY.length;
        int end = line.indexOf('"', start);
        if (end < 0 || end - start > 20) {
            return "?";
        }
        return line.substring(start, end);
    }
}
