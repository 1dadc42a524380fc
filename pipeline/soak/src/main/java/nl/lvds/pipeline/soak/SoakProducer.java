package nl.lvds.pipeline.soak;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.Signal;
import nl.lvds.pipeline.bench.SignalPool;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces generated signals into the signals topic at a steady rate until stopped, as the latency
 * suite does: signals from a {@link SignalPool} in turn, restamped with a new id and the event time
 * of the moment they are sent, round-robin over the topic's two partitions; every {@code
 * spikeEverySeconds} a spike of {@value #SPIKE_SIGNALS} hostile signals (on top of the rate) into
 * the next quiet wijk, so that alerts occur.
 */
final class SoakProducer implements AutoCloseable {

    static final int SPIKE_SIGNALS = 200;

    private final String bootstrap;
    private final String topic;
    private final SignalPool pool;
    private final int rate;
    private final int spikeEverySeconds;
    private final Latencies latencies;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong spikes = new AtomicLong();
    private volatile Throwable failure;
    private Thread thread;

    SoakProducer(
            String bootstrap,
            String topic,
            SignalPool pool,
            int rate,
            int spikeEverySeconds,
            Latencies latencies) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.pool = pool;
        this.rate = rate;
        this.spikeEverySeconds = spikeEverySeconds;
        this.latencies = latencies;
    }

    void start() {
        thread = new Thread(this::loop, "soak-producer");
        thread.setDaemon(true);
        thread.start();
    }

    long sent() {
        return sent.get();
    }

    /** Acknowledged by the broker. */
    long acked() {
        return acked.get();
    }

    long failed() {
        return failed.get();
    }

    long spikes() {
        return spikes.get();
    }

    Throwable failure() {
        return failure;
    }

    private void loop() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("linger.ms", "5");
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        long startNanos = System.nanoTime();
        long n = 0;
        int next = 0;
        long nextSpike = System.currentTimeMillis() + spikeEverySeconds * 1000L;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            while (!stop.get()) {
                long due = (System.nanoTime() - startNanos) / 1000L * rate / 1_000_000L;
                if (n >= due) {
                    Thread.sleep(1);
                    continue;
                }
                long now = System.currentTimeMillis();
                long eventNow = latencies.eventOf(now);
                while (n < due) {
                    Signal s = pool.signals().get(next++ % pool.signals().size());
                    send(
                            producer,
                            (int) (n & 1),
                            SignalPool.restamp(s, "soak-" + n, eventNow, s.area()));
                    n++;
                }
                if (spikeEverySeconds > 0 && now >= nextSpike && !pool.quietWijken().isEmpty()) {
                    long k = spikes.getAndIncrement();
                    String wijk = pool.quietWijken().get((int) (k % pool.quietWijken().size()));
                    for (int i = 0; i < SPIKE_SIGNALS; i++) {
                        Signal h =
                                pool.hostile()
                                        .get(
                                                (int)
                                                        ((k * SPIKE_SIGNALS + i)
                                                                % pool.hostile().size()));
                        send(
                                producer,
                                i & 1,
                                SignalPool.restamp(h, "soak-spike-" + k + "-" + i, eventNow, wijk));
                    }
                    nextSpike += spikeEverySeconds * 1000L;
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
        }
    }

    private void send(KafkaProducer<byte[], byte[]> producer, int partition, Signal s) {
        latencies.produced(s.ts());
        sent.incrementAndGet();
        producer.send(
                new ProducerRecord<>(topic, partition, null, LvdsJson.encodeSignal(s)),
                (meta, e) -> {
                    if (e == null) {
                        acked.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                });
    }

    /** Stops producing and flushes what was sent. */
    @Override
    public void close() {
        stop.set(true);
        if (thread != null) {
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
