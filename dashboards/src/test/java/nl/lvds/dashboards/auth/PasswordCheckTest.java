package nl.lvds.dashboards.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import nl.lvds.dashboards.DashboardConfig;
import org.junit.jupiter.api.Test;

class PasswordCheckTest {

    static final int ITERATIONS = 200_000;

    static final List<DashboardConfig.User> USERS =
            List.of(
                    new DashboardConfig.User(
                            "analist",
                            Role.ANALYST,
                            PasswordHasher.hash("juist".toCharArray(), ITERATIONS)));

    @Test
    void shouldCheckUnknownNamesAgainstAHashOfTheSameCost() throws Exception {
        PasswordCheck check = new PasswordCheck(USERS, 2);
        assertThat(check.dummyIterations()).isEqualTo(ITERATIONS);
        assertThat(check.check("analist", "juist".toCharArray()).outcome())
                .isEqualTo(PasswordCheck.Outcome.OK);
        assertThat(check.check("analist", "fout".toCharArray()).outcome())
                .isEqualTo(PasswordCheck.Outcome.WRONG);
        assertThat(check.check("niemand", "juist".toCharArray()).outcome())
                .isEqualTo(PasswordCheck.Outcome.WRONG);
        // And so they take as long: medians of interleaved runs, with a wide margin (the old dummy
        // hash of 1,000 iterations answered unknown names ~100x faster).
        long[] known = new long[5];
        long[] unknown = new long[5];
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            check.check("analist", "fout".toCharArray());
            long t1 = System.nanoTime();
            check.check("niemand" + i, "fout".toCharArray());
            long t2 = System.nanoTime();
            known[i] = t1 - t0;
            unknown[i] = t2 - t1;
        }
        Arrays.sort(known);
        Arrays.sort(unknown);
        double ratio = (double) unknown[2] / known[2];
        assertThat(ratio).as("unknown / known name check time").isBetween(0.5, 2.0);
    }

    @Test
    void shouldAnswerBusyInsteadOfRunningMoreHashesThanAllowed() throws Exception {
        List<DashboardConfig.User> slow =
                List.of(
                        new DashboardConfig.User(
                                "beheer",
                                Role.ADMIN,
                                PasswordHasher.hash("x".toCharArray(), 3_000_000)));
        PasswordCheck check = new PasswordCheck(slow, 1, Duration.ofMillis(50));
        CompletableFuture<PasswordCheck.Result> first =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return check.check("beheer", "y".toCharArray());
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        });
        Thread.sleep(100);
        assertThat(first).isNotDone();
        assertThat(check.check("beheer", "z".toCharArray()).outcome())
                .isEqualTo(PasswordCheck.Outcome.BUSY);
        assertThat(first.get(60, TimeUnit.SECONDS).outcome())
                .isEqualTo(PasswordCheck.Outcome.WRONG);
    }
}
