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
 * Delivers alerts from {@code lvds.alerts} to subscribers, at least once and without repeats.
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

    /** Highest level notified per (area, topic), with its time: to mark escalations. */
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

    /** Routes one alert and delivers or parks it for each target. */
    public synchronized void handle(Alert alert) {
        Instant now = clock.instant();
        boolean escalated = escalated(alert);
        for (Route r : router.route(alert, now)) {
            Target t = r.target();
            if (ledger.contains(alert.id(), t) || pending.contains(alert.id(), t)) {
                duplicates.increment();
                continue;
            }
            switch (r.when()) {
                case NOW -> {
                    Notice n = messages.alert(alert, escalated, r.lang());
                    if (!deliver(alert.id(), t, n)) {
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
                    audit.log("held", alert.id(), t, "quiet hours until " + r.dueAt());
                }
                case DIGEST -> {
                    pending.put(
                            new Entry(alert, t, r.lang(), Reason.DIGEST, 0, now.toEpochMilli()));
                    audit.log("digest", alert.id(), t, "kept for the next briefing");
                }
            }
        }
    }

    private boolean escalated(Alert a) {
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
     * Tries a delivery up to {@code maxAttempts} times with exponential back-off; records it in the
     * ledger on success. Returns false when every attempt failed.
     */
    private boolean deliver(String alertId, Target t, Notice n) {
        int max = config.delivery().maxAttempts();
        for (int attempt = 1; ; attempt++) {
            try {
                sender.send(t, n);
                if (n.kind().equals("alert")) {
                    ledger.record(alertId, t);
                }
                delivered.increment();
                audit.log("delivered", alertId, t, n.kind() + " attempt " + attempt);
                return true;
            } catch (DeliveryException e) {
                failures.increment();
                lastFailure = clock.instant() + " " + t.key() + ": " + e.getMessage();
                audit.log("failed", alertId, t, "attempt " + attempt + ": " + e.getMessage());
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
            if (ledger.contains(e.alert().id(), e.target())) {
                pending.done(e);
                continue;
            }
            Notice n = messages.alert(e.alert(), false, e.lang());
            if (deliver(e.alert().id(), e.target(), n)) {
                pending.done(e);
            } else if (now.toEpochMilli() - e.since()
                    > Duration.ofHours(config.delivery().giveUpAfterHours()).toMillis()) {
                gaveUp.increment();
                audit.log(
                        "abandoned",
                        e.alert().id(),
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
     * Sends every target its digest (one notice per target with all its digest alerts), as the
     * morning briefing fires. Returns the number of alerts delivered in digests.
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
                if (ledger.contains(e.alert().id(), g.getKey())) {
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
                    ledger.record(e.alert().id(), g.getKey());
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
