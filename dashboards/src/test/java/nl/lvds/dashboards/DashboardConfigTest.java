package nl.lvds.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import nl.lvds.dashboards.auth.PasswordHasher;
import nl.lvds.dashboards.auth.Role;
import nl.lvds.models.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardConfigTest {

    @TempDir Path dir;

    @Test
    void shouldLoadTheShippedFileWithItsDemoUsers() {
        DashboardConfig c = DashboardConfig.load(Path.of("../config/dashboard.yaml"));
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.users())
                .extracting(DashboardConfig.User::role)
                .containsExactly(Role.ANALYST, Role.ADVISER, Role.ADMIN);
        // The documented demo password opens the demo accounts.
        assertThat(
                        PasswordHasher.verify(
                                "lvds-demo".toCharArray(), c.users().get(0).passwordHash()))
                .isTrue();
        assertThat(c.pipelineConfig()).isAbsolute().endsWith(Path.of("config", "lvds.yaml"));
        assertThat(c.loadPipelineConfig().privacy().k()).isEqualTo(10);
    }

    @Test
    void shouldRefuseUnknownKeys() throws Exception {
        Path f = dir.resolve("d.yaml");
        Files.writeString(
                f,
                "port: 8080\nsesionTimeoutMinutes: 5\nusers:\n"
                        + "  - {name: a, role: analyst, passwordHash: 'pbkdf2-sha256$1$a$b'}\n");
        assertThatThrownBy(() -> DashboardConfig.load(f))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sesionTimeoutMinutes");
    }

    @Test
    void shouldRefusePlainPasswordsAndUnknownRoles() throws Exception {
        Path f = dir.resolve("d.yaml");
        Files.writeString(f, "users:\n  - {name: a, role: analyst, passwordHash: secret}\n");
        assertThatThrownBy(() -> DashboardConfig.load(f)).hasMessageContaining("PBKDF2");
        Files.writeString(
                f, "users:\n  - {name: a, role: mayor, passwordHash: 'pbkdf2-sha256$1$a$b'}\n");
        assertThatThrownBy(() -> DashboardConfig.load(f)).hasMessageContaining("mayor");
    }
}
