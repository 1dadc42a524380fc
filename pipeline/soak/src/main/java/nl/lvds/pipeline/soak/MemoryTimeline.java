package nl.lvds.pipeline.soak;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Memory of every process over time, and whether it stayed flat.
 *
 * <p><b>The verdict.</b> Per process and figure (heap after GC; resident set size), over the
 * samples of the run: the median of the first and of the last third, and the least-squares slope
 * over the second half in MiB per minute. A figure is <i>flat</i> when the second-half slope is
 * below {@value #FLAT_MIB_PER_MINUTE} MiB/min (60 MiB an hour) or the last third's median is no
 * higher than the first third's; otherwise <i>growing</i>. Fewer than {@value #MIN_SAMPLES}
 * samples: <i>too short</i>. Heap after GC is the leak figure; RSS also grows while a JVM commits
 * heap up to its maximum, so it is reported with the same rule but does not make the overall
 * verdict.
 */
final class MemoryTimeline {

    static final double FLAT_MIB_PER_MINUTE = 1.0;
    static final int MIN_SAMPLES = 6;
    static final int MIN_GCS = 3;

    /** One sample of one process. */
    record Sample(long epochMs, String process, long pid, MemoryProbe.Reading reading) {}

    /** The summary of one figure of one process. */
    record Trend(
            int samples,
            double first,
            double firstThirdMedian,
            double lastThirdMedian,
            double max,
            double slopeSecondHalfMiBPerMin,
            String verdict) {

        void put(ObjectNode o) {
            o.put("samples", samples);
            o.put("firstMiB", round1(first));
            o.put("firstThirdMedianMiB", round1(firstThirdMedian));
            o.put("lastThirdMedianMiB", round1(lastThirdMedian));
            o.put("maxMiB", round1(max));
            o.put(
                    "slopeSecondHalfMiBPerMinute",
                    Math.round(slopeSecondHalfMiBPerMin * 1000) / 1000.0);
            o.put("verdict", verdict);
        }
    }

    private final List<Sample> samples = new ArrayList<>();

    synchronized void add(Sample s) {
        samples.add(s);
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** Process names in the order they were first sampled. */
    synchronized List<String> processes() {
        return samples.stream().map(Sample::process).distinct().toList();
    }

    /** The latest reading of a process, or null. */
    synchronized MemoryProbe.Reading latest(String process) {
        for (int i = samples.size() - 1; i >= 0; i--) {
            if (samples.get(i).process().equals(process)) {
                return samples.get(i).reading();
            }
        }
        return null;
    }

    /** The heap-after-GC trend of a process (samples before its first GC are left out). */
    Trend heapTrend(String process) {
        return trend(process, true);
    }

    /** The RSS trend of a process. */
    Trend rssTrend(String process) {
        return trend(process, false);
    }

    private synchronized Trend trend(String process, boolean heap) {
        List<double[]> pts = new ArrayList<>();
        long firstGcs = -1;
        long lastGcs = -1;
        for (Sample s : samples) {
            if (s.process().equals(process)) {
                firstGcs = firstGcs < 0 ? s.reading().gcs() : firstGcs;
                lastGcs = s.reading().gcs();
            }
        }
        for (Sample s : samples) {
            if (!s.process().equals(process)) {
                continue;
            }
            double v = heap ? s.reading().heapAfterGcMiB() : s.reading().rssMiB();
            if (v >= 0) {
                pts.add(new double[] {s.epochMs() / 60_000.0, v});
            }
        }
        Trend t = trend(pts);
        if (heap && t.samples() > 0 && lastGcs - firstGcs < MIN_GCS) {
            // the same few values repeated say nothing about a trend
            return new Trend(
                    t.samples(),
                    t.first(),
                    t.firstThirdMedian(),
                    t.lastThirdMedian(),
                    t.max(),
                    t.slopeSecondHalfMiBPerMin(),
                    "too few GCs");
        }
        return t;
    }

    /** The trend of (minute, MiB) points in time order. */
    static Trend trend(List<double[]> pts) {
        int n = pts.size();
        if (n == 0) {
            return new Trend(0, -1, -1, -1, -1, 0, "no data");
        }
        double[] v = pts.stream().mapToDouble(p -> p[1]).toArray();
        double max = Arrays.stream(v).max().orElse(-1);
        int third = Math.max(1, n / 3);
        double firstMed = median(Arrays.copyOfRange(v, 0, third));
        double lastMed = median(Arrays.copyOfRange(v, n - third, n));
        double slope = slope(pts.subList(n / 2, n));
        String verdict;
        if (n < MIN_SAMPLES) {
            verdict = "too short";
        } else if (slope < FLAT_MIB_PER_MINUTE || lastMed <= firstMed) {
            verdict = "flat";
        } else {
            verdict = "growing";
        }
        return new Trend(n, v[0], firstMed, lastMed, max, slope, verdict);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** Least-squares slope of (x, y) points; 0 for fewer than two distinct x. */
    static double slope(List<double[]> pts) {
        int n = pts.size();
        if (n < 2) {
            return 0;
        }
        double mx = pts.stream().mapToDouble(p -> p[0]).average().orElse(0);
        double my = pts.stream().mapToDouble(p -> p[1]).average().orElse(0);
        double num = 0;
        double den = 0;
        for (double[] p : pts) {
            num += (p[0] - mx) * (p[1] - my);
            den += (p[0] - mx) * (p[0] - mx);
        }
        return den == 0 ? 0 : num / den;
    }

    /** Writes the timeline as CSV (one row per process and sample). */
    synchronized void writeCsv(Path file, long startMs) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(
                    "epochMs,elapsedSeconds,process,pid,rssMiB,heapAfterGcMiB,heapCapacityMiB,gcs\n");
            for (Sample s : samples) {
                MemoryProbe.Reading r = s.reading();
                w.write(
                        String.format(
                                Locale.ROOT,
                                "%d,%.1f,%s,%d,%.1f,%.1f,%.1f,%d%n",
                                s.epochMs(),
                                (s.epochMs() - startMs) / 1000.0,
                                s.process(),
                                s.pid(),
                                r.rssMiB(),
                                r.heapAfterGcMiB(),
                                r.heapCapacityMiB(),
                                r.gcs()));
            }
        }
    }

    /** Per process: both trends; returns whether every heap is flat. */
    synchronized boolean put(ObjectNode json, long startMs) {
        boolean allFlat = true;
        Map<String, List<Sample>> byProcess = new LinkedHashMap<>();
        for (Sample s : samples) {
            byProcess.computeIfAbsent(s.process(), k -> new ArrayList<>()).add(s);
        }
        var arr = json.putArray("timeline");
        for (Sample s : samples) {
            ObjectNode o = arr.addObject();
            o.put("t", Math.round((s.epochMs() - startMs) / 100.0) / 10.0);
            o.put("process", s.process());
            o.put("rssMiB", round1(s.reading().rssMiB()));
            o.put("heapAfterGcMiB", round1(s.reading().heapAfterGcMiB()));
        }
        ObjectNode per = json.putObject("processes");
        for (String p : byProcess.keySet()) {
            ObjectNode o = per.putObject(p);
            o.put("pid", byProcess.get(p).get(0).pid());
            Trend h = heapTrend(p);
            h.put(o.putObject("heapAfterGc"));
            rssTrend(p).put(o.putObject("rss"));
            allFlat &= !h.verdict().equals("growing");
        }
        json.put("noHeapGrowing", allFlat);
        json.put(
                "rule",
                "flat: second-half least-squares slope < "
                        + FLAT_MIB_PER_MINUTE
                        + " MiB/min, or last-third median <= first-third median");
        return allFlat;
    }

    static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
