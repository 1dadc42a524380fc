package nl.lvds.pipeline.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import nl.lvds.models.codec.Decoded;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.models.rules.RuleSetChange;
import nl.lvds.models.rules.RuleSetCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What {@code lvds rules} reads from and writes to Kafka: the rule-set changes on the rules topic,
 * the latest indicator window end on the indicators topic, and the publication of a change. Reads
 * are {@code read_committed}, without a consumer group (nothing is committed).
 */
final class RulesTopic {

    /** How many records at the tail of each indicator partition are read for the latest end. */
    static final int INDICATOR_TAIL = 1_000;

    private final String bootstrap;
    private final Duration timeout;

    RulesTopic(String bootstrap, Duration timeout) {
        this.bootstrap = bootstrap;
        this.timeout = timeout;
    }

    /** A Kafka problem, with a message for people. */
    static final class KafkaProblem extends Exception {
        private static final long serialVersionUID = 1L;

        KafkaProblem(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The changes on the rules topic.
     *
     * @param changes the valid changes, in topic order
     * @param invalid how many records are not valid changes (the job dead-letters them)
     */
    record Changes(List<RuleSetChange> changes, int invalid) {
        /** The change with the highest version, or null. */
        RuleSetChange latest() {
            RuleSetChange best = null;
            for (RuleSetChange c : changes) {
                if (best == null || c.version() > best.version()) {
                    best = c;
                }
            }
            return best;
        }
    }

    /** Every record on {@code topic}, decoded. */
    Changes changes(String topic) throws KafkaProblem {
        List<RuleSetChange> valid = new ArrayList<>();
        int[] invalid = {0};
        readAll(
                topic,
                0,
                r -> {
                    Decoded<RuleSetChange> d = RuleSetCodec.decode(r.value());
                    if (d instanceof Decoded.Ok<RuleSetChange> ok) {
                        valid.add(ok.value());
                    } else {
                        invalid[0]++;
                    }
                });
        return new Changes(valid, invalid[0]);
    }

    /** The latest window end among the last records of each partition of {@code topic}. */
    OptionalLong latestWindowEnd(String topic) throws KafkaProblem {
        long[] latest = {Long.MIN_VALUE};
        readAll(
                topic,
                INDICATOR_TAIL,
                r -> {
                    Decoded<TensionIndicator> d = LvdsJson.decodeIndicator(r.value());
                    if (d instanceof Decoded.Ok<TensionIndicator> ok) {
                        latest[0] = Math.max(latest[0], ok.value().windowEnd());
                    }
                });
        return latest[0] == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(latest[0]);
    }

    /** Whether {@code topic} exists. */
    boolean exists(String topic) throws KafkaProblem {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            return !partitions(consumer, topic).isEmpty();
        }
    }

    /** Publishes a change (idempotent producer, acks=all) and waits for the broker. */
    RecordMetadata publish(String topic, RuleSetChange change) throws KafkaProblem {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(2 * timeout.toMillis()));
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(
                            new ProducerRecord<>(
                                    topic, RuleSetCodec.KAFKA_KEY, RuleSetCodec.encode(change)))
                    .get(timeout.toMillis() * 3, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new KafkaProblem(
                    "could not publish to " + topic + " on " + bootstrap + ": " + cause(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaProblem("interrupted while publishing", e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new KafkaProblem(
                    "could not publish to " + topic + " on " + bootstrap + ": " + cause(e), e);
        }
    }

    private interface Sink {
        void accept(ConsumerRecord<byte[], byte[]> r);
    }

    /**
     * Reads a topic up to its end offsets; {@code tail > 0}: only the last records per partition.
     */
    private void readAll(String topic, int tail, Sink sink) throws KafkaProblem {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            List<TopicPartition> open = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                long from = tail > 0 ? Math.max(begin.get(tp), end.get(tp) - tail) : begin.get(tp);
                consumer.seek(tp, from);
                if (from < end.get(tp)) {
                    open.add(tp);
                }
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!open.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new KafkaProblem("timed out reading " + topic + " on " + bootstrap, null);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    sink.accept(r);
                }
                open.removeIf(tp -> consumer.position(tp, timeout) >= end.get(tp));
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new KafkaProblem(
                    "could not read " + topic + " on " + bootstrap + ": " + cause(e), e);
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic)
            throws KafkaProblem {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, timeout);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new KafkaProblem(
                    "Kafka at "
                            + bootstrap
                            + " did not answer within "
                            + timeout.toSeconds()
                            + " s (is it running? give --bootstrap HOST:PORT)",
                    e);
        }
        List<TopicPartition> out = new ArrayList<>();
        if (infos != null) {
            for (PartitionInfo i : infos) {
                out.add(new TopicPartition(topic, i.partition()));
            }
        }
        return out;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static String cause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
