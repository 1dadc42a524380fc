package nl.lvds.connectors.kafka;

import nl.lvds.connectors.deadletter.DeadLetter;
import nl.lvds.connectors.deadletter.DeadLetters;
import nl.lvds.connectors.inbound.InboundSignal;
import nl.lvds.models.codec.DecodeError;
import nl.lvds.models.codec.Decoded;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.Signal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes Kafka records of the Signal contract into {@link InboundSignal}s; never throws: every
 * record that cannot be decoded becomes a dead letter with its topic, partition and offset.
 */
public final class SignalDeserializer implements KafkaRecordDeserializationSchema<InboundSignal> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<InboundSignal> out) {
        out.collect(
                decode(
                        record.value(),
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.timestamp()));
    }

    /** Decodes one record value; the source coordinates go into a dead letter. */
    public static InboundSignal decode(byte[] value, String source, int partition, long offset) {
        return decode(value, source, partition, offset, -1);
    }

    /**
     * Decodes one Kafka record value; a signal whose event time lies too far after {@code recordTs}
     * is dead-lettered (see {@link RecordTime}).
     *
     * @param recordTs the Kafka record time, or -1 when there is none (no check)
     */
    public static InboundSignal decode(
            byte[] value, String source, int partition, long offset, long recordTs) {
        try {
            Decoded<Signal> d = LvdsJson.decodeSignal(value);
            if (d instanceof Decoded.Ok<Signal> ok) {
                DecodeError ahead = RecordTime.check(ok.value().ts(), recordTs);
                if (ahead != null) {
                    return InboundSignal.dead(
                            DeadLetters.of(
                                    ahead, DeadLetter.SIGNAL, source, partition, offset, value));
                }
                return InboundSignal.of(ok.value(), ok.droppedIdentityFields());
            }
            return InboundSignal.dead(
                    DeadLetters.of(
                            d.errorOrNull(), DeadLetter.SIGNAL, source, partition, offset, value));
        } catch (RuntimeException e) {
            // A bug in a decoder must not stop the job; the record is dead-lettered instead.
            return InboundSignal.dead(
                    DeadLetters.failure(DeadLetter.SIGNAL, source, partition, offset, value));
        }
    }

    @Override
    public TypeInformation<InboundSignal> getProducedType() {
        return TypeInformation.of(InboundSignal.class);
    }
}
