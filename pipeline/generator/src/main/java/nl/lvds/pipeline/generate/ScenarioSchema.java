package nl.lvds.pipeline.generate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of a scenario file (field names, JSON types, required fields), checked before the file
 * is mapped to {@link Scenario}, so a mistake is reported with its field path ({@code
 * events[3].durationHours: not a number}) instead of as a mapping error. docs/scenario.md describes
 * the same fields; content rules (known areas, templates, ranges) are in {@link
 * Scenario#problems(CityMap, TextBank)}.
 *
 * <p>Where a list is expected, a single value is accepted as a list of one.
 */
public final class ScenarioSchema {

    private ScenarioSchema() {}

    /** A JSON shape that reports what does not fit, with paths. */
    private interface Shape {
        void check(JsonNode n, String path, List<String> problems);
    }

    private static final Shape STRING =
            (n, path, p) -> {
                if (!n.isTextual()) {
                    p.add(path + ": not a string");
                }
            };

    private static final Shape NULLABLE_STRING =
            (n, path, p) -> {
                if (!n.isTextual() && !n.isNull()) {
                    p.add(path + ": not a string or null");
                }
            };

    private static final Shape NUMBER =
            (n, path, p) -> {
                if (!n.isNumber()) {
                    p.add(path + ": not a number");
                }
            };

    private static final Shape INTEGER =
            (n, path, p) -> {
                if (!n.isIntegralNumber()) {
                    p.add(path + ": not a whole number");
                }
            };

    private static Shape listOf(Shape item) {
        return (n, path, p) -> {
            if (n.isArray()) {
                for (int i = 0; i < n.size(); i++) {
                    item.check(n.get(i), path + "[" + i + "]", p);
                }
            } else {
                item.check(n, path, p); // a single value is a list of one
            }
        };
    }

    private static Shape mapOf(Shape value) {
        return (n, path, p) -> {
            if (!n.isObject()) {
                p.add(path + ": not an object");
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                value.check(e.getValue(), path + "." + e.getKey(), p);
            }
        };
    }

    /** An object with known fields; {@code spec} alternates name, shape, required. */
    private static Shape object(Object... spec) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (int i = 0; i < spec.length; i += 3) {
            shapes.put((String) spec[i], (Shape) spec[i + 1]);
            if ((Boolean) spec[i + 2]) {
                required.add((String) spec[i]);
            }
        }
        return (n, path, p) -> {
            if (!n.isObject()) {
                p.add(path + ": not an object");
                return;
            }
            String prefix = path.isEmpty() ? "" : path + ".";
            for (String r : required) {
                if (!n.has(r) || n.get(r).isNull()) {
                    p.add(prefix + r + ": missing (required)");
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Shape s = shapes.get(e.getKey());
                if (s == null) {
                    p.add(prefix + e.getKey() + ": unknown field (known: " + shapes.keySet() + ")");
                } else if (!e.getValue().isNull()) { // null: absent (reported above if required)
                    s.check(e.getValue(), prefix + e.getKey(), p);
                }
            }
        };
    }

    private static final boolean REQUIRED = true;
    private static final boolean OPTIONAL = false;

    private static final Shape MIX_ENTRY =
            object(
                    "templates",
                    STRING,
                    REQUIRED,
                    "topic",
                    NULLABLE_STRING,
                    OPTIONAL,
                    "weight",
                    NUMBER,
                    REQUIRED,
                    "tension",
                    listOf(NUMBER),
                    REQUIRED);

    private static final Shape MIX = listOf(MIX_ENTRY);

    private static final Shape BURSTS =
            object(
                    "perDay",
                    NUMBER,
                    REQUIRED,
                    "fullAtPerDay",
                    INTEGER,
                    REQUIRED,
                    "minSize",
                    INTEGER,
                    REQUIRED,
                    "maxSize",
                    INTEGER,
                    REQUIRED,
                    "minMinutes",
                    NUMBER,
                    REQUIRED,
                    "maxMinutes",
                    NUMBER,
                    REQUIRED,
                    "mix",
                    MIX,
                    REQUIRED);

    private static final Shape INCIDENT_KIND =
            object(
                    "feed",
                    STRING,
                    REQUIRED,
                    "type",
                    STRING,
                    REQUIRED,
                    "weight",
                    NUMBER,
                    REQUIRED,
                    "severity",
                    listOf(NUMBER),
                    REQUIRED,
                    "what",
                    mapOf(STRING),
                    REQUIRED,
                    "summaries",
                    listOf(STRING),
                    REQUIRED);

    private static final Shape ROUTINE_INCIDENTS =
            object(
                    "perDay",
                    NUMBER,
                    REQUIRED,
                    "echoPerSeverity",
                    NUMBER,
                    REQUIRED,
                    "echoHours",
                    NUMBER,
                    REQUIRED,
                    "echoMix",
                    MIX,
                    REQUIRED,
                    "kinds",
                    listOf(INCIDENT_KIND),
                    REQUIRED);

    private static final Shape AREA_WEIGHT =
            object("area", STRING, REQUIRED, "weight", NUMBER, REQUIRED);

    private static final Shape INCIDENT_SPEC =
            object(
                    "id",
                    NULLABLE_STRING,
                    OPTIONAL,
                    "offsetMinutes",
                    NUMBER,
                    REQUIRED,
                    "feed",
                    STRING,
                    REQUIRED,
                    "type",
                    STRING,
                    REQUIRED,
                    "severity",
                    INTEGER,
                    REQUIRED,
                    "area",
                    NULLABLE_STRING,
                    OPTIONAL,
                    "location",
                    NULLABLE_STRING,
                    OPTIONAL,
                    "summary",
                    NULLABLE_STRING,
                    OPTIONAL);

    private static final Shape EVENT =
            object(
                    "id",
                    STRING,
                    REQUIRED,
                    "description",
                    NULLABLE_STRING,
                    OPTIONAL,
                    "kind",
                    NULLABLE_STRING,
                    OPTIONAL,
                    "expectedLevel",
                    NULLABLE_STRING,
                    OPTIONAL,
                    "starts",
                    listOf(STRING),
                    REQUIRED,
                    "durationHours",
                    NUMBER,
                    REQUIRED,
                    "plateauHours",
                    NUMBER,
                    OPTIONAL,
                    "halfLifeHours",
                    NUMBER,
                    OPTIONAL,
                    "peak",
                    NUMBER,
                    OPTIONAL,
                    "burstsPerDay",
                    NUMBER,
                    OPTIONAL,
                    "areas",
                    listOf(AREA_WEIGHT),
                    OPTIONAL,
                    "vars",
                    mapOf(listOf(STRING)),
                    OPTIONAL,
                    "mix",
                    MIX,
                    OPTIONAL,
                    "incidents",
                    listOf(INCIDENT_SPEC),
                    OPTIONAL);

    private static final Shape SCENARIO =
            object(
                    "about",
                    NULLABLE_STRING,
                    OPTIONAL,
                    "sources",
                    mapOf(NUMBER),
                    REQUIRED,
                    "languages",
                    mapOf(NUMBER),
                    REQUIRED,
                    "otherLanguages",
                    listOf(STRING),
                    REQUIRED,
                    "langHintShare",
                    NUMBER,
                    REQUIRED,
                    "areaModes",
                    mapOf(NUMBER),
                    REQUIRED,
                    "authorKeyShare",
                    NUMBER,
                    REQUIRED,
                    "prolificShare",
                    NUMBER,
                    REQUIRED,
                    "background",
                    MIX,
                    REQUIRED,
                    "bursts",
                    BURSTS,
                    REQUIRED,
                    "routineIncidents",
                    ROUTINE_INCIDENTS,
                    REQUIRED,
                    "events",
                    listOf(EVENT),
                    REQUIRED);

    /** Every shape problem of a scenario tree, each "path: what is wrong"; empty if it fits. */
    public static List<String> check(JsonNode scenario) {
        if (!scenario.isObject()) {
            return List.of("(top level): not an object");
        }
        List<String> problems = new ArrayList<>();
        SCENARIO.check(scenario, "", problems);
        return problems;
    }
}
