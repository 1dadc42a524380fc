package nl.lvds.dashboards.store;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import nl.lvds.models.codec.Decoded;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.TensionIndicator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka consumer that feeds {@link DashboardState}: it reads lvds.indicators, lvds.alerts,
 * lvds.incidents and lvds.deadletter from the beginning, with {@code
 * isolation.level=read_committed} (the pipeline writes exactly-once, transactionally), on one
 * thread of its own.
 *
 * <p>It also reads the provisional indicators (lvds.indicators.early), but not from the beginning:
 * that topic is not transactional and holds the same open windows re-published every half second,
 * so its history is worthless once newer records or the finals exist. Each of its partitions starts
 * at the first record written {@link #EARLY_LOOKBACK} before the start (at its end when there is
 * none), which restores the open windows without replaying the topic; the store keeps at most one
 * provisional record per cell. read_committed does no harm there: the topic has no transactions.
 *
 * <p>It assigns partitions itself instead of joining a consumer group: every dashboard instance
 * needs every record, and reading from the beginning on each start <em>is</em> the restore, so
 * committed offsets would only get in the way. Topics that do not exist yet are looked for again
 * every few seconds, so the dashboard may start before the pipeline. Dead letters are only counted
 * (their record timestamp), never decoded or kept.
 */
public final class KafkaFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaFeed.class);
    private static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(2);

    /** How often an unreachable broker is tried again. */
    static final Duration UNREACHABLE_RETRY = Duration.ofSeconds(10);

    /** How often "still no broker" is repeated while it stays away. */
    static final Duration UNREACHABLE_REMINDER = Duration.ofMinutes(5);

    /**
     * How far back (record timestamp, wall clock) the provisional topic is read on start: a few
     * rounds of early results (every 0.5 s by default), enough to show every open window at once.
     */
    public static final Duration EARLY_LOOKBACK = Duration.ofSeconds(10);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final DashboardState state;
    private final LvdsConfig.Topics topics;
    private final List<String> wanted;
    private final Thread thread;
    private final CountDownLatch restored = new CountDownLatch(1);
    private final AtomicLong lag = new AtomicLong(-1);
    private final AtomicLong recordsConsumed = new AtomicLong();
    private final Map<TopicPartition, Long> restoreTargets = new HashMap<>();
    private final String bootstrapServers;
    private volatile boolean running = true;
    private volatile boolean brokerSeen;
    private long unreachableSince = -1;
    private long lastReminder;
    private boolean warnedUnreachable;
    private boolean started;

    /** Creates the consumer; {@link #start()} starts reading. */
    public KafkaFeed(String bootstrapServers, LvdsConfig.Topics topics, DashboardState state) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "lvds-dashboard");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // A broker that goes away is retried with a backoff growing to 10 s rather than 1 s, so a
        // long outage gives a warning every few seconds, not several a second.
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "10000");
        this.bootstrapServers = bootstrapServers;
        this.consumer = new KafkaConsumer<>(p);
        this.state = state;
        this.topics = topics;
        this.wanted =
                List.of(
                        topics.indicators(),
                        topics.alerts(),
                        topics.incidents(),
                        topics.deadletter(),
                        topics.early());
        this.thread = new Thread(this::run, "lvds-dashboard-kafka");
        this.thread.setDaemon(true);
    }

    /** Starts the consumer thread. */
    public synchronized void start() {
        started = true;
        thread.start();
    }

    /**
     * Waits until every record that was in the topics at start (or at the topic's discovery) has
     * been applied.
     */
    public boolean awaitRestored(Duration timeout) throws InterruptedException {
        return restored.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the start-up replay is done. */
    public boolean isRestored() {
        return restored.getCount() == 0;
    }

    /** The consumer lag summed over partitions (records), -1 before the first poll. */
    public long lag() {
        return lag.get();
    }

    /** Records consumed since start. */
    public long recordsConsumed() {
        return recordsConsumed.get();
    }

    private void run() {
        Set<TopicPartition> assigned = new HashSet<>();
        long nextDiscovery = 0;
        try {
            while (running) {
                long now = System.currentTimeMillis();
                if (now >= nextDiscovery) {
                    if (!brokerSeen && !reachable(now)) {
                        nextDiscovery = now + UNREACHABLE_RETRY.toMillis();
                        continue;
                    }
                    discover(assigned);
                    nextDiscovery = now + DISCOVERY_INTERVAL.toMillis();
                }
                if (assigned.isEmpty()) {
                    Thread.sleep(200);
                    continue;
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                apply(records);
                updateLagAndRestore(assigned);
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("unexpected wakeup of the dashboard consumer", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("dashboard consumer stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /**
     * Whether a bootstrap server accepts a TCP connection. Until one does, the Kafka client is not
     * used at all: it would log a warning for every reconnect (several a second), while this says
     * once, clearly, that there is no broker, and then only reminds every few minutes.
     */
    private boolean reachable(long now) throws InterruptedException {
        for (String server : bootstrapServers.split(",")) {
            String s = server.strip();
            int colon = s.lastIndexOf(':');
            if (colon < 0) {
                continue;
            }
            String host = s.substring(0, colon).replace("[", "").replace("]", "");
            try (Socket socket = new Socket()) {
                socket.connect(
                        new InetSocketAddress(host, Integer.parseInt(s.substring(colon + 1))),
                        2_000);
                if (unreachableSince >= 0) {
                    LOG.warn(
                            "Kafka at {} is reachable now (after {} s): reading the topics",
                            bootstrapServers,
                            (now - unreachableSince) / 1000);
                }
                brokerSeen = true;
                return true;
            } catch (IOException | NumberFormatException e) {
                // try the next one
            }
        }
        if (unreachableSince < 0) {
            unreachableSince = now;
            lastReminder = now;
            LOG.error(
                    "No Kafka broker answers at {} (kafka.bootstrapServers of the pipeline"
                            + " config, --bootstrap-servers or LVDS_KAFKA_BOOTSTRAP). The dashboard"
                            + " runs without data and tries again every {} s; start the broker"
                            + " (./lvds broker, or the pipeline's Kafka) or fix the address.",
                    bootstrapServers,
                    UNREACHABLE_RETRY.toSeconds());
        } else if (now - lastReminder >= UNREACHABLE_REMINDER.toMillis()) {
            lastReminder = now;
            LOG.warn(
                    "still no Kafka broker at {} after {} min; retrying every {} s",
                    bootstrapServers,
                    (now - unreachableSince) / 60_000,
                    UNREACHABLE_RETRY.toSeconds());
        }
        Thread.sleep(200);
        return false;
    }

    /** Whether the broker has been reached since start. */
    public boolean brokerSeen() {
        return brokerSeen;
    }

    private void discover(Set<TopicPartition> assigned) {
        Map<String, List<PartitionInfo>> existing;
        try {
            existing = consumer.listTopics(Duration.ofSeconds(5));
        } catch (TimeoutException e) {
            // Kafka not reachable (yet): keep serving what we have and look again later.
            if (!warnedUnreachable) {
                LOG.warn("Kafka not reachable yet; the dashboard keeps trying: {}", e.getMessage());
                warnedUnreachable = true;
            }
            return;
        }
        List<TopicPartition> fresh = new ArrayList<>();
        for (String topic : wanted) {
            for (PartitionInfo pi : existing.getOrDefault(topic, List.of())) {
                TopicPartition tp = new TopicPartition(topic, pi.partition());
                if (!assigned.contains(tp)) {
                    fresh.add(tp);
                }
            }
        }
        if (fresh.isEmpty()) {
            if (assigned.isEmpty() && restoreTargets.isEmpty()) {
                // Nothing to replay yet: an empty broker counts as restored.
                restored.countDown();
            }
            return;
        }
        assigned.addAll(fresh);
        consumer.assign(assigned);
        List<TopicPartition> fromBeginning = new ArrayList<>();
        Map<TopicPartition, Long> recent = new HashMap<>();
        long since = System.currentTimeMillis() - EARLY_LOOKBACK.toMillis();
        for (TopicPartition tp : fresh) {
            if (tp.topic().equals(topics.early())) {
                recent.put(tp, since);
            } else {
                fromBeginning.add(tp);
            }
        }
        consumer.seekToBeginning(fromBeginning);
        if (!recent.isEmpty()) {
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(recent);
            Map<TopicPartition, Long> ends = consumer.endOffsets(recent.keySet());
            for (TopicPartition tp : recent.keySet()) {
                OffsetAndTimestamp o = found.get(tp);
                consumer.seek(tp, o != null ? o.offset() : ends.get(tp));
            }
        }
        restoreTargets.putAll(consumer.endOffsets(fresh));
        LOG.info(
                "dashboard consumer reads {} from the beginning, {} from {} ago",
                fromBeginning,
                recent.keySet(),
                EARLY_LOOKBACK);
    }

    private void apply(ConsumerRecords<byte[], byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        List<TensionIndicator> indicators = new ArrayList<>();
        List<TensionIndicator> early = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        List<Incident> incidents = new ArrayList<>();
        List<Long> deadLetters = new ArrayList<>();
        int errors = 0;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String t = r.topic();
            if (r.value() == null) {
                continue;
            }
            if (t.equals(topics.indicators())) {
                errors += add(LvdsJson.decodeIndicator(r.value()), indicators);
            } else if (t.equals(topics.early())) {
                errors += add(LvdsJson.decodeIndicator(r.value()), early);
            } else if (t.equals(topics.alerts())) {
                errors += add(LvdsJson.decodeAlert(r.value()), alerts);
            } else if (t.equals(topics.incidents())) {
                errors += add(LvdsJson.decodeIncident(r.value()), incidents);
            } else if (t.equals(topics.deadletter())) {
                deadLetters.add(r.timestamp());
            }
        }
        recordsConsumed.addAndGet(records.count());
        state.apply(
                indicators,
                early,
                alerts,
                incidents,
                deadLetters,
                errors,
                System.currentTimeMillis());
    }

    private static <T> int add(Decoded<T> d, List<T> into) {
        if (d instanceof Decoded.Ok<T> ok) {
            into.add(ok.value());
            return 0;
        }
        return 1;
    }

    private void updateLagAndRestore(Set<TopicPartition> assigned) {
        long total = 0;
        for (TopicPartition tp : assigned) {
            OptionalLong l = consumer.currentLag(tp);
            if (l.isPresent()) {
                total += l.getAsLong();
            }
        }
        lag.set(total);
        if (restored.getCount() > 0) {
            boolean done = true;
            for (Map.Entry<TopicPartition, Long> e : restoreTargets.entrySet()) {
                if (consumer.position(e.getKey()) < e.getValue()) {
                    done = false;
                    break;
                }
            }
            if (done) {
                restored.countDown();
                LOG.info("dashboard state restored from Kafka: {} series", state.seriesCount());
            }
        }
    }

    @Override
    public synchronized void close() throws InterruptedException {
        running = false;
        if (!started) {
            consumer.close(Duration.ZERO);
            return;
        }
        consumer.wakeup();
        thread.join(5_000);
    }
}
