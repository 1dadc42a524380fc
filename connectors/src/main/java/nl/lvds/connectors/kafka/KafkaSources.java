package nl.lvds.connectors.kafka;

import java.util.Properties;
import nl.lvds.connectors.inbound.InboundIncident;
import nl.lvds.connectors.inbound.InboundRuleSet;
import nl.lvds.connectors.inbound.InboundSignal;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;

/**
 * Builds the Kafka sources of the job: signals, incidents (JSON contract) and raw P2000 lines, each
 * emitting an inbound wrapper so that undecodable records reach the dead-letter output instead of
 * failing the job.
 *
 * <p>Watermarks are not set here: pass the strategy to {@code env.fromSource(source, strategy,
 * name)} so they are generated per partition inside the source. Consumers read with {@code
 * isolation.level=read_committed}, so aborted upstream transactions never count.
 */
public final class KafkaSources {

    private KafkaSources() {}

    /** The signals source. */
    public static KafkaSource<InboundSignal> signals(
            String bootstrap,
            String topic,
            String groupId,
            OffsetsInitializer starting,
            boolean bounded) {
        return signals(bootstrap, topic, groupId, starting, bounded, new Properties());
    }

    /**
     * The signals source with extra consumer properties (security settings, client ids, ...).
     *
     * @param bounded when true the source stops at the offsets that are latest at job start
     */
    public static KafkaSource<InboundSignal> signals(
            String bootstrap,
            String topic,
            String groupId,
            OffsetsInitializer starting,
            boolean bounded,
            Properties extra) {
        return build(
                bootstrap, topic, groupId, starting, bounded, extra, JsonDeserializer.signals());
    }

    /** The incidents source (Incident JSON contract). */
    public static KafkaSource<InboundIncident> incidents(
            String bootstrap,
            String topic,
            String groupId,
            OffsetsInitializer starting,
            boolean bounded) {
        return incidents(bootstrap, topic, groupId, starting, bounded, new Properties());
    }

    /** The incidents source with extra consumer properties. */
    public static KafkaSource<InboundIncident> incidents(
            String bootstrap,
            String topic,
            String groupId,
            OffsetsInitializer starting,
            boolean bounded,
            Properties extra) {
        return build(
                bootstrap, topic, groupId, starting, bounded, extra, JsonDeserializer.incidents());
    }

    /** A source of raw P2000 lines, parsed into incidents. */
    public static KafkaSource<InboundIncident> p2000(
            String bootstrap,
            String topic,
            String groupId,
            OffsetsInitializer starting,
            boolean bounded) {
        return p2000(bootstrap, topic, groupId, starting, bounded, new Properties());
    }

    /** A source of raw P2000 lines with extra consumer properties. */
    public static KafkaSource<InboundIncident> p2000(
            String bootstrap,
            String topic,
            String groupId,
            OffsetsInitializer starting,
            boolean bounded,
            Properties extra) {
        return build(bootstrap, topic, groupId, starting, bounded, extra, new P2000Deserializer());
    }

    /**
     * The source of alert-rule changes ({@code lvds.rules}); read it with parallelism 1 so every
     * parallel alert instance sees the changes in the same order.
     */
    public static KafkaSource<InboundRuleSet> rules(
            String bootstrap,
            String topic,
            String groupId,
            OffsetsInitializer starting,
            boolean bounded) {
        return build(
                bootstrap,
                topic,
                groupId,
                starting,
                bounded,
                new Properties(),
                JsonDeserializer.rules());
    }

    private static <T> KafkaSource<T> build(
            String bootstrap,
            String topic,
            String groupId,
            OffsetsInitializer starting,
            boolean bounded,
            Properties extra,
            KafkaRecordDeserializationSchema<T> deserializer) {
        Properties props = new Properties();
        props.setProperty("isolation.level", "read_committed");
        props.putAll(extra);
        var builder =
                KafkaSource.<T>builder()
                        .setBootstrapServers(bootstrap)
                        .setTopics(topic)
                        .setGroupId(groupId)
                        // distinct client ids per source, so two sources of one job do not clash
                        .setClientIdPrefix(groupId + "-" + topic)
                        .setStartingOffsets(starting)
                        .setDeserializer(deserializer)
                        .setProperties(props);
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }
}
