package nl.lvds.dashboards.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import nl.lvds.models.config.ConfigException;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.config.StrictYaml;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.Topic;

/**
 * The notifier's own configuration (config/notifier.yaml): SMTP, webhooks, subscriptions, the
 * morning briefing and the state directory. Read with {@link StrictYaml}: unknown keys, duplicate
 * keys and bad values are refused with a message naming the key and the file, so a typo never
 * silently falls back to a default. The settings it shares with the job (the Kafka address and the
 * alerts, indicators and incidents topics) are not repeated here: they come from the pipeline
 * configuration that {@code pipelineConfig} points at, so the notifier and the job cannot disagree
 * about them. String values may name environment variables as {@code ${NAME}} or {@code
 * ${NAME:-default}}.
 *
 * @param timeZone the local time zone of quiet hours and the briefing, default Europe/Amsterdam
 * @param stateDir where the sent-ledger, held/digest queue, audit log and last briefing time live
 * @param dashboardUrl optional link to the dashboard put in messages
 * @param kafka where alerts, indicators and incidents are read
 * @param smtp the mail server; null when no subscription or briefing mails
 * @param webhooks named webhook endpoints
 * @param subscriptions who gets which alerts, how and when
 * @param briefing the morning briefing
 * @param delivery retry and back-off of deliveries
 * @param pipelineConfig the pipeline configuration (config/lvds.yaml) whose Kafka address and topic
 *     names the notifier reads, relative to this file; unset: the built-in defaults
 */
public record NotifierConfig(
        String timeZone,
        String stateDir,
        String dashboardUrl,
        Kafka kafka,
        Smtp smtp,
        List<Webhook> webhooks,
        List<Subscription> subscriptions,
        Briefing briefing,
        Delivery delivery,
        String pipelineConfig) {

    /** The default zone: the municipality's local time. */
    public static final String DEFAULT_ZONE = "Europe/Amsterdam";

    /** The word that means every area or every topic in a subscription. */
    public static final String ALL = "all";

    /** Keys of the {@code kafka} section that come from the pipeline configuration. */
    static final Map<String, String> SHARED_KAFKA_KEYS =
            Map.of(
                    "bootstrapServers", "kafka.bootstrapServers",
                    "alertsTopic", "kafka.topics.alerts",
                    "indicatorsTopic", "kafka.topics.indicators",
                    "incidentsTopic", "kafka.topics.incidents");

    /** Fills defaults and validates cross-references (webhook names, recipients). */
    public NotifierConfig {
        timeZone = timeZone == null ? DEFAULT_ZONE : timeZone;
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new NotifierConfigException("timeZone: unknown zone '" + timeZone + "'");
        }
        stateDir = stateDir == null ? "state/notifier" : stateDir;
        kafka = kafka == null ? Kafka.DEFAULT : kafka;
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
        briefing = briefing == null ? Briefing.DEFAULT : briefing;
        delivery = delivery == null ? Delivery.DEFAULT : delivery;
        Set<String> hookNames = new HashSet<>();
        for (Webhook w : webhooks) {
            if (!hookNames.add(w.name())) {
                throw new NotifierConfigException("webhooks: name '" + w.name() + "' used twice");
            }
        }
        Set<String> subNames = new HashSet<>();
        boolean mails = !briefing.recipients().isEmpty();
        for (Subscription s : subscriptions) {
            if (!subNames.add(s.name())) {
                throw new NotifierConfigException(
                        "subscriptions: name '" + s.name() + "' used twice");
            }
            for (String h : s.webhooks()) {
                if (!hookNames.contains(h)) {
                    throw new NotifierConfigException(
                            "subscriptions."
                                    + s.name()
                                    + ".webhooks: no webhook named '"
                                    + h
                                    + "'");
                }
            }
            mails |= !s.email().isEmpty();
        }
        for (String h : briefing.webhooks()) {
            if (!hookNames.contains(h)) {
                throw new NotifierConfigException(
                        "briefing.webhooks: no webhook named '" + h + "'");
            }
        }
        if (mails && smtp == null) {
            throw new NotifierConfigException(
                    "smtp is missing: subscriptions or the briefing send e-mail");
        }
    }

    /**
     * Reads and validates a file; a relative {@code pipelineConfig} is resolved against the file's
     * directory.
     */
    public static NotifierConfig load(Path file) {
        return load(file, System::getenv);
    }

    /** As {@link #load(Path)}, with the environment given (tests). */
    public static NotifierConfig load(Path file, Function<String, String> env) {
        String origin = file.toString();
        return wrap(
                () -> {
                    ObjectNode tree = StrictYaml.tree(StrictYaml.read(file), origin);
                    StrictYaml.substituteEnv(tree, env, origin);
                    Path dir = file.toAbsolutePath().getParent();
                    return bind(tree, pipeline(tree, dir), origin);
                });
    }

    /**
     * Parses and validates YAML text; {@code origin} names it in error messages. A relative {@code
     * pipelineConfig} is resolved against the working directory.
     */
    public static NotifierConfig parse(String yaml, String origin) {
        return wrap(
                () -> {
                    ObjectNode tree = StrictYaml.tree(yaml, origin);
                    StrictYaml.substituteEnv(tree, System::getenv, origin);
                    return bind(tree, pipeline(tree, Path.of("")), origin);
                });
    }

    /** Parses YAML text with the shared settings taken from {@code pipeline} (tests, tools). */
    public static NotifierConfig parse(String yaml, String origin, LvdsConfig pipeline) {
        return wrap(
                () -> {
                    ObjectNode tree = StrictYaml.tree(yaml, origin);
                    StrictYaml.substituteEnv(tree, System::getenv, origin);
                    return bind(tree, pipeline, origin);
                });
    }

    private static NotifierConfig wrap(java.util.function.Supplier<NotifierConfig> read) {
        try {
            return read.get();
        } catch (NotifierConfigException e) {
            throw e;
        } catch (ConfigException e) {
            throw new NotifierConfigException(e.getMessage(), e);
        }
    }

    private static LvdsConfig pipeline(ObjectNode tree, Path dir) {
        JsonNode ref = tree.get("pipelineConfig");
        if (ref == null || ref.isNull() || ref.asText().isBlank()) {
            return LvdsConfig.defaults();
        }
        return LvdsConfig.load(dir.resolve(ref.asText()).normalize());
    }

    /** Fills the shared Kafka settings from the pipeline configuration, then binds strictly. */
    private static NotifierConfig bind(ObjectNode tree, LvdsConfig pipeline, String origin) {
        JsonNode section = tree.get("kafka");
        ObjectNode kafka;
        if (section == null || section.isNull()) {
            kafka = tree.putObject("kafka");
        } else if (section instanceof ObjectNode o) {
            kafka = o;
        } else {
            throw new NotifierConfigException(origin + ": kafka: expected a mapping of keys");
        }
        for (Map.Entry<String, String> shared : SHARED_KAFKA_KEYS.entrySet()) {
            if (kafka.has(shared.getKey())) {
                throw new NotifierConfigException(
                        origin
                                + ": kafka."
                                + shared.getKey()
                                + " is shared with the job: it is read from the pipeline"
                                + " configuration ("
                                + shared.getValue()
                                + " in the file pipelineConfig names); remove it here");
            }
        }
        LvdsConfig.Topics topics = pipeline.kafka().topics();
        kafka.put("bootstrapServers", pipeline.kafka().bootstrapServers());
        kafka.put("alertsTopic", topics.alerts());
        kafka.put("indicatorsTopic", topics.indicators());
        kafka.put("incidentsTopic", topics.incidents());
        return StrictYaml.bind(tree, NotifierConfig.class, origin);
    }

    /** The configured zone. */
    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** The state directory as a path. */
    public Path statePath() {
        return Path.of(stateDir);
    }

    /** The webhook with this name. */
    public Webhook webhook(String name) {
        return webhooks.stream()
                .filter(w -> w.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no webhook " + name));
    }

    /**
     * Kafka settings of the notifier. The file gives only {@code groupId}, {@code startFrom} and
     * {@code properties}; the broker list and the topic names are the pipeline configuration's.
     *
     * @param bootstrapServers broker list (the pipeline's kafka.bootstrapServers)
     * @param groupId the notifier's consumer group (offsets are committed after delivery)
     * @param alertsTopic alerts topic (kafka.topics.alerts)
     * @param indicatorsTopic indicators topic, for the briefing (kafka.topics.indicators)
     * @param incidentsTopic incidents topic, for the briefing (kafka.topics.incidents)
     * @param startFrom where a new consumer group starts: earliest | latest
     * @param properties extra Kafka client properties (security.protocol, sasl.*, ssl.*,
     *     session.timeout.ms, ...), passed to every consumer as given
     */
    public record Kafka(
            String bootstrapServers,
            String groupId,
            String alertsTopic,
            String indicatorsTopic,
            String incidentsTopic,
            String startFrom,
            Map<String, String> properties) {

        /** Defaults: a local broker and the lvds.* topics. */
        public static final Kafka DEFAULT = new Kafka(null, null, null, null, null, null, null);

        /** Fills defaults. */
        public Kafka {
            bootstrapServers = bootstrapServers == null ? "localhost:9092" : bootstrapServers;
            groupId = groupId == null ? "lvds-notifier" : groupId;
            alertsTopic = alertsTopic == null ? "lvds.alerts" : alertsTopic;
            indicatorsTopic = indicatorsTopic == null ? "lvds.indicators" : indicatorsTopic;
            incidentsTopic = incidentsTopic == null ? "lvds.incidents" : incidentsTopic;
            startFrom = startFrom == null ? "earliest" : startFrom;
            properties = properties == null ? Map.of() : Map.copyOf(properties);
            if (!startFrom.equals("earliest") && !startFrom.equals("latest")) {
                throw new NotifierConfigException(
                        "kafka.startFrom: expected earliest or latest, got '" + startFrom + "'");
            }
        }

        /** A copy with other bootstrap servers. */
        public Kafka withBootstrapServers(String servers) {
            return new Kafka(
                    servers,
                    groupId,
                    alertsTopic,
                    indicatorsTopic,
                    incidentsTopic,
                    startFrom,
                    properties);
        }
    }

    /** Transport security of the SMTP connection. */
    public enum TlsMode {
        /** Plain SMTP (test servers, a relay on localhost). */
        NONE,
        /** Plain connection upgraded with STARTTLS, required (usually port 587). */
        STARTTLS,
        /** TLS from the first byte (SMTPS, usually port 465). */
        TLS;

        static TlsMode parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new NotifierConfigException(
                        "smtp.tls: expected none, starttls or tls, got '" + s + "'");
            }
        }
    }

    /**
     * The mail server.
     *
     * @param host SMTP host
     * @param port SMTP port
     * @param tls none | starttls | tls
     * @param username login name; null for no authentication
     * @param passwordEnv name of the environment variable holding the password (never the password
     *     itself in the file)
     * @param from sender address, e.g. {@code LVDS <lvds@example.nl>}
     * @param timeoutSeconds connect and read timeout
     */
    public record Smtp(
            String host,
            Integer port,
            String tls,
            String username,
            String passwordEnv,
            String from,
            Integer timeoutSeconds) {

        /** Validates. */
        public Smtp {
            if (host == null || host.isBlank()) {
                throw new NotifierConfigException("smtp.host is missing");
            }
            tls = tls == null ? "starttls" : tls;
            TlsMode mode = TlsMode.parse(tls);
            port =
                    port == null
                            ? (mode == TlsMode.TLS ? 465 : mode == TlsMode.NONE ? 25 : 587)
                            : port;
            if (port < 1 || port > 65535) {
                throw new NotifierConfigException("smtp.port: out of range: " + port);
            }
            if (from == null || from.isBlank()) {
                throw new NotifierConfigException("smtp.from is missing (the sender address)");
            }
            if (username != null && (passwordEnv == null || passwordEnv.isBlank())) {
                throw new NotifierConfigException(
                        "smtp.passwordEnv is missing: with a username, name the environment"
                                + " variable that holds the password");
            }
            timeoutSeconds = timeoutSeconds == null ? 20 : timeoutSeconds;
        }

        /** The parsed TLS mode. */
        public TlsMode tlsMode() {
            return TlsMode.parse(tls);
        }
    }

    /** Payload format of a webhook. */
    public enum WebhookFormat {
        /** LVDS's own JSON: the alert contract plus a title and text. */
        GENERIC,
        /** A Microsoft Teams incoming-webhook MessageCard. */
        TEAMS
    }

    /**
     * A named webhook endpoint.
     *
     * @param name referenced by subscriptions
     * @param url http(s) URL receiving a JSON POST
     * @param format generic | teams
     */
    public record Webhook(String name, String url, String format) {

        /** Validates. */
        public Webhook {
            if (name == null || name.isBlank()) {
                throw new NotifierConfigException("webhooks: a webhook without a name");
            }
            if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
                throw new NotifierConfigException(
                        "webhooks." + name + ".url: expected an http(s) URL");
            }
            format = format == null ? "generic" : format;
            webhookFormat(name, format);
        }

        private static WebhookFormat webhookFormat(String name, String format) {
            try {
                return WebhookFormat.valueOf(format.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new NotifierConfigException(
                        "webhooks."
                                + name
                                + ".format: expected generic or teams, got '"
                                + format
                                + "'");
            }
        }

        /** The parsed format. */
        public WebhookFormat payloadFormat() {
            return webhookFormat(name, format);
        }
    }

    /** How an alert of some level reaches a subscriber. */
    public enum Mode {
        /** At once (or when quiet hours end). */
        IMMEDIATE,
        /** Collected and sent with the next morning briefing. */
        DIGEST
    }

    /**
     * Quiet hours, local time; may wrap midnight (22:00-07:00). Critical alerts are never held.
     *
     * @param from start, e.g. 22:00
     * @param to end, e.g. 07:00
     * @param during what happens to non-critical alerts during quiet hours: hold (deliver when
     *     quiet hours end) or digest (put in the next briefing's digest)
     */
    public record QuietHours(String from, String to, String during) {

        /** Validates. */
        public QuietHours {
            start(from);
            start(to);
            during = during == null ? "hold" : during;
            if (!during.equals("hold") && !during.equals("digest")) {
                throw new NotifierConfigException(
                        "quietHours.during: expected hold or digest, got '" + during + "'");
            }
        }

        private static LocalTime start(String t) {
            try {
                return LocalTime.parse(t);
            } catch (RuntimeException e) {
                throw new NotifierConfigException(
                        "quietHours: expected a local time like 22:00, got '" + t + "'");
            }
        }

        /** Start of the quiet period. */
        public LocalTime fromTime() {
            return LocalTime.parse(from);
        }

        /** End of the quiet period. */
        public LocalTime toTime() {
            return LocalTime.parse(to);
        }

        /** Whether held alerts go to the digest rather than waiting for the end. */
        public boolean toDigest() {
            return during.equals("digest");
        }
    }

    /**
     * A subscription: who gets which alerts.
     *
     * @param name unique name (audit log)
     * @param email recipient addresses
     * @param webhooks names of webhooks
     * @param areas district (gebied) or wijk names, {@code city}, or {@code all}
     * @param topics topics or {@code all}
     * @param minLevel lowest level delivered: watch | warning | critical
     * @param quietHours optional quiet hours
     * @param delivery per level: immediate | digest (default: watch digest, others immediate)
     * @param language nl (default) or en
     */
    public record Subscription(
            String name,
            List<String> email,
            List<String> webhooks,
            List<String> areas,
            List<String> topics,
            String minLevel,
            QuietHours quietHours,
            Map<String, String> delivery,
            String language) {

        /** Validates and fills defaults. */
        public Subscription {
            if (name == null || name.isBlank()) {
                throw new NotifierConfigException("subscriptions: a subscription without a name");
            }
            String at = "subscriptions." + name;
            email = email == null ? List.of() : List.copyOf(email);
            webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
            if (email.isEmpty() && webhooks.isEmpty()) {
                throw new NotifierConfigException(at + ": no email and no webhooks");
            }
            for (String e : email) {
                if (e == null || !e.contains("@")) {
                    throw new NotifierConfigException(at + ".email: not an address: " + e);
                }
            }
            areas = areas == null || areas.isEmpty() ? List.of(ALL) : List.copyOf(areas);
            topics = topics == null || topics.isEmpty() ? List.of(ALL) : List.copyOf(topics);
            for (String t : topics) {
                if (!t.equals(ALL) && !Topic.isTopic(t)) {
                    throw new NotifierConfigException(
                            at + ".topics: unknown topic '" + t + "' (known: " + Topic.ALL + ")");
                }
            }
            minLevel = minLevel == null ? "watch" : minLevel;
            level(at + ".minLevel", minLevel);
            Map<String, String> d = new LinkedHashMap<>();
            d.put("watch", "digest");
            d.put("warning", "immediate");
            d.put("critical", "immediate");
            if (delivery != null) {
                for (Map.Entry<String, String> e : delivery.entrySet()) {
                    level(at + ".delivery", e.getKey());
                    mode(at + ".delivery." + e.getKey(), e.getValue());
                    d.put(e.getKey(), e.getValue());
                }
            }
            delivery = Map.copyOf(d);
            language = language == null ? "nl" : language;
            if (!language.equals("nl") && !language.equals("en")) {
                throw new NotifierConfigException(at + ".language: expected nl or en");
            }
        }

        /** The delivery mode for a level. */
        public Mode modeFor(String level) {
            return mode("delivery", delivery.get(level));
        }

        private static Mode mode(String at, String v) {
            try {
                return Mode.valueOf(v.toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new NotifierConfigException(
                        at + ": expected immediate or digest, got '" + v + "'");
            }
        }
    }

    /** The rank of a level (0 watch .. 2 critical); throws on an unknown level. */
    static int level(String at, String level) {
        int i = Alert.LEVELS.indexOf(level);
        if (i < 0) {
            throw new NotifierConfigException(
                    at + ": unknown level '" + level + "' (known: " + Alert.LEVELS + ")");
        }
        return i;
    }

    /**
     * The morning briefing.
     *
     * @param time local time, e.g. 07:30
     * @param recipients e-mail addresses
     * @param webhooks webhook names that get a short notice with the briefing's headline
     * @param outputDir where Markdown and HTML files are written
     * @param language nl (default) or en
     * @param topRises how many largest rises to show
     * @param enabled whether the scheduler runs
     */
    public record Briefing(
            String time,
            List<String> recipients,
            List<String> webhooks,
            String outputDir,
            String language,
            Integer topRises,
            Boolean enabled) {

        /** Default: 07:30, no recipients, files under briefings/. */
        public static final Briefing DEFAULT =
                new Briefing(null, null, null, null, null, null, null);

        /** Validates and fills defaults. */
        public Briefing {
            time = time == null ? "07:30" : time;
            try {
                LocalTime.parse(time);
            } catch (RuntimeException e) {
                throw new NotifierConfigException(
                        "briefing.time: expected a local time like 07:30, got '" + time + "'");
            }
            recipients = recipients == null ? List.of() : List.copyOf(recipients);
            webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
            outputDir = outputDir == null ? "briefings" : outputDir;
            language = language == null ? "nl" : language;
            if (!language.equals("nl") && !language.equals("en")) {
                throw new NotifierConfigException("briefing.language: expected nl or en");
            }
            topRises = topRises == null ? 5 : topRises;
            if (topRises < 1 || topRises > 50) {
                throw new NotifierConfigException("briefing.topRises: expected 1..50");
            }
            enabled = enabled == null ? Boolean.TRUE : enabled;
        }

        /** The local time of day. */
        public LocalTime localTime() {
            return LocalTime.parse(time);
        }
    }

    /**
     * Retries of one delivery: exponential back-off from {@code initialBackoffMs}, doubled each
     * attempt up to {@code maxBackoffMs}. After {@code maxAttempts} the delivery is parked in the
     * state dir and retried later, until {@code giveUpAfterHours}.
     *
     * @param maxAttempts attempts in a row before parking
     * @param initialBackoffMs first wait
     * @param maxBackoffMs longest wait
     * @param giveUpAfterHours after this long a delivery is abandoned (audit-logged)
     * @param httpTimeoutSeconds webhook request timeout
     */
    public record Delivery(
            Integer maxAttempts,
            Long initialBackoffMs,
            Long maxBackoffMs,
            Integer giveUpAfterHours,
            Integer httpTimeoutSeconds) {

        /** Defaults: 4 attempts, 1 s .. 30 s, give up after 24 h. */
        public static final Delivery DEFAULT = new Delivery(null, null, null, null, null);

        /** Fills defaults and validates. */
        public Delivery {
            maxAttempts = maxAttempts == null ? 4 : maxAttempts;
            initialBackoffMs = initialBackoffMs == null ? 1000L : initialBackoffMs;
            maxBackoffMs = maxBackoffMs == null ? 30_000L : maxBackoffMs;
            giveUpAfterHours = giveUpAfterHours == null ? 24 : giveUpAfterHours;
            httpTimeoutSeconds = httpTimeoutSeconds == null ? 10 : httpTimeoutSeconds;
            if (maxAttempts < 1 || initialBackoffMs < 0 || maxBackoffMs < initialBackoffMs) {
                throw new NotifierConfigException(
                        "delivery: need maxAttempts >= 1 and 0 <= initialBackoffMs <= maxBackoffMs");
            }
        }

        /** The wait before attempt {@code attempt + 1} (attempt counts from 1). */
        public long backoffMs(int attempt) {
            double d = initialBackoffMs * Math.pow(2, Math.max(0, attempt - 1));
            return (long) Math.min(d, maxBackoffMs);
        }
    }
}
