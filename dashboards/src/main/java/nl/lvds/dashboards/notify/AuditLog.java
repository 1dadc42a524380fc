package nl.lvds.dashboards.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The notifier's audit trail, one JSON object per line ({@code notify-audit.jsonl} in the state
 * dir): every delivery, hold, digest, failure, give-up and bad record, with time, alert id and
 * target. It names advisers' own addresses (who was told what) and never any content of posts.
 */
public final class AuditLog implements AutoCloseable {

    /** The file name in the state dir. */
    public static final String FILE = "notify-audit.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AppendOnlyFile file;
    private final Clock clock;

    /** Opens the log in {@code stateDir}. */
    public AuditLog(Path stateDir, Clock clock) {
        this.file = new AppendOnlyFile(stateDir.resolve(FILE));
        this.clock = clock;
    }

    /** Appends one event; {@code detail} may be null. */
    public void log(String event, String alertId, Target target, String detail) {
        ObjectNode n = JSON.createObjectNode();
        n.put("ts", clock.instant().toString());
        n.put("event", event);
        if (alertId != null) {
            n.put("alertId", alertId);
        }
        if (target != null) {
            n.put("target", target.key());
        }
        if (detail != null) {
            n.put("detail", detail);
        }
        file.append(n.toString());
    }

    @Override
    public void close() {
        file.close();
    }
}
