package nl.lvds.models.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads, merges, overrides and binds the YAML configuration. Works on a Jackson tree: the file's
 * tree is completed with the defaults (never for the declarations), overrides are applied to the
 * tree, and only then is it bound to {@link LvdsConfig}, whose constructors validate.
 */
final class ConfigLoader {

    /** The strict mapper shared by every configuration file, see {@link StrictYaml}. */
    static final ObjectMapper MAPPER = StrictYaml.MAPPER;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConfigLoader() {}

    /** The parsed shipped default file, parsed once. */
    private static final class DefaultHolder {
        static final LvdsConfig DEFAULTS =
                parse(defaultYaml(), "classpath:lvds-default.yaml", Map.of());
    }

    static LvdsConfig defaults() {
        return DefaultHolder.DEFAULTS;
    }

    /** The text of the shipped default file (classpath copy). */
    static String defaultYaml() {
        try (InputStream in = LvdsConfig.class.getResourceAsStream(LvdsConfig.DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "missing classpath resource " + LvdsConfig.DEFAULT_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LvdsConfig load(Path file, Map<String, String> overrides) {
        return parse(StrictYaml.read(file), file.toString(), overrides);
    }

    static LvdsConfig parse(String yaml, String origin, Map<String, String> overrides) {
        ObjectNode root = StrictYaml.tree(yaml, origin);
        completeWithDefaults(root);
        applyOverrides(root, overrides, origin);
        return bind(root, origin);
    }

    static LvdsConfig withOverrides(LvdsConfig config, Map<String, String> overrides) {
        ObjectNode root = MAPPER.valueToTree(config);
        applyOverrides(root, overrides, "overrides");
        return bind(root, "overrides");
    }

    private static LvdsConfig bind(ObjectNode root, String origin) {
        // The declarations first: their message matters more than any other error.
        try {
            LvdsConfig.requireDeclarations(
                    text(root.get("purpose")),
                    text(root.get("legalBasis")),
                    text(root.get("controller")));
        } catch (ConfigException e) {
            throw new ConfigException(origin + ": " + e.getMessage(), e);
        }
        try {
            return MAPPER.treeToValue(root, LvdsConfig.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw translate(e, origin);
        }
    }

    /**
     * Binds an {@code alerts}-shaped tree ({@code cooldownHours}, {@code rules}) with the same
     * strictness and rule defaults as the config file. Works on a copy of {@code node}.
     */
    static LvdsConfig.Alerts bindAlerts(JsonNode node, int defaultCooldownHours, String origin) {
        if (!(node instanceof ObjectNode given)) {
            throw new ConfigException(origin + ": expected a mapping with cooldownHours and rules");
        }
        ObjectNode alerts = given.deepCopy();
        if (!alerts.hasNonNull("cooldownHours")) {
            alerts.put("cooldownHours", defaultCooldownHours);
        }
        if (!(alerts.get("rules") instanceof ArrayNode rules)) {
            throw new ConfigException(origin + ": rules is required (a list of alert rules)");
        }
        if (rules.isEmpty()) {
            throw new ConfigException(
                    origin + ": rules is empty; to switch a rule off, keep it with enabled: false");
        }
        ObjectNode ruleDefaults = MAPPER.valueToTree(AlertRule.defaultKeys());
        for (JsonNode rule : rules) {
            if (rule instanceof ObjectNode object) {
                mergeMissing(object, ruleDefaults);
            }
        }
        try {
            return MAPPER.treeToValue(alerts, LvdsConfig.Alerts.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw translate(e, origin);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    // ---- defaults ----

    /**
     * Fills in every key the file omits with its default, except the declarations, which are set to
     * null when absent (so that overrides can address them and validation names them).
     */
    static void completeWithDefaults(ObjectNode root) {
        ObjectNode defaults = NODES.objectNode();
        ObjectNode privacy = defaults.putObject("privacy");
        privacy.put("k", LvdsConfig.Privacy.DEFAULT_K);
        privacy.set("minGranularity", MAPPER.valueToTree(LvdsConfig.Granularity.DEFAULT));
        privacy.putNull("retention");
        defaults.putNull("purpose");
        defaults.putNull("legalBasis");
        defaults.putNull("controller");
        defaults.putNull("sources");
        defaults.set("kafka", MAPPER.valueToTree(LvdsConfig.Kafka.DEFAULT));
        defaults.set("pipeline", MAPPER.valueToTree(LvdsConfig.Pipeline.DEFAULT));
        defaults.set("tensionIndex", MAPPER.valueToTree(LvdsConfig.TensionIndex.DEFAULT));
        defaults.set("alerts", MAPPER.valueToTree(LvdsConfig.Alerts.DEFAULT));
        mergeMissing(root, defaults);

        // A source must say it is public; one that does not is refused with that reason.
        if (root.path("sources") instanceof ArrayNode sources) {
            for (JsonNode source : sources) {
                if (source instanceof ObjectNode object && !object.hasNonNull("public")) {
                    object.put("public", false);
                }
            }
        }
        if (root.path("alerts").path("rules") instanceof ArrayNode rules) {
            ObjectNode ruleDefaults = MAPPER.valueToTree(AlertRule.defaultKeys());
            for (JsonNode rule : rules) {
                if (rule instanceof ObjectNode object) {
                    mergeMissing(object, ruleDefaults);
                }
            }
        }
    }

    /**
     * Copies into {@code target} what it lacks from {@code defaults}: absent or null keys take the
     * default; nested mappings merge key by key; lists are replaced as a whole (a file's rule list
     * replaces the default rules, it does not add to them).
     */
    private static void mergeMissing(ObjectNode target, ObjectNode defaults) {
        Iterator<Map.Entry<String, JsonNode>> fields = defaults.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode present = target.get(field.getKey());
            if (present == null || present.isNull()) {
                target.set(field.getKey(), field.getValue().deepCopy());
            } else if (present instanceof ObjectNode object
                    && field.getValue() instanceof ObjectNode nested) {
                mergeMissing(object, nested);
            }
        }
    }

    // ---- overrides ----

    static Map<String, String> parseOverrides(List<String> keyValues) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String keyValue : keyValues) {
            int eq = keyValue.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(
                        "override '" + keyValue + "' must look like key=value, e.g. privacy.k=10");
            }
            overrides.put(keyValue.substring(0, eq).trim(), keyValue.substring(eq + 1));
        }
        return overrides;
    }

    private static void applyOverrides(
            ObjectNode root, Map<String, String> overrides, String origin) {
        for (Map.Entry<String, String> override : overrides.entrySet()) {
            try {
                applyOverride(root, override.getKey(), override.getValue());
            } catch (ConfigException e) {
                throw new ConfigException(origin + ": " + e.getMessage(), e);
            }
        }
    }

    private static void applyOverride(ObjectNode root, String key, String value) {
        Objects.requireNonNull(value, key);
        String[] segments = key.split("\\.", -1);
        JsonNode node = root;
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < segments.length - 1; i++) {
            node = step(node, segments[i], path, key);
        }
        String last = segments[segments.length - 1];
        if (!(node instanceof ObjectNode parent)) {
            throw new ConfigException(
                    "override '" + key + "': '" + path + "' is not a section with keys");
        }
        JsonNode existing = parent.get(last);
        if (existing == null) {
            throw unknownKey(key, path, last, parent);
        }
        if (existing instanceof ObjectNode) {
            throw new ConfigException(
                    "override '" + key + "': this is a section; override its keys one by one");
        }
        if (existing instanceof ArrayNode array && array.size() > 0 && array.get(0).isObject()) {
            throw new ConfigException(
                    "override '"
                            + key
                            + "': a list of entries cannot be overridden as a whole; address one"
                            + " entry by id, name or index, e.g. alerts.rules.hostility.minSignals");
        }
        parent.set(last, convert(existing, value, key));
    }

    private static JsonNode step(JsonNode node, String segment, StringBuilder path, String key) {
        JsonNode next = null;
        if (node instanceof ObjectNode object) {
            next = object.get(segment);
            if (next == null) {
                throw unknownKey(key, path, segment, object);
            }
        } else if (node instanceof ArrayNode array) {
            next = element(array, segment);
            if (next == null) {
                throw new ConfigException(
                        "override '"
                                + key
                                + "': no entry '"
                                + segment
                                + "' in "
                                + path
                                + " (address entries by id, name or index)");
            }
        }
        if (next == null || next.isNull() || next.isValueNode()) {
            throw new ConfigException(
                    "override '"
                            + key
                            + "': '"
                            + path
                            + (path.length() == 0 ? "" : ".")
                            + segment
                            + "' is not set or not a section");
        }
        if (path.length() > 0) {
            path.append('.');
        }
        path.append(segment);
        return next;
    }

    private static JsonNode element(ArrayNode array, String segment) {
        if (segment.chars().allMatch(Character::isDigit) && !segment.isEmpty()) {
            int index = Integer.parseInt(segment);
            return index < array.size() ? array.get(index) : null;
        }
        for (JsonNode entry : array) {
            if (segment.equals(entry.path("id").asText(null))
                    || segment.equals(entry.path("name").asText(null))) {
                return entry;
            }
        }
        return null;
    }

    private static ConfigException unknownKey(
            String key, CharSequence path, String segment, ObjectNode parent) {
        List<String> known = new ArrayList<>();
        parent.fieldNames().forEachRemaining(known::add);
        return new ConfigException(
                "override '"
                        + key
                        + "': unknown key '"
                        + segment
                        + "'"
                        + (path.length() == 0 ? "" : " under '" + path + "'")
                        + " (known: "
                        + String.join(", ", known)
                        + ")");
    }

    /** Converts override text to the type of the value it replaces. */
    private static JsonNode convert(JsonNode existing, String value, String key) {
        String trimmed = value.trim();
        try {
            if (existing instanceof IntNode || existing instanceof LongNode) {
                long parsed = Long.parseLong(trimmed);
                return parsed == (int) parsed
                        ? IntNode.valueOf((int) parsed)
                        : LongNode.valueOf(parsed);
            }
            if (existing.isNumber()) {
                return DoubleNode.valueOf(Double.parseDouble(trimmed));
            }
        } catch (NumberFormatException e) {
            throw new ConfigException("override '" + key + "': '" + value + "' is not a number", e);
        }
        if (existing.isBoolean()) {
            if (!trimmed.equals("true") && !trimmed.equals("false")) {
                throw new ConfigException(
                        "override '" + key + "': '" + value + "' is not true or false");
            }
            return BooleanNode.valueOf(Boolean.parseBoolean(trimmed));
        }
        if (existing.isArray()) {
            ArrayNode list = NODES.arrayNode();
            for (String item : trimmed.split(",")) {
                if (!item.isBlank()) {
                    list.add(item.trim());
                }
            }
            return list;
        }
        // Strings, and keys that are currently unset (null): Jackson converts text to the target
        // type when binding (e.g. "6" for an Integer cooldown) and fails clearly if it cannot.
        return TextNode.valueOf(value);
    }

    // ---- output ----

    static Map<String, String> flatten(LvdsConfig config) {
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", MAPPER.valueToTree(config), flat);
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> flat) {
        if (node.isObject()) {
            node.fields()
                    .forEachRemaining(f -> flatten(join(prefix, f.getKey()), f.getValue(), flat));
        } else if (node.isArray() && node.size() > 0 && node.get(0).isObject()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode entry = node.get(i);
                String name = entry.path("id").asText(entry.path("name").asText(null));
                boolean addressable = name != null && !name.contains(".");
                flatten(join(prefix, addressable ? name : Integer.toString(i)), entry, flat);
            }
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(item.asText()));
            flat.put(prefix, String.join(",", items));
        } else if (!node.isNull()) {
            flat.put(prefix, node.asText());
        }
    }

    private static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    static String toYaml(LvdsConfig config) {
        try {
            return MAPPER.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- errors ----

    /** See {@link StrictYaml#translate}. */
    static ConfigException translate(Exception e, String origin) {
        return StrictYaml.translate(e, origin);
    }
}
