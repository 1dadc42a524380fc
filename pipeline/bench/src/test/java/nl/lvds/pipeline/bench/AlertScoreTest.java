package nl.lvds.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.AlertCell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scorer on a hand-made one-week archive and hand-made alert files; every expected figure is
 * worked out by hand in the comments.
 */
class AlertScoreTest {

    private static final AlertScore.AreaTree TREE =
            AlertScore.AreaTree.of(
                    Map.of(
                            "Tarwewijk", "Charlois",
                            "Carnisse", "Charlois",
                            "Charlois", "Charlois",
                            "Spangen", "Delfshaven",
                            "Delfshaven", "Delfshaven",
                            "Feijenoord", "Feijenoord",
                            "Pernis", "Pernis"));

    /**
     * One week (1.0 weeks), 2024-03-04 .. 2024-03-10:
     *
     * <ul>
     *   <li>blast: explosion, expected critical, 7 March 17:30 + 24 h, Tarwewijk and Charlois
     *   <li>debate: debate, expected warning, 5 March 09:00 + 48 h, Spangen
     *   <li>derby: derby, expected none, 9 March 14:00 + 9 h, Feijenoord
     *   <li>burst 0: 4 March 03:00-03:10, Carnisse, 120 copies; burst 1: 6 March 02:00-02:05,
     *       city-wide, 30 copies
     *   <li>routine incident: 8 March 10:00, Spangen, echo 3 h
     * </ul>
     */
    private static final String ARCHIVE =
            """
            {"formatVersion": 2,
             "parameters": {"from": "2024-03-04", "to": "2024-03-10", "perDay": 100},
             "events": [
              {"id": "blast", "starts": ["2024-03-07T17:30+01:00"], "kind": "explosion",
               "expectedLevel": "critical", "areas": ["Tarwewijk", "Charlois"],
               "topics": ["local-incident"], "durationHours": 24,
               "occurrences": [{"index": 0, "start": "2024-03-07T17:30+01:00",
                                "end": "2024-03-08T17:30+01:00", "incidents": []}]},
              {"id": "debate", "starts": ["2024-03-05T09:00+01:00"], "kind": "debate",
               "expectedLevel": "warning", "areas": ["Spangen"], "topics": ["migration"],
               "durationHours": 48,
               "occurrences": [{"index": 0, "start": "2024-03-05T09:00+01:00",
                                "end": "2024-03-07T09:00+01:00", "incidents": []}]},
              {"id": "derby", "starts": ["2024-03-09T14:00+01:00"], "kind": "derby",
               "expectedLevel": "none", "areas": ["Feijenoord"], "topics": [],
               "durationHours": 9,
               "occurrences": [{"index": 0, "start": "2024-03-09T14:00+01:00",
                                "end": "2024-03-09T23:00+01:00", "incidents": []}]}
             ],
             "bursts": [
              {"start": "2024-03-04T03:00+01:00", "end": "2024-03-04T03:10+01:00",
               "area": "Carnisse", "district": "Charlois", "topic": "migration",
               "tension": "hostile", "copies": 120, "authors": 120, "event": null},
              {"start": "2024-03-06T02:00+01:00", "end": "2024-03-06T02:05+01:00",
               "area": "*", "district": "*", "topic": "anti-government",
               "tension": "uneasy", "copies": 30, "authors": 30, "event": null}
             ],
             "routineIncidents": {"echoHours": 3, "incidents": [
              {"id": "syn-p2000-20240308-001", "ts": "2024-03-08T10:00+01:00", "feed": "p2000",
               "type": "fire", "severity": 2, "area": "Spangen", "district": "Delfshaven"}]}
            }
            """;

    @TempDir Path dir;

    private static long t(String local) {
        return OffsetDateTime.parse(local + "+01:00").toInstant().toEpochMilli();
    }

    /** A v2 record of group {@code id}. */
    private static Alert v2(
            String id,
            int update,
            String status,
            String kind,
            String at,
            String level,
            String... areas) {
        List<AlertCell> cells = new ArrayList<>();
        for (String a : areas) {
            cells.add(new AlertCell(a, a, "all", level, "volume", 10, 2.0, 0.001));
        }
        long ts = t(at);
        return new Alert(
                2,
                id,
                ts,
                areas[0],
                "all",
                level,
                Alert.Kind.COORDINATED.equals(kind) ? "coordinated" : "volume",
                50,
                null,
                ts - 3_600_000,
                ts,
                List.of(),
                List.of(),
                List.of(),
                "test",
                areas[0],
                kind,
                status,
                update,
                ts,
                cells,
                10,
                2.0,
                0.001,
                null,
                null);
    }

    private Path write(String name, List<String> lines) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, lines, StandardCharsets.UTF_8);
        return p;
    }

    private static String enc(Alert a) {
        return new String(LvdsJson.encodeAlert(a), StandardCharsets.UTF_8);
    }

    private AlertScore scorer() throws IOException {
        Path archive = write("archive.json", List.of(ARCHIVE));
        return new AlertScore(GroundTruth.read(archive), TREE, 2);
    }

    /**
     * Nine v2 groups:
     *
     * <pre>
     * G1 event  Tarwewijk/Charlois 7 Mar 17:40 warning, 18:30 critical, 21:00, 8 Mar 19:00 closed
     *           -> blast, 4 records, first lag 10 min (within 15 min and 2 h)
     * G2 coord. Carnisse  4 Mar 04:00 watch      -> burst 0 (ends 03:10, + 2 h): coordinated
     * G3 event  Feijenoord 6 Mar 02:30 critical  -> only burst 1 (city-wide): burst raised critical
     * G4 event  Feijenoord 9 Mar 16:00 critical  -> derby only: FALSE critical (derby)
     * G5 event  Delfshaven 10 Mar 12:00 warning  -> nothing: FALSE warning
     * G6 event  Spangen    8 Mar 11:00 watch     -> routine incident (10:00 .. 13:00 + 2 h)
     * G7 event  Delfshaven 5 Mar 12:30 warning   -> debate (the district of Spangen), lag 3.5 h
     * G8 event  city       5 Mar 10:00 watch     -> debate (the city overlaps all), lag 60 min;
     *                                               strict city: nothing -> false watch
     * G9 event  Carnisse   7 Mar 18:00 warning   -> blast (Carnisse lies in Charlois)
     * </pre>
     *
     * Levels: watch G2 G6 G8, warning G5 G7 G9, critical G1 G3 G4. False: critical 1 (G4, derby),
     * warning 1 (G5), watch 0; strict adds G8 (watch 1). Events: blast records 5 (G1 x4, G9) in 2
     * groups, warned within 2 h and 15 min; debate records 2 (G8, G7), first watch after 60 min, no
     * warning within 2 h. Warned 1 of 2; median of (5, 2) = 3.5. Bursts: 0 coordinated (120
     * copies), 1 raised critical.
     */
    private List<String> nineGroups() {
        return List.of(
                enc(v2("G1", 0, "raised", "event", "2024-03-07T17:40", "warning", "Tarwewijk")),
                enc(
                        v2(
                                "G1",
                                1,
                                "escalated",
                                "event",
                                "2024-03-07T18:30",
                                "critical",
                                "Tarwewijk",
                                "Charlois")),
                enc(
                        v2(
                                "G1",
                                2,
                                "updated",
                                "event",
                                "2024-03-07T21:00",
                                "critical",
                                "Tarwewijk",
                                "Charlois")),
                enc(v2("G1", 3, "closed", "event", "2024-03-08T19:00", "critical", "Charlois")),
                enc(v2("G2", 0, "raised", "coordinated", "2024-03-04T04:00", "watch", "Carnisse")),
                enc(v2("G3", 0, "raised", "event", "2024-03-06T02:30", "critical", "Feijenoord")),
                enc(v2("G4", 0, "raised", "event", "2024-03-09T16:00", "critical", "Feijenoord")),
                enc(v2("G5", 0, "raised", "event", "2024-03-10T12:00", "warning", "Delfshaven")),
                enc(v2("G6", 0, "raised", "event", "2024-03-08T11:00", "watch", "Spangen")),
                enc(v2("G7", 0, "raised", "event", "2024-03-05T12:30", "warning", "Delfshaven")),
                enc(v2("G8", 0, "raised", "event", "2024-03-05T10:00", "watch", "city")),
                enc(v2("G9", 0, "raised", "event", "2024-03-07T18:00", "warning", "Carnisse")));
    }

    @Test
    void shouldCountFalseAlertGroupsPerWeekByTheirHighestLevel() throws IOException {
        ObjectNode s = scorer().score(write("alerts.jsonl", nineGroups()));

        assertThat(s.path("weeks").asDouble()).isEqualTo(1.0);
        assertThat(s.path("alertRecords").asInt()).isEqualTo(12);
        assertThat(s.path("groups").path("total").asInt()).isEqualTo(9);
        assertThat(s.path("groups").path("byLevel").toString())
                .isEqualTo("{\"watch\":3,\"warning\":3,\"critical\":3}");
        JsonNode fa = s.path("falseAlerts");
        assertThat(fa.path("groups").toString())
                .isEqualTo("{\"watch\":0,\"warning\":1,\"critical\":1}");
        assertThat(fa.path("perWeek").path("critical").asDouble()).isEqualTo(1.0);
        assertThat(fa.path("perWeek").path("any").asDouble()).isEqualTo(2.0);
        assertThat(fa.path("groupsOnDerbyOrShiftOnly").path("critical").asInt()).isEqualTo(1);
        assertThat(fa.path("perWeekStrictCity").toString())
                .isEqualTo("{\"watch\":1.0,\"warning\":1.0,\"critical\":1.0}");
    }

    @Test
    void shouldReportTheFirstAlertAndRecordsPerEventStart() throws IOException {
        ObjectNode s = scorer().score(write("alerts.jsonl", nineGroups()));

        JsonNode blast = s.path("events").get(0);
        assertThat(blast.path("event").asText()).isEqualTo("blast");
        assertThat(blast.path("firstAlert").path("level").asText()).isEqualTo("warning");
        assertThat(blast.path("firstAlert").path("lagMinutes").asDouble()).isEqualTo(10.0);
        assertThat(blast.path("warnedWithin2h").asBoolean()).isTrue();
        assertThat(blast.path("warnedWithin15min").asBoolean()).isTrue();
        assertThat(blast.path("records").asInt()).isEqualTo(5);
        assertThat(blast.path("groups").asInt()).isEqualTo(2);
        assertThat(blast.path("highestLevel").asText()).isEqualTo("critical");

        JsonNode debate = s.path("events").get(1);
        assertThat(debate.path("firstAlert").path("level").asText()).isEqualTo("watch");
        assertThat(debate.path("firstAlert").path("lagMinutes").asDouble()).isEqualTo(60.0);
        assertThat(debate.path("warnedWithin2h").asBoolean()).isFalse();
        assertThat(debate.has("warnedWithin15min")).isFalse(); // a debate is not sudden
        assertThat(debate.path("records").asInt()).isEqualTo(2);

        JsonNode derby = s.path("noAlertWanted").get(0);
        assertThat(derby.path("event").asText()).isEqualTo("derby");
        assertThat(derby.path("records").asInt()).isEqualTo(1);
        assertThat(derby.path("highestLevel").asText()).isEqualTo("critical");

        JsonNode starts = s.path("eventStarts");
        assertThat(starts.path("wantingWarning").asInt()).isEqualTo(2);
        assertThat(starts.path("warnedWithin2h").asInt()).isEqualTo(1);
        assertThat(starts.path("explosionsWarnedWithin15min").asInt()).isEqualTo(1);
        assertThat(starts.path("medianRecordsPerCaughtEvent").asDouble()).isEqualTo(3.5);
    }

    @Test
    void shouldTellCoordinatedFromRaisedBursts() throws IOException {
        ObjectNode s = scorer().score(write("alerts.jsonl", nineGroups()));

        JsonNode b = s.path("bursts");
        assertThat(b.path("coordinated").asInt()).isEqualTo(1);
        assertThat(b.path("raisedAsEvent").asInt()).isEqualTo(1);
        assertThat(b.path("raisedCritical").asInt()).isEqualTo(1);
        assertThat(b.path("unflagged").asInt()).isZero();
        assertThat(b.path("atLeast50Copies").asInt()).isEqualTo(1);
        assertThat(b.path("atLeast50CopiesWithoutCoordinated").asInt()).isZero();
        assertThat(b.path("list").get(0).path("status").asText()).isEqualTo("coordinated");
        assertThat(b.path("list").get(1).path("raisedAs").asText()).isEqualTo("critical");

        List<Boolean> met = new ArrayList<>();
        s.path("verdict").forEach(v -> met.add(v.path("met").asBoolean()));
        // false critical 1.00 (met), warned 1/2, explosion 1/1 (met), median 3.5,
        // a burst raised critical, the 120-copy burst coordinated (met)
        assertThat(met).containsExactly(true, false, true, false, false, true);
    }

    @Test
    void shouldLeaveABurstUnflaggedWhenNoAlertComesNearIt() throws IOException {
        // Only G1: neither burst gets an alert; the 120-copy one counts as missing.
        ObjectNode s = scorer().score(write("alerts.jsonl", nineGroups().subList(0, 4)));

        JsonNode b = s.path("bursts");
        assertThat(b.path("unflagged").asInt()).isEqualTo(2);
        assertThat(b.path("atLeast50CopiesWithoutCoordinated").asInt()).isEqualTo(1);
        assertThat(s.path("falseAlerts").path("perWeek").path("any").asDouble()).isZero();
        assertThat(s.path("eventStarts").path("medianRecordsPerCaughtEvent").asDouble())
                .isEqualTo(4.0);
    }

    /**
     * A coordinated group raised in Charlois on 3 March 22:00 and closed on 4 March 06:00: neither
     * record lies within the 120-copy burst's span (4 March 03:00-03:10) plus 2 h, but the group
     * was open across it, in Carnisse's district, so the burst is covered. The same group open only
     * until 4 March 00:30 does not cover it.
     */
    @Test
    void shouldCountABurstInsideAnOpenCoordinatedGroupAsCoordinated() throws IOException {
        List<String> across =
                List.of(
                        enc(
                                v2(
                                        "W",
                                        0,
                                        "raised",
                                        "coordinated",
                                        "2024-03-03T22:00",
                                        "watch",
                                        "Charlois")),
                        enc(
                                v2(
                                        "W",
                                        1,
                                        "closed",
                                        "coordinated",
                                        "2024-03-04T06:00",
                                        "watch",
                                        "Charlois")));
        List<String> before =
                List.of(
                        across.get(0),
                        enc(
                                v2(
                                        "W",
                                        1,
                                        "closed",
                                        "coordinated",
                                        "2024-03-04T00:30",
                                        "watch",
                                        "Charlois")));

        JsonNode covered = scorer().score(write("across.jsonl", across)).path("bursts");
        JsonNode missed = scorer().score(write("before.jsonl", before)).path("bursts");

        assertThat(covered.path("atLeast50CopiesWithoutCoordinated").asInt()).isZero();
        assertThat(covered.path("list").get(0).path("status").asText()).isEqualTo("coordinated");
        assertThat(missed.path("atLeast50CopiesWithoutCoordinated").asInt()).isEqualTo(1);
    }

    /**
     * v1: every record is a group of its own. Two critical records 10 and 15 minutes after the
     * blast (wijk and city) and one watch in Pernis, where nothing happens: 3 groups, 1 false
     * watch, blast records 2.
     */
    @Test
    void shouldScoreVersion1RecordsAsGroupsOfOne() throws IOException {
        String v1 =
                "{\"v\":1,\"id\":\"%s\",\"raisedAt\":\"%s+01:00\",\"area\":\"%s\",\"topic\":\"all\","
                        + "\"level\":\"%s\",\"rule\":\"volume-spike\",\"tensionIndex\":40.0,"
                        + "\"zScore\":4.0,\"windowStart\":\"%s+01:00\",\"windowEnd\":\"%s+01:00\","
                        + "\"incidentIds\":[],\"topTerms\":[],\"corroboration\":[],"
                        + "\"modelVersion\":\"test\"}";
        List<String> lines =
                List.of(
                        String.format(
                                v1,
                                "a1",
                                "2024-03-07T17:40:00",
                                "Tarwewijk",
                                "critical",
                                "2024-03-07T16:40:00",
                                "2024-03-07T17:40:00"),
                        String.format(
                                v1,
                                "a1",
                                "2024-03-07T17:45:00",
                                "city",
                                "critical",
                                "2024-03-07T16:45:00",
                                "2024-03-07T17:45:00"),
                        String.format(
                                v1,
                                "a3",
                                "2024-03-06T12:00:00",
                                "Pernis",
                                "watch",
                                "2024-03-06T11:00:00",
                                "2024-03-06T12:00:00"));
        ObjectNode s = scorer().score(write("alerts.jsonl", lines));

        assertThat(s.path("contractVersions").toString()).isEqualTo("[1]");
        assertThat(s.path("groups").path("total").asInt()).isEqualTo(3);
        assertThat(s.path("falseAlerts").path("groups").toString())
                .isEqualTo("{\"watch\":1,\"warning\":0,\"critical\":0}");
        JsonNode blast = s.path("events").get(0);
        assertThat(blast.path("records").asInt()).isEqualTo(2);
        assertThat(blast.path("groups").asInt()).isEqualTo(2);
        assertThat(blast.path("firstAlert").path("level").asText()).isEqualTo("critical");
        assertThat(blast.path("warnedWithin15min").asBoolean()).isTrue();
    }

    @Test
    void shouldSkipUndecodableLinesAndSayHowMany() throws IOException {
        List<String> lines = new ArrayList<>(nineGroups().subList(0, 4));
        lines.add("{\"v\":2,\"id\":\"broken\"}");
        ObjectNode s = scorer().score(write("alerts.jsonl", lines));
        assertThat(s.path("undecodableLines").asInt()).isEqualTo(1);
        assertThat(s.path("alertRecords").asInt()).isEqualTo(4);
    }

    @Test
    void shouldOverlapAlongTheHierarchyButNotBetweenSisterWijken() {
        assertThat(AlertScore.overlaps("Tarwewijk", "Tarwewijk", TREE, false)).isTrue();
        assertThat(AlertScore.overlaps("Charlois", "Tarwewijk", TREE, false)).isTrue();
        assertThat(AlertScore.overlaps("Carnisse", "Charlois", TREE, false)).isTrue();
        assertThat(AlertScore.overlaps("Carnisse", "Tarwewijk", TREE, false)).isFalse();
        assertThat(AlertScore.overlaps("Spangen", "Tarwewijk", TREE, false)).isFalse();
        assertThat(AlertScore.overlaps("Spangen", "*", TREE, true)).isTrue();
        assertThat(AlertScore.overlaps("city", "Tarwewijk", TREE, false)).isTrue();
        assertThat(AlertScore.overlaps("city", "Tarwewijk", TREE, true)).isFalse();
    }

    @Test
    void shouldRefuseAnArchiveWithoutGroundTruth() throws IOException {
        Path old =
                write(
                        "old.json",
                        List.of(
                                "{\"parameters\": {\"from\": \"2024-01-01\", \"to\": \"2024-01-02\"}}"));
        assertThatThrownBy(() -> GroundTruth.read(old))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format 1");
    }

    @Test
    void shouldPrintAVerdictTable() throws IOException {
        ObjectNode s = scorer().score(write("alerts.jsonl", nineGroups()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AlertScore.print(s, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text)
                .contains("blast")
                .contains("false critical alerts per week <= 1")
                .contains("1/2 (50%)")
                .contains("NOT MET");
    }
}
