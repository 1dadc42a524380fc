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
        OptimaizeReference all = new OptimaizeReference(false);
        OptimaizeReference shortText = new OptimaizeReference(true);
        // warm all up before measuring any, so JIT order does not favour one
        measure(ours::detect, posts, seconds / 2);
        measure(all::detect, posts, seconds / 2);
        measure(shortText::detect, posts, seconds / 2);
        print("LanguageId", measure(ours::detect, posts, seconds));
        print(all.name(), measure(all::detect, posts, seconds));
        print(shortText.name(), measure(shortText::detect, posts, seconds));
        // longer posts: three labelled posts joined (mean ~130 chars), our detector only
        String[] longer = new String[posts.length];
        for (int i = 0; i < posts.length; i++) {
            longer[i] =
                    posts[i]
                            + " "
                            + posts[(i + 1) % posts.length]
                            + " "
                            + posts[(i + 2) % posts.length];
        }
        measure(ours::detect, longer, seconds / 2);
        print("LanguageId, 3 posts joined", measure(ours::detect, longer, seconds));
    }

    private static void print(String name, double postsPerSecond) {
        System.out.printf(
                "%-40s %,10.0f posts/s  (%.2f us/post)%n",
                name, postsPerSecond, 1e6 / postsPerSecond);
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
