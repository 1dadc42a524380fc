package nl.lvds.models.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import nl.lvds.models.codec.DecodeError.Reason;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.AlertCell;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.Signal;
import nl.lvds.models.event.TensionIndicator;
import org.junit.jupiter.api.Test;

class LvdsJsonTest {

    private static final String CANARY = "Kanarie zin 7731 die nooit in een fout mag staan";

    static Signal signal() {
        return new Signal(
                1,
                "s-1",
                "social",
                "synthetic",
                1709829300000L,
                "nl",
                "Harde knal bij de Schammenkamp 😱",
                "Tarwewijk",
                "ak-1");
    }

    static TensionIndicator indicator(boolean suppressed) {
        return new TensionIndicator(
                2,
                "Tarwewijk",
                "Charlois",
                "local-incident",
                1709827200000L,
                1709830800000L,
                suppressed ? null : 120,
                suppressed ? null : 80,
                suppressed ? null : 95,
                suppressed ? null : 30,
                suppressed ? null : 60,
                suppressed ? null : 30,
                suppressed ? null : 71.5,
                4.2,
                2.1,
                suppressed ? null : 55.1,
                1,
                suppressed,
                "lvds-test",
                suppressed ? null : 12,
                6.5,
                suppressed ? null : 1.0e-9,
                0.8,
                suppressed ? null : 2.0e-6);
    }

    @Test
    void shouldRoundTripSignalIncludingUtf8AndAuthorKey() {
        Signal s = signal();
        Decoded<Signal> back = LvdsJson.decodeSignal(LvdsJson.encodeSignal(s));
        assertThat(back.orThrow()).isEqualTo(s);
    }

    @Test
    void shouldScrubPersonalDataFromIncidentSummaryAndLocation() {
        // Found by SystemCanaryITCase: the dashboard showed a feed's summary with an e-mail
        // address,
        // a phone number and a handle in it, read straight from lvds.incidents.
        String json =
                """
                {"v":1,"id":"m-1","feed":"municipal","ts":"2024-03-07T18:10:00Z","type":"threat",\
                "severity":2,"area":"Tarwewijk","location":"Schammenkamp, melder 06-48213957",\
                "summary":"Dreiging gemeld via k.vogel@example.org en +31 6 4821 3957, zie @vogel_88"}
                """;
        Incident i = LvdsJson.decodeIncident(json).orThrow();
        assertThat(i.summary())
                .doesNotContain("k.vogel@example.org", "4821 3957", "@vogel_88")
                .startsWith("Dreiging gemeld via");
        assertThat(i.location()).startsWith("Schammenkamp").doesNotContain("48213957");
        assertThat(i.id()).isEqualTo("m-1");
        // text without personal data is left as it is
        Incident plain =
                LvdsJson.decodeIncident(
                                json.replace("Schammenkamp, melder 06-48213957", "Schammenkamp")
                                        .replace(
                                                "Dreiging gemeld via k.vogel@example.org en +31 6 4821 3957, zie @vogel_88",
                                                "Explosie Schammenkamp Rotterdam"))
                        .orThrow();
        assertThat(plain.location()).isEqualTo("Schammenkamp");
        assertThat(plain.summary()).isEqualTo("Explosie Schammenkamp Rotterdam");
    }

    @Test
    void shouldRoundTripIncidentIndicatorAndAlert() {
        Incident i =
                new Incident(
                        1,
                        "p-1",
                        "p2000",
                        1709829091000L,
                        "explosion",
                        3,
                        "Tarwewijk",
                        "Schammenkamp",
                        "Explosie Schammenkamp Rotterdam");
        assertThat(LvdsJson.decodeIncident(LvdsJson.encodeIncident(i)).orThrow()).isEqualTo(i);

        TensionIndicator t = indicator(false);
        assertThat(LvdsJson.decodeIndicator(LvdsJson.encodeIndicator(t)).orThrow()).isEqualTo(t);

        Alert a =
                new Alert(
                        2,
                        "g-1",
                        1709830800000L,
                        "Tarwewijk",
                        "local-incident",
                        "critical",
                        "volume",
                        71.5,
                        null,
                        1709827200000L,
                        1709830800000L,
                        List.of("p-1"),
                        List.of("explosie"),
                        List.of("social"),
                        "lvds-test",
                        "Charlois",
                        Alert.Kind.EVENT,
                        Alert.Status.ESCALATED,
                        1,
                        1709829900000L,
                        List.of(
                                new AlertCell(
                                        "Tarwewijk",
                                        "Charlois",
                                        "local-incident",
                                        "critical",
                                        "volume",
                                        80,
                                        1.5,
                                        1.0e-12),
                                new AlertCell(
                                        "city", "city", "all", "warning", "volume", 400, 250.0,
                                        1.0e-5)),
                        80,
                        1.5,
                        1.0e-12,
                        null,
                        null);
        assertThat(LvdsJson.decodeAlert(LvdsJson.encodeAlert(a)).orThrow()).isEqualTo(a);
    }

    @Test
    void shouldStillReadVersionOneAlertsAsAGroupOfOneCell() {
        String v1 =
                """
                {"v":1,"id":"a-1","raisedAt":"2024-03-07T17:00:00Z","area":"Tarwewijk",                "topic":"local-incident","level":"critical","rule":"spike","tensionIndex":71.5,                "windowStart":"2024-03-07T16:00:00Z","windowEnd":"2024-03-07T17:00:00Z",                "incidentIds":["p-1"],"topTerms":["explosie"],"corroboration":["social"],                "modelVersion":"lvds-test"}
                """;
        Alert a = LvdsJson.decodeAlert(v1.getBytes(StandardCharsets.UTF_8)).orThrow();
        assertThat(a.v()).isEqualTo(1);
        assertThat(a.kind()).isEqualTo(Alert.Kind.EVENT);
        assertThat(a.status()).isEqualTo(Alert.Status.RAISED);
        assertThat(a.update()).isZero();
        assertThat(a.openedAt()).isEqualTo(a.raisedAt());
        assertThat(a.cells())
                .singleElement()
                .satisfies(c -> assertThat(c.area()).isEqualTo("Tarwewijk"));
        assertThat(
                        LvdsJson.decodeAlert(
                                        v1.replace("\"v\":1", "\"v\":3")
                                                .getBytes(StandardCharsets.UTF_8))
                                .isOk())
                .isFalse();
    }

    @Test
    void shouldStillReadVersionOneIndicators() {
        String v1 =
                new String(LvdsJson.encodeIndicator(indicator(false)), StandardCharsets.UTF_8)
                        .replace("\"v\":2", "\"v\":1");
        TensionIndicator t =
                LvdsJson.decodeIndicator(v1.getBytes(StandardCharsets.UTF_8)).orThrow();
        assertThat(t.v()).isEqualTo(1);
        assertThat(t.signals()).isEqualTo(120);
    }

    @Test
    void shouldEncodeSuppressedIndicatorWithoutAnyCount() {
        String json = new String(LvdsJson.encodeIndicator(indicator(true)), StandardCharsets.UTF_8);
        assertThat(json)
                .contains("\"suppressed\":true")
                .doesNotContain("\"signals\"", "\"calm\"", "\"hostile\"", "\"tensionIndex\"")
                .doesNotContain("\"zScore\"", "\"distinctAuthors\"");
        // Even a suppressed record that still holds counts in memory is written without them.
        TensionIndicator leaky =
                new TensionIndicator(
                        1, "a", "d", "all", 0L, 1L, 3, 3, 3, 1, 1, 1, 50.0, null, null, 1.0, 0,
                        true, "m");
        assertThat(new String(LvdsJson.encodeIndicator(leaky), StandardCharsets.UTF_8))
                .doesNotContain("\"signals\"", "\"tensionIndex\"");
    }

    @Test
    void shouldProduceIdenticalBytesForEqualRecords() {
        assertThat(LvdsJson.encodeIndicator(indicator(false)))
                .isEqualTo(LvdsJson.encodeIndicator(indicator(false)));
    }

    @Test
    void shouldDropAndCountIdentityFieldsButKeepAuthorKey() {
        String json =
                "{\"v\":1,\"id\":\"x\",\"source\":\"social\",\"ts\":\"2024-01-01T10:00:00+01:00\","
                        + "\"text\":\"hoi\",\"author\":\"A\",\"Handle\":\"@a\",\"EMAIL\":\"a@b.nl\","
                        + "\"user_id\":42,\"phone\":\"0612345678\",\"authorKey\":\"ak\"}";
        Decoded<Signal> d = LvdsJson.decodeSignal(json);
        assertThat(d).isInstanceOf(Decoded.Ok.class);
        assertThat(((Decoded.Ok<Signal>) d).droppedIdentityFields()).isEqualTo(5);
        assertThat(d.orThrow().authorKey()).isEqualTo("ak");
    }

    @Test
    void shouldRejectEmptyAndBlankRecords() {
        assertThat(LvdsJson.decodeSignal(new byte[0]).errorOrNull().reason())
                .isEqualTo(Reason.EMPTY_RECORD);
        assertThat(LvdsJson.decodeSignal((byte[]) null).errorOrNull().reason())
                .isEqualTo(Reason.EMPTY_RECORD);
        assertThat(LvdsJson.decodeSignal("   \n").errorOrNull().reason())
                .isEqualTo(Reason.EMPTY_RECORD);
    }

    @Test
    void shouldRejectInvalidUtf8() {
        byte[] bad = {
            '{',
            '"',
            'v',
            '"',
            ':',
            '1',
            ',',
            '"',
            't',
            '"',
            ':',
            '"',
            (byte) 0xC3,
            (byte) 0x28,
            '"',
            '}'
        };
        assertThat(LvdsJson.decodeSignal(bad).errorOrNull().reason())
                .isEqualTo(Reason.INVALID_UTF8);
        byte[] lone = {(byte) 0xFF, (byte) 0xFE};
        assertThat(LvdsJson.decodeSignal(lone).errorOrNull().reason())
                .isEqualTo(Reason.INVALID_UTF8);
    }

    @Test
    void shouldRejectMalformedAndNonObjectJson() {
        assertThat(LvdsJson.decodeSignal("{\"v\":1,\"id\":").errorOrNull().reason())
                .isEqualTo(Reason.MALFORMED_JSON);
        assertThat(LvdsJson.decodeSignal("{'v':1}").errorOrNull().reason())
                .isEqualTo(Reason.MALFORMED_JSON);
        assertThat(LvdsJson.decodeSignal("[1,2,3]").errorOrNull().reason())
                .isEqualTo(Reason.NOT_AN_OBJECT);
        assertThat(LvdsJson.decodeSignal("\"just a string\"").errorOrNull().reason())
                .isEqualTo(Reason.NOT_AN_OBJECT);
        assertThat(LvdsJson.decodeIncident("42").errorOrNull().reason())
                .isEqualTo(Reason.NOT_AN_OBJECT);
    }

    @Test
    void shouldRejectTrailingContentAfterTheObjectInsteadOfLosingIt() {
        String one =
                "{\"v\":1,\"id\":\"s-1\",\"source\":\"social\",\"ts\":\"2024-03-07T18:00:00Z\","
                        + "\"text\":\"Rustig aan de Maas\"}";
        assertThat(LvdsJson.decodeSignal(one).isOk()).isTrue();
        assertThat(LvdsJson.decodeSignal(one + "  \n").isOk()).isTrue();
        // two records in one: the second was silently dropped before
        assertThat(LvdsJson.decodeSignal(one + one).errorOrNull().reason())
                .isEqualTo(Reason.MALFORMED_JSON);
        assertThat(LvdsJson.decodeSignal(one + " en nog wat tekst").errorOrNull().reason())
                .isEqualTo(Reason.MALFORMED_JSON);
        assertThat(LvdsJson.decodeSignal(one + "]").errorOrNull().reason())
                .isEqualTo(Reason.MALFORMED_JSON);
    }

    @Test
    void shouldRejectOversizedRecordBeforeParsing() {
        byte[] huge = new byte[LvdsJson.MAX_RECORD_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) 'a');
        assertThat(LvdsJson.decodeSignal(huge).errorOrNull().reason())
                .isEqualTo(Reason.OVERSIZED_RECORD);
    }

    @Test
    void shouldNeverPutRecordContentInTheError() {
        String[] bad = {
            "{\"v\":1,\"id\":\"x\",\"source\":\"social\",\"ts\":\"" + CANARY + "\",\"text\":\"t\"}",
            "{\"v\":1,\"id\":\"x\",\"source\":\""
                    + CANARY
                    + "\",\"ts\":\"2024-01-01T00:00:00Z\",\"text\":\"t\"}",
            "{\"v\":1,\"id\":\"x\",\"source\":\"social\",\"ts\":\"2024-01-01T00:00:00Z\",\"text\":\""
                    + CANARY
                    + "x".repeat(10_001)
                    + "\"}",
            "{\"v\":9,\"text\":\"" + CANARY + "\"}",
            "{\"text\":\"" + CANARY + "\"",
        };
        for (String json : bad) {
            DecodeError error = LvdsJson.decodeSignal(json).errorOrNull();
            assertThat(error).as(json.substring(0, 20)).isNotNull();
            assertThat(error.message()).doesNotContain("Kanarie", "7731");
            assertThat(error.toString()).doesNotContain("Kanarie", "7731");
        }
    }

    @Test
    void shouldNeverThrowOnArbitraryBytes() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < 5_000; i++) {
            byte[] bytes = new byte[random.nextInt(0, 200)];
            for (int j = 0; j < bytes.length; j++) {
                bytes[j] = (byte) random.nextInt(256);
            }
            assertThat(LvdsJson.decodeSignal(bytes).isOk()).isFalse();
            assertThat(LvdsJson.decodeIncident(bytes).isOk()).isFalse();
        }
    }
}
