package nl.lvds.pipeline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.lvds.broker.EmbeddedKafka;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.event.Alert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lvds demo} end to end, driven as a component: the persistent broker, the live job on a
 * MiniCluster with its web UI, the synthetic stream at high speed. The Schammenkamp explosion must
 * raise an alert in Tarwewijk or Charlois on lvds.alerts (read_committed); after close every port
 * is free, and a second start on the same data folder and ports works.
 */
class DemoITCase {

    @TempDir Path tmp;

    @Test
    void shouldRaiseTheScriptedAlertLiveThenStopCleanlyAndStartAgain() throws Exception {
        int kafkaPort = EmbeddedKafka.freePort();
        int flinkPort = EmbeddedKafka.freePort();
        int dashboardPort = EmbeddedKafka.freePort();
        Path dataDir = tmp.resolve("kafka");
        List<String> progress = new ArrayList<>();

        // three days of history at the demo's own 5,000 signals a day: the alert rules compare the
        // explosion's hour with the same hour on earlier days
        Demo.Options first = options(dataDir, kafkaPort, flinkPort, dashboardPort, 3);
        Instant event;
        try (Demo demo = Demo.start(first, progress::add)) {
            event = demo.scriptedEvent();
            assertThat(demo.bootstrapServers()).isEqualTo("127.0.0.1:" + kafkaPort);
            assertThat(progress).anySatisfy(l -> assertThat(l).contains("job caught up"));

            // the Flink web UI answers (flink-runtime-web is on the classpath) and shows the job
            HttpClient http = HttpClient.newHttpClient();
            String index = get(http, demo.flinkUiUrl() + "/");
            assertThat(index).contains("Apache Flink Web Dashboard");
            assertThat(get(http, demo.flinkUiUrl() + "/jobs/overview"))
                    .contains("lvds-demo")
                    .contains("RUNNING");
            // the dashboard runs in-process: its health endpoint answers, its pages need a login
            assertThat(demo.hasDashboard()).isTrue();
            assertThat(get(http, demo.dashboardUrl() + "/health")).isNotBlank();

            Optional<Alert> scripted = Optional.empty();
            // a wait cap, not a speed figure: a loaded machine runs the stream slower
            long deadline = System.currentTimeMillis() + 300_000;
            while (scripted.isEmpty() && System.currentTimeMillis() < deadline) {
                assertThat(demo.problem()).isNull();
                scripted =
                        demo.status().alerts().stream()
                                .filter(
                                        a ->
                                                a.area().equals("Tarwewijk")
                                                        || a.area().equals("Charlois"))
                                .filter(a -> a.windowEnd() > event.toEpochMilli())
                                .filter(
                                        a ->
                                                a.windowStart()
                                                        < event.plusSeconds(6 * 3600)
                                                                .toEpochMilli())
                                .findFirst();
                Thread.sleep(500);
            }
            Demo.Status s = demo.status();
            System.out.printf(
                    "DemoITCase: start-up %s, %d signals sent, %d indicators, %d alerts; scripted: %s%n",
                    demo.timings().get("total"),
                    s.signals(),
                    s.indicators(),
                    s.alerts().size(),
                    scripted.map(LiveFormat::alert).orElse("none"));
            s.alerts().forEach(a -> System.out.println("  " + LiveFormat.alert(a)));
            assertThat(s.indicators()).isPositive();
            assertThat(scripted).as("an alert for the Schammenkamp explosion").isPresent();
            assertThat(s.phase()).isEqualTo(LiveStream.Phase.LIVE);
        }
        assertThat(EmbeddedKafka.isFree(kafkaPort)).as("Kafka port freed").isTrue();
        assertThat(EmbeddedKafka.isFree(flinkPort)).as("Flink web UI port freed").isTrue();
        assertThat(EmbeddedKafka.isFree(dashboardPort)).as("dashboard port freed").isTrue();
        assertThat(dataDir.resolve("log")).as("Kafka data kept after stop").isDirectory();

        // a second run on the same folder and ports (a short history: only start-up is checked)
        try (Demo again =
                Demo.start(options(dataDir, kafkaPort, flinkPort, dashboardPort, 0), l -> {})) {
            assertThat(again.problem()).isNull();
            assertThat(again.status().phase()).isEqualTo(LiveStream.Phase.LIVE);
        }
        assertThat(EmbeddedKafka.isFree(kafkaPort)).isTrue();
        assertThat(EmbeddedKafka.isFree(flinkPort)).isTrue();
    }

    static Demo.Options options(
            Path dataDir, int kafkaPort, int flinkPort, int dashboardPort, int historyDays) {
        return new Demo.Options(
                dataDir,
                kafkaPort,
                flinkPort,
                dashboardPort,
                600, // ten simulated minutes per real second
                5_000, // as ./lvds demo: enough for the explosion's cells to pass k
                7,
                historyDays,
                Duration.ofSeconds(3),
                2,
                LvdsConfig.defaults());
    }

    static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return r.body();
    }
}
