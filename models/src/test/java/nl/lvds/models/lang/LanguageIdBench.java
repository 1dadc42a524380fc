package nl.lvds.models.lang;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Benchmark main: posts per CPU-second on one thread for {@link LanguageId} and for the optimaize
 * reference, over the same posts (the labelled set, cycled). Not a unit test: speed is printed,
 * never asserted.
 *
 * <p>Args: [seconds per measurement, default 5].
 */
public final class LanguageIdBench {

    private LanguageIdBench() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        List<LangIdCases.Case> cases = LangIdCases.load();
        String[] posts = cases.stream().map(LangIdCases.Case::text).toArray(String[]::new);
        long chars = 0;
        for (String p : posts) {
            chars += p.length();
        }
        System.out.printf(
                "%d posts, mean %.0f chars; one thread, per CPU-second; %s%n",
                posts.length, (double) chars / posts.length, System.getProperty("java.vm.name"));

        LanguageId ours = LanguageId.get();
        OptimaizeReference ref = new OptimaizeReference();
        // warm both up before measuring either, so JIT order does not favour one
        measure(ours::detect, posts, seconds / 2);
        measure(ref::detect, posts, seconds / 2);
        double a = measure(ours::detect, posts, seconds);
        double b = measure(ref::detect, posts, seconds);
        System.out.printf("LanguageId:    %,12.0f posts/s  (%.2f us/post)%n", a, 1e6 / a);
        System.out.printf("optimaize 0.6: %,12.0f posts/s  (%.2f us/post)%n", b, 1e6 / b);
    }

    /**
     * Posts per second of this thread's CPU time (not wall time): the machine is shared with other
     * builds, and CPU time keeps the two figures comparable when it is busy.
     */
    private static double measure(UnaryOperator<String> f, String[] posts, double seconds) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long budget = (long) (seconds * 1e9);
        long n = 0;
        int sink = 0;
        long start = mx.getCurrentThreadCpuTime();
        long used;
        do {
            for (String p : posts) {
                sink += f.apply(p).length();
            }
            n += posts.length;
            used = mx.getCurrentThreadCpuTime() - start;
        } while (used < budget);
        if (sink == 42) {
            System.out.print("");
        }
        return n / (used / 1e9);
    }
}
