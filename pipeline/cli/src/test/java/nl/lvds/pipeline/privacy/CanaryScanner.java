package nl.lvds.pipeline.privacy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.xerial.snappy.SnappyFramedInputStream;

/**
 * Looks for canary strings in bytes: raw (UTF-8, ASCII case-insensitive) and inside every gzip
 * member, every framed-Snappy stream and every ZSTD frame found at any offset (Flink's compressed
 * snapshots write one Snappy stream per key group, in the middle of a file; the review's Parquet
 * files hold one ZSTD frame per page). Used by {@link SystemCanaryITCase}.
 */
final class CanaryScanner {

    /** Gzip member header: magic 1f 8b, method 8 (deflate). */
    private static final byte[] GZIP = {0x1f, (byte) 0x8b, 0x08};

    /** Framed-Snappy stream identifier chunk: ff 06 00 00 "sNaPpY". */
    private static final byte[] SNAPPY_FRAMED = {
        (byte) 0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y'
    };

    /** ZSTD frame magic number, little-endian 0xFD2FB528. */
    private static final byte[] ZSTD = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};

    /** Most bytes inflated from one compressed stream (a bomb guard; test data is small). */
    private static final int MAX_INFLATED = 256 * 1024 * 1024;

    private final List<String> needles;
    private final List<byte[]> lowered;
    private final List<String> findings = new ArrayList<>();
    private long bytesScanned;
    private int filesScanned;

    CanaryScanner(List<String> needles) {
        this.needles = List.copyOf(needles);
        this.lowered =
                needles.stream()
                        .map(n -> n.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8))
                        .toList();
    }

    /** Every finding so far: where, which needle, and how (raw, gzip@offset, snappy@offset). */
    List<String> findings() {
        return List.copyOf(findings);
    }

    long bytesScanned() {
        return bytesScanned;
    }

    int filesScanned() {
        return filesScanned;
    }

    /** Scans a string (an HTTP body, a mail) as UTF-8. */
    void scan(String where, String text) {
        scan(where, text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8));
    }

    /** Scans bytes raw and inside any gzip or framed-Snappy stream in them. */
    void scan(String where, byte[] bytes) {
        bytesScanned += bytes.length;
        raw(where, bytes);
        for (int at : indexesOf(bytes, GZIP)) {
            byte[] inflated = inflate(bytes, at, true);
            if (inflated != null) {
                bytesScanned += inflated.length;
                raw(where + " (gzip@" + at + ")", inflated);
            }
        }
        for (int at : indexesOf(bytes, SNAPPY_FRAMED)) {
            byte[] inflated = inflate(bytes, at, false);
            if (inflated != null) {
                bytesScanned += inflated.length;
                raw(where + " (snappy@" + at + ")", inflated);
            }
        }
        for (int at : indexesOf(bytes, ZSTD)) {
            byte[] inflated = unzstd(bytes, at);
            if (inflated != null) {
                bytesScanned += inflated.length;
                raw(where + " (zstd@" + at + ")", inflated);
            }
        }
    }

    private static byte[] unzstd(byte[] bytes, int at) {
        try (InputStream in =
                new com.github.luben.zstd.ZstdInputStream(
                        new ByteArrayInputStream(bytes, at, bytes.length - at))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int r;
            try {
                while ((r = in.read(buf)) > 0 && out.size() < MAX_INFLATED) {
                    out.write(buf, 0, r);
                }
            } catch (IOException truncatedOrTrailingGarbage) {
                // a frame embedded in a larger file ends in other bytes: keep what was inflated
            }
            return out.toByteArray();
        } catch (IOException | RuntimeException notAFrame) {
            return null;
        }
    }

    /**
     * Scans every regular file under {@code root} except those {@code exclude} accepts; returns the
     * number of files scanned.
     */
    int scanTree(Path root, Predicate<Path> exclude) {
        int n = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!Files.isRegularFile(f) || exclude.test(f)) {
                    continue;
                }
                scan(f.toString(), Files.readAllBytes(f));
                n++;
                filesScanned++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    private void raw(String where, byte[] bytes) {
        for (int i = 0; i < lowered.size(); i++) {
            int at = indexOfIgnoreCase(bytes, lowered.get(i));
            if (at >= 0) {
                findings.add(where + ": '" + needles.get(i) + "' at byte " + at);
            }
        }
    }

    private static byte[] inflate(byte[] bytes, int at, boolean gzip) {
        try (InputStream in =
                gzip
                        ? new GZIPInputStream(
                                new ByteArrayInputStream(bytes, at, bytes.length - at))
                        : new SnappyFramedInputStream(
                                new ByteArrayInputStream(bytes, at, bytes.length - at), false)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int r;
            try {
                while ((r = in.read(buf)) > 0 && out.size() < MAX_INFLATED) {
                    out.write(buf, 0, r);
                }
            } catch (IOException truncatedOrTrailingGarbage) {
                // a stream embedded in a larger file ends in other bytes: keep what was inflated
            }
            return out.toByteArray();
        } catch (IOException | RuntimeException notAStream) {
            return null;
        }
    }

    private static List<Integer> indexesOf(byte[] hay, byte[] needle) {
        List<Integer> out = new ArrayList<>();
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            out.add(i);
        }
        return out;
    }

    /** Index of {@code lowerNeedle} in {@code hay}, ASCII letters compared case-insensitively. */
    static int indexOfIgnoreCase(byte[] hay, byte[] lowerNeedle) {
        if (lowerNeedle.length == 0) {
            return -1;
        }
        outer:
        for (int i = 0; i <= hay.length - lowerNeedle.length; i++) {
            for (int j = 0; j < lowerNeedle.length; j++) {
                byte b = hay[i + j];
                if (b >= 'A' && b <= 'Z') {
                    b = (byte) (b + 32);
                }
                if (b != lowerNeedle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
