package nl.lvds.dashboards.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import nl.lvds.dashboards.notify.Alerts;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.TensionIndicator;
import org.junit.jupiter.api.Test;

class BriefingRendererTest {

    private static final Instant FROM = Instant.parse("2024-03-07T06:30:00Z");
    private static final Instant TO = Instant.parse("2024-03-08T06:30:00Z");
    private static final String EVIL = "<script>alert('x')</script>";

    /** A district whose name is markup, an alert group, a burst and 17 incidents. */
    private static Briefing briefing() {
        List<TensionIndicator> ind = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            Instant end = Instant.parse("2024-03-07T07:00:00Z").plusSeconds(3600L * h);
            ind.add(Indicators.hour("city", "city", "all", end, 500, 480, 0.5));
            ind.add(
                    Indicators.hour(
                            EVIL,
                            EVIL,
                            "migration",
                            end,
                            h == 12 ? 60 : 12,
                            12,
                            h == 12 ? 6.1 : 0.1));
        }
        Instant t0 = Instant.parse("2024-03-07T20:00:00Z");
        List<Alert> alerts = new ArrayList<>();
        alerts.add(Alerts.group("g", 0, "raised", "warning", t0));
        alerts.add(Alerts.burst("b", 0, "raised", t0));
        List<Incident> incidents = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            incidents.add(
                    new Incident(
                            1,
                            "p-" + i,
                            "p2000",
                            t0.toEpochMilli() - i * 60_000L,
                            "fire",
                            2,
                            "Noord",
                            null,
                            null));
        }
        return new BriefingBuilder(5).build(new BriefingInput(ind, alerts, incidents), FROM, TO);
    }

    @Test
    void shouldRenderDutchWithEscapedDataInHtml() {
        BriefingRenderer r = new BriefingRenderer(ZoneId.of("Europe/Amsterdam"), "nl");
        Briefing b = briefing();
        String html = r.html(b);
        assertThat(html)
                .startsWith("<!DOCTYPE html><html lang=\"nl\">")
                .contains("<title>LVDS ochtendbriefing — vrijdag 8 maart 2024</title>")
                .contains("<h2>Gebeurtenissen</h2><table><tr><th>Hoogste niveau</th>")
                .contains("<td class=\"warning\">Waarschuwing</td>")
                .contains("<h2>Gecoördineerde berichten (kopieer-plakgolven)</h2>")
                .contains("<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</td>")
                .contains("aria-label=\"verloop van &lt;script&gt;")
                .contains("<li>… 2 meer</li>")
                .contains("brand, Noord (p2000, ernst 2)")
                .doesNotContain("<script>")
                .endsWith("</p></body></html>\n");
        String md = r.markdown(b);
        assertThat(md)
                .startsWith("# LVDS ochtendbriefing — vrijdag 8 maart 2024\n\n_Periode: ")
                .contains("| " + EVIL + " | migratie |")
                .contains("- … 2 meer\n")
                .contains("## Gaten in de gegevens en onderdrukking\n\n- ")
                .endsWith("Model: test-model-1.\n");
        assertThat(r.subject(b))
                .isEqualTo(
                        "[LVDS] Ochtendbriefing 8 maart 2024: 1 nieuwe melding(en), 0 geëscaleerd");
    }

    @Test
    void shouldRenderEnglish() {
        BriefingRenderer r = new BriefingRenderer(ZoneId.of("Europe/Amsterdam"), "en");
        Briefing b = briefing();
        assertThat(r.html(b))
                .contains("<html lang=\"en\">", "<h2>Events</h2>", "<th>Highest level</th>")
                .contains("<li>… 2 more</li>", "fire, Noord (p2000, severity 2)")
                .doesNotContain("<script>", "Gebeurtenissen");
        assertThat(r.markdown(b))
                .contains("## Largest rises compared with normal\n\n| District | Topic |")
                .contains("- No gaps: every hour of the period has data.\n")
                .doesNotContain("Geen");
        assertThat(r.summary(b))
                .startsWith("In brief: 1 alert(s) (1 warning): 1 new and 0 escalated.");
    }
}
