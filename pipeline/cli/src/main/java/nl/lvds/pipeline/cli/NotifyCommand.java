package nl.lvds.pipeline.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import nl.lvds.dashboards.briefing.BriefingScheduler;
import nl.lvds.dashboards.briefing.BriefingService;
import nl.lvds.dashboards.briefing.KafkaBriefingSource;
import nl.lvds.dashboards.notify.ChannelSender;
import nl.lvds.dashboards.notify.Notifier;
import nl.lvds.dashboards.notify.NotifierConfig;
import nl.lvds.models.config.LvdsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lvds notify}: runs the alert notifier and the morning-briefing scheduler until Ctrl-C. */
@Command(
        name = "notify",
        mixinStandardHelpOptions = true,
        description = {
            "Run the alert notifier and the morning-briefing scheduler until Ctrl-C.",
            "Consumes lvds.alerts and mails/posts them per subscription (at least once, no"
                    + " repeats across restarts); sends the briefing at the configured local time."
        })
final class NotifyCommand implements Callable<Integer> {

    @Option(names = "--config", description = "Notifier config (default: config/notifier.yaml).")
    Path config;

    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (overrides the config).")
    String bootstrap;

    @Override
    public Integer call() throws Exception {
        NotifierConfig c = loadConfig(config, bootstrap);
        Clock clock = Clock.systemUTC();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ChannelSender sender = new ChannelSender(c, clock);
        Notifier notifier = new Notifier(c, sender, clock, Thread::sleep, registry);
        BriefingScheduler scheduler =
                new BriefingScheduler(
                        c.briefing().localTime(),
                        c.zone(),
                        c.statePath(),
                        clock,
                        Thread::sleep,
                        new BriefingService(
                                c, new KafkaBriefingSource(c.kafka()), sender, notifier));
        CountDownLatch done = new CountDownLatch(1);
        Thread notifierThread =
                new Thread(
                        () -> {
                            try {
                                notifier.run();
                            } catch (RuntimeException e) {
                                System.err.println("lvds notify: notifier stopped: " + e);
                            } finally {
                                done.countDown();
                            }
                        },
                        "lvds-notifier");
        Thread schedulerThread = new Thread(scheduler, "lvds-briefing");
        schedulerThread.setDaemon(true);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    scheduler.stop();
                                    schedulerThread.interrupt();
                                    notifier.stop();
                                    try {
                                        done.await();
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                    notifier.close();
                                }));
        notifierThread.start();
        if (c.briefing().enabled()) {
            schedulerThread.start();
        }
        System.err.printf(
                "lvds notify: %d subscription(s), alerts from %s at %s; briefing %s at %s %s;"
                        + " state in %s. Ctrl-C to stop.%n",
                c.subscriptions().size(),
                c.kafka().alertsTopic(),
                c.kafka().bootstrapServers(),
                c.briefing().enabled() ? "on" : "off",
                c.briefing().time(),
                c.zone(),
                c.statePath().toAbsolutePath());
        done.await();
        return 0;
    }

    /**
     * The config file (or config/notifier.yaml, or built-in defaults with the shipped
     * config/lvds.yaml), with a broker override.
     */
    static NotifierConfig loadConfig(Path file, String bootstrap) {
        Path f = file;
        if (f == null) {
            Path d = Paths.home().resolve("config/notifier.yaml");
            f = Files.exists(d) ? d : null;
        }
        NotifierConfig c;
        if (f != null) {
            c = NotifierConfig.load(f);
        } else {
            Path pipeline = Paths.home().resolve("config/lvds.yaml");
            c =
                    NotifierConfig.parse(
                            "timeZone: Europe/Amsterdam\n",
                            "built-in defaults",
                            Files.exists(pipeline)
                                    ? LvdsConfig.load(pipeline)
                                    : LvdsConfig.defaults());
        }
        if (bootstrap != null) {
            c =
                    new NotifierConfig(
                            c.timeZone(),
                            c.stateDir(),
                            c.dashboardUrl(),
                            c.kafka().withBootstrapServers(bootstrap),
                            c.smtp(),
                            c.webhooks(),
                            c.subscriptions(),
                            c.briefing(),
                            c.delivery(),
                            c.pipelineConfig());
        }
        return c;
    }
}
