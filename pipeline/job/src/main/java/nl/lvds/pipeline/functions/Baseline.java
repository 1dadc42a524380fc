package nl.lvds.pipeline.functions;

/**
 * A cell's recent history of signal counts per 15-minute slot, for hour-of-day-aware baselines: a
 * ring of {@code (days + 2) × 96} counts (slot = bucket start / 15 min). A Flink POJO held in keyed
 * state, about 11 KiB for 28 days.
 *
 * <p>Slots are filled as buckets complete, in event-time order; a slot before the first one ever
 * filled is unknown (the cell may have been active before the job saw it), a later slot that was
 * never filled is a silent 15 minutes (0). A baseline sample is one earlier day's count for the
 * same time-of-day window; samples that reach before the first slot are skipped.
 */
public class Baseline {

    private long firstSlot;
    private long lastSlot;
    private int[] counts;

    /** For Flink. */
    public Baseline() {}

    /** An empty history able to serve baselines over {@code days} earlier days. */
    public static Baseline create(int days) {
        Baseline b = new Baseline();
        b.counts = new int[(days + 2) * Buckets.PER_DAY];
        b.firstSlot = Long.MAX_VALUE;
        b.lastSlot = Long.MIN_VALUE;
        return b;
    }

    /** Records the signal count of the bucket in {@code slot}, replacing any earlier value. */
    public void record(long slot, int signals) {
        int n = counts.length;
        if (lastSlot == Long.MIN_VALUE) {
            firstSlot = slot;
            lastSlot = slot;
        } else if (slot > lastSlot) {
            // zero the slots skipped since the last one (silence), at most one full ring
            long gap = Math.min(slot - lastSlot - 1, n);
            for (long s = slot - gap; s < slot; s++) {
                counts[(int) Math.floorMod(s, (long) n)] = 0;
            }
            lastSlot = slot;
        } else if (slot <= lastSlot - n) {
            return; // older than the ring holds
        }
        firstSlot = Math.min(firstSlot, slot);
        counts[(int) Math.floorMod(slot, (long) n)] = signals;
    }

    /** End (exclusive, epoch ms) of the last slot recorded; {@code Long.MIN_VALUE} when empty. */
    public long lastActivityEnd() {
        return lastSlot == Long.MIN_VALUE ? Long.MIN_VALUE : (lastSlot + 1) * Buckets.SIZE_MS;
    }

    /**
     * Baseline of a window of {@code width} slots ending (exclusive) at slot {@code endSlot}: its
     * count on each of the {@code days} earlier days at the same time of day.
     *
     * @return the statistics, or null with fewer than {@code minDays} usable samples
     */
    public Stats stats(long endSlot, int width, int days, int minDays) {
        int n = counts.length;
        long oldestHeld = Math.max(firstSlot, lastSlot - n + 1);
        int samples = 0;
        double sum = 0;
        double sumSq = 0;
        long total = 0;
        for (int d = 1; d <= days; d++) {
            long end = endSlot - (long) d * Buckets.PER_DAY;
            long start = end - width;
            if (start < oldestHeld) {
                break; // earlier days reach further back
            }
            long x = 0;
            long stop = Math.min(end, lastSlot + 1);
            int i = (int) Math.floorMod(start, (long) n); // one modulo per sample, not per slot
            for (long s = start; s < stop; s++) {
                x += counts[i];
                if (++i == n) {
                    i = 0;
                }
            }
            samples++;
            sum += x;
            sumSq += (double) x * x;
            total += x;
        }
        if (samples < minDays) {
            return null;
        }
        double mean = sum / samples;
        double variance = Math.max(0.0, sumSq / samples - mean * mean);
        return new Stats(mean, Math.sqrt(variance), samples, total);
    }

    /**
     * The per-day samples behind {@link #stats}: {@code [i]} is the count of the window of {@code
     * width} slots ending at {@code endSlot} {@code i + 1} days earlier, as far back as the history
     * reaches (at most {@code days}).
     */
    public int[] samples(long endSlot, int width, int days) {
        int n = counts.length;
        long oldestHeld = Math.max(firstSlot, lastSlot - n + 1);
        int[] out = new int[days];
        int samples = 0;
        for (int d = 1; d <= days; d++) {
            long end = endSlot - (long) d * Buckets.PER_DAY;
            long start = end - width;
            if (start < oldestHeld) {
                break;
            }
            long x = 0;
            long stop = Math.min(end, lastSlot + 1);
            int i = (int) Math.floorMod(start, (long) n);
            for (long s = start; s < stop; s++) {
                x += counts[i];
                if (++i == n) {
                    i = 0;
                }
            }
            out[samples++] = (int) Math.min(Integer.MAX_VALUE, x);
        }
        return java.util.Arrays.copyOf(out, samples);
    }

    /**
     * Baseline statistics over the samples.
     *
     * @param mean mean count
     * @param std population standard deviation
     * @param samples number of earlier days used
     * @param total sum of the samples (signals behind the baseline)
     */
    public record Stats(double mean, double std, int samples, long total) {}

    // -------------------------------------------------------------- POJO accessors

    /** For the serializer. */
    public long getFirstSlot() {
        return firstSlot;
    }

    /** For the serializer. */
    public void setFirstSlot(long firstSlot) {
        this.firstSlot = firstSlot;
    }

    /** For the serializer. */
    public long getLastSlot() {
        return lastSlot;
    }

    /** For the serializer. */
    public void setLastSlot(long lastSlot) {
        this.lastSlot = lastSlot;
    }

    /** For the serializer. */
    public int[] getCounts() {
        return counts;
    }

    /** For the serializer. */
    public void setCounts(int[] counts) {
        this.counts = counts;
    }
}
