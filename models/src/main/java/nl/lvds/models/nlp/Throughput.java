package nl.lvds.models.nlp;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * Times a single-threaded workload over a set of posts for the benchmark mains: a warm-up, then
 * several short rounds, reporting the best and the median round (the machine is shared, so the best
 * round is the closest to the cost of the code itself).
 */
final class Throughput {

    /** Posts and work units (e.g. tokens) per second, in the best and in the median round. */
    record Stats(double bestPostsPerSec, double medianPostsPerSec, double unitsPerPost) {

        double bestMicrosPerPost() {
            return 1e6 / bestPostsPerSec;
        }
    }

    private Throughput() {}

    /**
     * Runs {@code work} over {@code posts} again and again; {@code work} returns the units it
     * produced (tokens, or anything to keep the JIT from dropping the work).
     */
    static Stats measure(String[] posts, ToLongFunction<String> work, int rounds) {
        long sink = 0;
        long until = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < until) {
            for (String p : posts) {
                sink += work.applyAsLong(p);
            }
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] rates = new double[rounds];
        long units = 0;
        long done = 0;
        for (int r = 0; r < rounds; r++) {
            long start = mx.getCurrentThreadCpuTime();
            long end = start + 300_000_000L;
            long now;
            long roundPosts = 0;
            do {
                for (String p : posts) {
                    units += work.applyAsLong(p);
                }
                roundPosts += posts.length;
                now = mx.getCurrentThreadCpuTime();
            } while (now < end);
            done += roundPosts;
            rates[r] = roundPosts / ((now - start) / 1e9);
        }
        Arrays.sort(rates);
        if (sink == 42) {
            System.out.print(""); // keeps the warm-up results alive
        }
        return new Stats(rates[rounds - 1], rates[rounds / 2], (double) units / done);
    }
}
