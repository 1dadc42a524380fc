package nl.lvds.dashboards.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.lvds.dashboards.DashboardConfig;
import nl.lvds.dashboards.auth.SessionStoreTest.ManualClock;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    static final DashboardConfig.LoginThrottle SETTINGS =
            new DashboardConfig.LoginThrottle(3, 10, 1, 15, 60, 1);

    @Test
    void shouldDoubleTheWaitAfterTheFreeFailuresUpToTheLockout() {
        LoginThrottle t = new LoginThrottle(SETTINGS, new ManualClock());
        assertThat(t.delayAfter(3, 3)).isZero();
        assertThat(t.delayAfter(4, 3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(t.delayAfter(5, 3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(t.delayAfter(8, 3)).isEqualTo(Duration.ofSeconds(16));
        assertThat(t.delayAfter(13, 3)).isEqualTo(Duration.ofSeconds(512));
        assertThat(t.delayAfter(14, 3)).isEqualTo(Duration.ofMinutes(15));
        assertThat(t.delayAfter(1_000, 3)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void shouldRefuseAttemptsDuringTheWaitWhateverThePassword() {
        ManualClock clock = new ManualClock();
        LoginThrottle t = new LoginThrottle(SETTINGS, clock);
        for (int i = 0; i < 4; i++) {
            assertThat(t.attempt("analist", "10.0.0.1").allowed()).as("attempt %d", i + 1).isTrue();
        }
        LoginThrottle.Verdict v = t.attempt("analist", "10.0.0.2");
        assertThat(v.allowed()).isFalse();
        assertThat(v.scope()).isEqualTo("account");
        assertThat(v.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        clock.now = clock.now.plusSeconds(1);
        assertThat(t.attempt("analist", "10.0.0.2").allowed()).isTrue();
        // the 5th failure: 2 s
        assertThat(t.attempt("analist", "10.0.0.2").retryAfter()).isEqualTo(Duration.ofSeconds(2));
        // Another account is not affected by this one's count.
        assertThat(t.attempt("adviseur", "10.0.0.3").allowed()).isTrue();
    }

    @Test
    void shouldCountUnknownNamesExactlyLikeKnownOnes() {
        LoginThrottle t = new LoginThrottle(SETTINGS, new ManualClock());
        List<Boolean> known = new ArrayList<>();
        List<Boolean> unknown = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            known.add(t.attempt("analist", "10.0.0.1").allowed());
            unknown.add(t.attempt("bestaat-niet", "10.0.0.2").allowed());
        }
        assertThat(unknown).isEqualTo(known);
    }

    @Test
    void shouldThrottleOneAddressTryingManyAccounts() {
        LoginThrottle t = new LoginThrottle(SETTINGS, new ManualClock());
        for (int i = 0; i < 10; i++) {
            assertThat(t.attempt("user" + i, "10.9.9.9").allowed()).isTrue();
        }
        assertThat(t.attempt("user10", "10.9.9.9").allowed()).isTrue();
        LoginThrottle.Verdict v = t.attempt("user11", "10.9.9.9");
        assertThat(v.allowed()).isFalse();
        assertThat(v.scope()).isEqualTo("address");
        assertThat(t.attempt("user11", "10.1.1.1").allowed()).as("another address").isTrue();
    }

    @Test
    void shouldClearTheAccountOnSuccessAndForgetOldFailures() {
        ManualClock clock = new ManualClock();
        LoginThrottle t = new LoginThrottle(SETTINGS, clock);
        t.attempt("analist", "a");
        t.attempt("analist", "a");
        t.succeeded("analist", "a");
        assertThat(t.failures("analist")).isZero();
        t.attempt("beheer", "a");
        t.attempt("beheer", "a");
        clock.now = clock.now.plus(Duration.ofMinutes(61));
        assertThat(t.failures("beheer")).isZero();
    }

    @Test
    void shouldNotLetParallelAttemptsPastTheLimit() throws Exception {
        LoginThrottle t = new LoginThrottle(SETTINGS, new ManualClock());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(
                        pool.submit(
                                () ->
                                        t.attempt(
                                                        "analist",
                                                        "10.0.0." + Thread.currentThread().getId())
                                                .allowed()));
            }
            int allowed = 0;
            for (Future<Boolean> f : results) {
                allowed += f.get() ? 1 : 0;
            }
            // 3 free + the 4th, which starts the wait; the clock does not move.
            assertThat(allowed).isEqualTo(4);
        } finally {
            pool.shutdownNow();
        }
    }
}
