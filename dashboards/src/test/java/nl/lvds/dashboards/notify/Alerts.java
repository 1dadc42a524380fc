package nl.lvds.dashboards.notify;

import java.time.Instant;
import java.util.List;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.AlertCell;

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

    /**
     * A version 2 event group record about the Schammenkamp explosion: leading cell Tarwewijk
     * (local-incident), then Charlois (local-incident), the city (local-incident) and, from update
     * 1 on, Tarwewijk (migration).
     */
    public static Alert group(String id, int update, String status, String level, Instant at) {
        long end = at.toEpochMilli();
        List<AlertCell> cells =
                new java.util.ArrayList<>(
                        List.of(
                                new AlertCell(
                                        "Tarwewijk",
                                        "Charlois",
                                        "local-incident",
                                        level,
                                        "volume",
                                        42,
                                        6.1,
                                        0.00002),
                                new AlertCell(
                                        "Charlois",
                                        "Charlois",
                                        "local-incident",
                                        "warning",
                                        "volume",
                                        61,
                                        19.4,
                                        0.0004),
                                new AlertCell(
                                        "city",
                                        "city",
                                        "local-incident",
                                        "watch",
                                        "volume",
                                        120,
                                        80.0,
                                        0.003)));
        if (update > 0) {
            cells.add(
                    new AlertCell(
                            "Tarwewijk",
                            "Charlois",
                            "migration",
                            "watch",
                            "hostility",
                            12,
                            2.5,
                            0.004));
        }
        return new Alert(
                2,
                id,
                end,
                "Tarwewijk",
                "local-incident",
                level,
                "volume",
                81.0,
                null,
                end - 3600_000L,
                end,
                List.of("p2000-777"),
                List.of("explosie", "schammenkamp"),
                List.of("social", "p2000"),
                "test-model-2",
                "Charlois",
                Alert.Kind.EVENT,
                status,
                update,
                end - update * 900_000L,
                cells,
                42,
                6.1,
                0.00002,
                null,
                null);
    }

    /** A version 2 copy-paste burst: city-wide, migration, 199 copies from 199 author keys. */
    public static Alert burst(String id, int update, String status, Instant at) {
        long end = at.toEpochMilli();
        return new Alert(
                2,
                id,
                end,
                "city",
                "migration",
                "watch",
                "coordinated",
                30.0,
                null,
                end - 3600_000L,
                end,
                List.of(),
                List.of("azc", "stop"),
                List.of("social"),
                "test-model-2",
                "city",
                Alert.Kind.COORDINATED,
                status,
                update,
                end,
                List.of(
                        new AlertCell(
                                "city", "city", "migration", "watch", "coordinated", 1, 0.4, null)),
                1,
                0.4,
                null,
                199,
                199);
    }

    /** A warning for Charlois, local-incident. */
    public static Alert charlois(String id, Instant windowEnd) {
        return alert(id, "Charlois", "local-incident", "warning", windowEnd);
    }
}
