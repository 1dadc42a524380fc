package nl.lvds.models.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one YAML reader of every LVDS configuration file (the pipeline's {@code lvds.yaml}, the
 * dashboard's and the notifier's files). Strict: unknown keys, duplicate keys, nulls for numbers,
 * fractional numbers for integer keys and trailing content are errors, so a misspelt key cannot
 * silently fall back to its default. Every error is a {@link ConfigException} whose message starts
 * with the file and names the key.
 */
public final class StrictYaml {

    /** The strict mapper (also writes YAML without a document marker). */
    public static final ObjectMapper MAPPER =
            YAMLMapper.builder(
                            YAMLFactory.builder()
                                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                                    .build())
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                    .build();

    private static final Pattern ENV_REF =
            Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

    private StrictYaml() {}

    /** The text of a configuration file, UTF-8. */
    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e, e);
        }
    }

    /**
     * Parses YAML text into a tree; an empty document is an empty mapping.
     *
     * @param origin the file (or other source) named in error messages
     */
    public static ObjectNode tree(String yaml, String origin) {
        JsonNode parsed = node(yaml, origin);
        if (parsed == null) {
            return MAPPER.createObjectNode();
        }
        if (!(parsed instanceof ObjectNode root)) {
            throw new ConfigException(origin + ": the config file must be a YAML mapping of keys");
        }
        return root;
    }

    /** Parses YAML text of any shape (a mapping, a list, a value); null when empty. */
    public static JsonNode node(String yaml, String origin) {
        JsonNode parsed;
        try {
            parsed = MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw translate(e, origin);
        }
        return parsed == null || parsed.isMissingNode() || parsed.isNull() ? null : parsed;
    }

    /** Binds a tree to a configuration type, strictly; errors name the key and {@code origin}. */
    public static <T> T bind(JsonNode tree, Class<T> type, String origin) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw translate(e, origin);
        }
    }

    /**
     * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in every string value with the
     * environment's value (secrets and per-site settings come from the environment, never from a
     * file in the repository). An unset variable without a default is an error naming the key.
     */
    public static JsonNode substituteEnv(
            JsonNode node, Function<String, String> env, String origin) {
        return substitute(node, env, origin, "");
    }

    private static JsonNode substitute(
            JsonNode node, Function<String, String> env, String origin, String path) {
        if (node.isTextual()) {
            Matcher m = ENV_REF.matcher(node.asText());
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String value = env.apply(m.group(1));
                if (value == null || value.isEmpty()) {
                    if (m.group(2) == null) {
                        throw new ConfigException(
                                origin
                                        + ": "
                                        + path
                                        + ": environment variable "
                                        + m.group(1)
                                        + " is not set");
                    }
                    value = m.group(3);
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return TextNode.valueOf(out.toString());
        }
        if (node instanceof ObjectNode o) {
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                o.set(k, substitute(o.get(k), env, origin, path.isEmpty() ? k : path + "." + k));
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, substitute(a.get(i), env, origin, path + "[" + i + "]"));
            }
        }
        return node;
    }

    /**
     * Turns a Jackson failure into a message naming the key. A {@link ConfigException} thrown by a
     * record constructor keeps its text, prefixed with the key path when it does not name it.
     */
    public static ConfigException translate(Exception e, String origin) {
        String path = e instanceof JsonMappingException mapping ? path(mapping) : "";
        ConfigException cause = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigException found) {
                cause = found;
                break;
            }
        }
        String message;
        if (cause != null) {
            String text = cause.getMessage();
            if (text.startsWith(origin + ": ")) {
                return cause;
            }
            message = path.isEmpty() || text.startsWith(path) ? text : path + ": " + text;
        } else if (e instanceof UnrecognizedPropertyException unknown) {
            List<String> known = new ArrayList<>();
            if (unknown.getKnownPropertyIds() != null) {
                unknown.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            }
            known.sort(null);
            message =
                    "unknown key '"
                            + path
                            + "' (known here: "
                            + String.join(", ", known)
                            + "). Unknown keys are refused so that a misspelt key cannot"
                            + " silently fall back to its default";
        } else if (e instanceof MismatchedInputException mismatch
                && String.valueOf(mismatch.getOriginalMessage())
                        .startsWith("Missing required creator property")) {
            message = path + " is required";
        } else if (e instanceof MismatchedInputException mismatch) {
            String original = firstLine(mismatch.getOriginalMessage());
            message = (path.isEmpty() ? "" : path + ": ") + original;
        } else if (e instanceof JsonProcessingException processing) {
            message =
                    "cannot parse YAML"
                            + (processing.getLocation() == null
                                    ? ""
                                    : " at line " + processing.getLocation().getLineNr())
                            + ": "
                            + firstLine(processing.getOriginalMessage());
        } else {
            message = firstLine(e.getMessage());
        }
        return new ConfigException(origin + ": " + message, e);
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
