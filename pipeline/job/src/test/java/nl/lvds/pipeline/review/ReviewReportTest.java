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
                new ReviewOutputs.Written(4, 1, Map.of("malformed_json", 2L), d));
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
    void shouldQuoteCsvFieldsOnlyWhenNeeded() {
        assertThat(ReviewOutputs.field("Charlois")).isEqualTo("Charlois");
        assertThat(ReviewOutputs.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(ReviewOutputs.field("say \"x\"")).isEqualTo("\"say \"\"x\"\"\"");
        String row =
                ReviewOutputs.csv(
                        ind(
                                "Tarwewijk",
                                "Charlois",
                                "all",
                                "2024-03-07T17:00:00Z",
                                1,
                                null,
                                null,
                                true));
        assertThat(row)
                .startsWith(
                        "Tarwewijk,Charlois,all,1h,2024-03-07T16:00:00Z,2024-03-07T17:00:00Z,,,,,,,");
        assertThat(row).endsWith(",1,true,m1");
    }
}
