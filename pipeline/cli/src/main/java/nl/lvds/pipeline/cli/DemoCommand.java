package nl.lvds.pipeline.cli;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import nl.lvds.models.config.ConfigException;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.event.Alert;
import nl.lvds.pipeline.demo.Demo;
import nl.lvds.pipeline.demo.LiveFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lvds demo}: the whole product on this machine, on synthetic data, in one command. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run LVDS on this machine on SYNTHETIC data: Kafka, the live job with the Flink web UI,",
            "and a generated stream in accelerated time, with the Schammenkamp explosion",
            "(7 March 2024 17:31, simulated) about a minute after start-up. Ctrl-C stops everything."
        })
final class DemoCommand implements Callable<Integer> {

    @Option(
            names = "--speed",
            defaultValue = "60",
            description =
                    "Simulated seconds per real second (default ${DEFAULT-VALUE}: one"
                            + " simulated hour per real minute).")
    double speed;

    @Option(
            names = "--port",
            defaultValue = "8080",
            description = "Dashboard port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--flink-ui-port",
            defaultValue = "8081",
            description = "Flink web UI port (default ${DEFAULT-VALUE}).")
    int flinkUiPort;

    @Option(
            names = "--kafka-port",
            defaultValue = "9092",
            description = "Kafka broker port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(
            names = "--data-dir",
            description =
                    "Kafka's data folder (default .lvds-demo/kafka in the LVDS folder);"
                            + " wiped and formatted at every start, kept after stop.")
    Path dataDir;

    @Option(names = "--no-browser", description = "Do not open a browser.")
    boolean noBrowser;

    @Option(
            names = "--per-day",
            defaultValue = "5000",
            description = "Average synthetic signals per simulated day (default ${DEFAULT-VALUE}).")
    int perDay;

    @Option(
            names = "--history-days",
            defaultValue = "3",
            description =
                    "Simulated days of history sent first; they are the demo's baseline"
                            + " (pipeline.baselineDays is lowered to match; default"
                            + " ${DEFAULT-VALUE}; 8 gives the production minimum of 7 baseline"
                            + " days but starts slower).")
    int historyDays;

    @Option(
            names = "--lead",
            defaultValue = "45",
            description =
                    "Real seconds from the end of start-up to the scripted explosion"
                            + " (default ${DEFAULT-VALUE}).")
    int leadSeconds;

    @Option(
            names = "--seed",
            defaultValue = "20240307",
            description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--config",
            description = "The YAML configuration (default config/lvds.yaml in the LVDS folder).")
    Path config;

    @Option(names = "--set", description = "Override a config key, e.g. --set privacy.k=15")
    List<String> overrides = new ArrayList<>();

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        // the JVM's start: what a user waits for includes the JVM and class loading
        long commandStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        LvdsConfig cfg;
        try {
            cfg = loadConfig();
        } catch (ConfigException e) {
            System.err.println("lvds demo: refusing to start: " + e.getMessage());
            return 2;
        }
        Path dir = dataDir != null ? dataDir : Paths.home().resolve(".lvds-demo/kafka");
        Demo.Options options =
                new Demo.Options(
                        dir.toAbsolutePath().normalize(),
                        kafkaPort,
                        flinkUiPort,
                        port,
                        speed,
                        perDay,
                        seed,
                        historyDays,
                        Duration.ofSeconds(leadSeconds),
                        5,
                        cfg);
        out.printf(
                "lvds demo: SYNTHETIC data only (platform \"synthetic\", ids syn-…), never real"
                        + " posts. Speed %s× (%s). Starting ...%n",
                LiveFormat.speed(speed),
                speed == 60 ? "one simulated hour per real minute" : "simulated s per real s");

        CountDownLatch stopped = new CountDownLatch(1);
        Demo[] holder = new Demo[1];
        Thread hook =
                new Thread(
                        () -> {
                            out.println();
                            out.println("lvds demo: stopping (stream, job, Flink, Kafka) ...");
                            long t = System.nanoTime();
                            try {
                                synchronized (holder) {
                                    if (holder[0] != null) {
                                        holder[0].close();
                                    }
                                }
                                out.printf(
                                        "lvds demo: stopped in %.1f s; ports %d, %d freed; Kafka"
                                                + " data kept in %s until the next run.%n",
                                        (System.nanoTime() - t) / 1e9,
                                        kafkaPort,
                                        flinkUiPort,
                                        options.dataDir());
                            } catch (Exception e) {
                                out.println("lvds demo: stopped, with an error: " + e);
                            } finally {
                                stopped.countDown();
                            }
                        },
                        "lvds-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);

        Demo demo = Demo.create(options);
        synchronized (holder) {
            holder[0] = demo;
        }
        try {
            demo.start(out::println);
        } catch (Exception e) {
            if (stopped.getCount() == 0 || demo.isClosed()) {
                return 130; // Ctrl-C during start-up: the hook has stopped what was started
            }
            Runtime.getRuntime().removeShutdownHook(hook);
            demo.close();
            System.err.println("lvds demo: could not start: " + rootMessage(e));
            return 1;
        }
        long ready = demo.readyAt();
        long eventReal = demo.clock().realAt(demo.scriptedEvent().toEpochMilli());
        out.printf(
                "%nReady in %.1f s.%n"
                        + "  Flink web UI     %s%n"
                        + "  Dashboard        %s%s%n"
                        + "  Demo login       analist / lvds-demo (also adviseur, beheer; see config/dashboard.yaml)%n"
                        + "  Kafka bootstrap  %s (topics lvds.*; read lvds.indicators and"
                        + " lvds.alerts with isolation.level=read_committed)%n"
                        + "The explosion at the Schammenkamp (simulated %s) comes in about %d s;"
                        + " alerts follow within a few simulated minutes.%n"
                        + "A summary every 10 s. Ctrl-C stops everything.%n%n",
                demo.timings().get("total").toMillis() / 1000.0,
                demo.flinkUiUrl(),
                demo.dashboardUrl(),
                demo.hasDashboard() ? "" : "  (not started)",
                demo.bootstrapServers(),
                LiveFormat.simTime(demo.scriptedEvent().toEpochMilli()),
                Math.max(0, (eventReal - System.currentTimeMillis()) / 1000));
        openBrowser(demo.hasDashboard() ? demo.dashboardUrl() : demo.flinkUiUrl());

        long liveFrom = demo.clock().simStart();
        long eventMs = demo.scriptedEvent().toEpochMilli();
        int alertsSeen = 0;
        boolean eventAlertShown = false;
        long lastSummary = System.currentTimeMillis();
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            if (demo.isClosed()) {
                continue; // Ctrl-C: the shutdown hook is stopping everything
            }
            String problem;
            Demo.Status s;
            try {
                problem = demo.problem();
                s = demo.status();
            } catch (RuntimeException e) {
                continue;
            }
            if (demo.isClosed()) {
                continue;
            }
            List<Alert> alerts = s.alerts();
            if (alertsSeen == 0 && !alerts.isEmpty()) {
                long history = alerts.stream().filter(a -> a.windowEnd() <= liveFrom).count();
                if (history > 0) {
                    out.printf(
                            "%d alerts were raised on the history (simulated days before the live"
                                    + " start; short baselines are jumpy). Live warnings and"
                                    + " critical alerts follow as they come:%n",
                            history);
                }
            }
            for (; alertsSeen < alerts.size(); alertsSeen++) {
                Alert a = alerts.get(alertsSeen);
                if (a.windowEnd() <= liveFrom) {
                    continue;
                }
                boolean scripted =
                        a.windowEnd() > eventMs
                                && (a.area().equals("Tarwewijk") || a.area().equals("Charlois"));
                if (scripted && !eventAlertShown) {
                    eventAlertShown = true;
                    long now = System.currentTimeMillis();
                    out.printf(
                            "Schammenkamp alert %.0f s after ready, %.0f s after the simulated"
                                    + " explosion (%.0f s after the command started):%n",
                            (now - ready) / 1000.0,
                            (now - eventReal) / 1000.0,
                            (now - commandStart) / 1000.0);
                }
                if (scripted || !a.level().equals("watch")) {
                    out.println("  ALERT " + LiveFormat.alert(a));
                }
            }
            long now = System.currentTimeMillis();
            if (now - lastSummary >= 10_000) {
                lastSummary = now;
                out.println(LiveFormat.summary(s, (now - ready) / 1000));
            }
            if (problem != null && !demo.isClosed()) {
                System.err.println("lvds demo: " + problem + "; stopping.");
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    continue; // the JVM is shutting down: the hook stops everything
                }
                hook.run();
                return 1;
            }
        }
        return 0;
    }

    private LvdsConfig loadConfig() {
        Path file = config != null ? config : Paths.home().resolve("config/lvds.yaml");
        if (config != null && !Files.exists(config)) {
            throw new ConfigException("no such config file: " + config);
        }
        LvdsConfig base =
                Files.exists(file)
                        ? LvdsConfig.load(file, LvdsConfig.parseOverrides(overrides))
                        : LvdsConfig.defaults().withOverrides(LvdsConfig.parseOverrides(overrides));
        return base;
    }

    /** Opens a browser when asked and a display is there; never fails the demo. */
    private void openBrowser(String url) {
        if (noBrowser) {
            return;
        }
        try {
            if (!GraphicsEnvironment.isHeadless()
                    && Desktop.isDesktopSupported()
                    && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(URI.create(url));
                out.println("Opened " + url + " in your browser.");
            }
        } catch (Throwable t) {
            // no browser is no problem: the URLs are printed above
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t + ")";
    }
}
