package nl.lvds.models.codec;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Parses the wire contracts' timestamps (ISO-8601 with an offset) exactly as {@code
 * OffsetDateTime.parse(text, ISO_OFFSET_DATE_TIME).toInstant()} does, with a fast path for the
 * shape every producer writes: {@code yyyy-MM-ddTHH:mm[:ss[.f{1,9}]](Z|±HH:MM)}. Anything else
 * (lower-case {@code t}/{@code z}, offsets with seconds, years beyond four digits, and every
 * malformed text) goes to {@code java.time}, which decides. The fast path only accepts what {@code
 * java.time} accepts and gives the same instant (checked by a differential test); it exists because
 * {@code DateTimeFormatter} was 40% of a signal's decoding time.
 */
final class IsoTimestamps {

    private IsoTimestamps() {}

    /**
     * The instant of {@code text}.
     *
     * @throws DateTimeParseException when {@code java.time} rejects it
     */
    static Instant parse(String text) {
        Instant fast = fast(text);
        return fast != null
                ? fast
                : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    /** The fast path: the instant, or null when the text is not in the common shape or invalid. */
    static Instant fast(String s) {
        int n = s.length();
        // yyyy-MM-ddTHH:mm is 16 chars, the shortest offset (Z) one more
        if (n < 17 || n > 35) {
            return null;
        }
        int year = digits(s, 0, 4);
        if (year < 0 || s.charAt(4) != '-') {
            return null;
        }
        int month = digits(s, 5, 2);
        if (month < 1 || month > 12 || s.charAt(7) != '-') {
            return null;
        }
        int day = digits(s, 8, 2);
        if (day < 1 || day > lengthOfMonth(year, month) || s.charAt(10) != 'T') {
            return null;
        }
        int hour = digits(s, 11, 2);
        if (hour < 0 || hour > 23 || s.charAt(13) != ':') {
            return null;
        }
        int minute = digits(s, 14, 2);
        if (minute < 0 || minute > 59) {
            return null;
        }
        int i = 16;
        int second = 0;
        int nanos = 0;
        if (i < n && s.charAt(i) == ':') {
            second = digits(s, i + 1, 2);
            if (second < 0 || second > 59) {
                return null;
            }
            i += 3;
            if (i < n && s.charAt(i) == '.') {
                i++;
                int start = i;
                while (i < n && i - start < 10 && isDigit(s.charAt(i))) {
                    nanos = nanos * 10 + (s.charAt(i) - '0');
                    i++;
                }
                int len = i - start;
                if (len < 1 || len > 9) {
                    return null;
                }
                for (int k = len; k < 9; k++) {
                    nanos *= 10;
                }
            }
        }
        if (i >= n) {
            return null;
        }
        int offsetSeconds;
        char sign = s.charAt(i);
        if (sign == 'Z') {
            if (i + 1 != n) {
                return null;
            }
            offsetSeconds = 0;
        } else if (sign == '+' || sign == '-') {
            if (i + 6 != n || s.charAt(i + 3) != ':') {
                return null;
            }
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if (oh < 0 || oh > 18 || om < 0 || om > 59 || (oh == 18 && om > 0)) {
                return null;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (sign == '-' ? -1 : 1);
        } else {
            return null;
        }
        long epochDay = epochDay(year, month, day);
        long epochSecond =
                epochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The non-negative value of {@code len} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int len) {
        if (from + len > s.length()) {
            return -1;
        }
        int v = 0;
        for (int k = from; k < from + len; k++) {
            char c = s.charAt(k);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean leap(int year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> leap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (as {@code LocalDate.toEpochDay}). */
    private static long epochDay(int year, int month, int day) {
        long y = year;
        long m = month;
        long total = 365 * y;
        if (y >= 0) {
            total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        } else {
            total -= y / -4 - y / -100 + y / -400;
        }
        total += (367 * m - 362) / 12;
        total += day - 1;
        if (m > 2) {
            total--;
            if (!leap(year)) {
                total--;
            }
        }
        return total - 719_528L; // days from year 0 to 1970
    }
}
