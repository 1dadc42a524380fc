package nl.lvds.dashboards.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import nl.lvds.dashboards.DashboardConfig;

/**
 * Checks a local account's password with a bounded number of PBKDF2 hashes in flight.
 *
 * <p>A name that is not an account is checked against a dummy hash with the same iteration count as
 * the real ones, so a wrong name costs as much time as a wrong password and the answer time does
 * not tell which names exist. Each check costs a few hundred milliseconds of CPU by design; the
 * semaphore keeps a flood of logins from taking every core (and the live dashboard with it): a
 * check that cannot get a slot within {@link #SLOT_WAIT} is answered "busy" without hashing.
 */
public final class PasswordCheck {

    /** How long a login waits for a hashing slot before it is answered "busy". */
    public static final Duration SLOT_WAIT = Duration.ofSeconds(3);

    /** What a check found. */
    public enum Outcome {
        /** Name and password match an account. */
        OK,
        /** Unknown name or wrong password (the same answer for both). */
        WRONG,
        /** Too many checks at once: try again shortly. */
        BUSY
    }

    /**
     * A check's result.
     *
     * @param outcome what was found
     * @param user the account when {@code OK}
     */
    public record Result(Outcome outcome, DashboardConfig.User user) {}

    private final Map<String, DashboardConfig.User> users = new HashMap<>();
    private final String dummyHash;
    private final Semaphore slots;
    private final Duration slotWait;

    /** A checker over these accounts with at most {@code maxConcurrent} hashes at once. */
    public PasswordCheck(List<DashboardConfig.User> accounts, int maxConcurrent) {
        this(accounts, maxConcurrent, SLOT_WAIT);
    }

    /** As above, with another wait for a hashing slot (tests). */
    public PasswordCheck(
            List<DashboardConfig.User> accounts, int maxConcurrent, Duration slotWait) {
        // The costliest of the accounts' hashes (they normally share one count).
        int iterations = accounts.isEmpty() ? PasswordHasher.DEFAULT_ITERATIONS : 1;
        for (DashboardConfig.User u : accounts) {
            users.put(u.name(), u);
            iterations = Math.max(iterations, iterationsOf(u.passwordHash()));
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        char[] pw = java.util.Base64.getEncoder().encodeToString(random).toCharArray();
        this.dummyHash = PasswordHasher.hash(pw, Math.max(1, iterations));
        this.slots = new Semaphore(maxConcurrent, true);
        this.slotWait = slotWait;
    }

    /** Whether any local account exists (otherwise the login form is off). */
    public boolean hasAccounts() {
        return !users.isEmpty();
    }

    /** The iteration count of the hash that unknown names are checked against. */
    public int dummyIterations() {
        return iterationsOf(dummyHash);
    }

    /** Checks a name and password. */
    public Result check(String name, char[] password) throws InterruptedException {
        if (!slots.tryAcquire(slotWait.toMillis(), TimeUnit.MILLISECONDS)) {
            return new Result(Outcome.BUSY, null);
        }
        try {
            Optional<DashboardConfig.User> user = Optional.ofNullable(users.get(name));
            boolean ok =
                    PasswordHasher.verify(
                            password,
                            user.map(DashboardConfig.User::passwordHash).orElse(dummyHash));
            return ok && user.isPresent()
                    ? new Result(Outcome.OK, user.get())
                    : new Result(Outcome.WRONG, null);
        } finally {
            slots.release();
        }
    }

    /** The iteration count stored in a hash, 0 when it cannot be read. */
    static int iterationsOf(String hash) {
        if (hash == null || !hash.startsWith(PasswordHasher.PREFIX)) {
            return 0;
        }
        String[] parts = hash.substring(PasswordHasher.PREFIX.length()).split("\\$");
        try {
            return Integer.parseInt(parts[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
