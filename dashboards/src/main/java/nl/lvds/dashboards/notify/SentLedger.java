package nl.lvds.dashboards.notify;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import nl.lvds.models.event.Alert;

/**
 * The persistent record of deliveries already made: one line per (alert record, target) in an
 * append-only, fsync'ed file ({@code sent.log} in the state dir), with the group level the target
 * was told. An alert record is keyed by its group id and update ({@link #key(Alert)}), so each
 * update of a group is its own delivery and a replayed record is never sent twice. Together with
 * committing Kafka offsets only after delivery this makes delivery at-least-once with duplicates
 * suppressed: the only window for a repeat is a crash between the SMTP/HTTP success and the ledger
 * append.
 *
 * <p>Line format: {@code key TAB target [TAB level]}; lines without a level (written before groups
 * existed) count as a delivery at watch level.
 */
public final class SentLedger implements AutoCloseable {

    /** The file name in the state dir. */
    public static final String FILE = "sent.log";

    private final Set<String> sent = new HashSet<>();
    private final Map<String, Integer> toldLevel = new HashMap<>();
    private final AppendOnlyFile file;

    /** Opens (and loads) the ledger in {@code stateDir}. */
    public SentLedger(Path stateDir) {
        Path p = stateDir.resolve(FILE);
        for (String line : AppendOnlyFile.readLines(p)) {
            String[] f = line.split("\t");
            if (f.length < 2) {
                continue;
            }
            sent.add(f[0] + "\t" + f[1]);
            int level = 0;
            if (f.length > 2) {
                level = Math.max(0, Alert.LEVELS.indexOf(f[2]));
            }
            toldLevel.merge(groupOf(f[0]) + "\t" + f[1], level, Math::max);
        }
        file = new AppendOnlyFile(p);
    }

    /**
     * The delivery key of an alert record: the group id for a group's first record (so a version 1
     * alert keeps its plain id), {@code id#update} for later ones.
     */
    public static String key(Alert a) {
        return a.update() == 0 ? a.id() : a.id() + "#" + a.update();
    }

    private static String groupOf(String key) {
        int i = key.lastIndexOf('#');
        if (i > 0 && i < key.length() - 1) {
            for (int j = i + 1; j < key.length(); j++) {
                if (!Character.isDigit(key.charAt(j))) {
                    return key;
                }
            }
            return key.substring(0, i);
        }
        return key;
    }

    /** Whether this alert record was already delivered to this target. */
    public synchronized boolean contains(Alert a, Target target) {
        return sent.contains(key(a) + "\t" + target.key());
    }

    /**
     * The highest level this target was told about the group {@code groupId} ({@link Alert#LEVELS}
     * index), or -1 when it was told nothing about it.
     */
    public synchronized int toldLevel(String groupId, Target target) {
        return toldLevel.getOrDefault(groupId + "\t" + target.key(), -1);
    }

    /** Records a delivery of an alert record durably (fsync) before returning. */
    public synchronized void record(Alert a, Target target) {
        String k = key(a) + "\t" + target.key();
        if (sent.add(k)) {
            file.append(k + "\t" + a.level());
        }
        toldLevel.merge(
                a.id() + "\t" + target.key(),
                Math.max(0, Alert.LEVELS.indexOf(a.level())),
                Math::max);
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
