package nl.lvds.models.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;
import nl.lvds.models.codec.DecodeError.Reason;
import nl.lvds.models.codec.Decoded;
import nl.lvds.models.config.ConfigException;
import nl.lvds.models.config.LvdsConfig;
import org.junit.jupiter.api.Test;

class RuleSetCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T = Instant.parse("2026-11-29T13:15:00Z").toEpochMilli();

    private static RuleSetChange change() {
        return RuleSetChange.of(
                3,
                T,
                Instant.parse("2026-11-29T13:02:11Z").toEpochMilli(),
                "beheer",
                "Hostility thresholds raised after the review of November",
                LvdsConfig.defaults().alerts());
    }

    private static ObjectNode tree(RuleSetChange c) throws Exception {
        return (ObjectNode) JSON.readTree(RuleSetCodec.encode(c));
    }

    private static byte[] bytes(JsonNode n) throws Exception {
        return JSON.writeValueAsBytes(n);
    }

    /** The encoded default change with one edit; the hash is recomputed when {@code rehash}. */
    private static byte[] edited(Consumer<ObjectNode> edit, boolean rehash) throws Exception {
        ObjectNode o = tree(change());
        edit.accept(o);
        if (rehash) {
            // recompute the hash of the edited rules where they still bind, so that only the
            // edit itself is at fault
            try {
                ObjectNode section = JSON.createObjectNode();
                section.set("cooldownHours", o.get("cooldownHours"));
                section.set("rules", o.get("rules"));
                o.put(
                        "rulesSha256",
                        RuleSetCodec.sha256(LvdsConfig.parseAlerts(section, 6, "test")));
            } catch (ConfigException expected) {
                // the rules are the edit at fault: the hash does not matter
            }
        }
        return bytes(o);
    }

    private static RuleSetException failure(byte[] record) {
        try {
            RuleSetCodec.read(record);
        } catch (RuleSetException e) {
            Decoded<RuleSetChange> decoded = RuleSetCodec.decode(record);
            assertThat(decoded.isOk()).isFalse();
            assertThat(decoded.errorOrNull()).isEqualTo(e.error());
            return e;
        }
        throw new AssertionError("accepted an invalid change");
    }

    @Test
    void shouldRoundTripWithStableBytes() throws Exception {
        RuleSetChange c = change();
        byte[] encoded = RuleSetCodec.encode(c);

        RuleSetChange back = RuleSetCodec.read(encoded);

        assertThat(back).isEqualTo(c);
        assertThat(RuleSetCodec.encode(back)).isEqualTo(encoded);
        assertThat(new String(encoded, StandardCharsets.UTF_8))
                .startsWith(
                        "{\"v\":1,\"version\":3,\"effectiveFrom\":\"2026-11-29T13:15:00Z\","
                                + "\"publishedAt\":\"2026-11-29T13:02:11Z\",\"changedBy\":\"beheer\"");
    }

    @Test
    void shouldHashTheCanonicalRulesSoThatOmittedDefaultsDoNotMatter() {
        String explicit =
                """
                cooldownHours: 6
                rules:
                  - {id: h, type: hostility, enabled: true, window: 1h, topics: [],
                     areaLevels: [wijk, district, city], minSignals: 20,
                     thresholds: {watch: 0.25, warning: 0.35, critical: 0.5},
                     criticalMinSourceTypes: 1}
                """;
        String brief =
                """
                alerts:
                  rules:
                    - {id: h, type: hostility, minSignals: 20,
                       thresholds: {watch: 0.25, warning: 0.35, critical: 0.5}}
                """;
        String raised =
                """
                rules:
                  - {id: h, type: hostility, minSignals: 20,
                     thresholds: {watch: 0.3, warning: 0.35, critical: 0.5}}
                """;

        String a = RuleSetCodec.sha256(LvdsConfig.parseAlerts(explicit, 6, "a"));
        String b = RuleSetCodec.sha256(LvdsConfig.parseAlerts(brief, 6, "b"));
        String c = RuleSetCodec.sha256(LvdsConfig.parseAlerts(raised, 6, "c"));
        String d = RuleSetCodec.sha256(LvdsConfig.parseAlerts(brief, 5, "d"));

        assertThat(a).matches("[0-9a-f]{64}").isEqualTo(b).isNotEqualTo(c).isNotEqualTo(d);
        assertThat(RuleSetCodec.canonicalRules(LvdsConfig.parseAlerts(brief, 6, "b")))
                .startsWith("{\"cooldownHours\":6,\"detection\":{\"coordinatedGapMinutes\"")
                .contains("\"rules\":[{\"areaLevels\":[\"wijk\"");
    }

    @Test
    void shouldRefuseAnUnknownRuleTypeNamingTheRule() {
        RuleSetException e =
                failure(
                        assertDoesNotThrow(
                                () ->
                                        edited(
                                                o ->
                                                        ((ObjectNode) o.get("rules").get(1))
                                                                .put("type", "spyke"),
                                                false)));

        assertThat(e.error().reason()).isEqualTo(Reason.BAD_VALUE);
        assertThat(e.error().field()).isEqualTo("rules");
        assertThat(e.getMessage())
                .contains("rules[1].type")
                .contains("unknown rule type 'spyke'")
                .contains("spike, hostility, incident-escalation");
    }

    @Test
    void shouldRefuseBadThresholds() throws Exception {
        RuleSetException decreasing =
                failure(
                        edited(
                                o ->
                                        ((ObjectNode) o.get("rules").get(0).get("thresholds"))
                                                .put("critical", 2.0),
                                false));
        assertThat(decreasing.getMessage()).contains("levels must not decrease");

        RuleSetException share =
                failure(
                        edited(
                                o ->
                                        ((ObjectNode) o.get("rules").get(3).get("thresholds"))
                                                .put("warning", 30.0),
                                false));
        assertThat(share.getMessage()).contains("rule 'coordinated'").contains("raise watch only");

        RuleSetException unknownKey =
                failure(
                        edited(
                                o ->
                                        ((ObjectNode) o.get("rules").get(0).get("thresholds"))
                                                .put("severe", 9.0),
                                false));
        assertThat(unknownKey.getMessage()).contains("unknown key").contains("severe");
    }

    @Test
    void shouldRefuseRulesAlteredAfterHashing() throws Exception {
        RuleSetException e =
                failure(
                        edited(
                                o -> ((ObjectNode) o.get("rules").get(0)).put("minSignals", 25),
                                false));

        assertThat(e.error())
                .extracting(x -> x.reason(), x -> x.field())
                .containsExactly(Reason.BAD_VALUE, "rulesSha256");
        // with the hash recomputed the same edit is a valid change
        assertThat(
                        RuleSetCodec.read(
                                        edited(
                                                o ->
                                                        ((ObjectNode) o.get("rules").get(0))
                                                                .put("minSignals", 25),
                                                true))
                                .rules()
                                .get(0)
                                .minSignals())
                .isEqualTo(25);
    }

    @Test
    void shouldRefuseBadEnvelopeFields() throws Exception {
        assertThat(
                        failure(edited(o -> o.put("effectiveFrom", "2026-11-29T13:07:00Z"), true))
                                .error())
                .extracting(x -> x.reason(), x -> x.field())
                .containsExactly(Reason.BAD_VALUE, "effectiveFrom");
        assertThat(failure(edited(o -> o.remove("changedBy"), true)).error().reason())
                .isEqualTo(Reason.MISSING_FIELD);
        assertThat(failure(edited(o -> o.put("changedBy", "J. Jansen"), true)).error().field())
                .isEqualTo("changedBy");
        assertThat(failure(edited(o -> o.put("reason", " "), true)).error().field())
                .isEqualTo("reason");
        assertThat(failure(edited(o -> o.put("version", 0), true)).error().field())
                .isEqualTo("version");
        assertThat(failure(edited(o -> o.put("v", 2), true)).error().reason())
                .isEqualTo(Reason.UNKNOWN_VERSION);
        assertThat(failure(edited(o -> o.set("rules", JSON.createArrayNode()), true)).getMessage())
                .contains("rules is empty");
        assertThat(failure("{not json".getBytes(StandardCharsets.UTF_8)).error().reason())
                .isEqualTo(Reason.MALFORMED_JSON);
        assertThat(failure(new byte[0]).error().reason()).isEqualTo(Reason.EMPTY_RECORD);
    }

    @Test
    void shouldIgnoreUnknownTopLevelFieldsAndNeverQuoteTheReasonInErrors() throws Exception {
        byte[] extra = edited(o -> o.put("ticket", "RFC-12"), true);
        assertThat(RuleSetCodec.read(extra).version()).isEqualTo(3);

        String secret = "canary-reason-text";
        RuleSetException e =
                failure(
                        edited(
                                o -> {
                                    o.put("reason", secret);
                                    ((ObjectNode) o.get("rules").get(1)).put("type", "spyke");
                                },
                                false));
        assertThat(e.getMessage()).doesNotContain(secret);
    }

    @Test
    void shouldAgreeWithTheShippedSchema() throws Exception {
        JsonSchema schema =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                        .getSchema(
                                RuleSetCodec.class.getResourceAsStream(
                                        "/nl/lvds/models/schema/rule-set-change.schema.json"),
                                SchemaValidatorsConfig.builder()
                                        .formatAssertionsEnabled(true)
                                        .build());
        ObjectNode valid = tree(change());
        assertThat(schema.validate(valid)).isEmpty();
        assertThat(RuleSetCodec.decode(bytes(valid)).isOk()).isTrue();

        @SuppressWarnings("unchecked")
        Consumer<ObjectNode>[] invalid =
                new Consumer[] {
                    o -> ((ObjectNode) ((ObjectNode) o).get("rules").get(1)).put("type", "spyke"),
                    o -> ((ObjectNode) o).remove("reason"),
                    o -> ((ObjectNode) o).put("effectiveFrom", "2026-11-29T13:07:00Z"),
                    o -> ((ObjectNode) o).put("rulesSha256", "abc"),
                    o -> ((ObjectNode) o).set("rules", JSON.createArrayNode()),
                    o -> ((ObjectNode) ((ObjectNode) o).get("rules").get(0)).put("tresholds", 1),
                    o -> ((ObjectNode) o).put("changedBy", "J. Jansen"),
                };
        for (int i = 0; i < invalid.length; i++) {
            ObjectNode o = tree(change());
            invalid[i].accept(o);
            assertThat(schema.validate(o)).as("schema, case " + i).isNotEmpty();
            assertThat(RuleSetCodec.decode(bytes(o)).isOk()).as("codec, case " + i).isFalse();
        }
    }

    @Test
    void shouldExplainConfigShapedErrorsForRuleFiles() {
        assertThatThrownBy(() -> LvdsConfig.parseAlerts("rules: []\n", 6, "rules.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rules.yaml")
                .hasMessageContaining("enabled: false");
        assertThatThrownBy(
                        () ->
                                LvdsConfig.parseAlerts(
                                        "rules:\n  - {id: x, type: spike, minSignals: 5,"
                                                + " thresholds: {watch: 0}}\n",
                                        6,
                                        "rules.yaml"))
                .hasMessageContaining("z-scores and must be > 0");
        assertThatThrownBy(() -> LvdsConfig.parseAlerts("cooldownHours: 6\n", 6, "rules.yaml"))
                .hasMessageContaining("rules is required");
        assertThat(RuleSetChange.nextBoundaryAfter(T)).isEqualTo(T + RuleSetChange.BOUNDARY_MS);
        assertThat(RuleSetChange.nextBoundaryAfter(T + 1)).isEqualTo(T + RuleSetChange.BOUNDARY_MS);
    }

    private static <X> X assertDoesNotThrow(java.util.concurrent.Callable<X> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
