package nl.lvds.pipeline.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import nl.lvds.models.classify.SignalClassifier;

/**
 * {@code manifest.json}: what a review was computed from, so its numbers can be defended and
 * reproduced — the code version, the model version and model card hash, the configuration hash,
 * every input file with its hash and record count, dead letters per reason, the output files with
 * their hashes, and when it ran.
 */
public final class Manifest {

    private Manifest() {}

    /** Everything the manifest records. */
    public record Facts(
            String modelVersion,
            byte[] configBytes,
            String configOrigin,
            String from,
            String to,
            int parallelism,
            InputScan.Result inputs,
            ReviewOutputs.Written written,
            Instant started,
            Instant finished,
            Path out) {}

    /** Writes {@code manifest.json} into the output folder. */
    public static Path write(Facts f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "lvds-review");
        m.put("outputFormat", ReviewOutputs.OUTPUT_FORMAT);
        m.put(
                "synthetic",
                "inputs from 'lvds generate' are synthetic; see archive.json if present");
        m.put("codeVersion", codeVersion());
        m.put("modelVersion", f.modelVersion());
        m.put("modelCardSha256", sha256(modelCard()));
        m.put("config", f.configOrigin());
        m.put("configSha256", sha256(f.configBytes()));
        m.put("from", f.from());
        m.put("to", f.to());
        m.put("executionMode", "BATCH");
        m.put("parallelism", f.parallelism());
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("signalRecords", f.inputs().records("signals"));
        totals.put("incidentRecords", f.inputs().records("incidents"));
        totals.put("indicators", f.written().indicators());
        totals.put("publishedIndicators", f.written().coverage().published());
        totals.put("suppressedIndicators", f.written().coverage().suppressed());
        totals.put("hourlyCsvRows", f.written().hourlyRows());
        totals.put("coverageRows", f.written().coverage().size());
        totals.put("alerts", f.written().alerts());
        totals.put(
                "deadLetters",
                f.written().deadLettersByReason().values().stream()
                        .mapToLong(Long::longValue)
                        .sum());
        m.put("totals", totals);
        m.put("suppressedByWindow", f.written().coverage().suppressedByWindow());
        m.put("deadLettersByReason", f.written().deadLettersByReason());
        List<Map<String, Object>> outputs = new ArrayList<>();
        for (String name : f.written().files()) {
            Path p = f.out().resolve(name);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("file", name);
            o.put("bytes", size(p));
            o.put("sha256", sha256(p));
            outputs.add(o);
        }
        m.put("outputs", outputs);
        m.put("inputs", f.inputs().files());
        m.put("startedAt", f.started().toString());
        m.put("finishedAt", f.finished().toString());
        m.put(
                "durationSeconds",
                Math.round((f.finished().toEpochMilli() - f.started().toEpochMilli()) / 100.0)
                        / 10.0);
        m.put("java", System.getProperty("java.version"));
        Path file = f.out().resolve("manifest.json");
        try {
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(file.toFile(), m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SHA-256 of a file's bytes, hex. */
    public static String sha256(Path file) {
        // Streamed: a two-year indicators.jsonl is several GB, more than one array can hold.
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SHA-256 of bytes, hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] modelCard() {
        try (InputStream in =
                SignalClassifier.class.getResourceAsStream(SignalClassifier.CARD_RESOURCE)) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The code version: the git commit of LVDS_HOME (with {@code -dirty} when the work tree has
     * changes), else the jar's implementation version, else {@code unknown}.
     */
    static String codeVersion() {
        String home = System.getenv("LVDS_HOME");
        if (home != null && Files.isDirectory(Path.of(home, ".git"))) {
            String head = run(Path.of(home), "git", "rev-parse", "HEAD");
            if (head != null && !head.isBlank()) {
                String status =
                        run(Path.of(home), "git", "status", "--porcelain", "--untracked-files=no");
                return head.strip() + (status != null && !status.isBlank() ? "-dirty" : "");
            }
        }
        String v = Manifest.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    private static String run(Path dir, String... cmd) {
        try {
            Process p =
                    new ProcessBuilder(cmd)
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .start();
            String out =
                    new String(
                            p.getInputStream().readAllBytes(),
                            java.nio.charset.StandardCharsets.UTF_8);
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
