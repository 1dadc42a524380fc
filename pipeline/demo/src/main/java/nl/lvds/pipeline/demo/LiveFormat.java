package nl.lvds.pipeline.demo;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import nl.lvds.models.event.Alert;
import nl.lvds.pipeline.generate.DayGenerator;

/** Formats the demo's console lines: simulated times, speeds, the running summary, alerts. */
public final class LiveFormat {

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
                    .withZone(DayGenerator.ZONE);
    private static final DateTimeFormatter HOUR_MINUTE =
            DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(DayGenerator.ZONE);

    private LiveFormat() {}

    /** A simulated time as local date and minute (Europe/Amsterdam). */
    public static String simTime(long epochMillis) {
        return MINUTE.format(Instant.ofEpochMilli(epochMillis));
    }

    /** A speed without needless decimals: 60, 1.5. */
    public static String speed(double speed) {
        return speed == Math.rint(speed)
                ? Long.toString((long) speed)
                : String.format(Locale.ROOT, "%.2f", speed);
    }

    /**
     * One alert group record on one line: level, status, kind and test, the leading cell, window,
     * observed against expected stories (or copies and authors for a burst), linked incidents.
     */
    public static String alert(Alert a) {
        String why;
        if (Alert.Kind.COORDINATED.equals(a.kind()) && a.copies() != null) {
            why =
                    String.format(
                            Locale.ROOT,
                            ", %d copies%s",
                            a.copies(),
                            a.authors() == null ? "" : " from " + a.authors() + " authors");
        } else if (a.observed() != null && a.expected() != null) {
            why =
                    String.format(
                            Locale.ROOT,
                            ", %d stories vs %.1f expected",
                            a.observed(),
                            a.expected());
        } else {
            why = a.zScore() == null ? "" : String.format(Locale.ROOT, ", z %.1f", a.zScore());
        }
        int cells = a.cells() == null ? 1 : Math.max(1, a.cells().size());
        return String.format(
                Locale.ROOT,
                "%s %s %s/%s in %s (%s)%s, window %s–%s, tension %.0f%s%s",
                a.level().toUpperCase(Locale.ROOT),
                a.status() == null ? Alert.Status.RAISED : a.status(),
                a.kind() == null ? Alert.Kind.EVENT : a.kind(),
                a.rule(),
                a.area(),
                a.topic(),
                cells > 1 ? String.format(Locale.ROOT, " +%d cells", cells - 1) : "",
                simTime(a.windowStart()),
                HOUR_MINUTE.format(Instant.ofEpochMilli(a.windowEnd())),
                a.tensionIndex(),
                why,
                a.incidentIds().isEmpty()
                        ? ""
                        : ", incidents " + String.join(", ", a.incidentIds()));
    }

    /** The running summary line. */
    public static String summary(Demo.Status s, long realSecondsSinceReady) {
        List<Alert> alerts = s.alerts();
        String job =
                s.latestWindowEnd() == Long.MIN_VALUE
                        ? "no indicators yet"
                        : "indicators up to " + simTime(s.latestWindowEnd());
        return String.format(
                Locale.ROOT,
                "[+%ds] sim %s | sent %,d signals, %,d incidents | job %s: %s, %,d indicators,"
                        + " %d alerts%s",
                realSecondsSinceReady,
                simTime(s.simNow()),
                s.signals(),
                s.incidents(),
                s.jobStatus() == null ? "?" : s.jobStatus().name(),
                job,
                s.indicators(),
                alerts.size(),
                alerts.isEmpty() ? "" : " | last: " + alert(alerts.get(alerts.size() - 1)));
    }
}
