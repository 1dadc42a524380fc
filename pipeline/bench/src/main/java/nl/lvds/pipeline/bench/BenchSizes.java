package nl.lvds.pipeline.bench;

/**
 * The sizes of a benchmark run. {@link #standard()} finishes in about 10–15 minutes on the 2-core
 * development machine when it is quiet; {@link #quick()} in about a minute (figures from it are
 * noisy: a smoke run, not a measurement).
 *
 * @param modelPasses timed passes over the corpus per models component
 * @param plumbingSignals generated signals read from Kafka by the plumbing floor / full runs
 * @param reviewSignals generated signals in the archive of the review suite
 * @param latencySeconds measured seconds of the latency run (after its warm-up)
 * @param latencyWarmupSeconds seconds of the latency run before measuring starts
 * @param latencyRate signals per second produced during the latency run
 * @param latencySpeed event-time seconds per wall-clock second in the latency run (1 = event times
 *     are now)
 * @param scalingSignals generated signals read by the parallelism 1 and 2 runs
 * @param perDay generated signals per day in every generated archive
 */
public record BenchSizes(
        int modelPasses,
        long plumbingSignals,
        long reviewSignals,
        int latencySeconds,
        int latencyWarmupSeconds,
        int latencyRate,
        double latencySpeed,
        long scalingSignals,
        int perDay) {

    /** Validates the sizes. */
    public BenchSizes {
        if (modelPasses < 1
                || plumbingSignals < 1
                || reviewSignals < 1
                || latencySeconds < 1
                || latencyWarmupSeconds < 0
                || latencyRate < 1
                || !(latencySpeed > 0)
                || scalingSignals < 1
                || perDay < 1) {
            throw new IllegalArgumentException("bench sizes must be positive");
        }
    }

    /** The default sizes: the 1M signals for the plumbing floor. */
    public static BenchSizes standard() {
        return new BenchSizes(5, 1_000_000, 500_000, 90, 45, 5_000, 60, 300_000, 50_000);
    }

    /** A smoke run of about a minute; its figures are not measurements. */
    public static BenchSizes quick() {
        return new BenchSizes(1, 20_000, 20_000, 20, 15, 1_000, 60, 10_000, 5_000);
    }
}
