package nl.lvds.dashboards.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.lvds.dashboards.notify.AlertMessages.Change;
import nl.lvds.dashboards.notify.PendingStore.Entry;
import nl.lvds.dashboards.notify.PendingStore.Reason;
import nl.lvds.dashboards.notify.SubscriptionRouter.Route;
import nl.lvds.models.area.AreaGazetteer;
import nl.lvds.models.codec.Decoded;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.Alert;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Delivers alerts from {@code lvds.alerts} to subscribers, at least once and without repeats: one
 * message per alert group when it is raised, one per escalation and one when it closes, never a
 * storm of one per cell or per update.
 *
 * <p>Per polled batch: each alert is routed ({@link SubscriptionRouter}); due deliveries are sent
 * with retries and exponential back-off and recorded in the {@link SentLedger} (fsync) as each
 * succeeds; held, digest and repeatedly failing deliveries are parked durably in the {@link
 * PendingStore}. Only then are the batch's offsets committed. A crash before the commit replays the
 * batch and the ledger skips what was already sent; a crash after it loses nothing because
 * everything not yet sent is in the pending store. Time comes from a {@link Clock} so quiet hours
 * and back-off are testable.
 */
public final class Notifier implements Runnable, AutoCloseable {

    /** Waits between attempts; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        /** Waits {@code millis}. */
        void sleep(long millis) throws InterruptedException;
    }

    private final NotifierConfig config;
    private final NoticeSender sender;
    private final Clock clock;
    private final Sleeper sleeper;
    private final SubscriptionRouter router;
    private final AlertMessages messages;
    private final SentLedger ledger;
    private final PendingStore pending;
    private final AuditLog audit;
    private final Counter delivered;
    private final Counter duplicates;
    private final Counter failures;
    private final Counter gaveUp;
    private final Counter badRecords;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile String lastFailure;

    /** Version 1 alerts: highest level notified per (area, topic), with its time. */
    private final Map<String, long[]> lastLevel = new HashMap<>();

    /** A notifier with its state in {@code config.stateDir()}. */
    public Notifier(
            NotifierConfig config,
            NoticeSender sender,
            Clock clock,
            Sleeper sleeper,
            MeterRegistry registry) {
        this.config = config;
        this.sender = sender;
        this.clock = clock;
        this.sleeper = sleeper;
        this.router =
                new SubscriptionRouter(
                        config.subscriptions(), AreaGazetteer.rotterdam(), config.zone());
        this.messages = new AlertMessages(config.zone(), config.dashboardUrl());
        Path state = config.statePath();
        this.ledger = new SentLedger(state);
        this.pending = new PendingStore(state);
        this.audit = new AuditLog(state, clock);
        this.delivered = Counter.builder("lvds.notify.delivered").register(registry);
        this.duplicates =
                Counter.builder("lvds.notify.duplicates.skipped")
                        .description("deliveries skipped because the ledger has them")
                        .register(registry);
        this.failures =
                Counter.builder("lvds.notify.failures")
                        .description("failed delivery attempts")
                        .register(registry);
        this.gaveUp = Counter.builder("lvds.notify.abandoned").register(registry);
        this.badRecords = Counter.builder("lvds.notify.bad.records").register(registry);
        Gauge.builder("lvds.notify.pending", pending, PendingStore::size).register(registry);
    }

    /** A production notifier: real mail and webhooks, system clock, real sleeping. */
    public static Notifier create(NotifierConfig config, MeterRegistry registry) {
        Clock clock = Clock.systemUTC();
        return new Notifier(
                config, new ChannelSender(config, clock), clock, Thread::sleep, registry);
    }

    /**
     * The consumer properties: read_committed (alerts are written transactionally), manual commits.
     */
    public static Properties consumerProperties(NotifierConfig.Kafka k) {
        Properties p = new Properties();
        p.putAll(k.properties());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, k.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, k.groupId());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, k.startFrom());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
        // Retries with back-off may hold a batch for minutes; stay in the group meanwhile.
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "900000");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        return p;
    }

    /**
     * Consumes alerts until {@link #stop()}; a delivery exception other than a failed attempt ends
     * the loop uncommitted.
     */
    @Override
    public void run() {
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(consumerProperties(config.kafka()))) {
            consumer = c;
            c.subscribe(List.of(config.kafka().alertsTopic()));
            while (running.get()) {
                ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(500));
                Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    Decoded<Alert> d = LvdsJson.decodeAlert(r.value());
                    if (d instanceof Decoded.Ok<Alert> ok) {
                        handle(ok.value());
                    } else {
                        badRecords.increment();
                        audit.log(
                                "bad-record",
                                null,
                                null,
                                r.topic() + "-" + r.partition() + "@" + r.offset() + ": " + d);
                    }
                    offsets.put(
                            new TopicPartition(r.topic(), r.partition()),
                            new OffsetAndMetadata(r.offset() + 1));
                }
                if (!offsets.isEmpty()) {
                    // Everything in the batch is now either in the ledger or in the pending store.
                    c.commitSync(offsets);
                }
                deliverDue();
                writeHealth();
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } finally {
            consumer = null;
        }
    }

    /** Asks the loop to end after the current batch. */
    public void stop() {
        running.set(false);
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /**
     * Routes one alert record and delivers or parks it for each target. Per group and target: the
     * first record that matches is told (raised), then only a record whose level rises above what
     * the target was told (escalated), then the closing record if the target was told anything. A
     * plain update (new cells, same level) sends nothing. A record replayed after it was delivered
     * or parked is skipped. What is still owed for the group (held, digest, retry) is replaced by
     * the newer record, so a target never gets a stale message after a fresher one.
     */
    public synchronized void handle(Alert alert) {
        Instant now = clock.instant();
        boolean legacyEscalation = alert.v() == 1 && escalatedCell(alert);
        List<Route> routes =
                alert.closes() ? router.routeClosing(alert, now) : router.route(alert, now);
        for (Route r : routes) {
            Target t = r.target();
            if (ledger.contains(alert, t) || pending.contains(alert, t)) {
                duplicates.increment();
                continue;
            }
            // What the target was told, not what is still owed to it: an owed message not yet sent
            // is replaced by this newer record.
            List<Entry> owed = pending.forGroup(alert.id(), t);
            int known = ledger.toldLevel(alert.id(), t);
            Change change = change(alert, known, legacyEscalation);
            if (change == null && alert.closes() && !owed.isEmpty()) {
                // Owed but never sent, and now over: nothing to tell.
                for (Entry e : owed) {
                    pending.done(e);
                    audit.log("superseded", SentLedger.key(e.alert()), t, "group closed");
                }
                continue;
            }
            if (change == null) {
                continue;
            }
            for (Entry e : owed) {
                pending.done(e);
                audit.log(
                        "superseded",
                        SentLedger.key(e.alert()),
                        t,
                        "replaced by " + SentLedger.key(alert));
            }
            String key = SentLedger.key(alert);
            switch (r.when()) {
                case NOW -> {
                    Notice n = messages.alert(alert, change, r.lang());
                    if (deliver(key, t, n)) {
                        ledger.record(alert, t);
                    } else {
                        long due = now.toEpochMilli() + config.delivery().maxBackoffMs();
                        pending.put(
                                new Entry(
                                        alert, t, r.lang(), Reason.RETRY, due, now.toEpochMilli()));
                    }
                }
                case HOLD -> {
                    pending.put(
                            new Entry(
                                    alert,
                                    t,
                                    r.lang(),
                                    Reason.HOLD,
                                    r.dueAt().toEpochMilli(),
                                    now.toEpochMilli()));
                    audit.log("held", key, t, "quiet hours until " + r.dueAt());
                }
                case DIGEST -> {
                    pending.put(
                            new Entry(alert, t, r.lang(), Reason.DIGEST, 0, now.toEpochMilli()));
                    audit.log("digest", key, t, "kept for the next briefing");
                }
            }
        }
    }

    /**
     * What a record tells a target that knows the group up to level {@code known} (-1: nothing);
     * null when it tells nothing new.
     */
    private static Change change(Alert a, int known, boolean legacyEscalation) {
        if (a.closes()) {
            return known < 0 ? null : Change.CLOSED;
        }
        if (known < 0) {
            return legacyEscalation ? Change.ESCALATED : Change.RAISED;
        }
        return GroupFacts.level(a.level()) > known ? Change.ESCALATED : null;
    }

    /**
     * Version 1 alerts (one per rule, cell and window, each with its own id): a higher level for
     * the same cell within 24 h is shown as an escalation, as before groups existed.
     */
    private boolean escalatedCell(Alert a) {
        String cell = a.area() + "|" + a.topic();
        int lvl = Alert.LEVELS.indexOf(a.level());
        long[] prev = lastLevel.get(cell);
        boolean esc =
                prev != null
                        && prev[0] < lvl
                        && a.raisedAt() - prev[1] <= Duration.ofHours(24).toMillis();
        if (prev == null
                || prev[0] <= lvl
                || a.raisedAt() - prev[1] > Duration.ofHours(24).toMillis()) {
            lastLevel.put(cell, new long[] {lvl, a.raisedAt()});
        }
        return esc;
    }

    /**
     * Tries a delivery up to {@code maxAttempts} times with exponential back-off. Returns false
     * when every attempt failed; the caller records a success in the ledger.
     */
    private boolean deliver(String what, Target t, Notice n) {
        int max = config.delivery().maxAttempts();
        for (int attempt = 1; ; attempt++) {
            try {
                sender.send(t, n);
                delivered.increment();
                audit.log("delivered", what, t, n.kind() + " attempt " + attempt);
                return true;
            } catch (DeliveryException e) {
                failures.increment();
                lastFailure = clock.instant() + " " + t.key() + ": " + e.getMessage();
                audit.log("failed", what, t, "attempt " + attempt + ": " + e.getMessage());
                if (attempt >= max) {
                    return false;
                }
                try {
                    sleeper.sleep(config.delivery().backoffMs(attempt));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    /** Delivers held and retry entries that are due now; gives up on ones past the limit. */
    public synchronized void deliverDue() {
        Instant now = clock.instant();
        for (Entry e : pending.due(now.toEpochMilli())) {
            if (ledger.contains(e.alert(), e.target())) {
                pending.done(e);
                continue;
            }
            // The target may have been told more meanwhile (a critical escalation ignores quiet
            // hours): the message says what is new to it then, or nothing.
            Change change = change(e.alert(), ledger.toldLevel(e.alert().id(), e.target()), false);
            if (change == null) {
                pending.done(e);
                audit.log("superseded", SentLedger.key(e.alert()), e.target(), "already told");
                continue;
            }
            Notice n = messages.alert(e.alert(), change, e.lang());
            if (deliver(SentLedger.key(e.alert()), e.target(), n)) {
                ledger.record(e.alert(), e.target());
                pending.done(e);
            } else if (now.toEpochMilli() - e.since()
                    > Duration.ofHours(config.delivery().giveUpAfterHours()).toMillis()) {
                gaveUp.increment();
                audit.log(
                        "abandoned",
                        SentLedger.key(e.alert()),
                        e.target(),
                        "no success since " + Instant.ofEpochMilli(e.since()));
                pending.done(e);
            } else {
                pending.put(
                        new Entry(
                                e.alert(),
                                e.target(),
                                e.lang(),
                                Reason.RETRY,
                                now.toEpochMilli() + config.delivery().maxBackoffMs(),
                                e.since()));
            }
        }
    }

    /**
     * Sends every target its digest (one notice per target with all its digest groups, the newest
     * record of each), as the morning briefing fires. Returns the number of groups delivered in
     * digests.
     */
    public synchronized int flushDigests() {
        Map<Target, List<Entry>> byTarget = new LinkedHashMap<>();
        for (Entry e : pending.digest()) {
            byTarget.computeIfAbsent(e.target(), k -> new ArrayList<>()).add(e);
        }
        int sent = 0;
        for (Map.Entry<Target, List<Entry>> g : byTarget.entrySet()) {
            List<Entry> todo = new ArrayList<>();
            for (Entry e : g.getValue()) {
                if (ledger.contains(e.alert(), g.getKey())) {
                    pending.done(e);
                } else {
                    todo.add(e);
                }
            }
            if (todo.isEmpty()) {
                continue;
            }
            Notice n =
                    messages.digest(todo.stream().map(Entry::alert).toList(), todo.get(0).lang());
            if (deliver("digest of " + todo.size(), g.getKey(), n)) {
                for (Entry e : todo) {
                    ledger.record(e.alert(), g.getKey());
                    pending.done(e);
                    sent++;
                }
            }
        }
        return sent;
    }

    /** Owed deliveries right now. */
    public int pendingCount() {
        return pending.size();
    }

    /** Deliveries recorded in the ledger. */
    public int deliveredCount() {
        return ledger.size();
    }

    /**
     * Writes {@code notifier-health.json} in the state dir (atomically) so the dashboard's
     * source-health view can show delivery failures without sharing a process.
     */
    public void writeHealth() {
        Path state = config.statePath();
        String json =
                "{\"updatedAt\":\""
                        + clock.instant()
                        + "\",\"delivered\":"
                        + (long) delivered.count()
                        + ",\"failedAttempts\":"
                        + (long) failures.count()
                        + ",\"abandoned\":"
                        + (long) gaveUp.count()
                        + ",\"pending\":"
                        + pending.size()
                        + ",\"lastFailure\":"
                        + (lastFailure == null
                                ? "null"
                                : new String(
                                        LvdsJson.encodeValue(lastFailure), StandardCharsets.UTF_8))
                        + "}\n";
        try {
            Path tmp = state.resolve("notifier-health.json.tmp");
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            Files.move(
                    tmp,
                    state.resolve("notifier-health.json"),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
        ledger.close();
        pending.close();
        audit.close();
    }
}
