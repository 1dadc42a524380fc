package nl.lvds.pipeline.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.Signal;
import nl.lvds.pipeline.generate.DayGenerator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The demo's synthetic feed: the generator's signals and incidents sent to Kafka, first the history
 * before {@code simStart} as fast as Kafka takes it (the indicators need days of baseline), then
 * everything from {@code simStart} on in accelerated real time ({@link SimClock}), day after day
 * until stopped. Every record is the generator's: platform {@code synthetic}, ids {@code syn-}.
 *
 * <p>One thread, one producer. Records keep their simulated event times (e.g. 7 March 2024), so the
 * scripted events of the scenario happen at their own simulated moments. Within a day, records are
 * sent in event-time order, incidents before signals of the same millisecond; partitions are
 * assigned round-robin so both partitions of a topic advance together (a partition without data
 * holds the watermark back until it is declared idle).
 */
public final class LiveStream implements AutoCloseable {

    /**
     * What to stream.
     *
     * @param historyFrom first simulated day of the history (local date, Europe/Amsterdam)
     * @param simStart the simulated instant where real-time streaming begins; everything earlier is
     *     history
     * @param speed simulated seconds per real second
     */
    public record Options(LocalDate historyFrom, Instant simStart, double speed) {

        /** Validates the options. */
        public Options {
            if (historyFrom == null || simStart == null) {
                throw new IllegalArgumentException("historyFrom and simStart are required");
            }
            if (historyFrom.atStartOfDay(DayGenerator.ZONE).toInstant().isAfter(simStart)) {
                throw new IllegalArgumentException("historyFrom is after simStart");
            }
            if (!(speed > 0)) {
                throw new IllegalArgumentException("speed must be positive: " + speed);
            }
        }
    }

    /** Where the stream is. */
    public enum Phase {
        /** Not started. */
        NEW,
        /** Sending the history as fast as possible. */
        HISTORY,
        /** Sending in accelerated real time. */
        LIVE,
        /** Stopped (closed or failed). */
        STOPPED
    }

    /** One record to send, with its event time. */
    record Item(long ts, boolean incident, byte[] value) {}

    private static final long TICK_MS = 100;

    private final DayGenerator days;
    private final Options options;
    private final String bootstrap;
    private final String signalsTopic;
    private final String incidentsTopic;
    private final AtomicLong signals = new AtomicLong();
    private final AtomicLong incidents = new AtomicLong();
    private final AtomicLong historySignals = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch historySent = new CountDownLatch(1);
    private final CountDownLatch goLive = new CountDownLatch(1);
    private final Thread thread;
    private volatile Phase phase = Phase.NEW;
    private volatile boolean running = true;
    private volatile long simNow;
    private volatile SimClock clock;

    /**
     * A stream (not started).
     *
     * @param days the generator of simulated days
     * @param options history start, live start, speed
     * @param bootstrap Kafka bootstrap servers
     * @param signalsTopic topic for signals
     * @param incidentsTopic topic for incidents
     */
    public LiveStream(
            DayGenerator days,
            Options options,
            String bootstrap,
            String signalsTopic,
            String incidentsTopic) {
        this.days = days;
        this.options = options;
        this.bootstrap = bootstrap;
        this.signalsTopic = signalsTopic;
        this.incidentsTopic = incidentsTopic;
        this.simNow =
                options.historyFrom().atStartOfDay(DayGenerator.ZONE).toInstant().toEpochMilli();
        this.thread = new Thread(this::run, "lvds-demo-stream");
        thread.setDaemon(true);
    }

    /** Starts streaming in its own thread. */
    public LiveStream start() {
        phase = Phase.HISTORY;
        thread.start();
        return this;
    }

    /** Waits until the history is sent (true) or the timeout passes or the stream stops. */
    public boolean awaitHistory(long timeout, TimeUnit unit) throws InterruptedException {
        return historySent.await(timeout, unit) && failure.get() == null;
    }

    /**
     * Lets the live phase begin: after the history the stream waits for this, so that the caller
     * can first let the job catch up (the live clock starts now, not when the history was sent).
     */
    public void goLive() {
        // The clock is set here, not in the stream's thread, so that clock() is never null once
        // this returns.
        clock = SimClock.of(options.simStart(), Instant.now(), options.speed());
        if (phase != Phase.STOPPED) {
            phase = Phase.LIVE;
        }
        goLive.countDown();
    }

    /** Signals sent so far. */
    public long signals() {
        return signals.get();
    }

    /** Signals of the history (before simStart). */
    public long historySignals() {
        return historySignals.get();
    }

    /** Incidents sent so far. */
    public long incidents() {
        return incidents.get();
    }

    /** The simulated time up to which records have been sent (epoch ms). */
    public long simNow() {
        return simNow;
    }

    /** The clock of the live phase; null until {@link #goLive()}. */
    public SimClock clock() {
        return clock;
    }

    /** Where the stream is. */
    public Phase phase() {
        return phase;
    }

    /** Why the stream stopped early, if it did. */
    public Throwable failure() {
        return failure.get();
    }

    /** Stops the stream and waits for its thread (records in flight are flushed). */
    @Override
    public void close() throws InterruptedException {
        running = false;
        // No interrupt first: the thread notices within 100 ms, and an interrupt while the
        // producer closes only makes it log an error.
        thread.join(TimeUnit.SECONDS.toMillis(30));
        if (thread.isAlive()) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        phase = Phase.STOPPED;
    }

    private void run() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("linger.ms", "20");
        p.put("batch.size", "131072");
        p.put("compression.type", "lz4");
        p.put("client.id", "lvds-demo-stream");
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            int signalPartitions = producer.partitionsFor(signalsTopic).size();
            int incidentPartitions = producer.partitionsFor(incidentsTopic).size();
            Sender sender = new Sender(producer, signalPartitions, incidentPartitions);
            long start = options.simStart().toEpochMilli();
            LocalDate firstLiveDay = LocalDate.ofInstant(options.simStart(), DayGenerator.ZONE);

            // History: every record before simStart, as fast as Kafka takes it.
            List<Item> carry = List.of();
            for (LocalDate d = options.historyFrom();
                    !d.isAfter(firstLiveDay) && running;
                    d = d.plusDays(1)) {
                List<Item> items = items(days.generate(d));
                int split = firstAtOrAfter(items, start);
                for (int i = 0; i < split && running; i++) {
                    sender.send(items.get(i));
                }
                simNow = Math.min(start, nextDayStart(d));
                if (d.equals(firstLiveDay)) {
                    carry = items.subList(split, items.size());
                }
            }
            producer.flush();
            historySignals.set(signals.get());
            historySent.countDown();
            while (running && !goLive.await(100, TimeUnit.MILLISECONDS)) {
                // waiting for the job to catch up with the history
            }
            if (!running) {
                return;
            }
            SimClock clock = this.clock;
            phase = Phase.LIVE;

            // Live: each record at the real moment its simulated time comes round.
            LocalDate day = firstLiveDay;
            List<Item> pending = carry;
            int next = 0;
            while (running) {
                long now = clock.simAt(System.currentTimeMillis());
                while (running) {
                    if (next == pending.size()) {
                        day = day.plusDays(1);
                        pending = items(days.generate(day));
                        next = 0;
                        continue;
                    }
                    Item it = pending.get(next);
                    if (it.ts() > now) {
                        break;
                    }
                    sender.send(it);
                    next++;
                }
                simNow = now;
                producer.flush();
                Throwable f = failure.get();
                if (f != null) {
                    throw f;
                }
                long wait =
                        next < pending.size()
                                ? clock.realAt(pending.get(next).ts()) - System.currentTimeMillis()
                                : TICK_MS;
                Thread.sleep(Math.max(1, Math.min(TICK_MS, wait)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            if (running) {
                failure.compareAndSet(null, t);
            }
        } finally {
            phase = Phase.STOPPED;
            historySent.countDown();
        }
    }

    /** The day's signals and incidents, merged in event-time order (incidents first on ties). */
    static List<Item> items(DayGenerator.DayBatch batch) {
        List<Item> items = new ArrayList<>(batch.signals().size() + batch.incidents().size());
        for (Incident i : batch.incidents()) {
            items.add(new Item(i.ts(), true, LvdsJson.encodeIncident(i)));
        }
        for (Signal s : batch.signals()) {
            items.add(new Item(s.ts(), false, LvdsJson.encodeSignal(s)));
        }
        // stable sort: incidents (added first) stay ahead of signals with the same time
        items.sort(Comparator.comparingLong(Item::ts));
        return items;
    }

    /** Index of the first item at or after {@code ts} (items sorted by ts). */
    static int firstAtOrAfter(List<Item> items, long ts) {
        int lo = 0;
        int hi = items.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (items.get(mid).ts() < ts) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static long nextDayStart(LocalDate d) {
        return d.plusDays(1).atStartOfDay(DayGenerator.ZONE).toInstant().toEpochMilli();
    }

    /** Sends items round-robin over the partitions and records the first send failure. */
    private final class Sender {
        final KafkaProducer<byte[], byte[]> producer;
        final int signalPartitions;
        final int incidentPartitions;
        long signalSeq;
        long incidentSeq;

        Sender(
                KafkaProducer<byte[], byte[]> producer,
                int signalPartitions,
                int incidentPartitions) {
            this.producer = producer;
            this.signalPartitions = signalPartitions;
            this.incidentPartitions = incidentPartitions;
        }

        void send(Item it) {
            ProducerRecord<byte[], byte[]> r =
                    it.incident()
                            ? new ProducerRecord<>(
                                    incidentsTopic,
                                    (int) (incidentSeq++ % incidentPartitions),
                                    null,
                                    it.value())
                            : new ProducerRecord<>(
                                    signalsTopic,
                                    (int) (signalSeq++ % signalPartitions),
                                    null,
                                    it.value());
            producer.send(
                    r,
                    (md, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
            if (it.incident()) {
                incidents.incrementAndGet();
            } else {
                signals.incrementAndGet();
            }
        }
    }
}
