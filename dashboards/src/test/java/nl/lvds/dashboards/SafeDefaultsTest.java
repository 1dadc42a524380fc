package nl.lvds.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nl.lvds.dashboards.auth.DemoAccounts;
import nl.lvds.dashboards.auth.PasswordHasher;
import nl.lvds.dashboards.auth.Role;
import nl.lvds.models.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the dashboard refuses to be started with, and where production takes its secrets from. */
class SafeDefaultsTest {

    @TempDir Path dir;

    DashboardConfig shipped() {
        return DashboardConfig.load(Path.of("../config/dashboard.yaml"))
                .withPortAndState(0, dir.resolve("state"));
    }

    @Test
    void shouldRefuseTheShippedDemoAccountsWithAMessageSayingWhatToDo() {
        assertThatThrownBy(() -> DashboardServer.start(shipped(), "127.0.0.1:9"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("analist, adviseur, beheer")
                .hasMessageContaining("--hash-password")
                .hasMessageContaining("./lvds demo")
                .hasMessageContaining("oidc")
                .hasMessageContaining("--allow-demo-accounts");
    }

    @Test
    void shouldRecogniseTheDemoPasswordUnderAnyNameAndSalt() {
        String fresh = PasswordHasher.hash(DemoAccounts.DEMO_PASSWORD.toCharArray(), 1_000);
        String other = PasswordHasher.hash("something-else".toCharArray(), 1_000);
        assertThat(
                        DemoAccounts.find(
                                List.of(
                                        new DashboardConfig.User("x", Role.ADMIN, fresh),
                                        new DashboardConfig.User("y", Role.ADMIN, other))))
                .containsExactly("x");
    }

    @Test
    void shouldAllowTheDemoAccountsInsideTheDemoAndByTheFlag() throws Exception {
        try (DashboardServer s =
                DashboardServer.start(
                        shipped(), "127.0.0.1:9", DemoAccounts.Policy.ALLOW_IN_DEMO)) {
            assertThat(s.port()).isPositive();
        }
        try (DashboardServer s =
                DashboardServer.start(
                        shipped(), "127.0.0.1:9", DemoAccounts.Policy.ALLOW_BY_FLAG)) {
            assertThat(s.port()).isPositive();
        }
    }

    @Test
    void shouldBindToLoopbackByDefault() {
        assertThat(shipped().host()).isEqualTo("127.0.0.1");
        DashboardConfig c =
                new DashboardConfig(null, null, null, null, null, null, null, null, null, users());
        assertThat(c.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void shouldRefuseAnOpenAddressWithoutSecureCookies() {
        assertThatThrownBy(
                        () ->
                                new DashboardConfig(
                                        null, "0.0.0.0", null, null, null, null, null, false, null,
                                        users()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tlsTerminatedInFront")
                .hasMessageContaining("127.0.0.1");
        DashboardConfig behindTls =
                new DashboardConfig(
                        null, "0.0.0.0", null, null, null, null, null, null, null, users(), true,
                        null, null, null, null, null);
        assertThat(behindTls.secureCookies()).isTrue();
    }

    @Test
    void shouldTakeValuesFromTheEnvironmentAndAccountsFromAUsersFile() throws Exception {
        String hash = PasswordHasher.hash("geheim-wachtwoord".toCharArray(), 1_000);
        Path users = dir.resolve("users.yaml");
        Files.writeString(users, "- {name: k.beheer, role: admin, passwordHash: '" + hash + "'}\n");
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "client-secret\n");
        Path f = dir.resolve("dashboard.yaml");
        Files.writeString(
                f,
                String.join(
                        "\n",
                        "host: ${LVDS_HOST:-127.0.0.1}",
                        "usersFile: ${USERS_FILE}",
                        "oidc:",
                        "  issuer: ${ISSUER}",
                        "  clientId: ${CLIENT_ID}",
                        "  clientSecretFile: " + secret,
                        "  redirectUri: https://lvds.example.org/oidc/callback",
                        "  roles: {admin: ['${ADMIN_GROUP}']}",
                        ""));
        Map<String, String> env =
                Map.of(
                        "USERS_FILE", users.toString(),
                        "ISSUER", "https://login.example.org/realms/gemeente",
                        "CLIENT_ID", "lvds",
                        "ADMIN_GROUP", "lvds-beheer");
        DashboardConfig c = DashboardConfig.load(f, env::get);
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.users()).extracting(DashboardConfig.User::name).containsExactly("k.beheer");
        assertThat(c.oidc().clientSecret()).isEqualTo("client-secret");
        assertThat(c.oidc().roles().admin()).containsExactly("lvds-beheer");
        assertThat(c.oidc().toString()).doesNotContain("client-secret");
        assertThatThrownBy(() -> DashboardConfig.load(f, Map.<String, String>of()::get))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("USERS_FILE is not set");
    }

    @Test
    void shouldRefuseAPlainHttpProviderOrOneWithoutRoles() throws Exception {
        Path f = dir.resolve("d.yaml");
        Files.writeString(
                f,
                "oidc: {issuer: 'http://idp.example.org/', clientId: x,"
                        + " redirectUri: 'https://a.example.org/oidc/callback',"
                        + " roles: {admin: [g]}}\n");
        assertThatThrownBy(() -> DashboardConfig.load(f)).hasMessageContaining("https");
        Files.writeString(
                f,
                "oidc: {issuer: 'https://idp.example.org/', clientId: x,"
                        + " redirectUri: 'https://a.example.org/oidc/callback'}\n");
        assertThatThrownBy(() -> DashboardConfig.load(f)).hasMessageContaining("oidc.roles");
    }

    @Test
    void shouldRunTheProductionConfigFromTheEnvironmentWithoutDemoAccounts() throws Exception {
        Path secret = dir.resolve("client-secret");
        Files.writeString(secret, "from-a-secret\n");
        Map<String, String> env =
                Map.of(
                        "LVDS_OIDC_ISSUER", "https://login.microsoftonline.com/tenant-1/v2.0",
                        "LVDS_OIDC_CLIENT_ID", "client-1",
                        "LVDS_OIDC_CLIENT_SECRET_FILE", secret.toString(),
                        "LVDS_OIDC_REDIRECT_URI", "https://lvds.example.org/oidc/callback",
                        "LVDS_OIDC_ANALYST_GROUP", "g-analyst",
                        "LVDS_OIDC_ADVISER_GROUP", "g-adviser",
                        "LVDS_OIDC_ADMIN_GROUP", "g-admin");
        DashboardConfig c =
                DashboardConfig.load(Path.of("../docker/dashboards/dashboard.yaml"), env::get);
        assertThat(c.users()).isEmpty();
        assertThat(c.secureCookies()).isTrue();
        assertThat(c.oidc().clientSecret()).isEqualTo("from-a-secret");
        assertThat(c.oidc().roles().analyst()).containsExactly("g-analyst");
        assertThat(c.metricsToken()).isNull();
        assertThatThrownBy(
                        () ->
                                DashboardConfig.load(
                                        Path.of("../docker/dashboards/dashboard.yaml"),
                                        Map.<String, String>of()::get))
                .hasMessageContaining("LVDS_OIDC_ISSUER is not set");
    }

    static List<DashboardConfig.User> users() {
        return List.of(
                new DashboardConfig.User(
                        "a", Role.ANALYST, PasswordHasher.hash("pw-1234567".toCharArray(), 1_000)));
    }
}
