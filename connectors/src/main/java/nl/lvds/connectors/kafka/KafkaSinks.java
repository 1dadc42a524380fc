package nl.lvds.connectors.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import nl.lvds.connectors.deadletter.DeadLetter;
import nl.lvds.connectors.deadletter.DeadLetters;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.TensionIndicator;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Builds the Kafka sinks of the job: indicators, alerts and dead letters, exactly-once by default.
 *
 * <p>Indicators and alerts are keyed by their cell ({@code area|topic}) so all records of a cell
 * land in one partition, in order. Dead letters are keyed by reason.
 *
 * <p>Exactly-once trade-offs: records become visible to {@code read_committed} consumers only when
 * the checkpoint that covers them completes, so checkpointing must be on and the checkpoint
 * interval is the publication latency. {@link #TRANSACTION_TIMEOUT_MS} (10 min) must not exceed the
 * broker's {@code transaction.max.timeout.ms} (15 min by default), else the producer is refused and
 * the job restarts forever; it must also exceed the longest expected checkpoint plus restart time,
 * else the broker aborts a transaction the job still means to commit. Each sink needs its own
 * transactional id prefix, unique on the cluster.
 */
public final class KafkaSinks {

    /** The producer {@code transaction.timeout.ms} set on exactly-once sinks. */
    public static final int TRANSACTION_TIMEOUT_MS = 600_000;

    private KafkaSinks() {}

    /** The indicators sink, exactly-once. */
    public static KafkaSink<TensionIndicator> indicators(
            String bootstrap, String topic, String transactionalIdPrefix) {
        return indicators(
                bootstrap,
                topic,
                transactionalIdPrefix,
                DeliveryGuarantee.EXACTLY_ONCE,
                new Properties());
    }

    /** The indicators sink with a chosen guarantee and extra producer properties. */
    public static KafkaSink<TensionIndicator> indicators(
            String bootstrap,
            String topic,
            String transactionalIdPrefix,
            DeliveryGuarantee guarantee,
            Properties extra) {
        return build(
                bootstrap, transactionalIdPrefix, guarantee, extra, indicatorSerializer(topic));
    }

    /**
     * The early-results sink: provisional indicators of open windows, at-least-once and not
     * transactional, so a record is visible as soon as it is written (not at the next checkpoint);
     * {@code linger.ms=0} sends at once. Consumers take the newest record per cell and window.
     */
    public static KafkaSink<TensionIndicator> earlyIndicators(String bootstrap, String topic) {
        Properties p = new Properties();
        p.setProperty("linger.ms", "0");
        return indicators(bootstrap, topic, null, DeliveryGuarantee.AT_LEAST_ONCE, p);
    }

    /** The alerts sink, exactly-once. */
    public static KafkaSink<Alert> alerts(
            String bootstrap, String topic, String transactionalIdPrefix) {
        return alerts(
                bootstrap,
                topic,
                transactionalIdPrefix,
                DeliveryGuarantee.EXACTLY_ONCE,
                new Properties());
    }

    /** The alerts sink with a chosen guarantee and extra producer properties. */
    public static KafkaSink<Alert> alerts(
            String bootstrap,
            String topic,
            String transactionalIdPrefix,
            DeliveryGuarantee guarantee,
            Properties extra) {
        return build(bootstrap, transactionalIdPrefix, guarantee, extra, alertSerializer(topic));
    }

    /** The dead-letter sink, exactly-once. */
    public static KafkaSink<DeadLetter> deadLetters(
            String bootstrap, String topic, String transactionalIdPrefix) {
        return deadLetters(
                bootstrap,
                topic,
                transactionalIdPrefix,
                DeliveryGuarantee.EXACTLY_ONCE,
                new Properties());
    }

    /** The dead-letter sink with a chosen guarantee and extra producer properties. */
    public static KafkaSink<DeadLetter> deadLetters(
            String bootstrap,
            String topic,
            String transactionalIdPrefix,
            DeliveryGuarantee guarantee,
            Properties extra) {
        return build(
                bootstrap, transactionalIdPrefix, guarantee, extra, deadLetterSerializer(topic));
    }

    /**
     * An exactly-once sink of any JSON record, with the settings of the job's own sinks (the
     * transaction timeout, no record time): {@code encode} gives the value, {@code key} the record
     * key.
     */
    public static <T> KafkaSink<T> json(
            String bootstrap,
            String topic,
            String transactionalIdPrefix,
            SerializableFunction<T, String> key,
            SerializableFunction<T, byte[]> encode) {
        return build(
                bootstrap,
                transactionalIdPrefix,
                DeliveryGuarantee.EXACTLY_ONCE,
                new Properties(),
                new JsonSerializer<>(topic, key, encode));
    }

    /** The cell key of an indicator: {@code area|topic}. */
    public static String cellKey(TensionIndicator t) {
        return t.area() + "|" + t.topic();
    }

    /** The cell key of an alert: {@code area|topic}. */
    public static String cellKey(Alert a) {
        return a.area() + "|" + a.topic();
    }

    private static <T> KafkaSink<T> build(
            String bootstrap,
            String transactionalIdPrefix,
            DeliveryGuarantee guarantee,
            Properties extra,
            KafkaRecordSerializationSchema<T> serializer) {
        Properties props = new Properties();
        props.setProperty("transaction.timeout.ms", Integer.toString(TRANSACTION_TIMEOUT_MS));
        props.putAll(extra);
        var builder =
                KafkaSink.<T>builder()
                        .setBootstrapServers(bootstrap)
                        .setRecordSerializer(serializer)
                        .setDeliveryGuarantee(guarantee)
                        .setKafkaProducerConfig(props);
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            builder.setTransactionalIdPrefix(transactionalIdPrefix);
        }
        return builder.build();
    }

    /**
     * The Kafka record time of every output record: none, so the producer stamps the time of
     * publication. The element's event time must NOT be used: topic retention and segment rolling
     * work on record times, so indicators of a replayed or reviewed past (event time 2024,
     * retention 7 days) were deleted by the broker minutes after being written — the earliest
     * output of a run silently disappeared. Retention counts from publication; event time is in the
     * payload.
     */
    private static Long publicationTime() {
        return null;
    }

    /** Indicator JSON keyed by cell. */
    static JsonSerializer<TensionIndicator> indicatorSerializer(String topic) {
        return new JsonSerializer<>(topic, KafkaSinks::cellKey, LvdsJson::encodeIndicator);
    }

    /** Alert JSON keyed by cell. */
    static JsonSerializer<Alert> alertSerializer(String topic) {
        return new JsonSerializer<>(topic, KafkaSinks::cellKey, LvdsJson::encodeAlert);
    }

    /** Dead-letter JSON keyed by reason. */
    static JsonSerializer<DeadLetter> deadLetterSerializer(String topic) {
        return new JsonSerializer<>(topic, DeadLetter::reason, DeadLetters::encode);
    }

    /**
     * The one serializer of every output topic: a contract's JSON (its codec) as the value, a key
     * that keeps related records in one partition, and no record time ({@link #publicationTime()}).
     *
     * @param <T> the record type
     */
    static final class JsonSerializer<T> implements KafkaRecordSerializationSchema<T> {
        private static final long serialVersionUID = 1L;
        private final String topic;
        private final SerializableFunction<T, String> key;
        private final SerializableFunction<T, byte[]> encode;

        JsonSerializer(
                String topic,
                SerializableFunction<T, String> key,
                SerializableFunction<T, byte[]> encode) {
            this.topic = topic;
            this.key = key;
            this.encode = encode;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                T value, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(
                    topic,
                    null,
                    publicationTime(),
                    key.apply(value).getBytes(StandardCharsets.UTF_8),
                    encode.apply(value));
        }
    }
}
