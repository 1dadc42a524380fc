package nl.lvds.pipeline.demo;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import nl.lvds.models.codec.Decoded;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.TensionIndicator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the job's output topics (indicators, alerts) with {@code read_committed}, as every consumer
 * of LVDS must, and keeps what the demo's summary shows: counts, the latest indicator window end
 * (how far the job has got in simulated time) and the alerts seen. Aggregates only, as the topics
 * hold nothing else.
 */
public final class OutputWatcher implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String indicatorsTopic;
    private final String alertsTopic;
    private final AtomicLong indicators = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile long latestWindowEnd = Long.MIN_VALUE;
    private volatile long firstAlertAt;
    private volatile boolean running = true;

    /** A watcher (not started) reading both topics from the beginning. */
    public OutputWatcher(String bootstrap, String indicatorsTopic, String alertsTopic) {
        this.indicatorsTopic = indicatorsTopic;
        this.alertsTopic = alertsTopic;
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "lvds-demo-watcher");
        p.put("client.id", "lvds-demo-watcher");
        p.put("auto.offset.reset", "earliest");
        p.put("enable.auto.commit", "false");
        p.put("isolation.level", "read_committed");
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
        thread = new Thread(this::run, "lvds-demo-watcher");
        thread.setDaemon(true);
    }

    /** Starts reading in its own thread. */
    public OutputWatcher start() {
        thread.start();
        return this;
    }

    /** Indicators read (committed). */
    public long indicators() {
        return indicators.get();
    }

    /** Records on the output topics that did not decode (should stay 0). */
    public long unreadable() {
        return unreadable.get();
    }

    /** Alerts read (committed), in the order read. */
    public List<Alert> alerts() {
        return List.copyOf(alerts);
    }

    /** The latest indicator window end read (epoch ms), or {@code Long.MIN_VALUE}. */
    public long latestWindowEnd() {
        return latestWindowEnd;
    }

    /** When the first alert was read (real epoch ms), or 0. */
    public long firstAlertAt() {
        return firstAlertAt;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }

    private void run() {
        try {
            consumer.subscribe(List.of(indicatorsTopic, alertsTopic));
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.topic().equals(indicatorsTopic)) {
                        if (LvdsJson.decodeIndicator(r.value())
                                instanceof Decoded.Ok<TensionIndicator> ok) {
                            indicators.incrementAndGet();
                            latestWindowEnd = Math.max(latestWindowEnd, ok.value().windowEnd());
                        } else {
                            unreadable.incrementAndGet();
                        }
                    } else if (LvdsJson.decodeAlert(r.value()) instanceof Decoded.Ok<Alert> ok) {
                        if (alerts.isEmpty()) {
                            firstAlertAt = System.currentTimeMillis();
                        }
                        alerts.add(ok.value());
                    } else {
                        unreadable.incrementAndGet();
                    }
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } finally {
            consumer.close();
        }
    }
}
