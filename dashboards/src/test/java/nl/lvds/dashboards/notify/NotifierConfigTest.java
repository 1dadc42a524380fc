package nl.lvds.dashboards.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void shouldTakeTheKafkaAddressAndTopicsFromThePipelineConfig(@TempDir Path dir)
            throws Exception {
        Files.writeString(
                dir.resolve("lvds.yaml"),
                Files.readString(Path.of("..", "config", "lvds.yaml"))
                        .replace("bootstrapServers: localhost:9092", "bootstrapServers: kafka:1234")
                        .replace("alerts: lvds.alerts", "alerts: stad.alerts"));
        Path file = dir.resolve("notifier.yaml");
        Files.writeString(file, "pipelineConfig: lvds.yaml\n" + MINIMAL);

        NotifierConfig c = NotifierConfig.load(file);

        assertThat(c.kafka().bootstrapServers()).isEqualTo("kafka:1234");
        assertThat(c.kafka().alertsTopic()).isEqualTo("stad.alerts");
        assertThat(c.kafka().indicatorsTopic()).isEqualTo("lvds.indicators");
    }

    @Test
    void shouldRefuseSharedKafkaSettingsInItsOwnFile() {
        assertThatThrownBy(
                        () ->
                                NotifierConfig.parse(
                                        "kafka: {alertsTopic: other}\n" + MINIMAL, "f.yaml"))
                .isInstanceOf(NotifierConfigException.class)
                .hasMessageContaining("f.yaml")
                .hasMessageContaining("kafka.alertsTopic")
                .hasMessageContaining("kafka.topics.alerts");
    }

    @Test
    void shouldTakeValuesFromTheEnvironmentAndNameAnUnsetOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("notifier.yaml");
        Files.writeString(file, MINIMAL.replace("host: localhost", "host: \"${SMTP_HOST}\""));

        NotifierConfig c = NotifierConfig.load(file, Map.of("SMTP_HOST", "mail.example")::get);

        assertThat(c.smtp().host()).isEqualTo("mail.example");
        assertThatThrownBy(() -> NotifierConfig.load(file, name -> null))
                .isInstanceOf(NotifierConfigException.class)
                .hasMessageContaining("smtp.host")
                .hasMessageContaining("SMTP_HOST");
    }

    @Test
    void shouldLoadTheProductionFileWithEverySiteValueFromTheEnvironment() {
        Map<String, String> env =
                Map.of(
                        "LVDS_PIPELINE_CONFIG",
                                Path.of("..", "config", "lvds.yaml").toAbsolutePath().toString(),
                        "LVDS_SMTP_HOST", "smtp.gemeente.test",
                        "LVDS_SMTP_USERNAME", "lvds",
                        "LVDS_SMTP_FROM", "LVDS <lvds@gemeente.test>",
                        "LVDS_NOTIFY_TO", "postvak@gemeente.test",
                        "LVDS_BRIEFING_TO", "staf@gemeente.test");

        NotifierConfig c =
                NotifierConfig.load(Path.of("..", "docker", "notifier", "notifier.yaml"), env::get);

        assertThat(c.smtp().host()).isEqualTo("smtp.gemeente.test");
        assertThat(c.smtp().port()).isEqualTo(587);
        assertThat(c.smtp().passwordEnv()).isEqualTo("LVDS_SMTP_PASSWORD");
        assertThat(c.subscriptions().get(0).email()).containsExactly("postvak@gemeente.test");
        assertThat(c.kafka().alertsTopic()).isEqualTo("lvds.alerts");
        // without the environment it refuses to start, naming what is missing
        assertThatThrownBy(
                        () ->
                                NotifierConfig.load(
                                        Path.of("..", "docker", "notifier", "notifier.yaml"),
                                        name -> null))
                .hasMessageContaining("LVDS_SMTP_HOST");
    }
}
