package nl.lvds.models.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import nl.lvds.models.codec.DecodeError.Reason;
import nl.lvds.models.codec.Decoded;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.codec.Utf8;
import nl.lvds.models.config.ConfigException;
import nl.lvds.models.config.LvdsConfig;

/**
 * The JSON codec of {@link RuleSetChange} (contract {@code v: 1}, schema {@code
 * rule-set-change.schema.json}), in the style of {@link LvdsJson}: decoding validates strictly and
 * reports a typed error (reason + field) plus a message naming the key at fault; encoding writes
 * fields in a fixed order and the rules in their canonical form, so equal changes give equal bytes.
 *
 * <p>The rules are validated exactly as the config file's {@code alerts.rules} (same defaults, same
 * checks: unknown rule type, thresholds out of range or decreasing, unknown keys, ...). The {@code
 * rulesSha256} must be the SHA-256 of the canonical rules: a change whose rules were altered after
 * hashing is refused.
 *
 * <p>Wire form:
 *
 * <pre>{@code
 * {"v":1,"version":3,"effectiveFrom":"2026-11-29T13:15:00Z","publishedAt":"2026-11-29T13:02:11Z",
 *  "changedBy":"beheer","reason":"...","cooldownHours":6,"rules":[...],"rulesSha256":"9f..."}
 * }</pre>
 */
public final class RuleSetCodec {

    /** Kafka record key of every change (one key: a compacted topic keeps the latest change). */
    public static final String KAFKA_KEY = "rule-set";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Sorted keys, no nulls: the canonical form the hash is computed over. */
    private static final ObjectMapper CANONICAL =
            JsonMapper.builder()
                    .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .serializationInclusion(JsonInclude.Include.NON_NULL)
                    .build();

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private RuleSetCodec() {}

    // ------------------------------------------------------------------ hash

    /**
     * The canonical JSON of a rule set: {@code {"cooldownHours":N,"rules":[...]}} with every rule
     * normalised (defaults filled in), keys sorted, nulls left out, no whitespace.
     */
    public static String canonicalRules(LvdsConfig.Alerts alerts) {
        try {
            return CANONICAL.writeValueAsString(CANONICAL.valueToTree(alerts));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 (lower-case hex) of {@link #canonicalRules}. */
    public static String sha256(LvdsConfig.Alerts alerts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of()
                    .formatHex(
                            digest.digest(canonicalRules(alerts).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ decoding

    /** Decodes a change; never throws. */
    public static Decoded<RuleSetChange> decode(byte[] bytes) {
        try {
            return new Decoded.Ok<>(read(bytes), 0);
        } catch (RuleSetException e) {
            return new Decoded.Err<>(e.error());
        }
    }

    /**
     * Decodes a change or throws a {@link RuleSetException} with the reason, the field and a
     * message for people (e.g. {@code rules[1].type: unknown rule type 'spyke' (allowed: ...)}).
     */
    public static RuleSetChange read(byte[] bytes) {
        ObjectNode o = parse(bytes);
        JsonNode v = o.get("v");
        if (v == null || v.isNull()) {
            throw invalid(Reason.MISSING_FIELD, "v", "v (the contract version) is missing");
        }
        if (!v.isIntegralNumber()) {
            throw invalid(Reason.WRONG_TYPE, "v", "v must be an integer");
        }
        if (v.asLong() != LvdsJson.VERSION) {
            throw invalid(
                    Reason.UNKNOWN_VERSION,
                    "v",
                    "unknown contract version " + v.asLong() + " (this build reads v 1)");
        }
        long version = requiredLong(o, "version");
        if (version < 1) {
            throw invalid(Reason.BAD_VALUE, "version", "version must be at least 1");
        }
        long effectiveFrom = requiredTs(o, "effectiveFrom");
        if (Math.floorMod(effectiveFrom, RuleSetChange.BOUNDARY_MS) != 0) {
            throw invalid(
                    Reason.BAD_VALUE,
                    "effectiveFrom",
                    "effectiveFrom must lie on a 15-minute window boundary (e.g. 13:00, 13:15)");
        }
        long publishedAt = o.hasNonNull("publishedAt") ? requiredTs(o, "publishedAt") : 0L;
        String changedBy = requiredString(o, "changedBy");
        if (!RuleSetChange.ACCOUNT.matcher(changedBy).matches()) {
            throw invalid(
                    Reason.BAD_VALUE,
                    "changedBy",
                    "changedBy must be a staff account name (1-64 letters, digits, . _ @ -)");
        }
        String reason = requiredString(o, "reason");
        if (reason.isBlank() || reason.length() > RuleSetChange.MAX_REASON_CHARS) {
            throw invalid(
                    Reason.BAD_VALUE,
                    "reason",
                    "reason must be 1-" + RuleSetChange.MAX_REASON_CHARS + " characters");
        }
        JsonNode cooldown = o.get("cooldownHours");
        if (cooldown == null || cooldown.isNull()) {
            throw invalid(Reason.MISSING_FIELD, "cooldownHours", "cooldownHours is missing");
        }
        if (!cooldown.isIntegralNumber() || !cooldown.canConvertToInt()) {
            throw invalid(Reason.WRONG_TYPE, "cooldownHours", "cooldownHours must be an integer");
        }
        JsonNode rules = o.get("rules");
        if (rules == null || rules.isNull()) {
            throw invalid(Reason.MISSING_FIELD, "rules", "rules is missing");
        }
        if (!rules.isArray()) {
            throw invalid(Reason.WRONG_TYPE, "rules", "rules must be a list");
        }
        ObjectNode section = JSON.createObjectNode();
        section.set("cooldownHours", cooldown);
        section.set("rules", rules);
        LvdsConfig.Alerts alerts;
        try {
            alerts = LvdsConfig.parseAlerts(section, cooldown.intValue(), "rule-set change");
        } catch (ConfigException e) {
            throw invalid(Reason.BAD_VALUE, "rules", e.getMessage());
        }
        String sha = requiredString(o, "rulesSha256");
        if (!SHA256.matcher(sha).matches()) {
            throw invalid(
                    Reason.BAD_VALUE,
                    "rulesSha256",
                    "rulesSha256 must be 64 lower-case hex digits");
        }
        String computed = sha256(alerts);
        if (!computed.equals(sha)) {
            throw invalid(
                    Reason.BAD_VALUE,
                    "rulesSha256",
                    "rulesSha256 does not match the rules (computed "
                            + computed
                            + "): the rules were changed after hashing");
        }
        return new RuleSetChange(
                version, effectiveFrom, publishedAt, changedBy, reason, alerts, sha);
    }

    private static ObjectNode parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw invalid(Reason.EMPTY_RECORD, null, "empty record");
        }
        if (bytes.length > LvdsJson.MAX_RECORD_BYTES) {
            throw invalid(Reason.OVERSIZED_RECORD, null, "record larger than 64 KiB");
        }
        String json = Utf8.decodeOrNull(bytes);
        if (json == null) {
            throw invalid(Reason.INVALID_UTF8, null, "not valid UTF-8");
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalid(Reason.MALFORMED_JSON, null, "not valid JSON");
        }
        if (node == null || node.isMissingNode()) {
            throw invalid(Reason.EMPTY_RECORD, null, "empty record");
        }
        if (!node.isObject()) {
            throw invalid(Reason.NOT_AN_OBJECT, null, "not a JSON object");
        }
        return (ObjectNode) node;
    }

    private static RuleSetException invalid(Reason reason, String field, String message) {
        return new RuleSetException(reason, field, message);
    }

    private static String requiredString(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            throw invalid(Reason.MISSING_FIELD, field, field + " is missing");
        }
        if (!n.isTextual()) {
            throw invalid(Reason.WRONG_TYPE, field, field + " must be a string");
        }
        return n.textValue();
    }

    private static long requiredLong(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            throw invalid(Reason.MISSING_FIELD, field, field + " is missing");
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw invalid(Reason.WRONG_TYPE, field, field + " must be an integer");
        }
        return n.longValue();
    }

    private static long requiredTs(ObjectNode o, String field) {
        String text = requiredString(o, field);
        Instant ts;
        try {
            ts = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(
                    Reason.BAD_TIMESTAMP,
                    field,
                    field + " must be an ISO-8601 time with offset, e.g. 2026-11-29T13:15:00Z");
        }
        if (ts.isBefore(LvdsJson.MIN_TS) || !ts.isBefore(LvdsJson.MAX_TS)) {
            throw invalid(Reason.TIMESTAMP_OUT_OF_RANGE, field, field + " must be in 2000-2099");
        }
        return ts.toEpochMilli();
    }

    // ------------------------------------------------------------------ encoding

    /** Encodes a change: fixed field order, rules in canonical form. */
    public static byte[] encode(RuleSetChange c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.setCodec(CANONICAL);
            g.writeStartObject();
            g.writeNumberField("v", LvdsJson.VERSION);
            g.writeNumberField("version", c.version());
            g.writeStringField("effectiveFrom", LvdsJson.isoTime(c.effectiveFrom()));
            if (c.publishedAt() != 0L) {
                g.writeStringField("publishedAt", LvdsJson.isoTime(c.publishedAt()));
            }
            g.writeStringField("changedBy", c.changedBy());
            g.writeStringField("reason", c.reason());
            g.writeNumberField("cooldownHours", c.alerts().cooldownHours());
            g.writeFieldName("rules");
            g.writeTree(CANONICAL.valueToTree(c.alerts()).get("rules"));
            g.writeStringField("rulesSha256", c.rulesSha256());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
