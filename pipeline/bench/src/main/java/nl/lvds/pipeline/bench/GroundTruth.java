package nl.lvds.pipeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What a synthetic archive really holds, read from its {@code archive.json} (format 2): the
 * scripted event occurrences, every copy-paste burst and every routine incident. The scorer {@link
 * AlertScore} compares alerts with it.
 *
 * @param from first day of the archive
 * @param to last day of the archive (inclusive)
 * @param events every scripted event occurrence in the archive's range
 * @param bursts every copy-paste burst
 * @param incidents every routine incident
 * @param echoHours how long posts about a routine incident keep coming
 */
public record GroundTruth(
        LocalDate from,
        LocalDate to,
        List<Occurrence> events,
        List<Burst> bursts,
        List<RoutineIncident> incidents,
        double echoHours) {

    /** The area that means city-wide in archive.json. */
    public static final String CITY_WIDE = "*";

    /** Event kinds whose start must be alerted within 15 minutes (sudden incidents). */
    public static final List<String> SUDDEN_KINDS = List.of("explosion", "incident", "riot");

    /**
     * One occurrence of a scripted event.
     *
     * @param event the event id
     * @param index the occurrence (0 for the first start)
     * @param kind explosion, incident, riot, demonstration, escalation, debate, derby, shift, other
     * @param expectedLevel none, watch, warning or critical
     * @param start epoch ms
     * @param end epoch ms (start + durationHours)
     * @param areas wijken or gebieden, or "*"
     * @param topics the topics of its posts
     */
    public record Occurrence(
            String event,
            int index,
            String kind,
            String expectedLevel,
            long start,
            long end,
            List<String> areas,
            List<String> topics) {

        /** A label such as {@code me-demonstrations-2023#3} (1-based) or the bare id. */
        public String label(boolean several) {
            return several ? event + "#" + (index + 1) : event;
        }

        /** Whether an adviser should get no alert for it (derbies, background shifts). */
        public boolean wantsNoAlert() {
            return "none".equals(expectedLevel);
        }

        /** Whether its start must be alerted within 15 minutes. */
        public boolean sudden() {
            return SUDDEN_KINDS.contains(kind);
        }
    }

    /**
     * One copy-paste burst.
     *
     * @param index position in archive.json's {@code bursts}
     * @param start first copy, epoch ms
     * @param end last copy, epoch ms
     * @param area wijk or "*"
     * @param topic intended topic or null
     * @param tension calm, uneasy or hostile
     * @param copies posts
     * @param authors distinct author keys
     * @param event the scripted event it belongs to, or null
     */
    public record Burst(
            int index,
            long start,
            long end,
            String area,
            String topic,
            String tension,
            int copies,
            int authors,
            String event) {}

    /**
     * One routine incident.
     *
     * @param id incident id
     * @param ts epoch ms
     * @param type incident type
     * @param severity 1 to 3
     * @param area its wijk
     */
    public record RoutineIncident(String id, long ts, String type, int severity, String area) {}

    /** Number of weeks the archive covers. */
    public double weeks() {
        return (to.toEpochDay() - from.toEpochDay() + 1) / 7.0;
    }

    /**
     * Reads {@code archive.json} from an archive directory (or the file itself).
     *
     * @throws IllegalArgumentException when the file has no ground truth (format 1)
     */
    public static GroundTruth read(Path archive) throws IOException {
        Path file = Files.isDirectory(archive) ? archive.resolve("archive.json") : archive;
        JsonNode m = new ObjectMapper().readTree(file.toFile());
        if (m.path("formatVersion").asInt(1) < 2) {
            throw new IllegalArgumentException(
                    file
                            + ": archive.json has no ground truth (format 1); regenerate the archive"
                            + " with this version of `lvds generate`");
        }
        LocalDate from = LocalDate.parse(m.path("parameters").path("from").asText());
        LocalDate to = LocalDate.parse(m.path("parameters").path("to").asText());
        List<Occurrence> events = new ArrayList<>();
        for (JsonNode e : m.path("events")) {
            List<String> areas = strings(e.path("areas"));
            List<String> topics = strings(e.path("topics"));
            for (JsonNode o : e.path("occurrences")) {
                events.add(
                        new Occurrence(
                                e.path("id").asText(),
                                o.path("index").asInt(),
                                e.path("kind").asText("other"),
                                e.path("expectedLevel").asText("warning"),
                                time(o.path("start")),
                                time(o.path("end")),
                                areas,
                                topics));
            }
        }
        List<Burst> bursts = new ArrayList<>();
        for (JsonNode b : m.path("bursts")) {
            bursts.add(
                    new Burst(
                            bursts.size(),
                            time(b.path("start")),
                            time(b.path("end")),
                            b.path("area").asText(),
                            b.path("topic").isNull() ? null : b.path("topic").asText(null),
                            b.path("tension").asText(null),
                            b.path("copies").asInt(),
                            b.path("authors").asInt(),
                            b.path("event").isNull() ? null : b.path("event").asText(null)));
        }
        List<RoutineIncident> incidents = new ArrayList<>();
        JsonNode routine = m.path("routineIncidents");
        for (JsonNode i : routine.path("incidents")) {
            incidents.add(
                    new RoutineIncident(
                            i.path("id").asText(),
                            time(i.path("ts")),
                            i.path("type").asText(),
                            i.path("severity").asInt(),
                            i.path("area").asText()));
        }
        return new GroundTruth(
                from, to, events, bursts, incidents, routine.path("echoHours").asDouble(3));
    }

    private static long time(JsonNode n) {
        return OffsetDateTime.parse(n.asText()).toInstant().toEpochMilli();
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return List.copyOf(out);
    }
}
