package nl.lvds.models.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped JSON Schemas and the codec agree on every example in contract-examples.jsonl. */
class ContractSchemaAgreementTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final Map<String, String> SCHEMAS =
            Map.of(
                    "signal", "signal.schema.json",
                    "incident", "incident.schema.json",
                    "indicator", "tension-indicator.schema.json",
                    "alert", "alert.schema.json");

    private static final Map<String, Function<byte[], Decoded<?>>> DECODERS =
            Map.of(
                    "signal", LvdsJson::decodeSignal,
                    "incident", LvdsJson::decodeIncident,
                    "indicator", LvdsJson::decodeIndicator,
                    "alert", LvdsJson::decodeAlert);

    static Stream<Arguments> examples() throws Exception {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in =
                        ContractSchemaAgreementTest.class.getResourceAsStream(
                                "/nl/lvds/models/contracts/contract-examples.jsonl");
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode e = MAPPER.readTree(line);
                out.add(
                        Arguments.of(
                                e.get("contract").asText(),
                                e.get("note").asText(),
                                e.get("valid").asBoolean(),
                                e.get("reason").isNull() ? null : e.get("reason").asText(),
                                e.get("json")));
            }
        }
        assertThat(out).hasSizeGreaterThanOrEqualTo(50);
        return out.stream();
    }

    private static JsonSchema schema(String contract) {
        SchemaValidatorsConfig config =
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        InputStream in =
                LvdsJson.class.getResourceAsStream(
                        "/nl/lvds/models/schema/" + SCHEMAS.get(contract));
        assertThat(in).as("schema file for " + contract).isNotNull();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("examples")
    void codecAndSchemaShouldAgree(
            String contract, String note, boolean valid, String reason, JsonNode json)
            throws Exception {
        Set<ValidationMessage> problems = schema(contract).validate(json);
        assertThat(problems.isEmpty()).as("schema verdict, problems: " + problems).isEqualTo(valid);

        Decoded<?> decoded = DECODERS.get(contract).apply(MAPPER.writeValueAsBytes(json));
        assertThat(decoded.isOk()).as("codec verdict: " + decoded).isEqualTo(valid);
        if (!valid) {
            assertThat(decoded.errorOrNull().reason().code()).isEqualTo(reason);
        }
    }
}
