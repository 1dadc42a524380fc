package nl.lvds.dashboards.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The append-only access log (JSONL): one line per page view, API call, login attempt and refused
 * drill-down, saying who, when, what and with which filter.
 *
 * <p>The file is opened in append mode and every line is forced to disk before the request
 * completes, trading a little latency for an audit trail that survives a crash. Nothing here ever
 * rewrites or truncates the file; retention (privacy.retention.auditLogDays) is an operator's job
 * on rotated files.
 */
public final class AuditLog implements AutoCloseable {

    /**
     * One audit entry.
     *
     * @param user login name, or {@code -} when not logged in
     * @param role role, or {@code -}
     * @param action what happened, e.g. {@code view}, {@code api}, {@code login-failed}, {@code
     *     refused-granularity}, {@code acknowledge}
     * @param method HTTP method
     * @param path request path
     * @param filter the query parameters (the filter), never bodies or passwords
     * @param status HTTP status
     */
    public record Entry(
            String user,
            String role,
            String action,
            String method,
            String path,
            Map<String, String> filter,
            int status) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileChannel channel;
    private final Clock clock;
    private final Path file;

    /** Opens (creating if needed) the log for appending. */
    public AuditLog(Path file, Clock clock) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        this.file = file;
        this.clock = clock;
        this.channel =
                FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
    }

    /** Appends one entry with the current time. */
    public synchronized void append(Entry e) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("ts", clock.instant().toString());
        line.put("user", e.user());
        line.put("role", e.role());
        line.put("action", e.action());
        line.put("method", e.method());
        line.put("path", e.path());
        line.put("filter", e.filter());
        line.put("status", e.status());
        try {
            byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (JsonProcessingException e1) {
            throw new IllegalStateException(e1);
        } catch (IOException e2) {
            throw new UncheckedIOException(e2);
        }
    }

    /** The last {@code n} lines of the log (for admins), oldest first. */
    public List<String> tail(int n) throws IOException {
        List<String> all;
        synchronized (this) {
            all = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        return new ArrayList<>(all.subList(Math.max(0, all.size() - n), all.size()));
    }

    /** The log file. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
