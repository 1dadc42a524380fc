package nl.lvds.dashboards.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import nl.lvds.dashboards.notify.Alerts;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.TensionIndicator;
import org.junit.jupiter.api.Test;

class BriefingBuilderTest {

    private static final Instant FROM = Instant.parse("2024-03-07T06:30:00Z");
    private static final Instant TO = Instant.parse("2024-03-08T06:30:00Z");

    private static BriefingInput input() {
        List<TensionIndicator> ind = new ArrayList<>();
        for (Instant h = Instant.parse("2024-03-07T07:00:00Z");
                !h.isAfter(TO);
                h = h.plus(Duration.ofHours(1))) {
            // 03:00-05:00 Z: the pipeline was down, no city-wide indicator.
            if (h.isAfter(Instant.parse("2024-03-08T03:00:00Z"))
                    && !h.isAfter(Instant.parse("2024-03-08T05:00:00Z"))) {
                continue;
            }
            ind.add(Indicators.hour("city", "city", "all", h, 500, 480, 0.5));
            boolean peak = h.equals(Instant.parse("2024-03-07T20:00:00Z"));
            ind.add(
                    Indicators.hour(
                            "Charlois",
                            "Charlois",
                            "local-incident",
                            h,
                            peak ? 60 : 12,
                            12,
                            peak ? 6.1 : 0.1));
            ind.add(
                    Indicators.hour(
                            "Noord",
                            "Noord",
                            "migration",
                            h,
                            peak ? 30 : 15,
                            14,
                            peak ? 2.4 : 0.2));
            // A suppressed district cell with a large secret count must never surface.
            ind.add(Indicators.suppressed("Hoek van Holland", "Hoek van Holland", "extremism", h));
        }
        Alert before =
                Alerts.alert(
                        "w1",
                        "Charlois",
                        "local-incident",
                        "watch",
                        Instant.parse("2024-03-06T20:00:00Z"));
        Alert escalated =
                Alerts.alert(
                        "c1",
                        "Charlois",
                        "local-incident",
                        "critical",
                        Instant.parse("2024-03-07T20:00:00Z"));
        Alert fresh =
                Alerts.alert(
                        "n1",
                        "Noord",
                        "migration",
                        "warning",
                        Instant.parse("2024-03-07T20:00:00Z"));
        Alert old =
                Alerts.alert(
                        "o1",
                        "Delfshaven",
                        "migration",
                        "warning",
                        Instant.parse("2024-03-06T10:00:00Z"));
        Incident linked =
                new Incident(
                        1,
                        "p2000-123",
                        "p2000",
                        Instant.parse("2024-03-07T19:10:00Z").toEpochMilli(),
                        "explosion",
                        3,
                        "Charlois",
                        null,
                        null);
        Incident other =
                new Incident(
                        1,
                        "p2000-999",
                        "p2000",
                        Instant.parse("2024-03-07T09:00:00Z").toEpochMilli(),
                        "fire",
                        1,
                        "Noord",
                        null,
                        null);
        return new BriefingInput(
                ind, List.of(escalated, before, fresh, old, fresh), List.of(other, linked));
    }

    @Test
    void shouldListNewAndEscalatedAlertsOnce() {
        Briefing b = new BriefingBuilder(5).build(input(), FROM, TO);
        assertThat(b.newAlerts()).extracting(Alert::id).containsExactly("n1");
        assertThat(b.escalations()).hasSize(1);
        assertThat(b.escalations().get(0).alert().id()).isEqualTo("c1");
        assertThat(b.escalations().get(0).fromLevel()).isEqualTo("watch");
    }

    @Test
    void shouldRankRisesPerDistrictAndTopicAndSkipSuppressedCells() {
        Briefing b = new BriefingBuilder(5).build(input(), FROM, TO);
        assertThat(b.rises())
                .extracting(Briefing.Rise::district)
                .containsExactly("Charlois", "Noord");
        Briefing.Rise top = b.rises().get(0);
        assertThat(top.zScore()).isEqualTo(6.1);
        assertThat(top.signals()).isEqualTo(60);
        assertThat(top.series()).hasSize(24).contains(60);
        assertThat(new BriefingBuilder(1).build(input(), FROM, TO).rises()).hasSize(1);
        assertThat(b.suppressedCells()).isEqualTo(22);
    }

    @Test
    void shouldCountEachHourOnceWhenWindowsSlide() {
        List<TensionIndicator> ind = new ArrayList<>(input().indicators());
        // A sliding window starting at :15 with a higher peak: a peak, but not a series point.
        Instant end = Instant.parse("2024-03-07T21:15:00Z");
        ind.add(Indicators.hour("Charlois", "Charlois", "local-incident", end, 90, 12, 9.0));
        ind.add(Indicators.suppressed("Hoek van Holland", "Hoek van Holland", "extremism", end));
        BriefingInput in = new BriefingInput(ind, input().alerts(), input().incidents());
        Briefing b = new BriefingBuilder(5).build(in, FROM, TO);
        assertThat(b.rises().get(0).zScore()).isEqualTo(9.0);
        assertThat(b.rises().get(0).series()).doesNotContain(90).contains(60);
        assertThat(b.suppressedCells()).isEqualTo(22);
    }

    @Test
    void shouldReportGapsAndLinkedIncidentsFirst() {
        Briefing b = new BriefingBuilder(5).build(input(), FROM, TO);
        assertThat(b.gaps())
                .containsExactly(
                        new Briefing.Gap(
                                Instant.parse("2024-03-08T03:00:00Z").toEpochMilli(),
                                Instant.parse("2024-03-08T05:00:00Z").toEpochMilli()));
        assertThat(b.incidents())
                .extracting(Incident::id)
                .containsExactly("p2000-123", "p2000-999");
        assertThat(b.linkedIncidentIds()).contains("p2000-123");
    }

    @Test
    void shouldRenderPlainDutchWithInlineSvgAndNoNumbersForSuppressedCells() {
        Briefing b = new BriefingBuilder(5).build(input(), FROM, TO);
        BriefingRenderer nl = new BriefingRenderer(ZoneId.of("Europe/Amsterdam"), "nl");
        String html = nl.html(b);
        String md = nl.markdown(b);
        assertThat(nl.subject(b))
                .isEqualTo(
                        "[LVDS] Ochtendbriefing 8 maart 2024: 1 nieuwe melding(en), 1 geëscaleerd");
        assertThat(html)
                .contains(
                        "<svg",
                        "Gebeurtenissen",
                        "Escalaties",
                        "van Attentie naar Kritiek",
                        "Charlois")
                .doesNotContain("<img", "src=", "href=")
                .contains(
                        "Geen stadsbrede gegevens van vr 8 mrt. 04:00 tot 06:00",
                        "waarvan 1 nieuw en 1 geëscaleerd");
        assertThat(md)
                .contains(
                        "| Charlois | lokaal incident |",
                        "gekoppeld aan een melding",
                        "22 uurcellen");
        // The suppressed district never appears with a number: it is not listed at all.
        assertThat(html).doesNotContain("Hoek van Holland");
        assertThat(md).doesNotContain("Hoek van Holland");
        String en = new BriefingRenderer(ZoneId.of("Europe/Amsterdam"), "en").markdown(b);
        assertThat(en).contains("Events", "from Watch to Critical");
    }

    @Test
    void shouldSayQuietWhenNothingHappened() {
        Briefing b =
                new BriefingBuilder(5)
                        .build(new BriefingInput(List.of(), List.of(), List.of()), FROM, TO);
        String md = new BriefingRenderer(ZoneId.of("Europe/Amsterdam"), "nl").markdown(b);
        assertThat(md).contains("Rustig: geen nieuwe meldingen", "geen indicatoren ontvangen");
    }

    @Test
    void shouldListOneLinePerGroupAndBurstsInASectionOfTheirOwn() {
        Instant t0 = Instant.parse("2024-03-07T20:00:00Z");
        List<Alert> alerts = new ArrayList<>();
        for (int u = 0; u <= 2; u++) {
            alerts.add(
                    nl.lvds.dashboards.notify.Alerts.group(
                            "grp-1",
                            u,
                            u == 0 ? "raised" : u == 1 ? "updated" : "escalated",
                            u == 2 ? "critical" : "warning",
                            t0.plusSeconds(900L * u)));
        }
        alerts.add(alerts.get(1)); // a replayed record
        alerts.add(nl.lvds.dashboards.notify.Alerts.burst("burst-1", 0, "raised", t0));
        Briefing b =
                new BriefingBuilder(5)
                        .build(new BriefingInput(List.of(), alerts, List.of()), FROM, TO);
        assertThat(b.groups()).hasSize(1);
        Briefing.GroupLine g = b.groups().get(0);
        assertThat(g.records()).isEqualTo(3);
        assertThat(g.maxLevel()).isEqualTo("critical");
        assertThat(g.firstRaised()).isEqualTo(t0.toEpochMilli());
        assertThat(g.latest().update()).isEqualTo(2);
        assertThat(b.newAlerts()).extracting(Alert::id).containsExactly("grp-1");
        assertThat(b.bursts()).extracting(x -> x.latest().id()).containsExactly("burst-1");
        String md = new BriefingRenderer(ZoneId.of("Europe/Amsterdam"), "nl").markdown(b);
        assertThat(md)
                .contains(
                        "| Kritiek | Tarwewijk, Charlois, heel Rotterdam | lokaal incident,"
                                + " migratie | geëscaleerd | ",
                        " 21:00 | 42 verhalen in het uur, verwacht 6,1 (p < 0,001) | 3 |"
                                + " p2000-777 |")
                .contains("## Gecoördineerde berichten (kopieer-plakgolven)")
                .contains("| heel Rotterdam | migratie | 199 kopieën, 199 auteurs, 1 verhaal |");
        // The burst is not among the events.
        assertThat(md.substring(md.indexOf("## Gebeurtenissen"), md.indexOf("## Gecoördineerde")))
                .doesNotContain("199");
    }
}
