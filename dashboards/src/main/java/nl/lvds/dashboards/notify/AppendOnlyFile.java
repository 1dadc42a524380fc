package nl.lvds.dashboards.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A line-oriented append-only file whose every append is forced to disk before it returns, so a
 * line that was appended survives a crash or power loss. A torn last line (crash mid-write) is
 * ignored on reading.
 */
final class AppendOnlyFile implements AutoCloseable {

    private final Path path;
    private FileChannel channel;

    AppendOnlyFile(Path path) {
        this.path = path;
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            channel = open(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path, e);
        }
    }

    private static FileChannel open(Path path) throws IOException {
        return FileChannel.open(
                path,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    /** The complete lines of {@code path} (none if it does not exist). */
    static List<String> readLines(Path path) {
        if (!Files.exists(path)) {
            return List.of();
        }
        try {
            String all = Files.readString(path, StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>();
            int start = 0;
            for (int i = all.indexOf('\n'); i >= 0; i = all.indexOf('\n', start)) {
                if (i > start) {
                    lines.add(all.substring(start, i));
                }
                start = i + 1;
            }
            // Anything after the last newline is a torn write: dropped.
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** Appends one line (a newline is added) and forces it to disk. */
    synchronized void append(String line) {
        if (line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("line contains a newline");
        }
        ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + path, e);
        }
    }

    /** Replaces the whole file with {@code lines} atomically (compaction). */
    synchronized void rewrite(List<String> lines) {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try {
            channel.close();
            try (FileChannel out =
                    FileChannel.open(
                            tmp,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING)) {
                StringBuilder b = new StringBuilder();
                for (String l : lines) {
                    b.append(l).append('\n');
                }
                ByteBuffer buf = ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                out.force(true);
            }
            Files.move(
                    tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            channel = open(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + path, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
