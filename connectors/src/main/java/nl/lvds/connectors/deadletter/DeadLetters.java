package nl.lvds.connectors.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import nl.lvds.models.codec.DecodeError;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.codec.Utf8;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.Signal;
import nl.lvds.models.nlp.PiiScrubber;

/**
 * Builds {@link DeadLetter}s from rejected records, with the scrubbed structural excerpt, and
 * encodes them for the dead-letter topic.
 *
 * <p><b>The excerpt never carries text.</b> For a JSON object it lists the top-level keys in input
 * order with the type and size of each value, e.g. {@code {"v":1,"id":"s-1","source":"social",
 * "text":<string 57>,"author":<dropped>}}. Only these values are shown verbatim:
 *
 * <ul>
 *   <li>booleans, null, and integers from -9999 to 9999 (a version or severity; longer numbers
 *       could be phone numbers or BSNs and become {@code <number N>} with N characters);
 *   <li>strings under the enum-like keys {@link #VERBATIM_KEYS} of at most 32 characters, without
 *       whitespace or punctuation other than {@code _.:-}, and which {@link PiiScrubber} leaves
 *       unchanged (so an e-mail address used as an id is not shown); for {@code source}, {@code
 *       feed} and {@code type} only a value of the contract, for {@code lang} only a language tag
 *       ({@code nl}, {@code en-GB}): an invalid value is arbitrary input and could be a name;
 *   <li>the string under {@code ts} when it consists only of digits and timestamp punctuation (the
 *       shape of a bad timestamp is what an operator needs to see).
 * </ul>
 *
 * Identity fields ({@link LvdsJson#IDENTITY_FIELDS}) show as {@code <dropped>}; other strings as
 * {@code <string N>}, arrays and objects as {@code <array N>} and {@code <object N>}. Keys that are
 * not plain identifiers show as {@code <key N>}, since a key can carry data too. Input that is not
 * a JSON object (malformed, invalid UTF-8, oversized, raw feed lines) shows only as {@code <bytes
 * N>}. Known residual risk: a plain-identifier key or a short id could still be a name; upstream
 * ids are not supposed to be personal.
 */
public final class DeadLetters {

    /** Reason code for an unexpected exception in a decoder (a bug, not bad input). */
    public static final String DECODER_FAILURE = "decoder_failure";

    /** Keys whose short, identifier-like string values are shown verbatim. */
    public static final Set<String> VERBATIM_KEYS = Set.of("id", "source", "feed", "type", "lang");

    /** At most this many keys are listed; the rest are summarised as a count. */
    static final int MAX_KEYS = 32;

    private static final int MAX_VERBATIM_CHARS = 32;
    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_\\-]{0,31}");
    private static final Pattern SAFE_VALUE = Pattern.compile("[A-Za-z0-9_.:\\-]{1,32}");
    private static final Pattern LANG_SHAPE = Pattern.compile("[a-z]{2,3}(-[A-Za-z]{2,4})?");
    private static final Pattern TS_SHAPE = Pattern.compile("[0-9TZtz:.+\\- ]{1,40}");
    private static final PiiScrubber SCRUBBER = new PiiScrubber();

    private DeadLetters() {}

    /** A dead letter for a decode error, with the excerpt of the raw record. */
    public static DeadLetter of(
            DecodeError error,
            String contract,
            String source,
            int partition,
            long offset,
            byte[] raw) {
        return new DeadLetter(
                error.reason().code(),
                error.field(),
                source,
                partition,
                offset,
                excerpt(raw),
                contract);
    }

    /**
     * A dead letter for a raw text line (e.g. a P2000 message) that could not be parsed; its
     * excerpt is only the size, since the line is free text.
     */
    public static DeadLetter ofLine(
            DecodeError error,
            String contract,
            String source,
            int partition,
            long offset,
            byte[] raw) {
        return new DeadLetter(
                error.reason().code(),
                error.field(),
                source,
                partition,
                offset,
                bytesOnly(raw),
                contract);
    }

    /**
     * A dead letter for a record on which a decoder failed unexpectedly; the job goes on, and the
     * excerpt is only the size, since the failure may be in the excerpt code itself.
     */
    public static DeadLetter failure(
            String contract, String source, int partition, long offset, byte[] raw) {
        return new DeadLetter(
                DECODER_FAILURE, null, source, partition, offset, bytesOnly(raw), contract);
    }

    /** The structural excerpt of a raw record, as documented on this class. */
    public static String excerpt(byte[] raw) {
        if (raw == null || raw.length == 0 || raw.length > LvdsJson.MAX_RECORD_BYTES) {
            return bytesOnly(raw);
        }
        String json = Utf8.decodeOrNull(raw);
        if (json == null) {
            return bytesOnly(raw);
        }
        JsonNode node;
        try {
            node = LvdsJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            return bytesOnly(raw);
        }
        if (node == null || !node.isObject()) {
            return bytesOnly(raw);
        }
        return structure((ObjectNode) node);
    }

    /** {@code <bytes N>}, the excerpt of anything that is not a JSON object. */
    public static String bytesOnly(byte[] raw) {
        return "<bytes " + (raw == null ? 0 : raw.length) + ">";
    }

    private static String structure(ObjectNode o) {
        StringBuilder sb = new StringBuilder(128).append('{');
        int shown = 0;
        Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (shown == MAX_KEYS) {
                sb.append(",<").append(o.size() - MAX_KEYS).append(" more keys>");
                break;
            }
            if (shown > 0) {
                sb.append(',');
            }
            String key = e.getKey();
            boolean safeKey = SAFE_KEY.matcher(key).matches();
            if (safeKey) {
                sb.append('"').append(key).append('"');
            } else {
                sb.append("<key ").append(key.length()).append('>');
            }
            sb.append(':');
            if (LvdsJson.IDENTITY_FIELDS.contains(key.toLowerCase(Locale.ROOT))) {
                sb.append("<dropped>");
            } else {
                value(sb, safeKey ? key : null, e.getValue());
            }
            shown++;
        }
        return sb.append('}').toString();
    }

    private static void value(StringBuilder sb, String key, JsonNode v) {
        if (v.isNull()) {
            sb.append("null");
        } else if (v.isBoolean()) {
            sb.append(v.booleanValue());
        } else if (v.isIntegralNumber() && v.canConvertToInt() && Math.abs(v.intValue()) <= 9999) {
            sb.append(v.intValue());
        } else if (v.isNumber()) {
            sb.append("<number ").append(v.asText().length()).append('>');
        } else if (v.isTextual()) {
            String s = v.textValue();
            if (key != null && showVerbatim(key, s)) {
                sb.append('"').append(s).append('"'); // safe charset: nothing to escape
            } else {
                sb.append("<string ").append(s.length()).append('>');
            }
        } else if (v.isArray()) {
            sb.append("<array ").append(v.size()).append('>');
        } else if (v.isObject()) {
            sb.append("<object ").append(v.size()).append('>');
        } else {
            sb.append("<value>");
        }
    }

    private static boolean showVerbatim(String key, String s) {
        if (key.equals("ts")) {
            return TS_SHAPE.matcher(s).matches();
        }
        // An enum-like field shows its value only when it is a contract value (or, for lang, has
        // the shape of a language tag): an invalid value is arbitrary input, e.g. a name.
        switch (key) {
            case "source" -> {
                return Signal.SOURCES.contains(s);
            }
            case "feed" -> {
                return Incident.FEEDS.contains(s);
            }
            case "type" -> {
                return Incident.TYPES.contains(s);
            }
            case "lang" -> {
                return LANG_SHAPE.matcher(s).matches();
            }
            default -> {
                // id: shown when short and plain, see the class comment
            }
        }
        return VERBATIM_KEYS.contains(key)
                && s.length() <= MAX_VERBATIM_CHARS
                && SAFE_VALUE.matcher(s).matches()
                && SCRUBBER.scrub(s).equals(s);
    }

    /** Encodes a dead letter as one JSON object (UTF-8), with {@code "v": 1} first. */
    public static byte[] encode(DeadLetter d) {
        ObjectMapper mapper = LvdsJson.mapper();
        ObjectNode o = mapper.createObjectNode();
        o.put("v", LvdsJson.VERSION);
        o.put("reason", d.reason());
        if (d.field() != null) {
            o.put("field", d.field());
        }
        o.put("source", d.source());
        o.put("partition", d.partition());
        o.put("offset", d.offset());
        o.put("excerpt", d.excerpt());
        o.put("contract", d.contract());
        try {
            return mapper.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decodes what {@link #encode} wrote (for consumers and tests).
     *
     * @throws IllegalArgumentException when the bytes are not an encoded dead letter
     */
    public static DeadLetter decode(byte[] json) {
        JsonNode n;
        try {
            n = LvdsJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a dead letter (malformed JSON)", e);
        }
        if (n == null || !n.isObject() || !n.hasNonNull("reason") || !n.hasNonNull("source")) {
            throw new IllegalArgumentException("not a dead letter");
        }
        return new DeadLetter(
                n.get("reason").asText(),
                n.hasNonNull("field") ? n.get("field").asText() : null,
                n.get("source").asText(),
                n.path("partition").asInt(-1),
                n.path("offset").asLong(-1),
                n.path("excerpt").asText(""),
                n.path("contract").asText(""));
    }
}
