package nl.lvds.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.TensionIndicator;
import org.junit.jupiter.api.Test;

class ReviewReportTest {

    static final long HOUR = 3_600_000L;

    static TensionIndicator ind(
            String area,
            String district,
            String topic,
            String end,
            long hours,
            Double index,
            Double z,
            boolean suppressed) {
        long e = Instant.parse(end).toEpochMilli();
        return new TensionIndicator(
                1,
                area,
                district,
                topic,
                e - hours * HOUR,
                e,
                suppressed ? null : 120,
                suppressed ? null : 100,
                null,
                suppressed ? null : 60,
                suppressed ? null : 40,
                suppressed ? null : 20,
                suppressed ? null : index,
                10.0,
                2.0,
                suppressed ? null : z,
                1,
                suppressed,
                "m1");
    }

    static ReviewReport.Context context(ReportData d) {
        return new ReviewReport.Context(
                "2024-03-01",
                "2024-03-31",
                "m1",
                "a".repeat(64),
                "b".repeat(40),
                new InputScan.Result(
                        List.of(
                                new InputScan.FileEntry(
                                        "signals", "s/2024-03-07.jsonl.gz", "c", 10, 500)),
                        Map.of("2024-03", Map.of("social", 400L, "forum", 100L))),
                new ReviewOutputs.Written(
                        4, 1, Map.of("malformed_json", 2L), d, new Coverage(), 0, List.of()));
    }

    @Test
    void shouldSummariseTheLargestPeakInDutchAndEscapeDataText() {
        ReportData d = new ReportData(LocalDate.of(2024, 3, 31));
        d.add(
                ind(
                        "Charlois",
                        "Charlois",
                        "local-incident",
                        "2024-03-07T17:00:00Z",
                        1,
                        62.0,
                        22.4,
                        false));
        d.add(ind("Noord", "Noord", "migration", "2024-03-09T12:00:00Z", 1, 70.0, 3.1, false));
        d.add(
                ind(
                        "Tarwewijk",
                        "Charlois",
                        "local-incident",
                        "2024-03-07T17:00:00Z",
                        1,
                        null,
                        null,
                        true));
        d.add(ind("city", "city", "all", "2024-03-08T00:00:00Z", 24, 30.0, 5.0, false));
        d.add(ind("city", "city", "all", "2024-04-01T05:00:00Z", 24, 99.0, 5.0, false)); // after
        d.add(
                new Alert(
                        1,
                        "a1",
                        Instant.parse("2024-03-07T17:00:00Z").toEpochMilli(),
                        "Charlois",
                        "local-incident",
                        "critical",
                        "volume-spike",
                        62.0,
                        22.4,
                        Instant.parse("2024-03-07T16:00:00Z").toEpochMilli(),
                        Instant.parse("2024-03-07T17:00:00Z").toEpochMilli(),
                        List.of("p2000-1"),
                        List.of("explosie", "<script>alert(1)</script>"),
                        List.of("social", "forum"),
                        "m1"));

        String html = ReviewReport.render(context(d));

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<html lang=\"nl\">");
        // ranked by z-score: Charlois (z 22.4) before Noord (index 70 but z 3.1)
        assertThat(html)
                .contains(
                        "De grootste piek (ten opzichte van het gewone niveau) was op 7 maart 2024");
        assertThat(html).contains("in Charlois (Lokaal incident)");
        assertThat(html).contains("1 kritiek");
        assertThat(html)
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>");
        assertThat(html).contains("p2000-1").contains("malformed_json 2");
        assertThat(html).contains("<svg").doesNotContain("http://").doesNotContain("https://");
        // the 24 h window ending after the period is not in the monthly figures
        assertThat(html).doesNotContain("2024-04");
        assertThat(d.suppressed).isEqualTo(1);
    }

    @Test
    void shouldEscapeAreaNamesAndReasonsEverywhereAndShowEmptySectionsInWords() {
        String evil = "<script>alert('x')</script>";
        ReportData d = new ReportData(LocalDate.of(2024, 3, 31));
        d.add(ind(evil, evil, "migration", "2024-03-07T17:00:00Z", 1, 62.0, 22.4, false));
        d.add(ind(evil, evil, "all", "2024-03-08T00:00:00Z", 24, 30.0, 5.0, false));
        ReviewReport.Context c = context(d);
        ReviewReport.Context withReason =
                new ReviewReport.Context(
                        c.from(),
                        c.to(),
                        c.modelVersion(),
                        c.configSha256(),
                        c.codeVersion(),
                        c.inputs(),
                        new ReviewOutputs.Written(
                                4, 0, Map.of("bad<reason>", 3L), d, new Coverage(), 0, List.of()));
        String html = ReviewReport.render(withReason);
        String escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;";
        assertThat(html)
                .doesNotContain("<script>")
                .contains("<tr><th>" + escaped + "</th><td style=\"background:hsl(8,75%,")
                .contains("<td>" + escaped + "</td><td>Migratie</td><td>62,0</td>")
                .contains("in " + escaped + " (Migratie)")
                .contains("per reden: bad&lt;reason&gt; 3.</p>")
                .contains("<p>Geen meldingen.</p></section>\n")
                .contains("<p>Geen kopieer-plakgolven.</p></section>\n")
                .doesNotContain("{{", "{%");

        String empty = ReviewReport.render(context(new ReportData(LocalDate.of(2024, 3, 31))));
        assertThat(empty)
                .contains("<p>Geen niet-onderdrukte 24-uursindicatoren op stadsniveau.</p>")
                .contains(
                        "<p>Geen pieken: alle uurindicatoren op gebiedsniveau zijn onderdrukt.</p>")
                .doesNotContain("De grootste piek")
                .endsWith("</section>\n</body>\n</html>\n");
    }

    @Test
    void shouldQuoteCsvFieldsOnlyWhenNeeded() {
        assertThat(IndicatorsCsv.field("Charlois")).isEqualTo("Charlois");
        assertThat(IndicatorsCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(IndicatorsCsv.field("say \"x\"")).isEqualTo("\"say \"\"x\"\"\"");
    }

    static TensionIndicator ind2(
            String area,
            String topic,
            String end,
            int signals,
            int stories,
            double expected,
            double z) {
        long e = Instant.parse(end).toEpochMilli();
        return new TensionIndicator(
                2,
                area,
                area,
                topic,
                e - HOUR,
                e,
                signals,
                stories,
                signals,
                signals / 2,
                signals / 4,
                signals - signals / 2 - signals / 4,
                40.0,
                10.0,
                2.0,
                z,
                0,
                false,
                "m2",
                1,
                expected,
                0.001,
                0.5,
                0.5);
    }

    static Alert record(
            String id,
            int update,
            String status,
            String level,
            String kind,
            String end,
            List<nl.lvds.models.event.AlertCell> cells,
            Integer copies) {
        long e = Instant.parse(end).toEpochMilli();
        nl.lvds.models.event.AlertCell lead = cells.get(0);
        return new Alert(
                2,
                id,
                e,
                lead.area(),
                lead.topic(),
                level,
                lead.rule(),
                60.0,
                null,
                e - HOUR,
                e,
                List.of("p2000-1"),
                List.of("explosie"),
                List.of("social"),
                "m2",
                lead.district(),
                kind,
                status,
                update,
                Instant.parse("2024-03-07T17:00:00Z").toEpochMilli(),
                cells,
                lead.observed(),
                lead.expected(),
                lead.pValue(),
                copies,
                copies);
    }

    static nl.lvds.models.event.AlertCell cell(
            String area, String topic, String level, String rule, int observed, double p) {
        return new nl.lvds.models.event.AlertCell(
                area,
                area.equals("Tarwewijk") ? "Charlois" : area,
                topic,
                level,
                rule,
                observed,
                observed / 10.0,
                p);
    }

    @Test
    void shouldRankPeaksByStoriesAgainstExpectedSoThatACopyPasteBurstDoesNotTopThem() {
        ReportData d = new ReportData(LocalDate.of(2024, 3, 31));
        // A burst at night: 250 posts, 3 stories against 2 expected; its post count's z is huge.
        d.add(ind2("Noord", "migration", "2024-03-23T04:30:00Z", 250, 3, 2.0, 40.0));
        // The explosion: 435 stories against 40 expected, a smaller z.
        d.add(ind2("Charlois", "local-incident", "2024-03-07T18:00:00Z", 480, 435, 40.0, 5.0));
        d.add(ind2("Delfshaven", "migration", "2024-03-08T18:00:00Z", 90, 60, 20.0, 3.0));
        assertThat(d.peaks(3))
                .extracting(TensionIndicator::area)
                .containsExactly("Charlois", "Delfshaven", "Noord");
        String html = ReviewReport.render(context(d));
        assertThat(html).contains("De grootste piek").contains("435 verhalen, tegen 40,0 verwacht");
    }

    @Test
    void shouldRankEventGroupsWithTheirCellsAndKeepBurstsInASectionOfTheirOwn() {
        ReportData d = new ReportData(LocalDate.of(2024, 3, 31));
        List<nl.lvds.models.event.AlertCell> c0 =
                List.of(
                        cell("Tarwewijk", "local-incident", "warning", "volume", 42, 0.0004),
                        cell("Charlois", "local-incident", "warning", "volume", 61, 0.001));
        List<nl.lvds.models.event.AlertCell> c2 =
                List.of(
                        cell("Tarwewijk", "local-incident", "critical", "volume", 90, 0.000001),
                        cell("Charlois", "local-incident", "warning", "volume", 61, 0.001),
                        cell("city", "migration", "watch", "hostility", 20, 0.004));
        d.add(record("g-1", 0, "raised", "warning", "event", "2024-03-07T18:00:00Z", c0, null));
        d.add(record("g-1", 1, "updated", "warning", "event", "2024-03-07T18:15:00Z", c0, null));
        d.add(record("g-1", 2, "escalated", "critical", "event", "2024-03-07T18:30:00Z", c2, null));
        d.add(record("g-1", 3, "closed", "watch", "event", "2024-03-07T21:00:00Z", c2, null));
        d.add(
                record(
                        "b-1",
                        0,
                        "raised",
                        "watch",
                        "coordinated",
                        "2024-03-23T04:30:00Z",
                        List.of(cell("city", "migration", "watch", "coordinated", 1, 0.2)),
                        199));
        d.add(
                new Alert(
                        1,
                        "old-1",
                        Instant.parse("2024-03-09T12:00:00Z").toEpochMilli(),
                        "Noord",
                        "migration",
                        "warning",
                        "spike",
                        50.0,
                        3.0,
                        Instant.parse("2024-03-09T11:00:00Z").toEpochMilli(),
                        Instant.parse("2024-03-09T12:00:00Z").toEpochMilli(),
                        List.of(),
                        List.of(),
                        List.of(),
                        "m1"));
        List<ReportData.Group> events = d.groups(false);
        assertThat(events).extracting(ReportData.Group::id).containsExactly("g-1", "old-1");
        ReportData.Group g = events.get(0);
        assertThat(g.records()).isEqualTo(4);
        assertThat(g.maxLevel()).isEqualTo("critical");
        assertThat(g.minPValue()).isEqualTo(0.000001);
        assertThat(g.cells()).hasSize(3);
        assertThat(g.first()).isEqualTo(Instant.parse("2024-03-07T17:00:00Z").toEpochMilli());
        assertThat(d.groups(true)).extracting(ReportData.Group::id).containsExactly("b-1");

        String html = ReviewReport.render(context(d));
        String events2 =
                html.substring(
                        html.indexOf("<h2>Meldingen per gebeurtenis"),
                        html.indexOf("<h2>Gecoördineerde berichten"));
        assertThat(events2)
                .contains(
                        "Tarwewijk: Lokaal incident; Charlois: Lokaal incident; heel Rotterdam: Migratie")
                .contains("<td>kritiek</td>")
                .contains("<td>4</td>")
                .contains("&lt; 0,001")
                .doesNotContain("199");
        assertThat(events2.split("<tr>")).hasSize(1 + 1 + 2); // before, header, two groups
        String bursts = html.substring(html.indexOf("<h2>Gecoördineerde berichten"));
        assertThat(bursts).contains("heel Rotterdam: Migratie").contains("<td>199</td>");
        assertThat(html).contains("6 alertrecords in 2 gebeurtenissen en 1 kopieer-plakgolven");
    }
}
