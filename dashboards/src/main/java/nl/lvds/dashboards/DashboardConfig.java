package nl.lvds.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import nl.lvds.dashboards.auth.Role;
import nl.lvds.models.config.ConfigException;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.config.StrictYaml;

/**
 * The dashboard server's configuration, read from its own YAML file (config/dashboard.yaml).
 *
 * <p>Binding is strict, like {@link LvdsConfig}: an unknown key is refused, so a typo in a security
 * setting cannot silently fall back to a default. Kafka, topic names and the privacy settings (k,
 * minimum granularity, retention) are not repeated here: they come from the pipeline configuration
 * that {@code pipelineConfig} points at, so the dashboard and the job cannot disagree about them.
 *
 * @param port HTTP port; 0 picks a free port (tests)
 * @param host the address to bind, default {@code 127.0.0.1}; any other address needs Secure
 *     cookies ({@code secureCookies} or {@code tlsTerminatedInFront})
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
 * @param tlsTerminatedInFront the operator's statement that a TLS proxy is in front: cookies get
 *     {@code Secure} and responses carry HSTS
 * @param sessionMaxHours absolute session lifetime, whatever the activity
 * @param usersFile more accounts from a separate file (a mounted secret), same format as {@code
 *     users}
 * @param trustedProxies addresses of reverse proxies whose {@code X-Forwarded-For} is believed for
 *     the client address (login throttling)
 * @param loginThrottle brute-force protection settings
 * @param oidc OpenID Connect single sign-on, or null
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
        List<User> users,
        Boolean tlsTerminatedInFront,
        Integer sessionMaxHours,
        Path usersFile,
        List<String> trustedProxies,
        LoginThrottle loginThrottle,
        Oidc oidc) {

    /** Default HTTP port. */
    public static final int DEFAULT_PORT = 8080;

    /** Default idle session timeout in minutes. */
    public static final int DEFAULT_SESSION_TIMEOUT_MINUTES = 30;

    /** Default days of history kept in memory (the pipeline's baseline period). */
    public static final int DEFAULT_RETENTION_DAYS = 28;

    /** Default absolute session lifetime in hours (a working day). */
    public static final int DEFAULT_SESSION_MAX_HOURS = 10;

    /** Default bind address: this machine only. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** Applies defaults and validates. */
    public DashboardConfig {
        port = port == null ? DEFAULT_PORT : port;
        if (port < 0 || port > 65535) {
            throw new ConfigException("port must be 0-65535, was " + port);
        }
        host = host == null || host.isBlank() ? DEFAULT_HOST : host;
        sessionTimeoutMinutes =
                sessionTimeoutMinutes == null
                        ? DEFAULT_SESSION_TIMEOUT_MINUTES
                        : sessionTimeoutMinutes;
        if (sessionTimeoutMinutes < 1) {
            throw new ConfigException("sessionTimeoutMinutes must be at least 1");
        }
        sessionMaxHours = sessionMaxHours == null ? DEFAULT_SESSION_MAX_HOURS : sessionMaxHours;
        if (sessionMaxHours < 1 || sessionMaxHours > 24 * 7) {
            throw new ConfigException("sessionMaxHours must be 1-168, was " + sessionMaxHours);
        }
        stateDir = stateDir == null ? Path.of("var", "dashboard") : stateDir;
        auditLog = auditLog == null ? stateDir.resolve("audit.jsonl") : auditLog;
        retentionDays = retentionDays == null ? DEFAULT_RETENTION_DAYS : retentionDays;
        if (retentionDays < 1) {
            throw new ConfigException("retentionDays must be at least 1");
        }
        tlsTerminatedInFront = tlsTerminatedInFront != null && tlsTerminatedInFront;
        secureCookies = (secureCookies != null && secureCookies) || tlsTerminatedInFront;
        if (!secureCookies && !isLoopback(host)) {
            throw new ConfigException(
                    "host "
                            + host
                            + " is reachable from other machines, but the session cookie would"
                            + " travel without TLS. Either bind host: 127.0.0.1 (and let a"
                            + " reverse proxy on this machine forward to it), or terminate TLS in"
                            + " front of the dashboard and set tlsTerminatedInFront: true");
        }
        metricsToken = metricsToken == null || metricsToken.isBlank() ? null : metricsToken;
        if (metricsToken != null && metricsToken.length() < 16) {
            throw new ConfigException("metricsToken must be at least 16 characters when set");
        }
        users = users == null ? List.of() : List.copyOf(users);
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        loginThrottle = loginThrottle == null ? LoginThrottle.DEFAULT : loginThrottle;
        if (users.isEmpty() && oidc == null) {
            throw new ConfigException(
                    "no way to log in: declare users (local accounts), usersFile or oidc");
        }
        Set<String> names = new HashSet<>();
        for (User u : users) {
            if (!names.add(u.name())) {
                throw new ConfigException("duplicate user '" + u.name() + "'");
            }
        }
    }

    /**
     * The shape of the file before {@link #sessionMaxHours} and the settings after it existed: the
     * in-process callers (tests, the system canary) that build a config in code.
     */
    public DashboardConfig(
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
        this(
                port,
                host,
                pipelineConfig,
                sessionTimeoutMinutes,
                stateDir,
                auditLog,
                retentionDays,
                secureCookies,
                metricsToken,
                users,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** Whether a bind address is this machine only (127.0.0.0/8, ::1, localhost). */
    public static boolean isLoopback(String host) {
        String h = host.trim().toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost")
                || h.startsWith("127.")
                || h.equals("::1")
                || h.equals("[::1]")
                || h.equals("0:0:0:0:0:0:0:1");
    }

    /**
     * Brute-force protection for the login form. After {@code freeFailures} wrong passwords for one
     * account (or {@code freeFailuresPerAddress} from one client address), each further failure
     * doubles the wait before the next attempt is even checked, starting at {@code
     * firstDelaySeconds} and capped at {@code lockoutMinutes} (a temporary lockout). A success
     * clears the account's count; failures are forgotten after {@code forgetAfterMinutes} without
     * one. At most {@code maxConcurrentHashes} password hashes run at once; more wait briefly, then
     * get 503.
     */
    public record LoginThrottle(
            Integer freeFailures,
            Integer freeFailuresPerAddress,
            Integer firstDelaySeconds,
            Integer lockoutMinutes,
            Integer forgetAfterMinutes,
            Integer maxConcurrentHashes) {

        /** The defaults: 3 free failures per account, 10 per address, 1 s doubling to 15 min. */
        public static final LoginThrottle DEFAULT =
                new LoginThrottle(null, null, null, null, null, null);

        /** Applies defaults and validates. */
        public LoginThrottle {
            freeFailures = freeFailures == null ? 3 : freeFailures;
            freeFailuresPerAddress = freeFailuresPerAddress == null ? 10 : freeFailuresPerAddress;
            firstDelaySeconds = firstDelaySeconds == null ? 1 : firstDelaySeconds;
            lockoutMinutes = lockoutMinutes == null ? 15 : lockoutMinutes;
            forgetAfterMinutes = forgetAfterMinutes == null ? 60 : forgetAfterMinutes;
            maxConcurrentHashes =
                    maxConcurrentHashes == null
                            ? Math.max(1, Runtime.getRuntime().availableProcessors() / 2)
                            : maxConcurrentHashes;
            if (freeFailures < 1 || freeFailures > 20) {
                throw new ConfigException("loginThrottle.freeFailures must be 1-20");
            }
            if (freeFailuresPerAddress < freeFailures || freeFailuresPerAddress > 200) {
                throw new ConfigException(
                        "loginThrottle.freeFailuresPerAddress must be freeFailures-200");
            }
            if (firstDelaySeconds < 1 || lockoutMinutes < 1 || forgetAfterMinutes < 1) {
                throw new ConfigException(
                        "loginThrottle: firstDelaySeconds, lockoutMinutes and forgetAfterMinutes"
                                + " must be at least 1");
            }
            if (maxConcurrentHashes < 1) {
                throw new ConfigException("loginThrottle.maxConcurrentHashes must be at least 1");
            }
        }
    }

    /**
     * OpenID Connect single sign-on (authorization code flow with PKCE).
     *
     * @param issuer the identity provider's issuer URL; its discovery document is read from {@code
     *     <issuer>/.well-known/openid-configuration}
     * @param clientId this dashboard's client id at the provider (the ID token's audience)
     * @param clientSecret the client secret, or null (a public client: PKCE only); prefer {@code
     *     clientSecretFile} or {@code ${ENV}}
     * @param clientSecretFile a file holding the client secret (a mounted secret)
     * @param redirectUri the public URL of {@code /oidc/callback}, as registered at the provider
     * @param postLogoutRedirectUri where the provider sends the browser after logout, or null
     * @param scopes scopes to ask for; {@code openid} is always added
     * @param roleClaim the ID token claim with the user's groups or roles; a dotted path reaches
     *     into objects ({@code realm_access.roles})
     * @param usernameClaim the claim shown and audit-logged as user name
     * @param roles which claim values give which role
     * @param label the text of the sign-on button
     */
    public record Oidc(
            java.net.URI issuer,
            String clientId,
            String clientSecret,
            Path clientSecretFile,
            java.net.URI redirectUri,
            java.net.URI postLogoutRedirectUri,
            List<String> scopes,
            String roleClaim,
            String usernameClaim,
            Roles roles,
            String label) {

        /** Applies defaults and validates. */
        public Oidc {
            if (issuer == null) {
                throw new ConfigException("oidc.issuer is required");
            }
            requireHttps("oidc.issuer", issuer);
            if (clientId == null || clientId.isBlank()) {
                throw new ConfigException("oidc.clientId is required");
            }
            if (clientSecret != null && clientSecret.isBlank()) {
                clientSecret = null;
            }
            if (clientSecret != null && clientSecretFile != null) {
                throw new ConfigException("oidc: give clientSecret or clientSecretFile, not both");
            }
            if (clientSecretFile != null) {
                try {
                    clientSecret = Files.readString(clientSecretFile).strip();
                } catch (IOException e) {
                    throw new ConfigException(
                            "oidc.clientSecretFile " + clientSecretFile + " cannot be read: " + e);
                }
                if (clientSecret.isEmpty()) {
                    throw new ConfigException(
                            "oidc.clientSecretFile " + clientSecretFile + " is empty");
                }
            }
            if (redirectUri == null) {
                throw new ConfigException(
                        "oidc.redirectUri is required: the public URL of /oidc/callback, e.g."
                                + " https://lvds.example.org/oidc/callback");
            }
            requireHttps("oidc.redirectUri", redirectUri);
            if (!redirectUri.getPath().endsWith("/oidc/callback")) {
                throw new ConfigException("oidc.redirectUri must end in /oidc/callback");
            }
            if (postLogoutRedirectUri != null) {
                requireHttps("oidc.postLogoutRedirectUri", postLogoutRedirectUri);
            }
            java.util.LinkedHashSet<String> s = new java.util.LinkedHashSet<>();
            s.add("openid");
            s.addAll(scopes == null ? List.of("profile", "email") : scopes);
            scopes = List.copyOf(s);
            roleClaim = roleClaim == null || roleClaim.isBlank() ? "groups" : roleClaim;
            usernameClaim =
                    usernameClaim == null || usernameClaim.isBlank()
                            ? "preferred_username"
                            : usernameClaim;
            if (roles == null || roles.isEmpty()) {
                throw new ConfigException(
                        "oidc.roles: map at least one group or role value to analyst, adviser or"
                                + " admin; users without a mapped value are refused");
            }
            label = label == null || label.isBlank() ? null : label;
        }

        @Override
        public String toString() {
            // Never print the secret (exceptions and logs may show the config).
            return "Oidc[issuer=" + issuer + ", clientId=" + clientId + "]";
        }

        private static void requireHttps(String key, java.net.URI uri) {
            boolean loopback = uri.getHost() != null && isLoopback(uri.getHost());
            if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && loopback)) {
                throw new ConfigException(key + " must be an https URL (http only on localhost)");
            }
        }
    }

    /**
     * Claim values per role. A user whose values map to several roles gets the widest (admin, then
     * analyst, then adviser).
     */
    public record Roles(List<String> analyst, List<String> adviser, List<String> admin) {
        /** Null lists become empty. */
        public Roles {
            analyst = analyst == null ? List.of() : List.copyOf(analyst);
            adviser = adviser == null ? List.of() : List.copyOf(adviser);
            admin = admin == null ? List.of() : List.copyOf(admin);
        }

        /** Whether no value is mapped at all. */
        public boolean isEmpty() {
            return analyst.isEmpty() && adviser.isEmpty() && admin.isEmpty();
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

    /** The absolute session lifetime. */
    public Duration sessionMaxLifetime() {
        return Duration.ofHours(sessionMaxHours);
    }

    /** Indicator history kept in memory. */
    public Duration retention() {
        return Duration.ofDays(retentionDays);
    }

    /**
     * Loads a dashboard config file; a relative {@code pipelineConfig} is resolved against the
     * file's directory. String values may name environment variables as {@code ${NAME}} or {@code
     * ${NAME:-default}} (production takes secrets and provider settings from the environment).
     *
     * @throws ConfigException when the file cannot be read or is invalid
     */
    public static DashboardConfig load(Path file) {
        return load(file, System::getenv);
    }

    /** As {@link #load(Path)}, with the environment given (tests). */
    public static DashboardConfig load(Path file, Function<String, String> env) {
        String origin = file.toString();
        ObjectNode tree = StrictYaml.tree(StrictYaml.read(file), origin);
        if (tree.isEmpty()) {
            throw new ConfigException(file + " is empty");
        }
        StrictYaml.substituteEnv(tree, env, origin);
        addUsersFile(tree, file);
        DashboardConfig raw = StrictYaml.bind(tree, DashboardConfig.class, origin);
        Path pipeline = raw.pipelineConfig();
        if (pipeline != null && !pipeline.isAbsolute()) {
            Path dir = file.toAbsolutePath().getParent();
            pipeline = dir.resolve(pipeline).normalize();
        }
        return raw.withPipelineConfig(pipeline);
    }

    /**
     * Moves the accounts of {@code usersFile} (a YAML list, or an object with {@code users:}) into
     * {@code users}; the key itself is kept so the binding sees it. An empty value means none.
     */
    private static void addUsersFile(ObjectNode o, Path file) {
        if (!o.hasNonNull("usersFile")) {
            return;
        }
        String name = o.get("usersFile").asText().strip();
        if (name.isEmpty()) {
            o.remove("usersFile");
            return;
        }
        Path f = Path.of(name);
        if (!f.isAbsolute()) {
            f = file.toAbsolutePath().getParent().resolve(f);
        }
        if (!Files.isRegularFile(f)) {
            throw new ConfigException(file + ": usersFile " + f + " does not exist");
        }
        JsonNode more = StrictYaml.node(StrictYaml.read(f), f.toString());
        if (more != null && more.isObject()) {
            more = more.get("users");
        }
        if (more == null || !more.isArray()) {
            throw new ConfigException(file + ": usersFile " + f + ": expected a list of users");
        }
        ArrayNode users = o.get("users") instanceof ArrayNode a ? a : o.putArray("users");
        users.addAll((ArrayNode) more);
    }

    private DashboardConfig copy(int newPort, Path newPipeline, Path newStateDir, Path newAudit) {
        return new DashboardConfig(
                newPort,
                host,
                newPipeline,
                sessionTimeoutMinutes,
                newStateDir,
                newAudit,
                retentionDays,
                secureCookies,
                metricsToken,
                users,
                tlsTerminatedInFront,
                sessionMaxHours,
                usersFile,
                trustedProxies,
                loginThrottle,
                oidc);
    }

    /** A copy with another pipeline config path. */
    public DashboardConfig withPipelineConfig(Path path) {
        return copy(port, path, stateDir, auditLog);
    }

    /** A copy with another port. */
    public DashboardConfig withPort(int newPort) {
        return copy(newPort, pipelineConfig, stateDir, auditLog);
    }

    /** A copy with another port, state directory and audit log (tests, the demo). */
    public DashboardConfig withPortAndState(int newPort, Path newStateDir) {
        return copy(newPort, pipelineConfig, newStateDir, newStateDir.resolve("audit.jsonl"));
    }

    /** A copy with other single sign-on settings (tests). */
    public DashboardConfig withOidc(Oidc newOidc) {
        return new DashboardConfig(
                port,
                host,
                pipelineConfig,
                sessionTimeoutMinutes,
                stateDir,
                auditLog,
                retentionDays,
                secureCookies,
                metricsToken,
                users,
                tlsTerminatedInFront,
                sessionMaxHours,
                usersFile,
                trustedProxies,
                loginThrottle,
                newOidc);
    }

    /** A copy with other throttle settings and trusted proxies (tests). */
    public DashboardConfig withLoginThrottle(LoginThrottle throttle, List<String> proxies) {
        return new DashboardConfig(
                port,
                host,
                pipelineConfig,
                sessionTimeoutMinutes,
                stateDir,
                auditLog,
                retentionDays,
                secureCookies,
                metricsToken,
                users,
                tlsTerminatedInFront,
                sessionMaxHours,
                usersFile,
                proxies,
                throttle,
                oidc);
    }

    /** The pipeline configuration this file points at, or the built-in defaults when unset. */
    public LvdsConfig loadPipelineConfig() {
        return pipelineConfig == null ? LvdsConfig.defaults() : LvdsConfig.load(pipelineConfig);
    }
}
