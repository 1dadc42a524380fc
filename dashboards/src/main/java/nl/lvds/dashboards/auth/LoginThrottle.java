package nl.lvds.dashboards.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import nl.lvds.dashboards.DashboardConfig;

/**
 * Brute-force protection for the login form: failure counts per account name and per client
 * address, an exponentially growing wait once a few have failed, capped at a temporary lockout.
 *
 * <p>Every attempt is counted as a failure the moment it is let through ({@link #attempt}) and
 * taken back only when the password was right ({@link #succeeded}): parallel attempts therefore
 * cannot slip more guesses past the limit than sequential ones. Unknown account names are counted
 * exactly like known ones, so the answers (303, then 429) tell nothing about which names exist.
 *
 * <p>The trade-off of a per-account limit is that anyone can lock an account for a while by
 * guessing at it; the cap ({@code lockoutMinutes}) bounds that, and single sign-on users are not
 * affected. The per-address limit is looser because a city hall's users may share one address. Both
 * maps are bounded (least recently touched entries go first), so spraying names or addresses cannot
 * exhaust memory, at the cost of forgetting old counts under such a flood.
 */
public final class LoginThrottle {

    /** Entries kept per map before the least recently touched are dropped. */
    static final int MAX_ENTRIES = 20_000;

    /**
     * Whether an attempt may go ahead.
     *
     * @param allowed true when the password may be checked
     * @param retryAfter when refused: how long until the next attempt is let through
     * @param scope when refused: {@code account} or {@code address}
     */
    public record Verdict(boolean allowed, Duration retryAfter, String scope) {
        static final Verdict ALLOWED = new Verdict(true, Duration.ZERO, null);
    }

    private static final class Entry {
        int failures;
        Instant lastFailure;
        Instant blockedUntil = Instant.MIN;
    }

    private final DashboardConfig.LoginThrottle settings;
    private final Clock clock;
    private final Map<String, Entry> accounts = lru();
    private final Map<String, Entry> addresses = lru();

    /** A throttle with the given settings. */
    public LoginThrottle(DashboardConfig.LoginThrottle settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Asks whether an attempt for {@code account} from {@code address} may be checked now; when it
     * may, it is counted as a failure until {@link #succeeded} takes it back.
     */
    public synchronized Verdict attempt(String account, String address) {
        Instant now = clock.instant();
        Entry a = live(accounts, accountKey(account), now);
        Entry b = live(addresses, address, now);
        Duration waitA = remaining(a, now);
        Duration waitB = remaining(b, now);
        if (!waitA.isZero() || !waitB.isZero()) {
            boolean account1 = waitA.compareTo(waitB) >= 0;
            return new Verdict(false, account1 ? waitA : waitB, account1 ? "account" : "address");
        }
        fail(accounts, accountKey(account), settings.freeFailures(), now);
        fail(addresses, address, settings.freeFailuresPerAddress(), now);
        return Verdict.ALLOWED;
    }

    /** The password was right: the account's count is cleared, the address's attempt taken back. */
    public synchronized void succeeded(String account, String address) {
        accounts.remove(accountKey(account));
        Entry b = addresses.get(address);
        if (b != null && b.failures > 0) {
            b.failures--;
        }
    }

    /** The attempt was not checked after all (the server was busy): it is taken back. */
    public synchronized void notChecked(String account, String address) {
        for (Entry e : new Entry[] {accounts.get(accountKey(account)), addresses.get(address)}) {
            if (e != null && e.failures > 0) {
                e.failures--;
            }
        }
    }

    /** Failures counted now for an account (tests, metrics). */
    public synchronized int failures(String account) {
        Entry e = live(accounts, accountKey(account), clock.instant());
        return e == null ? 0 : e.failures;
    }

    /** The wait after {@code failures} failures when {@code free} are free of charge. */
    Duration delayAfter(int failures, int free) {
        if (failures <= free) {
            return Duration.ZERO;
        }
        int doublings = Math.min(30, failures - free - 1);
        long seconds = (long) settings.firstDelaySeconds() << doublings;
        long cap = settings.lockoutMinutes() * 60L;
        return Duration.ofSeconds(Math.min(seconds, cap));
    }

    private void fail(Map<String, Entry> map, String key, int free, Instant now) {
        Entry e = map.computeIfAbsent(key, k -> new Entry());
        e.failures++;
        e.lastFailure = now;
        Duration d = delayAfter(e.failures, free);
        if (!d.isZero()) {
            e.blockedUntil = now.plus(d);
        }
    }

    private Entry live(Map<String, Entry> map, String key, Instant now) {
        Entry e = map.get(key);
        if (e == null) {
            return null;
        }
        Instant forget = e.lastFailure.plus(Duration.ofMinutes(settings.forgetAfterMinutes()));
        if (forget.isBefore(now) && !e.blockedUntil.isAfter(now)) {
            map.remove(key);
            return null;
        }
        return e;
    }

    private static Duration remaining(Entry e, Instant now) {
        if (e == null || !e.blockedUntil.isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(now, e.blockedUntil);
    }

    private static String accountKey(String account) {
        String a = account == null ? "" : account.strip().toLowerCase(Locale.ROOT);
        return a.length() > 128 ? a.substring(0, 128) : a;
    }

    private static Map<String, Entry> lru() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > MAX_ENTRIES;
            }
        };
    }
}
