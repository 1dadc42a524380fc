package nl.lvds.dashboards.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import nl.lvds.dashboards.briefing.MutableClock;
import nl.lvds.models.event.Alert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert groups through the notifier, against a real SMTP server (GreenMail) and a real HTTP server:
 * one message per group when raised, one per escalation, one on close; plain updates, replays and
 * several matching cells or subscriptions send nothing more.
 */
class NotifierGroupsITCase {

    @RegisterExtension
    static final GreenMailExtension MAIL =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(true);

    private static final ObjectMapper JSON = new ObjectMapper();
    // Wednesday 6 March 2024, 14:00 local.
    private static final Instant DAY = Instant.parse("2024-03-06T13:00:00Z");
    private static final long QUARTER = 900L;

    @TempDir Path state;
    private WebhookServer hooks;
    private MutableClock clock;

    @BeforeEach
    void start() throws Exception {
        hooks = new WebhookServer();
        clock = new MutableClock(DAY);
    }

    @AfterEach
    void stop() {
        hooks.close();
    }

    private NotifierConfig config(String subscriptions) {
        String yaml =
                """
                stateDir: %s
                smtp: {host: 127.0.0.1, port: %d, tls: none, from: "LVDS <lvds@example.nl>"}
                webhooks:
                  - {name: generiek, url: "%s", format: generic}
                  - {name: teams, url: "%s", format: teams}
                subscriptions:
                %s
                delivery: {maxAttempts: 2, initialBackoffMs: 1, maxBackoffMs: 5}
                """
                        .formatted(
                                state,
                                MAIL.getSmtp().getPort(),
                                hooks.url("/generic"),
                                hooks.url("/teams"),
                                subscriptions);
        return NotifierConfig.parse(yaml, "test");
    }

    private Notifier notifier(NotifierConfig c) {
        return new Notifier(
                c, new ChannelSender(c, clock), clock, ms -> {}, new SimpleMeterRegistry());
    }

    private static Alert g(int update, String status, String level) {
        return Alerts.group("grp-1", update, status, level, DAY.plusSeconds(QUARTER * update));
    }

    private static List<String> subjects() {
        return Arrays.stream(MAIL.getReceivedMessages())
                .map(
                        m -> {
                            try {
                                return m.getSubject();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        })
                .toList();
    }

    /** The plain-text part, decoded. */
    private static String body(MimeMessage m) throws Exception {
        return (String) ((jakarta.mail.Multipart) m.getContent()).getBodyPart(0).getContent();
    }

    private static final String ZUID =
            """
              - name: zuid
                email: [adviseur@example.nl]
                webhooks: [generiek, teams]
                areas: [Charlois, Tarwewijk, city]
                minLevel: watch
              - name: zuid-incidenten
                email: [adviseur@example.nl]
                areas: [Charlois]
                topics: [local-incident]
            """;

    @Test
    void shouldSendOneMessagePerGroupThenOnePerEscalationAndOneOnClose() throws Exception {
        try (Notifier n = notifier(config(ZUID))) {
            // Raised: four cells match two subscriptions of the same adviser: one mail, one post
            // per webhook.
            n.handle(g(0, Alert.Status.RAISED, "warning"));
            assertThat(MAIL.waitForIncomingEmail(5000, 1)).isTrue();
            MimeMessage first = MAIL.getReceivedMessages()[0];
            assertThat(first.getSubject())
                    .isEqualTo(
                            "[LVDS] Waarschuwing: spanning Tarwewijk, Charlois, heel Rotterdam —"
                                    + " lokaal incident");
            assertThat(first.getHeader("X-LVDS-Alert-Id")[0]).isEqualTo("grp-1");
            String text = body(first);
            assertThat(text)
                    .contains("gebieden: Tarwewijk, Charlois, heel Rotterdam")
                    .contains("waarom nu: 42 verhalen in het uur, verwacht 6,1 (p < 0,001)")
                    .contains("termen: explosie, schammenkamp")
                    .contains("incidenten: p2000-777")
                    .contains("Charlois · lokaal incident · waarschuwing")
                    .contains("61 verhalen in het uur, verwacht 19,4");

            // A plain update (a new topic joins, level unchanged) sends nothing.
            n.handle(g(1, Alert.Status.UPDATED, "warning"));
            // An escalation: one message saying so, with the topic that joined.
            n.handle(g(2, Alert.Status.ESCALATED, "critical"));
            assertThat(MAIL.waitForIncomingEmail(5000, 2)).isTrue();
            assertThat(MAIL.getReceivedMessages()[1].getSubject())
                    .isEqualTo(
                            "[LVDS] Kritiek (geëscaleerd): spanning Tarwewijk, Charlois, heel"
                                    + " Rotterdam — lokaal incident, migratie");
            // Another update at the same level and a replay of everything: nothing.
            n.handle(g(3, Alert.Status.UPDATED, "critical"));
            n.handle(g(0, Alert.Status.RAISED, "warning"));
            n.handle(g(1, Alert.Status.UPDATED, "warning"));
            n.handle(g(2, Alert.Status.ESCALATED, "critical"));
            assertThat(MAIL.getReceivedMessages()).hasSize(2);
        }
        // After a restart the ledger still knows what the adviser was told: a replayed escalation
        // sends nothing, the close sends one message.
        try (Notifier n = notifier(config(ZUID))) {
            n.handle(g(2, Alert.Status.ESCALATED, "critical"));
            n.handle(g(4, Alert.Status.CLOSED, "watch"));
            assertThat(MAIL.waitForIncomingEmail(5000, 3)).isTrue();
            assertThat(MAIL.getReceivedMessages()[2].getSubject())
                    .startsWith("[LVDS] Afgesloten (attentie): spanning Tarwewijk");
            assertThat(body(MAIL.getReceivedMessages()[2])).contains("is afgesloten");
            n.handle(g(4, Alert.Status.CLOSED, "watch"));
        }
        assertThat(subjects()).hasSize(3);

        List<WebhookServer.Received> got = hooks.received();
        assertThat(got)
                .extracting(WebhookServer.Received::path)
                .containsExactly("/generic", "/teams", "/generic", "/teams", "/generic", "/teams");
        JsonNode generic = JSON.readTree(got.get(2).body());
        assertThat(generic.get("change").asText()).isEqualTo("escalated");
        assertThat(generic.at("/alerts/0/id").asText()).isEqualTo("grp-1");
        assertThat(generic.at("/alerts/0/update").asInt()).isEqualTo(2);
        assertThat(generic.at("/alerts/0/cells").size()).isEqualTo(4);
        assertThat(generic.at("/alerts/0/expected").asDouble()).isEqualTo(6.1);
        assertThat(JSON.readTree(got.get(4).body()).get("change").asText()).isEqualTo("closed");
        JsonNode teams = JSON.readTree(got.get(1).body());
        assertThat(teams.at("/sections/0/facts/0/value").asText())
                .isEqualTo("Tarwewijk, Charlois, city");
        assertThat(teams.toString()).contains("Waarom nu / why now", "42 verhalen in het uur");
    }

    @Test
    void shouldTellASubscriberFirstWhenTheGroupReachesItsMinimumLevel() throws Exception {
        String subs =
                """
                  - name: staf
                    email: [staf@example.nl]
                    areas: [Charlois]
                    minLevel: critical
                    language: en
                """;
        try (Notifier n = notifier(config(subs))) {
            n.handle(g(0, Alert.Status.RAISED, "warning"));
            n.handle(g(1, Alert.Status.UPDATED, "warning"));
            assertThat(MAIL.getReceivedMessages()).isEmpty();
            n.handle(g(2, Alert.Status.ESCALATED, "critical"));
            assertThat(MAIL.waitForIncomingEmail(5000, 1)).isTrue();
            // The first message this subscriber gets about the group: new to it, in English.
            MimeMessage m = MAIL.getReceivedMessages()[0];
            assertThat(m.getSubject())
                    .isEqualTo(
                            "[LVDS] Critical: tension Tarwewijk, Charlois, all of Rotterdam —"
                                    + " local incident, migration");
            assertThat(body(m))
                    .contains("why now: 42 stories in the hour, expected 6.1 (p < 0.001)");
            n.handle(g(4, Alert.Status.CLOSED, "watch"));
            assertThat(MAIL.waitForIncomingEmail(5000, 2)).isTrue();
            assertThat(MAIL.getReceivedMessages()[1].getSubject()).startsWith("[LVDS] Closed");
        }
    }

    @Test
    void shouldNotCloseAGroupForSomeoneNeverToldAboutIt() throws Exception {
        String subs =
                """
                  - name: noord
                    email: [noord@example.nl]
                    areas: [Noord]
                  - name: kritiek
                    email: [kritiek@example.nl]
                    minLevel: critical
                """;
        try (Notifier n = notifier(config(subs))) {
            n.handle(g(0, Alert.Status.RAISED, "warning"));
            n.handle(g(4, Alert.Status.CLOSED, "watch"));
            assertThat(MAIL.getReceivedMessages()).isEmpty();
            assertThat(n.pendingCount()).isZero();
        }
    }

    @Test
    void shouldReplaceAHeldRaiseByTheEscalationThatIgnoresQuietHours() throws Exception {
        String subs =
                """
                  - name: zuid
                    email: [adviseur@example.nl]
                    areas: [Charlois]
                    quietHours: {from: "22:00", to: "07:00"}
                """;
        clock.set(Instant.parse("2024-03-06T22:30:00Z")); // 23:30 local
        try (Notifier n = notifier(config(subs))) {
            n.handle(g(0, Alert.Status.RAISED, "warning"));
            assertThat(n.pendingCount()).isEqualTo(1);
            n.handle(g(2, Alert.Status.ESCALATED, "critical"));
            assertThat(MAIL.waitForIncomingEmail(5000, 1)).isTrue();
            // The critical record is the first this adviser hears of the group; the held warning
            // is dropped, so no stale message follows in the morning.
            assertThat(MAIL.getReceivedMessages()[0].getSubject()).startsWith("[LVDS] Kritiek:");
            assertThat(n.pendingCount()).isZero();
            clock.set(Instant.parse("2024-03-07T06:30:00Z"));
            n.deliverDue();
            assertThat(MAIL.getReceivedMessages()).hasSize(1);
        }
    }

    @Test
    void shouldCollectOneLinePerGroupInTheDigest() throws Exception {
        String subs =
                """
                  - name: staf
                    email: [staf@example.nl]
                    delivery: {watch: digest, warning: digest, critical: digest}
                """;
        try (Notifier n = notifier(config(subs))) {
            n.handle(g(0, Alert.Status.RAISED, "warning"));
            n.handle(g(1, Alert.Status.UPDATED, "warning"));
            n.handle(g(2, Alert.Status.ESCALATED, "critical"));
            n.handle(Alerts.burst("burst-1", 0, Alert.Status.RAISED, DAY));
            assertThat(n.pendingCount()).isEqualTo(2);
            assertThat(n.flushDigests()).isEqualTo(2);
            assertThat(MAIL.waitForIncomingEmail(5000, 1)).isTrue();
            MimeMessage m = MAIL.getReceivedMessages()[0];
            assertThat(m.getSubject())
                    .isEqualTo("[LVDS] Overzicht: 2 melding(en) sinds de vorige briefing");
            String text = body(m);
            assertThat(text)
                    .contains("- Kritiek · Tarwewijk")
                    .contains("gecoördineerd: 199 kopieën, 199 auteurs, 1 verhaal")
                    .doesNotContain("- Waarschuwing");
            // Replayed after the digest: nothing owed again.
            n.handle(g(2, Alert.Status.ESCALATED, "critical"));
            assertThat(n.flushDigests()).isZero();
        }
    }

    @Test
    void shouldMarkACopyPasteBurstAsCoordinated() throws Exception {
        String subs =
                """
                  - name: stad
                    email: [stad@example.nl]
                    webhooks: [generiek]
                    areas: [city]
                    delivery: {watch: immediate}
                """;
        try (Notifier n = notifier(config(subs))) {
            n.handle(Alerts.burst("burst-2", 0, Alert.Status.RAISED, DAY));
            assertThat(MAIL.waitForIncomingEmail(5000, 1)).isTrue();
            MimeMessage m = MAIL.getReceivedMessages()[0];
            assertThat(m.getSubject())
                    .isEqualTo(
                            "[LVDS] Attentie: gecoördineerde berichten heel Rotterdam — migratie");
            JsonNode generic = JSON.readTree(hooks.received().get(0).body());
            assertThat(generic.at("/alerts/0/kind").asText()).isEqualTo("coordinated");
            assertThat(generic.at("/alerts/0/copies").asInt()).isEqualTo(199);
            assertThat(generic.get("text").asText())
                    .contains("Gecoördineerde berichten: veel kopieën van weinig verhalen")
                    .contains("199 kopieën, 199 auteurs");
        }
    }
}
