package nl.lvds.models.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Benchmark main (test scope): the NLP path of two or more builds of the models classes in one JVM,
 * interleaved on chunks of 1,000 corpus posts, so that every build sees the same machine load (on
 * the shared 2-core machine separate runs a minute apart differ by up to 2x). Prints per build the
 * median posts per CPU-second of the thread over the passes, and the median per-pass ratio of the
 * last build to the first.
 *
 * <p>Each build's {@code classes} folder gets its own class loader; the dependencies come from the
 * class path, which must not hold {@code models/target/classes} itself. From the repository root,
 * with a copy of an older build's classes in {@code /tmp/old-classes}:
 *
 * <pre>
 * mvn -B -o -q -pl models test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp models/target/test-classes:$(cat models/target/cp.txt) \
 *     nl.lvds.models.bench.InterleavedAb /tmp/old-classes,models/target/classes 21 15
 * </pre>
 *
 * Arguments: comma-separated classes folders, passes (default 21), warm-up seconds (default 15),
 * corpus folder (default models/corpus).
 */
public final class InterleavedAb {

    private static final int CHUNK = 1000;

    private InterleavedAb() {}

    public static void main(String[] args) throws Throwable {
        String[] dirs = args[0].split(",");
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 21;
        double warmup = args.length > 2 ? Double.parseDouble(args[2]) : 15;
        Path corpus = Path.of(args.length > 3 ? args[3] : "models/corpus");
        ClassLoader parent = InterleavedAb.class.getClassLoader();
        if (parent.getResource("nl/lvds/models/classify/SignalClassifier.class") != null) {
            throw new IllegalStateException("models/target/classes must not be on the class path");
        }
        List<Consumer<String>> builds = new ArrayList<>();
        List<String> posts = new ArrayList<>();
        for (String d : dirs) {
            URLClassLoader l = new URLClassLoader(new URL[] {Path.of(d).toUri().toURL()}, parent);
            Class<?> sc = l.loadClass("nl.lvds.models.classify.SignalClassifier");
            Object classifier = sc.getMethod("load").invoke(null);
            Class<?> result = l.loadClass("nl.lvds.models.classify.Classification");
            MethodHandle classify =
                    MethodHandles.publicLookup()
                            .findVirtual(
                                    sc, "classify", MethodType.methodType(result, String.class))
                            .bindTo(classifier);
            builds.add(
                    text -> {
                        try {
                            Object unused = classify.invoke(text);
                        } catch (Throwable e) {
                            throw new IllegalStateException(e);
                        }
                    });
            if (posts.isEmpty()) {
                Class<?> cc = l.loadClass("nl.lvds.models.classify.Corpus");
                Object c = cc.getMethod("load", Path.class).invoke(null, corpus);
                for (Object e : (List<?>) cc.getMethod("examples").invoke(c)) {
                    posts.add((String) e.getClass().getMethod("text").invoke(e));
                }
            }
        }
        int k = builds.size();
        long end = System.nanoTime() + (long) (warmup * 1e9);
        while (System.nanoTime() < end) {
            for (Consumer<String> b : builds) {
                posts.forEach(b);
            }
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[][] rate = new double[k][passes];
        for (int p = 0; p < passes; p++) {
            long[] nanos = new long[k];
            for (int c = 0; c < posts.size(); c += CHUNK) {
                List<String> chunk = posts.subList(c, Math.min(posts.size(), c + CHUNK));
                for (int i = 0; i < k; i++) {
                    int b = (i + p + c / CHUNK) % k; // rotate which build goes first
                    long t0 = cpu.getCurrentThreadCpuTime();
                    chunk.forEach(builds.get(b));
                    nanos[b] += cpu.getCurrentThreadCpuTime() - t0;
                }
            }
            for (int b = 0; b < k; b++) {
                rate[b][p] = posts.size() / (nanos[b] / 1e9);
            }
        }
        double[] ratio = new double[passes];
        for (int p = 0; p < passes; p++) {
            ratio[p] = rate[k - 1][p] / rate[0][p];
        }
        for (int b = 0; b < k; b++) {
            double[] r = rate[b].clone();
            Arrays.sort(r);
            System.out.printf(
                    Locale.ROOT,
                    "%-40s median %,8.0f posts/s (min %,.0f, max %,.0f)%n",
                    dirs[b],
                    r[passes / 2],
                    r[0],
                    r[passes - 1]);
        }
        Arrays.sort(ratio);
        System.out.printf(
                Locale.ROOT,
                "last / first, per pass: median %.3f (min %.3f, max %.3f), %d passes of %d posts%n",
                ratio[passes / 2],
                ratio[0],
                ratio[passes - 1],
                passes,
                posts.size());
    }
}
