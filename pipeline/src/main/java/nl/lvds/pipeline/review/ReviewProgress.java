package nl.lvds.pipeline.review;

import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The review's progress on stderr: signals classified so far, rate and ETA. The total is unknown
 * until the input scan has counted the records; until then the bar shows count and rate only. In
 * batch mode classification comes first; the windows and indicators are built after it (the bar
 * says so), so the ETA covers the first stage only.
 */
final class ReviewProgress implements AutoCloseable {

    private final ProgressBar bar;
    private final Thread poller;
    private volatile boolean running = true;

    ReviewProgress(PrintStream log, LongSupplier done, CompletableFuture<InputScan.Result> scan) {
        bar =
                new ProgressBarBuilder()
                        .setTaskName("review")
                        .setInitialMax(-1)
                        .setUnit(" signals", 1)
                        .showSpeed()
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(500)
                        .setConsumer(new ConsoleProgressBarConsumer(log))
                        .build();
        poller =
                new Thread(
                        () -> {
                            boolean totalKnown = false;
                            while (running) {
                                if (!totalKnown
                                        && scan.isDone()
                                        && !scan.isCompletedExceptionally()) {
                                    bar.maxHint(scan.join().records("signals"));
                                    totalKnown = true;
                                }
                                long n = done.getAsLong();
                                bar.stepTo(n);
                                if (totalKnown && n >= scan.join().records("signals")) {
                                    // batch: the keyed stages (sorted by cell) run after this
                                    bar.setExtraMessage(" classified; building windows …");
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

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.interrupt();
        poller.join(2_000);
        bar.close();
    }
}
