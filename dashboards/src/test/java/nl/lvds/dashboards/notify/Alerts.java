package nl.lvds.dashboards.notify;

import java.time.Instant;
import java.util.List;
import nl.lvds.models.event.Alert;

/** Small factories of test alerts. */
public final class Alerts {

    private Alerts() {}

    /** An alert for a 1 h window ending at {@code windowEnd}. */
    public static Alert alert(
            String id, String area, String topic, String level, Instant windowEnd) {
        long end = windowEnd.toEpochMilli();
        return new Alert(
                1,
                id,
                end,
                area,
                topic,
                level,
                "spike",
                72.0,
                4.2,
                end - 3600_000L,
                end,
                List.of("p2000-123"),
                List.of("explosie", "portiek"),
                List.of("social", "p2000"),
                "test-model-1");
    }

    /** A warning for Charlois, local-incident. */
    public static Alert charlois(String id, Instant windowEnd) {
        return alert(id, "Charlois", "local-incident", "warning", windowEnd);
    }
}
