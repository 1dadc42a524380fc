package nl.lvds.dashboards.briefing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.lvds.dashboards.notify.Notifier;

/**
 * Fires the morning briefing once a day at a local time, daylight-saving correct: the fire time is
 * {@code ZonedDateTime.of(date, time, zone)}, so 07:30 is 07:30 on the wall clock in winter and
 * summer, a time that does not exist on the spring-forward night moves forward by the gap, and a
 * time that occurs twice on the fall-back night fires once (at its first occurrence).
 *
 * <p>The end of the last briefing's period is kept in the state dir ({@code last-briefing}); each
 * briefing covers the period since it. A briefing missed while the process was down fires once on
 * the next tick. Time comes from a {@link Clock}, so tests drive it.
 */
public final class BriefingScheduler implements Runnable {

    /** The file in the state dir holding the end of the last briefing's period. */
    public static final String STATE_FILE = "last-briefing";

    /** What the scheduler runs: a briefing for ({@code from}, {@code to}]. */
    @FunctionalInterface
    public interface Job {
        /** Produces and sends the briefing; an exception leaves the last time unchanged. */
        void run(Instant from, Instant to) throws Exception;
    }

    private final LocalTime time;
    private final ZoneId zone;
    private final Path stateFile;
    private final Clock clock;
    private final Job job;
    private final Notifier.Sleeper sleeper;
    private final AtomicBoolean running = new AtomicBoolean(true);

    /** A scheduler at {@code time} in {@code zone}, remembering in {@code stateDir}. */
    public BriefingScheduler(
            LocalTime time,
            ZoneId zone,
            Path stateDir,
            Clock clock,
            Notifier.Sleeper sleeper,
            Job job) {
        this.time = time;
        this.zone = zone;
        this.stateFile = stateDir.resolve(STATE_FILE);
        this.clock = clock;
        this.sleeper = sleeper;
        this.job = job;
    }

    /** The first fire time strictly after {@code after}. */
    public Instant nextFire(Instant after) {
        LocalDate d = after.atZone(zone).toLocalDate().minusDays(1);
        for (int i = 0; i < 4; i++) {
            Instant at = ZonedDateTime.of(d.plusDays(i), time, zone).toInstant();
            if (at.isAfter(after)) {
                return at;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** The end of the last briefing's period, if any briefing was made. */
    public Optional<Instant> lastBriefing() {
        if (!Files.exists(stateFile)) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    Instant.parse(Files.readString(stateFile, StandardCharsets.UTF_8).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Instant firstSeen;

    /**
     * Fires if a briefing is due; returns whether it fired. With no briefing on record, the first
     * one is due at the next fire time after the scheduler first looked, and covers the day before.
     */
    public boolean tick() throws Exception {
        Instant now = clock.instant();
        Optional<Instant> last = lastBriefing();
        if (last.isEmpty() && firstSeen == null) {
            firstSeen = now;
        }
        Instant due = nextFire(last.orElse(firstSeen));
        if (now.isBefore(due)) {
            return false;
        }
        Instant from = last.orElse(due.atZone(zone).minusDays(1).toInstant());
        job.run(from, now);
        save(now);
        return true;
    }

    private void save(Instant t) throws IOException {
        Files.createDirectories(stateFile.toAbsolutePath().getParent());
        Path tmp = stateFile.resolveSibling(STATE_FILE + ".tmp");
        Files.writeString(tmp, t.toString() + "\n", StandardCharsets.UTF_8);
        Files.move(
                tmp,
                stateFile,
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Ticks until {@link #stop()}, sleeping at most a minute at a time; a failing job is retried a
     * minute later.
     */
    @Override
    public void run() {
        while (running.get()) {
            try {
                tick();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                System.err.println("lvds notify: briefing failed, retrying in a minute: " + e);
            }
            Instant now = clock.instant();
            Instant next = nextFire(lastBriefing().orElse(firstSeen == null ? now : firstSeen));
            long wait = Math.max(100, Math.min(60_000, Duration.between(now, next).toMillis()));
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Ends {@link #run()} after the current tick. */
    public void stop() {
        running.set(false);
    }
}
