package nl.lvds.dashboards.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class NotifierConfigTest {

    private static final String MINIMAL =
            """
            smtp: {host: localhost, port: 2525, tls: none, from: lvds@example.nl}
            subscriptions:
              - name: a
                email: [a@example.nl]
            """;

    @Test
    void shouldLoadTheShippedSampleConfig() {
        NotifierConfig c = NotifierConfig.load(Path.of("..", "config", "notifier.yaml"));
        assertThat(c.zone().getId()).isEqualTo("Europe/Amsterdam");
        assertThat(c.smtp().tlsMode()).isEqualTo(NotifierConfig.TlsMode.STARTTLS);
        assertThat(c.subscriptions())
                .extracting(NotifierConfig.Subscription::name)
                .containsExactly("adviseurs-zuid", "staf-burgemeester", "crisis-desk");
        assertThat(c.webhook("teams-veiligheid").payloadFormat())
                .isEqualTo(NotifierConfig.WebhookFormat.TEAMS);
        assertThat(c.briefing().localTime()).isEqualTo(LocalTime.of(7, 30));
        assertThat(c.subscriptions().get(1).modeFor("watch")).isEqualTo(NotifierConfig.Mode.DIGEST);
    }

    @Test
    void shouldFillDefaults() {
        NotifierConfig c = NotifierConfig.parse(MINIMAL, "test");
        NotifierConfig.Subscription s = c.subscriptions().get(0);
        assertThat(s.areas()).containsExactly("all");
        assertThat(s.minLevel()).isEqualTo("watch");
        assertThat(s.modeFor("warning")).isEqualTo(NotifierConfig.Mode.IMMEDIATE);
        assertThat(c.kafka().alertsTopic()).isEqualTo("lvds.alerts");
        assertThat(c.delivery().backoffMs(1)).isEqualTo(1000);
        assertThat(c.delivery().backoffMs(3)).isEqualTo(4000);
        assertThat(c.delivery().backoffMs(30)).isEqualTo(30_000);
    }

    @Test
    void shouldRefuseUnknownKeysNamingThem() {
        assertThatThrownBy(() -> NotifierConfig.parse(MINIMAL + "    minLevl: warning\n", "f.yaml"))
                .isInstanceOf(NotifierConfigException.class)
                .hasMessageContaining("minLevl")
                .hasMessageContaining("f.yaml");
    }

    @Test
    void shouldRefuseBadValues() {
        assertThatThrownBy(
                        () -> NotifierConfig.parse(MINIMAL.replace("tls: none", "tls: ssl"), "f"))
                .hasMessageContaining("smtp.tls");
        assertThatThrownBy(() -> NotifierConfig.parse(MINIMAL + "    minLevel: loud\n", "f"))
                .hasMessageContaining("minLevel");
        assertThatThrownBy(() -> NotifierConfig.parse(MINIMAL + "    topics: [sports]\n", "f"))
                .hasMessageContaining("sports");
        assertThatThrownBy(() -> NotifierConfig.parse(MINIMAL + "    webhooks: [nope]\n", "f"))
                .hasMessageContaining("no webhook named 'nope'");
        assertThatThrownBy(
                        () ->
                                NotifierConfig.parse(
                                        "subscriptions: [{name: a, email: [a@x.nl]}]\n", "f"))
                .hasMessageContaining("smtp is missing");
        assertThatThrownBy(
                        () ->
                                NotifierConfig.parse(
                                        MINIMAL + "    quietHours: {from: '22', to: '07:00'}\n",
                                        "f"))
                .hasMessageContaining("quietHours");
    }

    @Test
    void shouldRequireAPasswordVariableWithAUsername() {
        assertThatThrownBy(
                        () ->
                                NotifierConfig.parse(
                                        MINIMAL.replace("tls: none", "tls: none, username: u"),
                                        "f"))
                .hasMessageContaining("passwordEnv");
    }
}
