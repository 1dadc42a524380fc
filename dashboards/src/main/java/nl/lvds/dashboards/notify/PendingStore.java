package nl.lvds.dashboards.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.lvds.models.codec.Decoded;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.Alert;

/**
 * Deliveries that are owed but not yet made, kept durably ({@code pending.jsonl} in the state dir):
 * alerts held for the end of quiet hours, alerts for the next digest, and deliveries that failed
 * all their attempts and wait for a later retry. Writing here is what lets the notifier commit a
 * Kafka offset before the delivery itself has happened without losing it.
 *
 * <p>Entries are keyed by alert record (group id and update, {@link SentLedger#key}) and target.
 * The file is an append-only log of {@code park} and {@code done} operations, compacted to the live
 * entries when opened.
 */
public final class PendingStore implements AutoCloseable {

    /** The file name in the state dir. */
    public static final String FILE = "pending.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Why a delivery waits. */
    public enum Reason {
        /** Quiet hours: deliver at {@code dueAt}. */
        HOLD,
        /** For the next briefing's digest. */
        DIGEST,
        /** All attempts failed: try again at {@code dueAt}. */
        RETRY
    }

    /**
     * One owed delivery.
     *
     * @param alert the alert
     * @param target where it goes
     * @param lang the subscriber's language
     * @param reason why it waits
     * @param dueAt when it is due (epoch ms); 0 for digest entries
     * @param since when it was first owed (epoch ms), for giving up on retries
     */
    public record Entry(
            Alert alert, Target target, String lang, Reason reason, long dueAt, long since) {

        String key() {
            return SentLedger.key(alert) + "\t" + target.key();
        }
    }

    private final Map<String, Entry> live = new LinkedHashMap<>();
    private final AppendOnlyFile file;

    /** Opens and compacts the store in {@code stateDir}. */
    public PendingStore(Path stateDir) {
        Path p = stateDir.resolve(FILE);
        for (String line : AppendOnlyFile.readLines(p)) {
            try {
                JsonNode n = JSON.readTree(line);
                String key = n.get("alertId").asText() + "\t" + n.get("target").asText();
                if (n.get("op").asText().equals("done")) {
                    live.remove(key);
                } else {
                    live.put(key, parse(n));
                }
            } catch (IOException | RuntimeException e) {
                // A corrupt line cannot be trusted; it is skipped (and lost from the queue).
            }
        }
        file = new AppendOnlyFile(p);
        List<String> lines = new ArrayList<>();
        for (Entry e : live.values()) {
            lines.add(park(e));
        }
        file.rewrite(lines);
    }

    private static Entry parse(JsonNode n) {
        Decoded<Alert> d =
                LvdsJson.decodeAlert(n.get("alert").toString().getBytes(StandardCharsets.UTF_8));
        if (!(d instanceof Decoded.Ok<Alert> ok)) {
            throw new IllegalStateException("bad alert in pending store");
        }
        return new Entry(
                ok.value(),
                Target.parse(n.get("target").asText()),
                n.get("lang").asText(),
                Reason.valueOf(n.get("reason").asText()),
                n.get("dueAt").asLong(),
                n.get("since").asLong());
    }

    private static String park(Entry e) {
        try {
            ObjectNode n = JSON.createObjectNode();
            n.put("op", "park");
            n.put("alertId", SentLedger.key(e.alert()));
            n.put("target", e.target().key());
            n.put("lang", e.lang());
            n.put("reason", e.reason().name());
            n.put("dueAt", e.dueAt());
            n.put("since", e.since());
            n.set("alert", JSON.readTree(LvdsJson.encodeAlert(e.alert())));
            return n.toString();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Parks (or re-parks, replacing) an owed delivery durably. */
    public synchronized void put(Entry e) {
        file.append(park(e));
        live.put(e.key(), e);
    }

    /** Whether a delivery of this alert record to this target is owed. */
    public synchronized boolean contains(Alert a, Target target) {
        return live.containsKey(SentLedger.key(a) + "\t" + target.key());
    }

    /** The deliveries owed to {@code target} for records of the group {@code groupId}. */
    public synchronized List<Entry> forGroup(String groupId, Target target) {
        return live.values().stream()
                .filter(e -> e.alert().id().equals(groupId) && e.target().equals(target))
                .toList();
    }

    /** Marks an owed delivery as settled (delivered or abandoned) durably. */
    public synchronized void done(Entry e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("op", "done");
        n.put("alertId", SentLedger.key(e.alert()));
        n.put("target", e.target().key());
        file.append(n.toString());
        live.remove(e.key());
    }

    /** HOLD and RETRY entries due at or before {@code nowMs}. */
    public synchronized List<Entry> due(long nowMs) {
        return live.values().stream()
                .filter(e -> e.reason() != Reason.DIGEST && e.dueAt() <= nowMs)
                .toList();
    }

    /** All DIGEST entries. */
    public synchronized List<Entry> digest() {
        return live.values().stream().filter(e -> e.reason() == Reason.DIGEST).toList();
    }

    /** Number of owed deliveries. */
    public synchronized int size() {
        return live.size();
    }

    @Override
    public void close() {
        file.close();
    }
}
