package nl.lvds.pipeline.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Facts about the machine a benchmark runs on, and its load average at a moment. */
public final class Machine {

    private Machine() {}

    /**
     * The 1, 5 and 15 minute load averages ({@code /proc/loadavg}; elsewhere the JVM's 1 minute
     * figure three times, or -1 when unknown).
     */
    public static double[] loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {
                Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])
            };
        } catch (IOException | RuntimeException e) {
            double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return new double[] {one, one, one};
        }
    }

    /** The 1 minute load average, rounded to two decimals. */
    public static double load1() {
        return Math.round(loadAverage()[0] * 100) / 100.0;
    }

    /** Writes the machine facts into {@code json}. */
    public static void describe(ObjectNode json) {
        json.put("date", Instant.now().toString());
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("java", System.getProperty("java.version"));
        json.put("javaVm", System.getProperty("java.vm.name"));
        json.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        json.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    json.put("cpu", line.substring(line.indexOf(':') + 1).trim());
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    json.put("memoryMiB", Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the facts above suffice
        }
    }

    /** The load averages as a JSON array. */
    public static void putLoad(ObjectNode json, String field) {
        var a = json.putArray(field);
        for (double d : loadAverage()) {
            a.add(Math.round(d * 100) / 100.0);
        }
    }
}
