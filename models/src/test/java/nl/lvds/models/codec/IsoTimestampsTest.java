package nl.lvds.models.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast path must agree with {@code java.time} on every text, accepted or not. */
class IsoTimestampsTest {

    private static Instant reference(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant ours(String text) {
        try {
            return IsoTimestamps.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Test
    void shouldTakeTheFastPathForTheShapesProducersWrite() {
        assertThat(IsoTimestamps.fast("2024-03-07T19:15:00Z"))
                .isEqualTo(Instant.parse("2024-03-07T19:15:00Z"));
        assertThat(IsoTimestamps.fast("2024-03-07T20:15:00.123+01:00"))
                .isEqualTo(Instant.parse("2024-03-07T19:15:00.123Z"));
        assertThat(IsoTimestamps.fast("2024-02-29T23:59:59.999999999-05:30"))
                .isEqualTo(Instant.parse("2024-03-01T05:29:59.999999999Z"));
        assertThat(IsoTimestamps.fast("2024-03-07T19:15+01:00"))
                .isEqualTo(Instant.parse("2024-03-07T18:15:00Z"));
        // not the fast path's shape: java.time decides
        assertThat(IsoTimestamps.fast("2024-03-07t19:15:00z")).isNull();
        assertThat(IsoTimestamps.parse("2024-03-07t19:15:00z"))
                .isEqualTo(Instant.parse("2024-03-07T19:15:00Z"));
        assertThat(IsoTimestamps.fast("2023-02-29T10:00:00Z")).isNull();
        assertThatThrownBy(() -> IsoTimestamps.parse("2023-02-29T10:00:00Z"))
                .isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void shouldAgreeWithJavaTimeOnRandomValidTimestamps() {
        Random r = new Random(20261129L);
        String[] offsets = {
            "Z", "+01:00", "+02:00", "-05:30", "+18:00", "-18:00", "+00:00", "-00:00"
        };
        for (int i = 0; i < 50_000; i++) {
            int year = 1 + r.nextInt(9998);
            String text =
                    String.format(
                            "%04d-%02d-%02dT%02d:%02d%s%s",
                            year,
                            1 + r.nextInt(12),
                            1 + r.nextInt(31),
                            r.nextInt(24),
                            r.nextInt(60),
                            r.nextInt(4) == 0
                                    ? ""
                                    : String.format(":%02d", r.nextInt(60))
                                            + (r.nextBoolean()
                                                    ? "." + digits(r, 1 + r.nextInt(9))
                                                    : ""),
                            offsets[r.nextInt(offsets.length)]);
            assertThat(ours(text)).as(text).isEqualTo(reference(text));
        }
    }

    @Test
    void shouldAgreeWithJavaTimeOnMutatedTimestamps() {
        Random r = new Random(7L);
        String alphabet = "0123456789-:T.Z+tz ";
        String[] seeds = {
            "2024-03-07T19:15:00Z",
            "2024-03-07T19:15:00.123+01:00",
            "2024-12-31T23:59:59.999999999-05:30",
            "2000-02-29T00:00+18:00",
            "1999-12-31T24:00:00Z"
        };
        int accepted = 0;
        for (int i = 0; i < 100_000; i++) {
            StringBuilder b = new StringBuilder(seeds[r.nextInt(seeds.length)]);
            int edits = 1 + r.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = r.nextInt(b.length() + 1);
                switch (r.nextInt(3)) {
                    case 0 -> b.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
                    case 1 -> {
                        if (at < b.length()) {
                            b.deleteCharAt(at);
                        }
                    }
                    default -> {
                        if (at < b.length()) {
                            b.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
                        }
                    }
                }
            }
            String text = b.toString();
            Instant expected = reference(text);
            assertThat(ours(text)).as(text).isEqualTo(expected);
            Instant fast = IsoTimestamps.fast(text);
            if (fast != null) {
                accepted++;
                assertThat(fast).as(text).isEqualTo(expected);
            }
        }
        // the mutations must also exercise the fast path, not only the fallback
        assertThat(accepted).isGreaterThan(3_000);
    }

    private static String digits(Random r, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + r.nextInt(10)));
        }
        return b.toString();
    }
}
