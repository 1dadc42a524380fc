package nl.lvds.pipeline.review;

import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The review's progress on stderr, in two stages. First the signals classified so far, rate and ETA
 * (the total is unknown until the input scan has counted the records; until then the bar shows
 * count and rate only). In batch mode the keyed stages (buckets, windows, indicators, alerts) run
 * after classification, cell by cell; once every signal is classified a second bar shows the
 * indicators written so far and their rate. Their total is not known in advance (it depends on how
 * many cells were active when), so that bar has no ETA.
 */
final class ReviewProgress implements AutoCloseable {

    private final PrintStream log;
    private final Thread poller;
    private volatile boolean running = true;
    private ProgressBar bar;

    ReviewProgress(
            PrintStream log,
            LongSupplier classified,
            LongSupplier indicators,
            CompletableFuture<InputScan.Result> scan) {
        this.log = log;
        bar = bar("review", " signals");
        poller =
                new Thread(
                        () -> {
                            boolean totalKnown = false;
                            boolean windows = false;
                            while (running) {
                                if (!totalKnown
                                        && scan.isDone()
                                        && !scan.isCompletedExceptionally()) {
                                    bar.maxHint(scan.join().records("signals"));
                                    totalKnown = true;
                                }
                                if (!windows) {
                                    long n = classified.getAsLong();
                                    bar.stepTo(n);
                                    if (totalKnown && n >= scan.join().records("signals")) {
                                        // batch: the keyed stages (sorted by cell) run after this
                                        windows = true;
                                        switchBar();
                                    }
                                } else {
                                    bar.stepTo(indicators.getAsLong());
                                }
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

    private synchronized void switchBar() {
        bar.close();
        bar = bar("windows", " indicators");
    }

    private ProgressBar bar(String task, String unit) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(-1)
                .setUnit(unit, 1)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(log))
                .build();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.interrupt();
        poller.join(2_000);
        synchronized (this) {
            bar.close();
        }
    }
}
