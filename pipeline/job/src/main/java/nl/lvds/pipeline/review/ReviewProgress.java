package nl.lvds.pipeline.review;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The review's progress on stderr: one bar per stage, each with its count, rate and, once the
 * stage's total is known, percentage and ETA. In batch mode the stages run one after the other:
 * classification (signals; total from the input scan), windowing (the 15-minute buckets the
 * indicator stage has moved past, out of the buckets the bucket stage emitted, with the indicators
 * written so far), the alert rules (indicators evaluated, out of those passed to them) and the
 * writing of the sorted outputs. The bar moves to the latest stage that has started.
 */
final class ReviewProgress implements AutoCloseable {

    /**
     * A stage.
     *
     * @param task the bar's name
     * @param unit the unit counted, with a leading space
     * @param done work done
     * @param total the total, negative while unknown
     * @param started whether the stage has begun
     * @param extra a count shown after the bar (may be null)
     * @param extraUnit the unit of {@code extra}, with a leading space
     */
    record Stage(
            String task,
            String unit,
            LongSupplier done,
            LongSupplier total,
            BooleanSupplier started,
            LongSupplier extra,
            String extraUnit) {

        /** A stage without a note. */
        Stage(
                String task,
                String unit,
                LongSupplier done,
                LongSupplier total,
                BooleanSupplier started) {
            this(task, unit, done, total, started, null, null);
        }
    }

    private final PrintStream log;
    private final List<Stage> stages;
    private final Thread poller;
    private volatile boolean running = true;
    private int current;
    private ProgressBar bar;

    ReviewProgress(PrintStream log, List<Stage> stages) {
        this.log = log;
        this.stages = List.copyOf(stages);
        bar = bar(this.stages.get(0));
        poller =
                new Thread(
                        () -> {
                            while (running) {
                                tick();
                                try {
                                    Thread.sleep(250);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        },
                        "lvds-review-progress");
        poller.setDaemon(true);
        poller.start();
    }

    private synchronized void tick() {
        if (!running) {
            return;
        }
        advance();
        update(stages.get(current));
    }

    /** Moves to the last stage that has begun, closing the finished stage's bar. */
    private void advance() {
        int latest = current;
        for (int i = current + 1; i < stages.size(); i++) {
            if (stages.get(i).started().getAsBoolean()) {
                latest = i;
            }
        }
        if (latest != current) {
            update(stages.get(current)); // the finished stage's last figures
            bar.close();
            current = latest;
            bar = bar(stages.get(current));
        }
    }

    private void update(Stage s) {
        long total = s.total().getAsLong();
        long done = s.done().getAsLong();
        if (total >= 0) {
            bar.maxHint(Math.max(total, done));
        }
        bar.stepTo(done);
        if (s.extra() != null) {
            bar.setExtraMessage(
                    String.format(Locale.ROOT, " %,d%s", s.extra().getAsLong(), s.extraUnit()));
        }
    }

    private ProgressBar bar(Stage s) {
        return new ProgressBarBuilder()
                .setTaskName(s.task())
                .setInitialMax(-1)
                .setUnit(s.unit(), 1)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(log))
                .build();
    }

    @Override
    public void close() throws InterruptedException {
        synchronized (this) {
            running = false;
        }
        poller.interrupt();
        poller.join(2_000);
        synchronized (this) {
            advance(); // a short last stage may have begun and ended since the last tick
            update(stages.get(current));
            bar.close();
        }
    }
}
