package nl.lvds.dashboards.notify;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The persistent record of (alert id, target) pairs already delivered: one line per delivery in an
 * append-only, fsync'ed file ({@code sent.log} in the state dir). Together with committing Kafka
 * offsets only after delivery this makes delivery at-least-once with duplicates suppressed: the
 * only window for a repeat is a crash between the SMTP/HTTP success and the ledger append.
 */
public final class SentLedger implements AutoCloseable {

    /** The file name in the state dir. */
    public static final String FILE = "sent.log";

    private final Set<String> sent = new HashSet<>();
    private final AppendOnlyFile file;

    /** Opens (and loads) the ledger in {@code stateDir}. */
    public SentLedger(Path stateDir) {
        Path p = stateDir.resolve(FILE);
        for (String line : AppendOnlyFile.readLines(p)) {
            sent.add(line);
        }
        file = new AppendOnlyFile(p);
    }

    private static String key(String alertId, Target target) {
        return alertId + "\t" + target.key();
    }

    /** Whether this alert was already delivered to this target. */
    public synchronized boolean contains(String alertId, Target target) {
        return sent.contains(key(alertId, target));
    }

    /** Records a delivery durably (fsync) before returning. */
    public synchronized void record(String alertId, Target target) {
        String k = key(alertId, target);
        if (sent.add(k)) {
            file.append(k);
        }
    }

    /** Number of recorded deliveries. */
    public synchronized int size() {
        return sent.size();
    }

    @Override
    public void close() {
        file.close();
    }
}
