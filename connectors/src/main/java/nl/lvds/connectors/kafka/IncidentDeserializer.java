package nl.lvds.connectors.kafka;

import nl.lvds.connectors.deadletter.DeadLetter;
import nl.lvds.connectors.deadletter.DeadLetters;
import nl.lvds.connectors.inbound.InboundIncident;
import nl.lvds.models.codec.DecodeError;
import nl.lvds.models.codec.Decoded;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.Incident;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes Kafka records of the Incident JSON contract into {@link InboundIncident}s; never throws:
 * every record that cannot be decoded becomes a dead letter with its topic, partition and offset.
 */
public final class IncidentDeserializer
        implements KafkaRecordDeserializationSchema<InboundIncident> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<InboundIncident> out) {
        out.collect(
                decode(
                        record.value(),
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.timestamp()));
    }

    /** Decodes one record value; the source coordinates go into a dead letter. */
    public static InboundIncident decode(byte[] value, String source, int partition, long offset) {
        return decode(value, source, partition, offset, -1);
    }

    /**
     * Decodes one Kafka record value; an incident whose event time lies too far after {@code
     * recordTs} is dead-lettered (see {@link RecordTime}).
     *
     * @param recordTs the Kafka record time, or -1 when there is none (no check)
     */
    public static InboundIncident decode(
            byte[] value, String source, int partition, long offset, long recordTs) {
        try {
            Decoded<Incident> d = LvdsJson.decodeIncident(value);
            if (d instanceof Decoded.Ok<Incident> ok) {
                DecodeError ahead = RecordTime.check(ok.value().ts(), recordTs);
                if (ahead != null) {
                    return InboundIncident.dead(
                            DeadLetters.of(
                                    ahead, DeadLetter.INCIDENT, source, partition, offset, value));
                }
                return InboundIncident.of(ok.value());
            }
            return InboundIncident.dead(
                    DeadLetters.of(
                            d.errorOrNull(),
                            DeadLetter.INCIDENT,
                            source,
                            partition,
                            offset,
                            value));
        } catch (RuntimeException e) {
            return InboundIncident.dead(
                    DeadLetters.failure(DeadLetter.INCIDENT, source, partition, offset, value));
        }
    }

    @Override
    public TypeInformation<InboundIncident> getProducedType() {
        return TypeInformation.of(InboundIncident.class);
    }
}
