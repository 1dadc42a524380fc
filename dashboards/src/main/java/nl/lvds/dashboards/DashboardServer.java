package nl.lvds.dashboards;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import nl.lvds.dashboards.audit.AuditLog;
import nl.lvds.dashboards.auth.DemoAccounts;
import nl.lvds.dashboards.auth.PasswordHasher;
import nl.lvds.dashboards.auth.SessionStore;
import nl.lvds.dashboards.store.AckStore;
import nl.lvds.dashboards.store.DashboardState;
import nl.lvds.dashboards.store.KafkaFeed;
import nl.lvds.dashboards.web.GranularityGuard;
import nl.lvds.dashboards.web.WebApp;
import nl.lvds.models.area.AreaGazetteer;
import nl.lvds.models.config.ConfigException;
import nl.lvds.models.config.LvdsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running dashboard: a Kafka consumer feeding the state store and the web server over it.
 *
 * <p>{@link #start(DashboardConfig, String)} is the in-process API (the demo and the tests call
 * it); {@link #main(String[])} is the command line ({@code --config F} or {@code --hash-password}).
 * {@link #close()} stops the server, the consumer and the files, in that order.
 */
public final class DashboardServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private static final String BANNER = "!".repeat(78);

    /** The environment variable that overrides the pipeline config's Kafka address. */
    public static final String KAFKA_BOOTSTRAP_ENV = "LVDS_KAFKA_BOOTSTRAP";

    private final WebApp web;
    private final KafkaFeed feed;
    private final AuditLog audit;
    private final AckStore acks;
    private final DashboardState state;
    private final ScheduledExecutorService housekeeping;
    private final PrometheusMeterRegistry registry;

    private DashboardServer(
            WebApp web,
            KafkaFeed feed,
            AuditLog audit,
            AckStore acks,
            DashboardState state,
            ScheduledExecutorService housekeeping,
            PrometheusMeterRegistry registry) {
        this.web = web;
        this.feed = feed;
        this.audit = audit;
        this.acks = acks;
        this.state = state;
        this.housekeeping = housekeeping;
        this.registry = registry;
    }

    /**
     * Starts the dashboard.
     *
     * @param config the dashboard configuration
     * @param bootstrapServers Kafka to read; null takes kafka.bootstrapServers of the pipeline
     *     configuration
     * @return the running server; close it to stop
     */
    public static DashboardServer start(DashboardConfig config, String bootstrapServers)
            throws IOException {
        return start(config, bootstrapServers, DemoAccounts.Policy.REFUSE);
    }

    /**
     * Starts the dashboard, refusing accounts that still have the published demo password unless
     * {@code demoAccounts} allows them.
     *
     * @throws ConfigException when the configuration may not be served as it is
     */
    public static DashboardServer start(
            DashboardConfig config, String bootstrapServers, DemoAccounts.Policy demoAccounts)
            throws IOException {
        List<String> demo = DemoAccounts.find(config.users());
        if (!demo.isEmpty()) {
            switch (demoAccounts) {
                case REFUSE -> throw new ConfigException(DemoAccounts.refusal(demo));
                case ALLOW_IN_DEMO -> {
                    if (!DashboardConfig.isLoopback(config.host())) {
                        throw new ConfigException(
                                "the demo accounts are allowed on this machine only (host"
                                        + " 127.0.0.1), not on "
                                        + config.host());
                    }
                }
                case ALLOW_BY_FLAG ->
                        LOG.warn(
                                "\n{}\n!! --allow-demo-accounts: the account(s) {} have the PUBLIC"
                                        + " demo password '{}'. Anyone who can reach {}:{} can log"
                                        + " in. Never use this on a real network.\n{}",
                                BANNER,
                                String.join(", ", demo),
                                DemoAccounts.DEMO_PASSWORD,
                                config.host(),
                                config.port(),
                                BANNER);
            }
        }
        LvdsConfig pipeline = config.loadPipelineConfig();
        String bootstrap =
                bootstrapServers != null ? bootstrapServers : pipeline.kafka().bootstrapServers();
        Clock clock = Clock.systemUTC();
        DashboardState state = new DashboardState(config.retention());
        AckStore acks = new AckStore(config.stateDir());
        AuditLog audit = new AuditLog(config.auditLog(), clock);
        SessionStore sessions =
                new SessionStore(config.sessionTimeout(), config.sessionMaxLifetime(), clock);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        KafkaFeed feed = new KafkaFeed(bootstrap, pipeline.kafka().topics(), state);
        registry.gauge("lvds_dashboard_consumer_lag", feed, KafkaFeed::lag);
        FunctionCounter.builder("lvds_dashboard_records_consumed", feed, KafkaFeed::recordsConsumed)
                .description(
                        "Kafka records consumed (indicators, provisional indicators, alerts,"
                                + " incidents, dead letters)")
                .register(registry);
        registry.gauge("lvds_dashboard_series", state, DashboardState::seriesCount);
        registry.gauge("lvds_dashboard_provisional_cells", state, DashboardState::earlyCount);
        registry.gauge(
                "lvds_dashboard_last_event_time_seconds", state, s -> s.maxEventTime() / 1000.0);
        GranularityGuard guard =
                new GranularityGuard(
                        pipeline.privacy().minGranularity(), AreaGazetteer.rotterdam());
        WebApp web =
                new WebApp(
                        config,
                        sessions,
                        audit,
                        acks,
                        state,
                        guard,
                        AreaGazetteer.rotterdam(),
                        pipeline.privacy().k(),
                        registry,
                        feed::isRestored,
                        feed::lag,
                        clock);
        ScheduledExecutorService housekeeping =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "lvds-dashboard-housekeeping");
                            t.setDaemon(true);
                            return t;
                        });
        housekeeping.scheduleWithFixedDelay(sessions::purgeExpired, 1, 1, TimeUnit.MINUTES);
        housekeeping.scheduleWithFixedDelay(state::prune, 10, 10, TimeUnit.MINUTES);
        DashboardServer server =
                new DashboardServer(web, feed, audit, acks, state, housekeeping, registry);
        try {
            web.start();
        } catch (RuntimeException e) {
            // e.g. the port is taken: release the files and threads before reporting it.
            try {
                server.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        feed.start();
        return server;
    }

    /** The HTTP port the server listens on. */
    public int port() {
        return web.port();
    }

    /** Waits until the start-up replay from Kafka is done. */
    public boolean awaitRestored(Duration timeout) throws InterruptedException {
        return feed.awaitRestored(timeout);
    }

    /** The state store (read-only use: tests and the demo print figures from it). */
    public DashboardState state() {
        return state;
    }

    @Override
    public void close() throws Exception {
        housekeeping.shutdownNow();
        web.stop();
        feed.close();
        acks.close();
        audit.close();
        registry.close();
    }

    /**
     * Command line: {@code --config F [--bootstrap-servers B]} runs the server until Ctrl-C; {@code
     * --hash-password} reads a password (twice, without echo on a terminal; one line from standard
     * input otherwise) and prints its hash for dashboard.yaml.
     */
    public static void main(String[] args) throws Exception {
        Path config = null;
        String bootstrap = System.getenv(KAFKA_BOOTSTRAP_ENV);
        boolean allowDemo = false;
        String usage =
                "usage: DashboardServer --config F [--bootstrap-servers B] [--allow-demo-accounts]"
                        + " | --hash-password";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--hash-password" -> {
                    System.out.println(PasswordHasher.hash(readPassword()));
                    return;
                }
                case "--config" -> config = Path.of(args[++i]);
                case "--bootstrap-servers" -> bootstrap = args[++i];
                case "--allow-demo-accounts" -> allowDemo = true;
                default -> {
                    System.err.println(usage);
                    System.exit(2);
                }
            }
        }
        if (config == null) {
            System.err.println(usage);
            System.exit(2);
        }
        try {
            runUntilStopped(
                    DashboardConfig.load(config),
                    bootstrap == null || bootstrap.isBlank() ? null : bootstrap,
                    allowDemo ? DemoAccounts.Policy.ALLOW_BY_FLAG : DemoAccounts.Policy.REFUSE);
        } catch (ConfigException e) {
            System.err.println("lvds dashboard: refusing to start: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Starts the server, prints where it is and blocks until the JVM is asked to stop. */
    public static void runUntilStopped(DashboardConfig config, String bootstrap) throws Exception {
        runUntilStopped(config, bootstrap, DemoAccounts.Policy.REFUSE);
    }

    /**
     * Starts the server with a demo-account policy, prints where it is and blocks until the JVM is
     * asked to stop.
     */
    public static void runUntilStopped(
            DashboardConfig config, String bootstrap, DemoAccounts.Policy demoAccounts)
            throws Exception {
        DashboardServer server = start(config, bootstrap, demoAccounts);
        System.err.printf(
                "lvds dashboard: http://%s:%d (audit log %s). Ctrl-C stops.%n",
                DashboardConfig.isLoopback(config.host()) ? "localhost" : config.host(),
                server.port(),
                config.auditLog().toAbsolutePath());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    try {
                                        server.close();
                                    } catch (Exception e) {
                                        System.err.println("lvds dashboard: " + e.getMessage());
                                    } finally {
                                        stopped.countDown();
                                    }
                                }));
        stopped.await();
    }

    /** Reads a password from the console (twice, no echo) or one line of standard input. */
    public static char[] readPassword() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] a = console.readPassword("Password: ");
            char[] b = console.readPassword("Again: ");
            if (a == null || !java.util.Arrays.equals(a, b)) {
                throw new IllegalArgumentException("passwords differ");
            }
            return a;
        }
        BufferedReader in =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("no password on standard input");
        }
        return line.toCharArray();
    }
}
