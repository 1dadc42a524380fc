package nl.lvds.connectors.p2000;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.Stream;
import nl.lvds.models.codec.DecodeError;
import nl.lvds.models.codec.Decoded;
import nl.lvds.models.event.Incident;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class P2000ParserTest {

    private static final P2000Parser PARSER = new P2000Parser();
    private static final Instant T = Instant.parse("2024-05-01T15:31:00Z");

    /** line, priority, discipline, type, severity, location, area. */
    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of(
                        "A1 BDH-01 Explosie Schammenkamp Rotterdam 173131",
                        "A1",
                        "ambulance",
                        "explosion",
                        3,
                        "Schammenkamp",
                        "Tarwewijk"),
                Arguments.of(
                        "P 1 BDH-03 Woningbrand Putselaan Rotterdam 173121 173199",
                        "P 1",
                        "brandweer",
                        "fire",
                        3,
                        "Putselaan",
                        "Feijenoord"),
                Arguments.of(
                        "A2 Ambulance Dordtselaan Rotterdam",
                        "A2",
                        "ambulance",
                        "other",
                        2,
                        "Dordtselaan",
                        null),
                Arguments.of(
                        "P 2 BON-01 Buitenbrand Zuiderpark Rotterdam",
                        "P 2",
                        "brandweer",
                        "fire",
                        2,
                        "Zuiderpark",
                        "Zuiderpark"),
                Arguments.of(
                        "P 1 Politie Schietpartij Mijnsherenlaan Rotterdam",
                        "P 1",
                        "politie",
                        "shooting",
                        3,
                        "Mijnsherenlaan",
                        "Tarwewijk"),
                Arguments.of(
                        "Prio 1 Steekpartij West-Kruiskade Rotterdam",
                        "P 1",
                        "politie",
                        "stabbing",
                        3,
                        "West-Kruiskade",
                        "Oude Westen"),
                Arguments.of(
                        "P 1 Politie Rellen Afrikaandermarkt Rotterdam",
                        "P 1",
                        "politie",
                        "riot",
                        3,
                        "Afrikaandermarkt",
                        "Afrikaanderwijk"),
                Arguments.of(
                        "P 2 Politie Vandalisme Slinge Rotterdam",
                        "P 2",
                        "politie",
                        "vandalism",
                        2,
                        "Slinge",
                        "Pendrecht"),
                Arguments.of(
                        "P 1 Politie Bommelding Markthal Rotterdam",
                        "P 1",
                        "politie",
                        "threat",
                        3,
                        "Markthal",
                        "Stadsdriehoek"),
                Arguments.of(
                        "P 1 BRT-02 Autobrand Wolphaertsbocht Rotterdam 173141",
                        "P 1",
                        "brandweer",
                        "fire",
                        3,
                        "Wolphaertsbocht",
                        "Charlois"),
                Arguments.of(
                        "P1 BDH-02 Ontploffing Coolsingel Rotterdam",
                        "P 1",
                        "brandweer",
                        "explosion",
                        3,
                        "Coolsingel",
                        "Centrum"),
                Arguments.of(
                        "P 2 Ongeregeldheden Hoogvliet",
                        "P 2",
                        "politie",
                        "riot",
                        2,
                        null,
                        "Hoogvliet"),
                Arguments.of(
                        "A1 Schammenkamp 3083AB Rotterdam ROTTDM bon 61234",
                        "A1",
                        "ambulance",
                        "other",
                        3,
                        "Schammenkamp",
                        "Tarwewijk"),
                Arguments.of(
                        "P 1 BDH-01 Middelbrand (Gebouw) Kromme Zandweg Rotterdam 173131",
                        "P 1",
                        "brandweer",
                        "fire",
                        3,
                        "Kromme Zandweg",
                        "Oud-Charlois"),
                Arguments.of(
                        "P 1 BDH-01 Brand wegvervoer (personenauto) Pleinweg Rotterdam 173141",
                        "P 1",
                        "brandweer",
                        "fire",
                        3,
                        "Pleinweg",
                        "Charlois"),
                Arguments.of(
                        "P 2 Schoten gehoord Kruiskade Rotterdam",
                        "P 2",
                        "politie",
                        "shooting",
                        2,
                        "Kruiskade",
                        "Cool"),
                Arguments.of(
                        "P 1 BSD-01 Woningbrand Hoofdstraat Schiedam 172131",
                        "P 1",
                        "brandweer",
                        "fire",
                        3,
                        "Hoofdstraat",
                        null),
                Arguments.of(
                        "B2 Ambulance Coolsingel Rotterdam",
                        "B2",
                        "ambulance",
                        "other",
                        1,
                        "Coolsingel",
                        "Centrum"),
                Arguments.of(
                        "P 3 Dreiging Weena Rotterdam",
                        "P 3",
                        "politie",
                        "threat",
                        1,
                        "Weena",
                        "Centrum"),
                Arguments.of(
                        "P 2 BDH-04 Containerbrand Zwartewaalstraat 3081 HG Rotterdam 173121",
                        "P 2",
                        "brandweer",
                        "fire",
                        2,
                        "Zwartewaalstraat",
                        "Tarwewijk"),
                Arguments.of(
                        "P 1 Brandweer Explosie na brand Slinge Rotterdam",
                        "P 1",
                        "brandweer",
                        "explosion",
                        3,
                        "Slinge",
                        "Pendrecht"),
                Arguments.of(
                        "P 2 Politie Verdacht pakket Blaak Rotterdam",
                        "P 2",
                        "politie",
                        "threat",
                        2,
                        "Blaak",
                        "Stadsdriehoek"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void shouldParseRealisticLines(
            String line,
            String priority,
            String discipline,
            String type,
            int severity,
            String location,
            String area) {
        P2000Message m = PARSER.parseMessage(line, T).orThrow();
        assertThat(m.priority()).as("priority").isEqualTo(priority);
        assertThat(m.discipline()).as("discipline").isEqualTo(discipline);
        assertThat(m.type()).as("type").isEqualTo(type);
        assertThat(m.severity()).as("severity").isEqualTo(severity);
        assertThat(m.location()).as("location").isEqualTo(location);
        assertThat(m.area()).as("area").isEqualTo(area);
        assertThat(m.ts()).isEqualTo(T.toEpochMilli());
    }

    @Test
    void shouldBuildAnIncidentWithoutCapcodesOrFreeText() {
        Incident i =
                PARSER.parse("P 1 BDH-03 Woningbrand Putselaan Rotterdam 173121 173199", T)
                        .orThrow();
        assertThat(i.v()).isEqualTo(1);
        assertThat(i.feed()).isEqualTo("p2000");
        assertThat(i.type()).isEqualTo("fire");
        assertThat(i.severity()).isEqualTo(3);
        assertThat(i.location()).isEqualTo("Putselaan");
        assertThat(i.area()).isEqualTo("Feijenoord");
        assertThat(i.summary()).isEqualTo("P 1 brandweer woningbrand");
        assertThat(i.id()).matches("p2000-[0-9a-f]{16}");
        assertThat(i.toString()).doesNotContain("173121").doesNotContain("173199");
    }

    @Test
    void shouldReadAnIsoTimestampPrefixAndPreferItToTheFallback() {
        Incident i =
                PARSER.parse(
                                "2024-05-01T17:31:00+02:00 P 1 Politie Schietpartij Mijnsherenlaan"
                                        + " Rotterdam",
                                Instant.EPOCH)
                        .orThrow();
        assertThat(i.ts()).isEqualTo(T.toEpochMilli());
        assertThat(
                        PARSER.parse("2024-05-01T15:31:00Z A1 Steekpartij Pleinweg Rotterdam")
                                .orThrow()
                                .ts())
                .isEqualTo(T.toEpochMilli());
    }

    @Test
    void shouldReadLocalTimestampsAsAmsterdamTime() {
        assertThat(
                        PARSER.parse("2024-05-01 17:31:00 A1 Steekincident Pleinweg Rotterdam")
                                .orThrow()
                                .ts())
                .isEqualTo(T.toEpochMilli());
        assertThat(
                        PARSER.parse("2024-05-01T17:31 A1 Steekincident Pleinweg Rotterdam")
                                .orThrow()
                                .ts())
                .isEqualTo(T.toEpochMilli());
    }

    @Test
    void shouldGiveTheSameIdForTheSameMessageAndTime() {
        String line = "A1 BDH-01 Explosie Schammenkamp Rotterdam 173131";
        String a = PARSER.parse(line, T).orThrow().id();
        assertThat(
                        PARSER.parse("  A1  BDH-01 Explosie Schammenkamp Rotterdam 173131 ", T)
                                .orThrow()
                                .id())
                .isEqualTo(a);
        assertThat(PARSER.parse("2024-05-01T15:31:00Z " + line).orThrow().id()).isEqualTo(a);
        assertThat(PARSER.parse(line, T.plusSeconds(60)).orThrow().id()).isNotEqualTo(a);
        assertThat(PARSER.parse(line.replace("A1", "A2"), T).orThrow().id()).isNotEqualTo(a);
    }

    static Stream<Arguments> unparseable() {
        return Stream.of(
                Arguments.of("", DecodeError.Reason.EMPTY_RECORD),
                Arguments.of("   ", DecodeError.Reason.EMPTY_RECORD),
                Arguments.of("173131 173199", DecodeError.Reason.UNPARSEABLE_FEED_LINE),
                Arguments.of(
                        "Hallo wereld dit is geen melding",
                        DecodeError.Reason.UNPARSEABLE_FEED_LINE),
                Arguments.of(
                        "Testoproep brandweer 173131", DecodeError.Reason.UNPARSEABLE_FEED_LINE),
                Arguments.of("P 1 Proefalarm Rotterdam", DecodeError.Reason.UNPARSEABLE_FEED_LINE),
                Arguments.of(
                        "2024-13-45T99:00:00Z P 1 Brand Weena Rotterdam",
                        DecodeError.Reason.BAD_TIMESTAMP),
                Arguments.of(
                        "2024-05-01 P 1 Brand Weena Rotterdam", DecodeError.Reason.BAD_TIMESTAMP),
                Arguments.of(
                        "1999-12-31T23:00:00Z P 1 Brand Weena Rotterdam",
                        DecodeError.Reason.TIMESTAMP_OUT_OF_RANGE),
                Arguments.of("x".repeat(2000), DecodeError.Reason.OVERSIZED_RECORD));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("unparseable")
    void shouldRejectLinesItCannotRead(String line, DecodeError.Reason reason) {
        Decoded<Incident> d = PARSER.parse(line, T);
        assertThat(d.isOk()).isFalse();
        assertThat(d.errorOrNull().reason()).isEqualTo(reason);
    }

    @Test
    void shouldRejectALineWithoutAnyTime() {
        Decoded<Incident> d = PARSER.parse("P 1 BDH-01 Woningbrand Putselaan Rotterdam");
        assertThat(d.errorOrNull())
                .isEqualTo(new DecodeError(DecodeError.Reason.UNPARSEABLE_FEED_LINE, "ts"));
    }

    @Test
    void shouldNotPutAnAreaOnAnotherCity() {
        // Coolsingel is in Rotterdam; "Coolsingel Schiedam" is not ours to place.
        assertThat(PARSER.parse("P 1 Woningbrand Coolsingel Schiedam", T).orThrow().area())
                .isNull();
    }
}
