package nl.lvds.dashboards.auth;

import java.util.ArrayList;
import java.util.List;
import nl.lvds.dashboards.DashboardConfig;

/**
 * Recognises the demo accounts shipped in config/dashboard.yaml (their password is in the README)
 * so that the dashboard refuses to start with them outside {@code ./lvds demo}.
 *
 * <p>An account counts as a demo account when its hash opens with the published demo password,
 * whatever its name or salt: a fresh hash of {@code lvds-demo} is as public as the shipped one.
 * That costs one PBKDF2 check per account at start-up.
 */
public final class DemoAccounts {

    /** The published password of the demo accounts. */
    public static final String DEMO_PASSWORD = "lvds-demo";

    /** Whether demo accounts may be used. */
    public enum Policy {
        /** Refuse to start with them (the default). */
        REFUSE,
        /** Inside {@code ./lvds demo}: on this machine only, for a first look. */
        ALLOW_IN_DEMO,
        /** {@code --allow-demo-accounts}: the operator said so; logged loudly. */
        ALLOW_BY_FLAG
    }

    private DemoAccounts() {}

    /** The names of the accounts whose password is the demo password. */
    public static List<String> find(List<DashboardConfig.User> users) {
        List<String> names = new ArrayList<>();
        for (DashboardConfig.User u : users) {
            if (PasswordHasher.verify(DEMO_PASSWORD.toCharArray(), u.passwordHash())) {
                names.add(u.name());
            }
        }
        return names;
    }

    /** What the operator is told when the dashboard refuses to start. */
    public static String refusal(List<String> names) {
        return "the account(s) "
                + String.join(", ", names)
                + " still have the demo password '"
                + DEMO_PASSWORD
                + "' that is published in the README: anyone could log in.\n"
                + "What to do:\n"
                + "  - give each account its own password: ./lvds dashboard --hash-password, and put"
                + " the hash in passwordHash (or in a usersFile kept outside the repository), or\n"
                + "  - switch to single sign-on (oidc:, see docs/dashboard.md) and remove the users,"
                + " or\n"
                + "  - to look at the dashboard with demo data, run ./lvds demo (it allows the demo"
                + " accounts on this machine only).\n"
                + "A test machine may start anyway with --allow-demo-accounts.";
    }
}
