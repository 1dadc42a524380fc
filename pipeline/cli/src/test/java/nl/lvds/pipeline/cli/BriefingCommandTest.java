package nl.lvds.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.TensionIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BriefingCommandTest {

    @TempDir Path tmp;

    private static TensionIndicator hour(
            String area, String topic, Instant end, int signals, double z) {
        long e = end.toEpochMilli();
        return new TensionIndicator(
                1,
                area,
                area,
                topic,
                e - 3600_000L,
                e,
                signals,
                signals,
                null,
                signals,
                0,
                0,
                30.0,
                10.0,
                2.0,
                z,
                0,
                false,
                "m1");
    }

    @Test
    void shouldRenderMarkdownAndHtmlFromAReviewFolder() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("review"));
        List<String> ind = new ArrayList<>();
        Instant last = Instant.parse("2024-03-08T06:00:00Z");
        for (int h = 0; h < 24; h++) {
            Instant end = last.minus(Duration.ofHours(h));
            ind.add(
                    new String(
                            LvdsJson.encodeIndicator(hour("city", "all", end, 300, 0.1)),
                            StandardCharsets.UTF_8));
            ind.add(
                    new String(
                            LvdsJson.encodeIndicator(
                                    hour(
                                            "Charlois",
                                            "local-incident",
                                            end,
                                            h == 5 ? 40 : 11,
                                            h == 5 ? 7.5 : 0.2)),
                            StandardCharsets.UTF_8));
        }
        Files.write(in.resolve("indicators.jsonl"), ind, StandardCharsets.UTF_8);
        Alert a =
                new Alert(
                        1,
                        "al-1",
                        last.minus(Duration.ofHours(5)).toEpochMilli(),
                        "Charlois",
                        "local-incident",
                        "critical",
                        "volume-spike",
                        61.0,
                        7.5,
                        last.minus(Duration.ofHours(6)).toEpochMilli(),
                        last.minus(Duration.ofHours(5)).toEpochMilli(),
                        List.of(),
                        List.of(),
                        List.of(),
                        "m1");
        Files.write(
                in.resolve("alerts.jsonl"),
                List.of(new String(LvdsJson.encodeAlert(a), StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
        Path cfg = tmp.resolve("notifier.yaml");
        Files.writeString(
                cfg, "timeZone: Europe/Amsterdam\nstateDir: " + tmp.resolve("state") + "\n");

        int code =
                new CommandLine(new BriefingCommand())
                        .execute(
                                "--input",
                                in.toString(),
                                "--since",
                                "24h",
                                "--out",
                                tmp.resolve("b").toString(),
                                "--config",
                                cfg.toString());

        assertThat(code).isZero();
        String md = Files.readString(tmp.resolve("b.md"), StandardCharsets.UTF_8);
        assertThat(md)
                .contains(
                        "# LVDS ochtendbriefing — vrijdag 8 maart 2024",
                        "| Kritiek | Charlois | lokaal incident |",
                        "| Charlois | lokaal incident |");
        assertThat(Files.readString(tmp.resolve("b.html"), StandardCharsets.UTF_8))
                .contains("<svg");
    }

    @Test
    void shouldParsePeriodLengths() {
        assertThat(BriefingCommand.parseDuration("24h")).isEqualTo(Duration.ofHours(24));
        assertThat(BriefingCommand.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(BriefingCommand.parseDuration("90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(BriefingCommand.parseDuration("PT36H")).isEqualTo(Duration.ofHours(36));
        assertThatThrownBy(() -> BriefingCommand.parseDuration("soon"))
                .hasMessageContaining("--since");
    }
}
