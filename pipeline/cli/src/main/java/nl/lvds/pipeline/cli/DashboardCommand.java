package nl.lvds.pipeline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import nl.lvds.dashboards.DashboardConfig;
import nl.lvds.dashboards.DashboardServer;
import nl.lvds.dashboards.auth.DemoAccounts;
import nl.lvds.dashboards.auth.PasswordHasher;
import nl.lvds.models.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lvds dashboard}: the analyst dashboard server alone, reading indicators from Kafka. */
@Command(
        name = "dashboard",
        mixinStandardHelpOptions = true,
        description = {
            "Run the analyst dashboard (web UI, JSON API, live updates) over Kafka.",
            "Replays lvds.indicators, lvds.alerts, lvds.incidents and lvds.deadletter",
            "(read_committed) on start. Logins, roles, audit log: config/dashboard.yaml.",
            "--hash-password prints a PBKDF2 hash for a users entry.",
            "Refuses to start with the demo accounts (password lvds-demo) of the shipped",
            "config: ./lvds demo allows them on this machine, --allow-demo-accounts anywhere."
        })
final class DashboardCommand implements Callable<Integer> {

    @Option(
            names = "--config",
            description = "The dashboard YAML configuration (default: ${DEFAULT-VALUE}).",
            defaultValue = "config/dashboard.yaml")
    Path config;

    @Option(
            names = "--bootstrap-servers",
            description = "Kafka to read; default kafka.bootstrapServers of the pipeline config.")
    String bootstrapServers;

    @Option(names = "--port", description = "Override the port of the config file.")
    Integer port;

    @Option(names = "--hash-password", description = "Print a password hash and exit.")
    boolean hashPassword;

    @Option(
            names = "--allow-demo-accounts",
            description =
                    "Start even though accounts have the public demo password (test machines"
                            + " only; logged as a warning).")
    boolean allowDemoAccounts;

    @Override
    public Integer call() throws Exception {
        if (hashPassword) {
            System.out.println(PasswordHasher.hash(DashboardServer.readPassword()));
            return 0;
        }
        if (!Files.exists(config)) {
            System.err.println("lvds dashboard: no such config file: " + config);
            return 2;
        }
        DashboardConfig cfg;
        try {
            cfg = DashboardConfig.load(config);
            cfg.loadPipelineConfig();
        } catch (ConfigException e) {
            System.err.println("lvds dashboard: refusing to start: " + e.getMessage());
            return 2;
        }
        if (port != null) {
            cfg = cfg.withPort(port);
        }
        try {
            DashboardServer.runUntilStopped(
                    cfg,
                    bootstrapServers,
                    allowDemoAccounts
                            ? DemoAccounts.Policy.ALLOW_BY_FLAG
                            : DemoAccounts.Policy.REFUSE);
        } catch (ConfigException e) {
            System.err.println("lvds dashboard: refusing to start: " + e.getMessage());
            return 2;
        }
        return 0;
    }
}
