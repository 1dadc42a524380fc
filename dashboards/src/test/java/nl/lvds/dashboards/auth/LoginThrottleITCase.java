package nl.lvds.dashboards.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nl.lvds.dashboards.DashboardConfig;
import nl.lvds.dashboards.DashboardFixture;
import nl.lvds.dashboards.DashboardServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Brute-force protection of the login form, over real HTTP against the real server. */
class LoginThrottleITCase {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;
    DashboardConfig config;
    DashboardServer server;

    @BeforeEach
    void start() throws Exception {
        // A first wait of 30 s: long enough that no attempt of the test outlives it on a slow
        // machine (the doubling itself is covered by LoginThrottleTest with a hand-moved clock).
        config =
                DashboardFixture.config(dir)
                        .withLoginThrottle(
                                new DashboardConfig.LoginThrottle(3, 10, 30, 15, 60, 1), List.of());
        server = DashboardServer.start(config, "127.0.0.1:9");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    List<Integer> wrongPasswords(String user, int n) throws Exception {
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            codes.add(
                    new DashboardFixture.Browser(server.port())
                            .login(user, "wrong-" + i)
                            .statusCode());
        }
        return codes;
    }

    @Test
    void shouldThrottleThirtyWrongPasswordsLongBeforeTheTwentieth() throws Exception {
        List<Integer> codes = wrongPasswords("analist", 30);
        int first429 = codes.indexOf(429);
        // 3 free failures, the 4th starts the wait: the 5th attempt is refused.
        assertThat(first429).as("attempt that is first refused, of %s", codes).isEqualTo(4);
        assertThat(codes.subList(first429, 30))
                .as("all after it within the wait")
                .containsOnly(429);
        // The right password is refused too while the wait lasts.
        HttpResponse<String> right =
                new DashboardFixture.Browser(server.port())
                        .login("analist", DashboardFixture.PASSWORD);
        assertThat(right.statusCode()).isEqualTo(429);
        long retry = Long.parseLong(right.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retry).isBetween(1L, 30L);
        assertThat(right.body())
                .contains("Te veel mislukte pogingen")
                .contains("Too many failed attempts")
                .contains(retry + " seconden")
                .contains(retry + " seconds");
        JsonNode line = null;
        for (String l : Files.readAllLines(config.auditLog())) {
            JsonNode n = JSON.readTree(l);
            if (n.get("action").asText().equals("login-throttled")) {
                line = n;
            }
        }
        assertThat(line).isNotNull();
        assertThat(line.get("status").asInt()).isEqualTo(429);
        assertThat(line.get("filter").get("username").asText()).isEqualTo("analist");
        assertThat(line.get("filter").get("scope").asText()).isEqualTo("account");
        assertThat(line.get("filter").get("address").asText()).isEqualTo("127.0.0.1");
        // Another account from the same address (below the address's limit of 10) still logs in.
        assertThat(
                        new DashboardFixture.Browser(server.port())
                                .login("beheer", DashboardFixture.PASSWORD)
                                .statusCode())
                .isEqualTo(303);
    }

    @Test
    void shouldAnswerUnknownNamesExactlyLikeKnownOnes() throws Exception {
        List<Integer> known = wrongPasswords("adviseur", 8);
        List<Integer> unknown = wrongPasswords("bestaat-niet", 8);
        assertThat(unknown).isEqualTo(known).contains(303, 429);
    }
}
