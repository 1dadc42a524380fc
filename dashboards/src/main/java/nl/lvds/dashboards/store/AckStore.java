package nl.lvds.dashboards.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Alert acknowledgements (who, when), persisted as an append-only JSONL file in the state directory
 * and reloaded on start.
 *
 * <p>Alerts themselves are restored from Kafka; acknowledgements are the dashboard's own data, so
 * they live in a file next to it. The first acknowledgement of an alert wins; later ones are
 * ignored, so the file stays a faithful history.
 */
public final class AckStore implements AutoCloseable {

    /**
     * One acknowledgement.
     *
     * @param alertId the alert
     * @param user who acknowledged it
     * @param at when
     */
    public record Ack(String alertId, String user, Instant at) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Ack> acks = new ConcurrentHashMap<>();
    private final BufferedWriter out;

    /** Loads {@code dir/acks.jsonl} (if any) and opens it for appending. */
    public AckStore(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("acks.jsonl");
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                Map<?, ?> m = JSON.readValue(line, Map.class);
                Ack a =
                        new Ack(
                                (String) m.get("alertId"),
                                (String) m.get("user"),
                                Instant.parse((String) m.get("at")));
                acks.putIfAbsent(a.alertId(), a);
            }
        }
        out =
                Files.newBufferedWriter(
                        file,
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
    }

    /**
     * Records an acknowledgement unless the alert is already acknowledged; returns the one kept.
     */
    public synchronized Ack acknowledge(String alertId, String user, Instant at)
            throws IOException {
        Ack existing = acks.get(alertId);
        if (existing != null) {
            return existing;
        }
        Ack a = new Ack(alertId, user, at);
        out.write(
                JSON.writeValueAsString(
                        Map.of("alertId", alertId, "user", user, "at", at.toString())));
        out.write('\n');
        out.flush();
        acks.put(alertId, a);
        return a;
    }

    /** The acknowledgement of an alert, if any. */
    public Optional<Ack> get(String alertId) {
        return Optional.ofNullable(acks.get(alertId));
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
