package nl.lvds.pipeline.soak;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The memory of one process, read from outside: resident set size from {@code /proc/PID/status} and
 * heap after GC from the JVM's GC log ({@code -Xlog:gc}: every pause line ends {@code
 * before->after(capacity)}). For this JVM itself heap after GC comes from its own GC notifications.
 */
final class MemoryProbe {

    /** {@code GC(12) Pause Young (Normal) (G1 Evacuation Pause) 123M->45M(256M) 3.456ms}. */
    static final Pattern PAUSE =
            Pattern.compile("GC\\(\\d+\\) Pause.* (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    /** One reading; -1 where unknown. */
    record Reading(double rssMiB, double heapAfterGcMiB, double heapCapacityMiB, long gcs) {}

    private final long pid;
    private final Path gcLog;
    private final boolean self;
    private long offset;
    private volatile double lastAfter = -1;
    private double lastCapacity = -1;
    private long gcs;
    private final StringBuilder partial = new StringBuilder();

    private MemoryProbe(long pid, Path gcLog, boolean self) {
        this.pid = pid;
        this.gcLog = gcLog;
        this.self = self;
    }

    /** A child JVM with a GC log. */
    static MemoryProbe of(long pid, Path gcLog) {
        return new MemoryProbe(pid, gcLog, false);
    }

    /** This JVM: heap after GC from the JVM's own GC notifications. */
    static MemoryProbe self() {
        MemoryProbe p = new MemoryProbe(ProcessHandle.current().pid(), null, true);
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        NotificationListener l =
                (n, handback) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                            n.getType())) {
                        return;
                    }
                    GcInfo info =
                            GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData())
                                    .getGcInfo();
                    long used = 0;
                    long committed = 0;
                    for (Map.Entry<String, MemoryUsage> e :
                            info.getMemoryUsageAfterGc().entrySet()) {
                        if (heapPools.contains(e.getKey())) {
                            used += e.getValue().getUsed();
                            committed += e.getValue().getCommitted();
                        }
                    }
                    synchronized (p) {
                        p.lastAfter = used / 1048576.0;
                        p.lastCapacity = committed / 1048576.0;
                        p.gcs++;
                    }
                };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener(l, null, null);
                p.listeners.add(() -> removeQuietly(e, l));
            }
        }
        return p;
    }

    private static void removeQuietly(NotificationEmitter e, NotificationListener l) {
        try {
            e.removeNotificationListener(l);
        } catch (ListenerNotFoundException gone) {
            // removed already
        }
    }

    private final List<Runnable> listeners = new ArrayList<>();

    /** Stops listening to this JVM's GC notifications. */
    void close() {
        listeners.forEach(Runnable::run);
        listeners.clear();
    }

    long pid() {
        return pid;
    }

    Reading read() {
        double rss = rssMiB(pid);
        synchronized (this) {
            if (!self) {
                readGcLog();
            }
            return new Reading(rss, lastAfter, lastCapacity, gcs);
        }
    }

    /** Reads the lines appended to the GC log since the last call. */
    private void readGcLog() {
        if (gcLog == null || !Files.exists(gcLog)) {
            return;
        }
        try (RandomAccessFile f = new RandomAccessFile(gcLog.toFile(), "r")) {
            long len = f.length();
            if (len < offset) {
                offset = 0; // rotated
            }
            if (len == offset) {
                return;
            }
            byte[] buf = new byte[(int) Math.min(len - offset, 16 << 20)];
            f.seek(offset);
            f.readFully(buf);
            offset += buf.length;
            partial.append(new String(buf, StandardCharsets.UTF_8));
            int nl;
            while ((nl = partial.indexOf("\n")) >= 0) {
                accept(partial.substring(0, nl));
                partial.delete(0, nl + 1);
            }
        } catch (IOException e) {
            // not written yet: next time
        }
    }

    /** Takes one GC log line into account (package-private for the test). */
    void accept(String line) {
        Matcher m = PAUSE.matcher(line);
        if (m.find()) {
            lastAfter = mib(m.group(3), m.group(4));
            lastCapacity = mib(m.group(5), m.group(6));
            gcs++;
        }
    }

    private static double mib(String n, String unit) {
        double v = Double.parseDouble(n);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }

    /** VmRSS of a process in MiB, or -1 (not Linux, or gone). */
    static double rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }
}
