package nl.lvds.pipeline.generate;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The city's posting rhythm: a weekly volume factor and an hourly profile per local hour (weekdays
 * start early and peak in the evening; weekends start late and run on into the night; 02:00-06:00
 * is quiet), laid out on the real hours of a local day so DST days have 23 or 25 hours.
 */
public final class Rhythm {

    /** Relative volume Monday..Sunday; the mean is 1 so --per-day stays the weekly average. */
    private static final double[] DAY_FACTOR = {0.97, 0.96, 0.98, 0.99, 1.02, 1.05, 1.03};

    private static final double[] WEEKDAY_HOURS = {
        2.2, 1.2, 0.6, 0.35, 0.3, 0.45, 1.2, 2.8, 3.8, 4.0, 4.2, 4.5, 5.2, 5.0, 4.7, 4.8, 5.3, 5.8,
        6.0, 6.8, 7.6, 7.9, 6.5, 4.2
    };

    private static final double[] WEEKEND_HOURS = {
        3.6, 2.4, 1.3, 0.7, 0.45, 0.4, 0.6, 1.1, 2.0, 3.2, 4.4, 5.0, 5.4, 5.4, 5.3, 5.3, 5.4, 5.6,
        5.7, 6.4, 7.2, 7.6, 6.9, 5.3
    };

    private Rhythm() {}

    /** Volume factor of a weekday (mean 1 over the week). */
    public static double dayFactor(DayOfWeek day) {
        return DAY_FACTOR[day.getValue() - 1];
    }

    /** Relative posting weight of a local hour on a given weekday. */
    public static double hourWeight(DayOfWeek day, int hour) {
        boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
        return (weekend ? WEEKEND_HOURS : WEEKDAY_HOURS)[hour];
    }

    /**
     * The real hours of one local day and the share of the day's posts in each.
     *
     * @param start slot start, epoch ms
     * @param end slot end (exclusive), epoch ms
     * @param share share of the day's posts in the slot (sums to 1)
     * @param cumulative running sum of {@code share}, for sampling
     */
    public record DaySlots(long[] start, long[] end, double[] share, double[] cumulative) {

        /** Number of real hours in the day (23, 24 or 25). */
        public int size() {
            return start.length;
        }

        /** First instant of the day, epoch ms. */
        public long dayStart() {
            return start[0];
        }

        /** First instant of the next day, epoch ms. */
        public long dayEnd() {
            return end[end.length - 1];
        }

        /** A random instant following the rhythm. */
        public long sampleTime(SplittableRandom r) {
            int i = Arrays.binarySearch(cumulative, r.nextDouble());
            i = Math.min(i >= 0 ? i + 1 : -i - 1, start.length - 1);
            return start[i] + (long) (r.nextDouble() * (end[i] - start[i]));
        }
    }

    /** The hour slots of {@code date} in {@code zone}. */
    public static DaySlots slots(LocalDate date, ZoneId zone) {
        long dayStart = date.atStartOfDay(zone).toInstant().toEpochMilli();
        long dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        int n = (int) ((dayEnd - dayStart + 3_599_999L) / 3_600_000L);
        long[] start = new long[n];
        long[] end = new long[n];
        double[] share = new double[n];
        double[] cumulative = new double[n];
        double total = 0;
        DayOfWeek dow = date.getDayOfWeek();
        for (int i = 0; i < n; i++) {
            start[i] = dayStart + i * 3_600_000L;
            end[i] = Math.min(dayEnd, start[i] + 3_600_000L);
            int hour = Instant.ofEpochMilli(start[i]).atZone(zone).getHour();
            share[i] = hourWeight(dow, hour) * (end[i] - start[i]) / 3_600_000.0;
            total += share[i];
        }
        double run = 0;
        for (int i = 0; i < n; i++) {
            share[i] /= total;
            run += share[i];
            cumulative[i] = run;
        }
        cumulative[n - 1] = 1.0;
        return new DaySlots(start, end, share, cumulative);
    }
}
