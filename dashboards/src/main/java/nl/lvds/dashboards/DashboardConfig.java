package nl.lvds.dashboards;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.lvds.dashboards.auth.Role;
import nl.lvds.models.config.ConfigException;
import nl.lvds.models.config.LvdsConfig;

/**
 * The dashboard server's configuration, read from its own YAML file (config/dashboard.yaml).
 *
 * <p>Binding is strict, like {@link LvdsConfig}: an unknown key is refused, so a typo in a security
 * setting cannot silently fall back to a default. Kafka, topic names and the privacy settings (k,
 * minimum granularity, retention) are not repeated here: they come from the pipeline configuration
 * that {@code pipelineConfig} points at, so the dashboard and the job cannot disagree about them.
 *
 * @param port HTTP port; 0 picks a free port (tests)
 * @param host the address to bind, default {@code 0.0.0.0}
 * @param pipelineConfig the pipeline configuration (config/lvds.yaml), relative to this file
 * @param sessionTimeoutMinutes idle time after which a session expires
 * @param stateDir directory for persisted dashboard state (acknowledgements), relative to the
 *     working directory
 * @param auditLog the append-only JSONL audit log, relative to the working directory
 * @param retentionDays how many days of indicator history the in-memory store keeps
 * @param secureCookies whether the session cookie carries {@code Secure} (set behind TLS)
 * @param metricsToken optional bearer token that lets a Prometheus scraper read /metrics without a
 *     session
 * @param users the accounts; passwords only as PBKDF2 hashes
 */
public record DashboardConfig(
        Integer port,
        String host,
        Path pipelineConfig,
        Integer sessionTimeoutMinutes,
        Path stateDir,
        Path auditLog,
        Integer retentionDays,
        Boolean secureCookies,
        String metricsToken,
        List<User> users) {

    /** Default HTTP port. */
    public static final int DEFAULT_PORT = 8080;

    /** Default idle session timeout in minutes. */
    public static final int DEFAULT_SESSION_TIMEOUT_MINUTES = 30;

    /** Default days of history kept in memory (the pipeline's baseline period). */
    public static final int DEFAULT_RETENTION_DAYS = 28;

    static final ObjectMapper YAML =
            YAMLMapper.builder(
                            YAMLFactory.builder()
                                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                                    .build())
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                    .build();

    /** Applies defaults and validates. */
    public DashboardConfig {
        port = port == null ? DEFAULT_PORT : port;
        if (port < 0 || port > 65535) {
            throw new ConfigException("port must be 0-65535, was " + port);
        }
        host = host == null ? "0.0.0.0" : host;
        sessionTimeoutMinutes =
                sessionTimeoutMinutes == null
                        ? DEFAULT_SESSION_TIMEOUT_MINUTES
                        : sessionTimeoutMinutes;
        if (sessionTimeoutMinutes < 1) {
            throw new ConfigException("sessionTimeoutMinutes must be at least 1");
        }
        stateDir = stateDir == null ? Path.of("var", "dashboard") : stateDir;
        auditLog = auditLog == null ? stateDir.resolve("audit.jsonl") : auditLog;
        retentionDays = retentionDays == null ? DEFAULT_RETENTION_DAYS : retentionDays;
        if (retentionDays < 1) {
            throw new ConfigException("retentionDays must be at least 1");
        }
        secureCookies = secureCookies != null && secureCookies;
        if (metricsToken != null && metricsToken.length() < 16) {
            throw new ConfigException("metricsToken must be at least 16 characters when set");
        }
        users = users == null ? List.of() : List.copyOf(users);
        if (users.isEmpty()) {
            throw new ConfigException("users is empty: declare at least one account");
        }
        Set<String> names = new HashSet<>();
        for (User u : users) {
            if (!names.add(u.name())) {
                throw new ConfigException("duplicate user '" + u.name() + "'");
            }
        }
    }

    /**
     * One account.
     *
     * @param name login name
     * @param role analyst, adviser or admin
     * @param passwordHash a hash made by {@code DashboardServer --hash-password}
     */
    public record User(String name, Role role, String passwordHash) {
        /** Validates the fields. */
        public User {
            if (name == null || name.isBlank()) {
                throw new ConfigException("a user has no name");
            }
            if (role == null) {
                throw new ConfigException("user '" + name + "' has no role");
            }
            if (passwordHash == null
                    || !passwordHash.startsWith(nl.lvds.dashboards.auth.PasswordHasher.PREFIX)) {
                throw new ConfigException(
                        "user '"
                                + name
                                + "': passwordHash must be a PBKDF2 hash"
                                + " (make one with: lvds dashboard --hash-password)");
            }
        }
    }

    /** The idle session timeout. */
    public Duration sessionTimeout() {
        return Duration.ofMinutes(sessionTimeoutMinutes);
    }

    /** Indicator history kept in memory. */
    public Duration retention() {
        return Duration.ofDays(retentionDays);
    }

    /**
     * Loads a dashboard config file; a relative {@code pipelineConfig} is resolved against the
     * file's directory.
     *
     * @throws ConfigException when the file cannot be read or is invalid
     */
    public static DashboardConfig load(Path file) {
        DashboardConfig raw;
        try {
            raw = YAML.readValue(Files.readString(file), DashboardConfig.class);
        } catch (IOException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() instanceof ConfigException) {
                cause = cause.getCause();
            }
            throw new ConfigException(file + ": " + cause.getMessage());
        } catch (ConfigException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
        if (raw == null) {
            throw new ConfigException(file + " is empty");
        }
        Path pipeline = raw.pipelineConfig();
        if (pipeline != null && !pipeline.isAbsolute()) {
            Path dir = file.toAbsolutePath().getParent();
            pipeline = dir.resolve(pipeline).normalize();
        }
        return raw.withPipelineConfig(pipeline);
    }

    /** A copy with another pipeline config path. */
    public DashboardConfig withPipelineConfig(Path path) {
        return new DashboardConfig(
                port,
                host,
                path,
                sessionTimeoutMinutes,
                stateDir,
                auditLog,
                retentionDays,
                secureCookies,
                metricsToken,
                users);
    }

    /** A copy with another port. */
    public DashboardConfig withPort(int newPort) {
        return new DashboardConfig(
                newPort,
                host,
                pipelineConfig,
                sessionTimeoutMinutes,
                stateDir,
                auditLog,
                retentionDays,
                secureCookies,
                metricsToken,
                users);
    }

    /** A copy with another port, state directory and audit log (tests, the demo). */
    public DashboardConfig withPortAndState(int newPort, Path newStateDir) {
        return new DashboardConfig(
                newPort,
                host,
                pipelineConfig,
                sessionTimeoutMinutes,
                newStateDir,
                newStateDir.resolve("audit.jsonl"),
                retentionDays,
                secureCookies,
                metricsToken,
                users);
    }

    /** The pipeline configuration this file points at, or the built-in defaults when unset. */
    public LvdsConfig loadPipelineConfig() {
        return pipelineConfig == null ? LvdsConfig.defaults() : LvdsConfig.load(pipelineConfig);
    }
}
