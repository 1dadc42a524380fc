package nl.lvds.dashboards.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import nl.lvds.models.event.Alert;
import org.junit.jupiter.api.Test;

class AlertMessagesTest {

    private static final Instant T0 = Instant.parse("2024-03-07T20:00:00Z");
    private static final AlertMessages MESSAGES =
            new AlertMessages(ZoneId.of("Europe/Amsterdam"), "https://lvds.example/?a=1&b=2");

    @Test
    void shouldWriteAGroupMailInDutch() {
        Notice n =
                MESSAGES.alert(
                        Alerts.group("g", 1, "updated", "critical", T0),
                        AlertMessages.Change.ESCALATED,
                        "nl");
        assertThat(n.subject())
                .isEqualTo(
                        "[LVDS] Kritiek (geëscaleerd): spanning Tarwewijk, Charlois, heel"
                                + " Rotterdam — lokaal incident, migratie");
        assertThat(n.text())
                .startsWith("De melding voor Tarwewijk en 2 ander(e) gebied(en), thema's")
                .contains("  waarom nu: 42 verhalen in het uur, verwacht 6,1 (p < 0,001)\n")
                .contains("  cellen:\n   · Tarwewijk · lokaal incident · kritiek")
                .endsWith("niets over personen.\nhttps://lvds.example/?a=1&b=2\n");
        assertThat(n.html())
                .startsWith("<!DOCTYPE html><html lang=\"nl\">")
                .contains("<th>Gebied</th><th>Thema</th><th>Niveau</th><th>Toets</th>")
                .contains("<td>p &lt; 0,001</td>")
                .contains("thema&#39;s lokaal incident")
                .contains("<a href=\"https://lvds.example/?a=1&amp;b=2\">Open het dashboard</a>")
                .endsWith("</body></html>");
    }

    @Test
    void shouldWriteABurstAndADigestInEnglish() {
        Notice burst =
                MESSAGES.alert(
                        Alerts.burst("b", 0, "raised", T0), AlertMessages.Change.RAISED, "en");
        assertThat(burst.subject())
                .isEqualTo("[LVDS] Watch: coordinated posts all of Rotterdam — migration");
        assertThat(burst.text())
                .startsWith("Coordinated posts: many copies of few stories in all of Rotterdam")
                .contains("(199 copies, 199 authors, 1 story)")
                .contains("  coordinated: 199 copies, 199 authors, 1 story\n");
        assertThat(burst.html()).contains("<html lang=\"en\">", "Open the dashboard");

        Notice digest =
                new AlertMessages(ZoneId.of("Europe/Amsterdam"), null)
                        .digest(
                                List.of(
                                        Alerts.charlois("c1", T0),
                                        Alerts.group("g", 0, "raised", "critical", T0)),
                                "en");
        assertThat(digest.subject()).isEqualTo("[LVDS] Digest: 2 alert(s) since the last briefing");
        assertThat(digest.text().indexOf("- Critical"))
                .isLessThan(digest.text().indexOf("- Warning"));
        assertThat(digest.text()).endsWith("nothing about persons.\n");
        assertThat(digest.html()).doesNotContain("<a href");
    }

    @Test
    void shouldEscapeAreaNamesInTheHtmlPartOnly() {
        Alert a = Alerts.alert("x", "<script>alert('x')</script>", "migration", "watch", T0);
        for (String lang : List.of("nl", "en")) {
            Notice n = MESSAGES.alert(a, AlertMessages.Change.RAISED, lang);
            assertThat(n.html())
                    .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                    .doesNotContain("<script>");
            assertThat(n.text()).contains("<script>alert('x')</script>");
        }
    }

    @Test
    void shouldHaveTheSameWordsInBothLanguages() throws IOException {
        Set<String> nl = keys("messages_nl.properties");
        Set<String> en = keys("messages_en.properties");
        // Incident types are shown as they are in English.
        assertThat(nl.stream().filter(k -> !k.startsWith("incident.")).collect(Collectors.toSet()))
                .isEqualTo(en);
    }

    private static Set<String> keys(String file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Labels.class.getResourceAsStream("/nl/lvds/dashboards/" + file)) {
            p.load(in);
        }
        return p.stringPropertyNames();
    }
}
