package nl.lvds.dashboards.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory login sessions keyed by a random 256-bit token, each with its own CSRF token and an
 * idle timeout.
 *
 * <p>Sessions are deliberately not persisted: a restart logs everyone out, which is the safe
 * default for an access-controlled view and costs an analyst one login.
 */
public final class SessionStore {

    /**
     * One logged-in user.
     *
     * @param token the session cookie value
     * @param user login name
     * @param role the user's role
     * @param csrf the token every POST must echo in the {@code X-CSRF-Token} header
     * @param created when the session was created
     * @param method how the user logged in: {@code local} or {@code oidc}
     * @param idToken the provider's ID token (OIDC only; the logout hint), else null
     */
    public record Session(
            String token,
            String user,
            Role role,
            String csrf,
            Instant created,
            String method,
            String idToken) {

        /** A local-account session. */
        public Session(String token, String user, Role role, String csrf, Instant created) {
            this(token, user, role, csrf, created, "local", null);
        }

        @Override
        public String toString() {
            return "Session[user=" + user + ", role=" + role + ", method=" + method + "]";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
    private final Duration timeout;
    private final Duration maxLifetime;
    private final Clock clock;

    /** A store whose sessions expire after {@code timeout} without a request. */
    public SessionStore(Duration timeout, Clock clock) {
        this(timeout, Duration.ofDays(3650), clock);
    }

    /**
     * A store whose sessions expire after {@code timeout} without a request, and after {@code
     * maxLifetime} whatever the activity.
     */
    public SessionStore(Duration timeout, Duration maxLifetime, Clock clock) {
        this.timeout = timeout;
        this.maxLifetime = maxLifetime;
        this.clock = clock;
    }

    /** Starts a session for a user who has just authenticated with a local account. */
    public Session create(String user, Role role) {
        return create(user, role, "local", null);
    }

    /** Starts a session for a user who has just authenticated. */
    public Session create(String user, Role role, String method, String idToken) {
        Session s =
                new Session(
                        randomToken(), user, role, randomToken(), clock.instant(), method, idToken);
        sessions.put(s.token(), s);
        lastSeen.put(s.token(), s.created());
        return s;
    }

    /** The live session for a token, touching it; empty when unknown or expired (then removed). */
    public Optional<Session> get(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Session s = sessions.get(token);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant seen = lastSeen.get(token);
        if (seen == null
                || seen.plus(timeout).isBefore(now)
                || !s.created().plus(maxLifetime).isAfter(now)) {
            invalidate(token);
            return Optional.empty();
        }
        lastSeen.put(token, now);
        return Optional.of(s);
    }

    /** Ends a session. */
    public void invalidate(String token) {
        if (token != null) {
            sessions.remove(token);
            lastSeen.remove(token);
        }
    }

    /** Removes expired sessions; called periodically. */
    public void purgeExpired() {
        Instant limit = clock.instant().minus(timeout);
        Instant born = clock.instant().minus(maxLifetime);
        lastSeen.entrySet().removeIf(e -> e.getValue().isBefore(limit));
        sessions.values().removeIf(s -> !s.created().isAfter(born));
        sessions.keySet().retainAll(lastSeen.keySet());
        lastSeen.keySet().retainAll(sessions.keySet());
    }

    /** Number of live sessions. */
    public int size() {
        return sessions.size();
    }

    private static String randomToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
