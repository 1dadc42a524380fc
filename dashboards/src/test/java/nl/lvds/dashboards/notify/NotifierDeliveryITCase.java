package nl.lvds.dashboards.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.lvds.dashboards.briefing.MutableClock;
import nl.lvds.models.event.Alert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The notifier against a real SMTP server (GreenMail) and a real HTTP server. */
class NotifierDeliveryITCase {

    @RegisterExtension
    static final GreenMailExtension MAIL =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(true);

    private static final ObjectMapper JSON = new ObjectMapper();
    // Wednesday 6 March 2024, 14:00 local.
    private static final Instant DAY = Instant.parse("2024-03-06T13:00:00Z");

    @TempDir Path state;
    private WebhookServer hooks;
    private MutableClock clock;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void start() throws Exception {
        hooks = new WebhookServer();
        clock = new MutableClock(DAY);
        registry = new SimpleMeterRegistry();
    }

    @AfterEach
    void stop() {
        hooks.close();
    }

    private NotifierConfig config(String subscriptionExtra) {
        String yaml =
                """
                stateDir: %s
                smtp: {host: 127.0.0.1, port: %d, tls: none, from: "LVDS <lvds@example.nl>"}
                webhooks:
                  - {name: generiek, url: "%s", format: generic}
                  - {name: teams, url: "%s", format: teams}
                  - {name: stuk, url: "%s"}
                subscriptions:
                  - name: zuid
                    email: [adviseur@example.nl]
                    webhooks: [generiek, teams]
                    areas: [Charlois]
                    minLevel: warning
                %s
                delivery: {maxAttempts: 3, initialBackoffMs: 1, maxBackoffMs: 5}
                """
                        .formatted(
                                state,
                                MAIL.getSmtp().getPort(),
                                hooks.url("/generic"),
                                hooks.url("/teams"),
                                hooks.url("/down"),
                                subscriptionExtra);
        return NotifierConfig.parse(yaml, "test");
    }

    private Notifier notifier(NotifierConfig c) {
        return new Notifier(c, new ChannelSender(c, clock), clock, ms -> {}, registry);
    }

    @Test
    void shouldMailAMultipartUtf8AlertAndPostBothWebhookFormats() throws Exception {
        try (Notifier n = notifier(config(""))) {
            n.handle(Alerts.charlois("a-1", DAY));
            assertThat(MAIL.waitForIncomingEmail(5000, 1)).isTrue();
            MimeMessage m = MAIL.getReceivedMessages()[0];
            assertThat(m.getSubject())
                    .isEqualTo("[LVDS] Waarschuwing: spanning Charlois — lokaal incident");
            assertThat(m.getHeader("Subject")[0]).startsWith("=?UTF-8?");
            assertThat(m.getHeader("X-LVDS-Alert-Id")[0]).isEqualTo("a-1");
            assertThat(m.getContentType()).startsWith("multipart/alternative");
            Multipart mp = (Multipart) m.getContent();
            assertThat(mp.getCount()).isEqualTo(2);
            BodyPart text = mp.getBodyPart(0);
            BodyPart html = mp.getBodyPart(1);
            assertThat(text.getContentType())
                    .containsIgnoringCase("text/plain")
                    .containsIgnoringCase("UTF-8");
            assertThat(html.getContentType())
                    .containsIgnoringCase("text/html")
                    .containsIgnoringCase("UTF-8");
            assertThat((String) text.getContent())
                    .contains(
                            "Nieuwe melding (waarschuwing, spike) voor Charlois",
                            "spanningsindex 72",
                            "explosie, portiek",
                            "p2000-123");
            assertThat((String) html.getContent())
                    .contains("<table", "Charlois", "lokaal incident");

            // An escalation of the same cell says so, with ë intact.
            n.handle(
                    Alerts.alert(
                            "a-2",
                            "Charlois",
                            "local-incident",
                            "critical",
                            DAY.plusSeconds(3600)));
            assertThat(MAIL.waitForIncomingEmail(5000, 2)).isTrue();
            assertThat(MAIL.getReceivedMessages()[1].getSubject())
                    .isEqualTo("[LVDS] Kritiek (geëscaleerd): spanning Charlois — lokaal incident");

            List<WebhookServer.Received> got = hooks.received();
            assertThat(got)
                    .extracting(WebhookServer.Received::path)
                    .containsExactly("/generic", "/teams", "/generic", "/teams");
            assertThat(got.get(0).contentType()).startsWith("application/json");
            JsonNode generic = JSON.readTree(got.get(0).body());
            assertThat(generic.get("source").asText()).isEqualTo("lvds");
            assertThat(generic.get("kind").asText()).isEqualTo("alert");
            assertThat(generic.get("title").asText())
                    .contains("spanning Charlois — lokaal incident");
            assertThat(generic.at("/alerts/0/id").asText()).isEqualTo("a-1");
            assertThat(generic.at("/alerts/0/level").asText()).isEqualTo("warning");
            JsonNode teams = JSON.readTree(got.get(1).body());
            assertThat(teams.get("@type").asText()).isEqualTo("MessageCard");
            assertThat(teams.get("themeColor").asText()).isEqualTo("E67E22");
            assertThat(teams.at("/sections/0/facts/0/value").asText()).isEqualTo("Charlois");

            // The same alert again (a replay): nothing is sent twice.
            n.handle(Alerts.charlois("a-1", DAY));
            assertThat(MAIL.getReceivedMessages()).hasSize(2);
            assertThat(hooks.received()).hasSize(4);
            assertThat(registry.counter("lvds.notify.delivered").count()).isEqualTo(6);
        }
    }

    @Test
    void shouldFilterByAreaTopicAndLevel() throws Exception {
        try (Notifier n = notifier(config(""))) {
            n.handle(Alerts.alert("x-1", "Noord", "local-incident", "critical", DAY));
            n.handle(Alerts.alert("x-2", "Charlois", "local-incident", "watch", DAY));
            n.handle(Alerts.alert("x-3", "Tarwewijk", "migration", "warning", DAY));
            assertThat(MAIL.waitForIncomingEmail(5000, 1)).isTrue();
            assertThat(MAIL.getReceivedMessages()).hasSize(1);
            assertThat(MAIL.getReceivedMessages()[0].getSubject())
                    .contains("Tarwewijk", "migratie");
        }
    }

    @Test
    void shouldRetryWithBackoffThenParkAndCountFailures() throws Exception {
        NotifierConfig c =
                config(
                        """
                          - name: kapot
                            webhooks: [stuk]
                        """);
        try (Notifier n = notifier(c)) {
            hooks.failNext(2);
            n.handle(Alerts.charlois("r-1", DAY));
            // The generic hook failed twice and succeeded on the third attempt.
            assertThat(hooks.received())
                    .extracting(WebhookServer.Received::path)
                    .containsExactly("/generic", "/teams");
            // The broken hook failed all 3 attempts: parked for a later retry, not lost.
            assertThat(n.pendingCount()).isEqualTo(1);
            assertThat(registry.counter("lvds.notify.failures").count()).isEqualTo(5);
            String audit = Files.readString(state.resolve(AuditLog.FILE), StandardCharsets.UTF_8);
            assertThat(audit).contains("\"event\":\"failed\"", "webhook:stuk", "HTTP 503");
            n.writeHealth();
            assertThat(Files.readString(state.resolve("notifier-health.json")))
                    .contains("\"pending\":1", "HTTP 503");
            // After giveUpAfterHours the delivery is abandoned, audit-logged and counted.
            clock.advance(Duration.ofHours(25));
            n.deliverDue();
            assertThat(n.pendingCount()).isZero();
            assertThat(registry.counter("lvds.notify.abandoned").count()).isEqualTo(1);
        }
    }

    @Test
    void shouldHoldDuringQuietHoursAndSurviveARestartWhileHeld() throws Exception {
        NotifierConfig c = config("    quietHours: {from: \"22:00\", to: \"07:00\"}\n");
        clock.set(Instant.parse("2024-03-06T22:30:00Z")); // 23:30 local
        try (Notifier n = notifier(c)) {
            n.handle(Alerts.charlois("q-1", clock.instant()));
            n.handle(Alerts.alert("q-2", "Charlois", "extremism", "critical", clock.instant()));
            assertThat(MAIL.waitForIncomingEmail(5000, 1)).isTrue();
            assertThat(MAIL.getReceivedMessages()).hasSize(1);
            assertThat(MAIL.getReceivedMessages()[0].getSubject()).startsWith("[LVDS] Kritiek");
            assertThat(n.pendingCount()).isEqualTo(3); // mail + 2 webhooks held
        }
        // Restart during the night: the held alert is still owed; at 07:00 local it goes out.
        try (Notifier n = notifier(c)) {
            clock.set(Instant.parse("2024-03-07T05:59:00Z"));
            n.deliverDue();
            assertThat(MAIL.getReceivedMessages()).hasSize(1);
            clock.set(Instant.parse("2024-03-07T06:00:00Z"));
            n.deliverDue();
            assertThat(MAIL.waitForIncomingEmail(5000, 2)).isTrue();
            assertThat(MAIL.getReceivedMessages()[1].getSubject())
                    .startsWith("[LVDS] Waarschuwing");
            assertThat(n.pendingCount()).isZero();
        }
    }

    @Test
    void shouldCollectDigestLevelsForTheBriefing() throws Exception {
        NotifierConfig c =
                config(
                        """
                          - name: staf
                            email: [staf@example.nl]
                            delivery: {watch: digest, warning: digest}
                        """);
        try (Notifier n = notifier(c)) {
            Alert w1 = Alerts.alert("d-1", "Noord", "migration", "watch", DAY);
            Alert w2 = Alerts.alert("d-2", "Delfshaven", "discrimination", "warning", DAY);
            n.handle(w1);
            n.handle(w2);
            // The warning also matches nothing else (zuid wants Charlois): no immediate mail.
            assertThat(MAIL.getReceivedMessages()).isEmpty();
            assertThat(n.flushDigests()).isEqualTo(2);
            assertThat(MAIL.waitForIncomingEmail(5000, 1)).isTrue();
            MimeMessage m = MAIL.getReceivedMessages()[0];
            assertThat(m.getSubject())
                    .isEqualTo("[LVDS] Overzicht: 2 melding(en) sinds de vorige briefing");
            assertThat(m.getAllRecipients()[0].toString()).isEqualTo("staf@example.nl");
            assertThat(n.flushDigests()).isZero();
            n.handle(w1); // replayed: already in a digest
            assertThat(n.flushDigests()).isZero();
        }
    }
}
