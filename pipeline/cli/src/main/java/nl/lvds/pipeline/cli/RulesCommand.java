package nl.lvds.pipeline.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import nl.lvds.dashboards.DashboardConfig;
import nl.lvds.dashboards.audit.AuditLog;
import nl.lvds.dashboards.auth.Role;
import nl.lvds.models.config.AlertRule;
import nl.lvds.models.config.ConfigException;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.config.Thresholds;
import nl.lvds.models.rules.RuleSetChange;
import nl.lvds.models.rules.RuleSetCodec;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lvds rules}: shows the alert rules in force and publishes a change to the rules topic
 * ({@code lvds.rules}), which the live job applies from the next window without a restart. See
 * docs/rules.md.
 */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        description = {
            "Show or change the alert rules of the running live job, without a restart.",
            "A change is published on the rules topic (kafka.topics.rules, lvds.rules), applies to",
            "indicators whose window ends at or after its effectiveFrom, and is audit-logged.",
            "Review mode (./lvds review) always uses the rules of its config file. See docs/rules.md."
        },
        subcommands = {
            RulesCommand.Show.class,
            RulesCommand.Publish.class,
            CommandLine.HelpCommand.class
        })
final class RulesCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Options both subcommands share. */
    static class Common {
        @Option(
                names = "--config",
                description = "The pipeline configuration (default: ${DEFAULT-VALUE}).",
                defaultValue = "config/lvds.yaml")
        Path config;

        @Option(
                names = "--bootstrap",
                description =
                        "Kafka bootstrap servers (default: kafka.bootstrapServers of --config).")
        String bootstrap;

        @Option(
                names = "--timeout",
                description = "How long to wait for Kafka (default: ${DEFAULT-VALUE}).",
                defaultValue = "PT15S")
        Duration timeout;

        PrintStream out = System.out;
        PrintStream err = System.err;

        LvdsConfig loadConfig() {
            return LvdsConfig.load(config);
        }

        String bootstrap(LvdsConfig c) {
            return bootstrap != null ? bootstrap : c.kafka().bootstrapServers();
        }
    }

    // ------------------------------------------------------------------ show

    /** {@code lvds rules show}. */
    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = {
                "Print the rules of the config file (version 0) and the latest change on the rules"
                        + " topic, with who made it, why and from when it applies."
            })
    static final class Show extends Common implements Callable<Integer> {

        @Override
        public Integer call() {
            LvdsConfig c;
            try {
                c = loadConfig();
            } catch (ConfigException e) {
                err.println("lvds rules show: " + e.getMessage());
                return 2;
            }
            String topic = c.kafka().topics().rules();
            out.printf(
                    "Rules of %s (version 0, in force until a change on %s takes effect):%n",
                    config, topic);
            printRules(out, c.alerts());
            RulesTopic kafka = new RulesTopic(bootstrap(c), timeout);
            try {
                if (!kafka.exists(topic)) {
                    out.printf(
                            "%nTopic %s does not exist on %s: no changes.%n", topic, bootstrap(c));
                    return 0;
                }
                RulesTopic.Changes changes = kafka.changes(topic);
                RuleSetChange latest = changes.latest();
                out.println();
                if (latest == null) {
                    out.printf(
                            "No change on %s (%s): the config rules apply.%n", topic, bootstrap(c));
                } else {
                    out.printf(
                            "Latest change on %s: version %d (%d valid change(s) on the topic)%n",
                            topic, latest.version(), changes.changes().size());
                    printChange(out, latest);
                    printRules(out, latest.alerts());
                }
                if (changes.invalid() > 0) {
                    out.printf(
                            "%d record(s) on %s are not valid changes; the job dead-letters them"
                                    + " and keeps its rules.%n",
                            changes.invalid(), topic);
                }
                return 0;
            } catch (RulesTopic.KafkaProblem e) {
                err.println("lvds rules show: " + e.getMessage());
                return 3;
            }
        }
    }

    // ------------------------------------------------------------------ publish

    /** {@code lvds rules publish}. */
    @Command(
            name = "publish",
            mixinStandardHelpOptions = true,
            description = {
                "Validate a rule file and publish it as the next rule-set version.",
                "",
                "The file has the shape of the config's alerts section: 'rules:' (the complete new"
                        + " list; rules left out are gone) and optionally 'cooldownHours:'"
                        + " (default: the config's), at the top level or under 'alerts:'.",
                "",
                "From when: a change applies to indicators whose window ends at or after its"
                        + " effectiveFrom, a 15-minute boundary. By default that is the next"
                        + " boundary after the latest window end found on the indicators topic"
                        + " (kafka.topics.indicators), i.e. the next window the job has not"
                        + " published yet; with no indicators on the topic, the next boundary after"
                        + " the wall-clock time now. --effective-from sets it explicitly; it must"
                        + " be after the latest published window end (the past is not rewritten).",
                "",
                "Audit: after publishing, one line is appended to the dashboard's audit log"
                        + " (auditLog of --dashboard-config): who, action rules-publish, the topic,"
                        + " version, effectiveFrom, rulesSha256, partition/offset and the reason.",
                "--by must be an account of --dashboard-config with role adviser or admin."
            })
    static final class Publish extends Common implements Callable<Integer> {

        @Option(
                names = "--file",
                required = true,
                description = "YAML (or JSON) file with rules: and optional cooldownHours:.")
        Path file;

        @Option(
                names = "--by",
                required = true,
                description = "Your staff account (a login of the dashboard config).")
        String by;

        @Option(
                names = "--reason",
                required = true,
                description = "Why the rules change, in a sentence (audit-logged; 1-500 chars).")
        String reason;

        @Option(
                names = "--effective-from",
                description =
                        "A 15-minute boundary, ISO-8601, e.g. 2026-11-29T14:15:00+01:00"
                                + " (default: see above).")
        String effectiveFrom;

        @Option(
                names = "--dashboard-config",
                description = "Accounts and audit log (default: ${DEFAULT-VALUE}).",
                defaultValue = "config/dashboard.yaml")
        Path dashboardConfig;

        @Option(
                names = "--dry-run",
                description = "Validate and print the change; publish and audit-log nothing.")
        boolean dryRun;

        Clock clock = Clock.systemUTC();

        @Override
        public Integer call() {
            try {
                return publish();
            } catch (Refused e) {
                err.println("lvds rules publish: " + e.getMessage());
                return 2;
            } catch (RulesTopic.KafkaProblem e) {
                err.println("lvds rules publish: " + e.getMessage());
                return 3;
            }
        }

        private int publish() throws Refused, RulesTopic.KafkaProblem {
            LvdsConfig c;
            try {
                c = loadConfig();
            } catch (ConfigException e) {
                throw new Refused(e.getMessage());
            }
            LvdsConfig.Alerts alerts = readRules(c);
            if (!RuleSetChange.ACCOUNT.matcher(by).matches()) {
                throw new Refused(
                        "--by '"
                                + by
                                + "' is not an account name (1-64 letters, digits, . _ @ -): give"
                                + " your staff login, never the name of a person being monitored");
            }
            if (reason.isBlank() || reason.length() > RuleSetChange.MAX_REASON_CHARS) {
                throw new Refused("--reason must be 1-500 characters");
            }
            DashboardConfig dashboard = dashboard();
            Role role = role(dashboard);

            String topic = c.kafka().topics().rules();
            String bootstrap = bootstrap(c);
            RulesTopic kafka = new RulesTopic(bootstrap, timeout);
            if (!kafka.exists(topic)) {
                throw new Refused(
                        "topic "
                                + topic
                                + " does not exist on "
                                + bootstrap
                                + "; create it (1 partition, cleanup.policy=compact; see"
                                + " docker/kafka/create-topics.sh)");
            }
            RulesTopic.Changes changes = kafka.changes(topic);
            RuleSetChange previous = changes.latest();
            OptionalLong latestEnd = kafka.latestWindowEnd(c.kafka().topics().indicators());
            long from = effectiveFrom(latestEnd);
            long version = previous == null ? 1 : previous.version() + 1;
            RuleSetChange change =
                    RuleSetChange.of(
                            version, from, clock.instant().toEpochMilli(), by, reason, alerts);

            out.printf(
                    "%s: valid, %d rule(s), default cooldown %d h%n",
                    file, alerts.rules().size(), alerts.cooldownHours());
            printRules(out, alerts);
            out.printf(
                    "version        %d (latest on %s: %s)%n",
                    version,
                    topic,
                    previous == null ? "none, the config rules" : previous.version());
            out.printf(
                    "effectiveFrom  %s: indicators whose window ends at or after it (%s)%n",
                    Instant.ofEpochMilli(from),
                    effectiveFrom != null
                            ? "given"
                            : latestEnd.isPresent()
                                    ? "the next window after the latest on "
                                            + c.kafka().topics().indicators()
                                            + ", "
                                            + Instant.ofEpochMilli(latestEnd.getAsLong())
                                    : "no indicators on "
                                            + c.kafka().topics().indicators()
                                            + ": the next boundary after now");
            out.printf("rulesSha256    %s%n", change.rulesSha256());
            out.printf("changedBy      %s (%s)%n", by, role.wire());
            out.printf(
                    "differences    %s%n",
                    differences(previous == null ? c.alerts() : previous.alerts(), alerts));
            if (dryRun) {
                out.println(new String(RuleSetCodec.encode(change), StandardCharsets.UTF_8));
                out.println("Dry run: nothing published, nothing audit-logged.");
                return 0;
            }
            RecordMetadata meta = kafka.publish(topic, change);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("version", Long.toString(version));
            details.put("effectiveFrom", Instant.ofEpochMilli(from).toString());
            details.put("rulesSha256", change.rulesSha256());
            details.put("partition", Integer.toString(meta.partition()));
            details.put("offset", Long.toString(meta.offset()));
            details.put("reason", reason);
            try (AuditLog audit = new AuditLog(dashboard.auditLog(), clock)) {
                audit.append(
                        new AuditLog.Entry(
                                by, role.wire(), "rules-publish", "KAFKA", topic, details, 0));
            } catch (IOException | RuntimeException e) {
                err.printf(
                        "lvds rules publish: PUBLISHED version %d to %s (partition %d offset %d),"
                                + " but the audit log %s could not be written: %s. Record it by"
                                + " hand.%n",
                        version,
                        topic,
                        meta.partition(),
                        meta.offset(),
                        dashboard.auditLog(),
                        e.getMessage());
                return 4;
            }
            out.printf(
                    "Published version %d to %s (partition %d, offset %d); audit-logged in %s.%n",
                    version, topic, meta.partition(), meta.offset(), dashboard.auditLog());
            out.printf(
                    "The live job applies it to windows ending at or after %s; check its log for"
                            + " 'Alert rules version %d received' and the metric ruleSetVersion.%n",
                    Instant.ofEpochMilli(from), version);
            return 0;
        }

        private LvdsConfig.Alerts readRules(LvdsConfig c) throws Refused {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new Refused("cannot read " + file + ": " + e.getMessage());
            }
            try {
                return LvdsConfig.parseAlerts(text, c.alerts().cooldownHours(), file.toString());
            } catch (ConfigException e) {
                throw new Refused(e.getMessage());
            }
        }

        private DashboardConfig dashboard() throws Refused {
            if (!Files.exists(dashboardConfig)) {
                throw new Refused(
                        "no dashboard config "
                                + dashboardConfig
                                + ": it lists the accounts that may change rules and the audit log;"
                                + " give --dashboard-config FILE");
            }
            try {
                return DashboardConfig.load(dashboardConfig);
            } catch (ConfigException e) {
                throw new Refused(e.getMessage());
            }
        }

        private Role role(DashboardConfig dashboard) throws Refused {
            List<String> names = new ArrayList<>();
            for (DashboardConfig.User u : dashboard.users()) {
                names.add(u.name());
                if (u.name().equals(by)) {
                    if (u.role() == Role.ANALYST) {
                        throw new Refused(
                                "account '"
                                        + by
                                        + "' has role analyst; changing alert rules needs role"
                                        + " adviser or admin");
                    }
                    return u.role();
                }
            }
            throw new Refused(
                    "--by '"
                            + by
                            + "' is not an account in "
                            + dashboardConfig
                            + " (accounts: "
                            + String.join(", ", names)
                            + ")");
        }

        private long effectiveFrom(OptionalLong latestEnd) throws Refused {
            if (effectiveFrom == null) {
                return RuleSetChange.nextBoundaryAfter(
                        latestEnd.isPresent()
                                ? latestEnd.getAsLong()
                                : clock.instant().toEpochMilli());
            }
            long t;
            try {
                t = OffsetDateTime.parse(effectiveFrom).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new Refused(
                        "--effective-from '"
                                + effectiveFrom
                                + "' is not an ISO-8601 time with offset, e.g."
                                + " 2026-11-29T14:15:00+01:00 or 2026-11-29T13:15:00Z");
            }
            if (Math.floorMod(t, RuleSetChange.BOUNDARY_MS) != 0) {
                long before =
                        Math.floorDiv(t, RuleSetChange.BOUNDARY_MS) * RuleSetChange.BOUNDARY_MS;
                throw new Refused(
                        "--effective-from must be a 15-minute window boundary, e.g. "
                                + Instant.ofEpochMilli(before)
                                + " or "
                                + Instant.ofEpochMilli(before + RuleSetChange.BOUNDARY_MS));
            }
            if (latestEnd.isPresent() && t <= latestEnd.getAsLong()) {
                throw new Refused(
                        "--effective-from "
                                + Instant.ofEpochMilli(t)
                                + " is not after the latest published window end "
                                + Instant.ofEpochMilli(latestEnd.getAsLong())
                                + ": those indicators are already evaluated. The earliest"
                                + " possible is "
                                + Instant.ofEpochMilli(
                                        RuleSetChange.nextBoundaryAfter(latestEnd.getAsLong())));
            }
            return t;
        }
    }

    /** A refused command, with a message for people. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------ printing

    static void printRules(PrintStream out, LvdsConfig.Alerts alerts) {
        out.printf(
                "  %-22s %-20s %-7s %-4s %-10s %-26s %s%n",
                "id", "type", "enabled", "win", "minSignals", "thresholds w/w/c", "cooldown");
        for (AlertRule r : alerts.rules()) {
            out.printf(
                    "  %-22s %-20s %-7s %-4s %-10d %-26s %s h%n",
                    r.id(),
                    r.type().wire(),
                    r.enabled() ? "yes" : "no",
                    r.window(),
                    r.minSignals(),
                    thresholds(r.thresholds()),
                    r.cooldownHours() == null ? alerts.cooldownHours() : r.cooldownHours());
        }
    }

    private static String thresholds(Thresholds t) {
        return value(t.watch()) + " / " + value(t.warning()) + " / " + value(t.critical());
    }

    private static String value(Double d) {
        return d == null ? "-" : d.toString();
    }

    static void printChange(PrintStream out, RuleSetChange c) {
        out.printf("  effectiveFrom  %s%n", Instant.ofEpochMilli(c.effectiveFrom()));
        if (c.publishedAt() != 0L) {
            out.printf("  publishedAt    %s%n", Instant.ofEpochMilli(c.publishedAt()));
        }
        out.printf("  changedBy      %s%n", c.changedBy());
        out.printf("  reason         %s%n", c.reason());
        out.printf("  rulesSha256    %s%n", c.rulesSha256());
    }

    /** Rules added, removed and changed between two rule sets, by id. */
    static String differences(LvdsConfig.Alerts before, LvdsConfig.Alerts after) {
        Map<String, String> old = canonicalById(before);
        Map<String, String> now = canonicalById(after);
        List<String> parts = new ArrayList<>();
        List<String> added = new ArrayList<>(now.keySet());
        added.removeAll(old.keySet());
        List<String> removed = new ArrayList<>(old.keySet());
        removed.removeAll(now.keySet());
        List<String> changed = new ArrayList<>();
        now.forEach(
                (id, json) -> {
                    if (old.containsKey(id) && !old.get(id).equals(json)) {
                        changed.add(id);
                    }
                });
        if (!added.isEmpty()) {
            parts.add("added " + added);
        }
        if (!removed.isEmpty()) {
            parts.add("removed " + removed);
        }
        if (!changed.isEmpty()) {
            parts.add("changed " + changed);
        }
        if (before.cooldownHours() != after.cooldownHours()) {
            parts.add(
                    "default cooldown "
                            + before.cooldownHours()
                            + " h → "
                            + after.cooldownHours()
                            + " h");
        }
        return parts.isEmpty() ? "none (same rules)" : String.join("; ", parts);
    }

    private static Map<String, String> canonicalById(LvdsConfig.Alerts alerts) {
        Map<String, String> out = new LinkedHashMap<>();
        for (AlertRule r : alerts.rules()) {
            out.put(
                    r.id(),
                    RuleSetCodec.canonicalRules(
                            new LvdsConfig.Alerts(alerts.cooldownHours(), List.of(r))));
        }
        return out;
    }
}
