package nl.lvds.dashboards.briefing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Predicate;
import nl.lvds.dashboards.notify.NotifierConfig;
import nl.lvds.models.codec.Decoded;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.TensionIndicator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a briefing's input from Kafka: for each topic, every partition from the first record
 * timestamped at or after (from - 2 days) up to the end offsets at the moment of reading
 * (read_committed, so only committed transactions), then filtered on the records' own event times.
 * No consumer group and no commits: a briefing is a read-only look back.
 */
public final class KafkaBriefingSource implements BriefingSource {

    /** Slack on record timestamps, which may be processing time rather than event time. */
    private static final long SEEK_SLACK_MS = 2 * 24L * 3600 * 1000;

    private final NotifierConfig.Kafka kafka;

    /** A source reading the configured topics. */
    public KafkaBriefingSource(NotifierConfig.Kafka kafka) {
        this.kafka = kafka;
    }

    @Override
    public BriefingInput read(Instant from, Instant to) {
        long f = from.toEpochMilli();
        long t = to.toEpochMilli();
        Properties p = new Properties();
        p.putAll(kafka.properties());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TensionIndicator> ind =
                    read(
                            c,
                            kafka.indicatorsTopic(),
                            f,
                            LvdsJson::decodeIndicator,
                            i -> i.windowEnd() > f && i.windowEnd() <= t);
            List<Alert> alerts =
                    read(
                            c,
                            kafka.alertsTopic(),
                            f - LOOKBACK_MS,
                            LvdsJson::decodeAlert,
                            a -> a.raisedAt() > f - LOOKBACK_MS && a.raisedAt() <= t);
            List<Incident> inc =
                    read(
                            c,
                            kafka.incidentsTopic(),
                            f,
                            LvdsJson::decodeIncident,
                            i -> i.ts() > f && i.ts() <= t);
            return new BriefingInput(ind, alerts, inc);
        }
    }

    private static <T> List<T> read(
            KafkaConsumer<byte[], byte[]> c,
            String topic,
            long fromMs,
            Function<byte[], Decoded<T>> decode,
            Predicate<T> keep) {
        List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
        List<T> out = new ArrayList<>();
        if (infos == null || infos.isEmpty()) {
            return out;
        }
        List<TopicPartition> parts =
                infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        c.assign(parts);
        Map<TopicPartition, Long> ts = new HashMap<>();
        parts.forEach(tp -> ts.put(tp, Math.max(0, fromMs - SEEK_SLACK_MS)));
        Map<TopicPartition, OffsetAndTimestamp> start = c.offsetsForTimes(ts);
        Map<TopicPartition, Long> end = c.endOffsets(parts);
        List<TopicPartition> open = new ArrayList<>();
        for (TopicPartition tp : parts) {
            OffsetAndTimestamp o = start.get(tp);
            long s = o == null ? end.get(tp) : o.offset();
            c.seek(tp, s);
            if (s < end.get(tp)) {
                open.add(tp);
            }
        }
        while (!open.isEmpty()) {
            for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.offset() >= end.get(tp)) {
                    continue;
                }
                if (decode.apply(r.value()) instanceof Decoded.Ok<T> ok && keep.test(ok.value())) {
                    out.add(ok.value());
                }
            }
            // Under read_committed, transaction markers take offsets too: position, not the
            // last record's offset, tells when a partition is done.
            open.removeIf(tp -> c.position(tp) >= end.get(tp));
        }
        c.unsubscribe();
        return out;
    }
}
