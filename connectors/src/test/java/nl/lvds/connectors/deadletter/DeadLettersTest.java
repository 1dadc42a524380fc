package nl.lvds.connectors.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import nl.lvds.models.codec.DecodeError;
import nl.lvds.models.codec.DecodeError.Reason;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    static final String CANARY_SENTENCE = "De kanarie zingt om middernacht bij de Maasbrug";
    static final String CANARY_EMAIL = "kanarie.test@example.org";
    static final String CANARY_PHONE = "06-12345678";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldListKeysWithTypesAndLengthsButNoText() {
        String json =
                "{\"v\":1,\"id\":\"s-1\",\"source\":\"social\",\"ts\":\"2024-05-01T10:00:00+02:00\","
                        + "\"text\":\""
                        + CANARY_SENTENCE
                        + "\",\"author\":\"Jan Jansen\"}";
        assertThat(DeadLetters.excerpt(utf8(json)))
                .isEqualTo(
                        "{\"v\":1,\"id\":\"s-1\",\"source\":\"social\","
                                + "\"ts\":\"2024-05-01T10:00:00+02:00\",\"text\":<string 47>,"
                                + "\"author\":<dropped>}");
    }

    @Test
    void shouldHideIdentityFieldsWhateverTheirCaseOrType() {
        String json = "{\"EMAIL\":\"" + CANARY_EMAIL + "\",\"phone\":612345678,\"user\":{\"a\":1}}";
        assertThat(DeadLetters.excerpt(utf8(json)))
                .isEqualTo("{\"EMAIL\":<dropped>,\"phone\":<dropped>,\"user\":<dropped>}");
    }

    @Test
    void shouldNotShowEnumLikeValuesThatCarryPii() {
        String json =
                "{\"id\":\""
                        + CANARY_EMAIL
                        + "\",\"source\":\""
                        + CANARY_PHONE
                        + "\",\"lang\":\"Jan de Vries\",\"type\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}";
        String excerpt = DeadLetters.excerpt(utf8(json));
        assertThat(excerpt)
                .isEqualTo(
                        "{\"id\":<string 24>,\"source\":<string 11>,\"lang\":<string 12>,"
                                + "\"type\":<string 33>}");
    }

    @Test
    void shouldShowEnumLikeValuesOnlyWhenTheyAreContractValues() {
        String ok =
                "{\"v\":2,\"id\":\"s-1\",\"source\":\"social\",\"lang\":\"nl\","
                        + "\"feed\":\"p2000\",\"type\":\"fire\"}";
        assertThat(DeadLetters.excerpt(ok.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(
                        "{\"v\":2,\"id\":\"s-1\",\"source\":\"social\",\"lang\":\"nl\","
                                + "\"feed\":\"p2000\",\"type\":\"fire\"}");
        // a single word under an enum key that is no contract value could be a name: not shown
        String bad =
                "{\"v\":1,\"source\":\"JanJansen\",\"lang\":\"pimpelmeesxyz\","
                        + "\"feed\":\"PietjePuk\",\"type\":\"jan_de_vries\"}";
        assertThat(DeadLetters.excerpt(bad.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(
                        "{\"v\":1,\"source\":<string 9>,\"lang\":<string 13>,"
                                + "\"feed\":<string 9>,\"type\":<string 12>}");
    }

    @Test
    void shouldShowOnlySmallIntegersVerbatim() {
        String json =
                "{\"v\":2,\"severity\":5,\"count\":612345678,\"score\":0.5,\"ok\":true,\"x\":null}";
        assertThat(DeadLetters.excerpt(utf8(json)))
                .isEqualTo(
                        "{\"v\":2,\"severity\":5,\"count\":<number 9>,\"score\":<number 3>,"
                                + "\"ok\":true,\"x\":null}");
    }

    @Test
    void shouldHideKeysThatAreNotPlainIdentifiers() {
        String json = "{\"" + CANARY_EMAIL + "\":1,\"tags\":[\"a\",\"b\"],\"meta\":{\"k\":1}}";
        assertThat(DeadLetters.excerpt(utf8(json)))
                .isEqualTo("{<key 24>:1,\"tags\":<array 2>,\"meta\":<object 1>}");
    }

    @Test
    void shouldShowTimestampShapeButNotTextInTs() {
        assertThat(DeadLetters.excerpt(utf8("{\"ts\":\"01-05-2024 10:00\"}")))
                .isEqualTo("{\"ts\":\"01-05-2024 10:00\"}");
        assertThat(DeadLetters.excerpt(utf8("{\"ts\":\"gisteren om tien uur\"}")))
                .isEqualTo("{\"ts\":<string 20>}");
    }

    @Test
    void shouldReduceNonJsonInputToItsSize() {
        assertThat(DeadLetters.excerpt(utf8("{\"text\":\"" + CANARY_SENTENCE)))
                .isEqualTo("<bytes 56>");
        assertThat(DeadLetters.excerpt(utf8("[1,2,3]"))).isEqualTo("<bytes 7>");
        assertThat(DeadLetters.excerpt(new byte[] {(byte) 0xC3, (byte) 0x28}))
                .isEqualTo("<bytes 2>");
        assertThat(DeadLetters.excerpt(null)).isEqualTo("<bytes 0>");
        assertThat(DeadLetters.excerpt(new byte[0])).isEqualTo("<bytes 0>");
    }

    @Test
    void shouldSummariseKeysBeyondTheLimit() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < DeadLetters.MAX_KEYS + 3; i++) {
            sb.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        String excerpt = DeadLetters.excerpt(utf8(sb.append('}').toString()));
        assertThat(excerpt).endsWith(",<3 more keys>}").contains("\"k31\":1").doesNotContain("k32");
    }

    @Test
    void shouldCarryReasonFieldAndCoordinates() {
        DeadLetter d =
                DeadLetters.of(
                        new DecodeError(Reason.MISSING_FIELD, "ts"),
                        DeadLetter.SIGNAL,
                        "lvds.signals",
                        3,
                        42L,
                        utf8("{\"v\":1}"));
        assertThat(d)
                .isEqualTo(
                        new DeadLetter(
                                "missing_field",
                                "ts",
                                "lvds.signals",
                                3,
                                42L,
                                "{\"v\":1}",
                                "signal"));
    }

    @Test
    void shouldReduceFeedLinesToTheirSize() {
        DeadLetter d =
                DeadLetters.ofLine(
                        new DecodeError(Reason.UNPARSEABLE_FEED_LINE, null),
                        DeadLetter.P2000,
                        "p2000.raw",
                        0,
                        7L,
                        utf8("{\"looks\":\"like json\"}"));
        assertThat(d.excerpt()).isEqualTo("<bytes 21>");
    }

    @Test
    void shouldEncodeWithVersionFirstAndRoundTrip() {
        DeadLetter d =
                new DeadLetter(
                        "malformed_json",
                        null,
                        "archive:2024-05-01.jsonl.gz",
                        -1,
                        12L,
                        "<bytes 5>",
                        "signal");
        String json = new String(DeadLetters.encode(d), StandardCharsets.UTF_8);
        assertThat(json)
                .isEqualTo(
                        "{\"v\":1,\"reason\":\"malformed_json\","
                                + "\"source\":\"archive:2024-05-01.jsonl.gz\",\"partition\":-1,"
                                + "\"offset\":12,\"excerpt\":\"<bytes 5>\",\"contract\":\"signal\"}");
        assertThat(DeadLetters.decode(utf8(json))).isEqualTo(d);
        DeadLetter withField = new DeadLetter("wrong_type", "v", "t", 0, 1L, "{}", "incident");
        assertThat(DeadLetters.decode(DeadLetters.encode(withField))).isEqualTo(withField);
    }

    @Test
    void shouldRefuseToDecodeWhatIsNotADeadLetter() {
        assertThatThrownBy(() -> DeadLetters.decode(utf8("{\"v\":1}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeadLetters.decode(utf8("nope")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
