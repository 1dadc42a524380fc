package nl.lvds.dashboards.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SessionStoreTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void shouldExpireIdleSessionsAndKeepActiveOnes() {
        ManualClock clock = new ManualClock();
        SessionStore store = new SessionStore(Duration.ofMinutes(30), clock);
        SessionStore.Session s = store.create("analist", Role.ANALYST);
        assertThat(s.csrf()).isNotEqualTo(s.token()).hasSizeGreaterThan(40);
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertThat(store.get(s.token())).isPresent();
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertThat(store.get(s.token())).as("touched 29 min ago").isPresent();
        clock.now = clock.now.plus(Duration.ofMinutes(31));
        assertThat(store.get(s.token())).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void shouldForgetInvalidatedAndUnknownTokens() {
        SessionStore store = new SessionStore(Duration.ofMinutes(30), new ManualClock());
        SessionStore.Session s = store.create("beheer", Role.ADMIN);
        store.invalidate(s.token());
        assertThat(store.get(s.token())).isEmpty();
        assertThat(store.get("nope")).isEmpty();
        assertThat(store.get(null)).isEmpty();
    }

    @Test
    void shouldVerifyPbkdf2Hashes() {
        String hash = PasswordHasher.hash("geheim".toCharArray(), 1_000);
        assertThat(hash).startsWith("pbkdf2-sha256$1000$");
        assertThat(PasswordHasher.verify("geheim".toCharArray(), hash)).isTrue();
        assertThat(PasswordHasher.verify("Geheim".toCharArray(), hash)).isFalse();
        assertThat(PasswordHasher.verify("geheim".toCharArray(), "plain")).isFalse();
        assertThat(PasswordHasher.hash("geheim".toCharArray(), 1_000)).isNotEqualTo(hash);
    }
}
