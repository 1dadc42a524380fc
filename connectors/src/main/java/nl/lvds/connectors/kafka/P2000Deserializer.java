package nl.lvds.connectors.kafka;

import java.time.Instant;
import nl.lvds.connectors.deadletter.DeadLetter;
import nl.lvds.connectors.deadletter.DeadLetters;
import nl.lvds.connectors.inbound.InboundIncident;
import nl.lvds.connectors.p2000.P2000Parser;
import nl.lvds.models.codec.DecodeError;
import nl.lvds.models.codec.DecodeError.Reason;
import nl.lvds.models.codec.Decoded;
import nl.lvds.models.codec.Utf8;
import nl.lvds.models.event.Incident;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses a topic of raw P2000 lines (one UTF-8 line per record) into {@link InboundIncident}s with
 * {@link P2000Parser}; a line without its own timestamp takes the Kafka record time. Never throws:
 * a line that cannot be parsed becomes a dead letter whose excerpt is only its size.
 */
public final class P2000Deserializer implements KafkaRecordDeserializationSchema<InboundIncident> {

    private static final long serialVersionUID = 1L;

    private transient P2000Parser parser;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<InboundIncident> out) {
        Instant fallback =
                record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : null;
        out.collect(
                decode(
                        record.value(),
                        fallback,
                        record.topic(),
                        record.partition(),
                        record.offset()));
    }

    /** Parses one record value; the source coordinates go into a dead letter. */
    public InboundIncident decode(
            byte[] value, Instant fallbackTime, String source, int partition, long offset) {
        if (parser == null) {
            parser = new P2000Parser();
        }
        try {
            Decoded<Incident> d;
            if (value == null || value.length == 0) {
                d = new Decoded.Err<>(new DecodeError(Reason.EMPTY_RECORD, null));
            } else if (value.length > 4 * P2000Parser.MAX_LINE_CHARS) {
                d = new Decoded.Err<>(new DecodeError(Reason.OVERSIZED_RECORD, null));
            } else {
                d = decodeText(value, fallbackTime);
                if (d instanceof Decoded.Ok<Incident> ok) {
                    // a line's own timestamp must not lie far after the time it was sent
                    DecodeError ahead =
                            RecordTime.check(
                                    ok.value().ts(),
                                    fallbackTime == null ? -1 : fallbackTime.toEpochMilli());
                    if (ahead != null) {
                        d = new Decoded.Err<>(ahead);
                    }
                }
            }
            if (d instanceof Decoded.Ok<Incident> ok) {
                return InboundIncident.of(ok.value());
            }
            return InboundIncident.dead(
                    DeadLetters.ofLine(
                            d.errorOrNull(), DeadLetter.P2000, source, partition, offset, value));
        } catch (RuntimeException e) {
            return InboundIncident.dead(
                    DeadLetters.failure(DeadLetter.P2000, source, partition, offset, value));
        }
    }

    private Decoded<Incident> decodeText(byte[] value, Instant fallbackTime) {
        String line = Utf8.decodeOrNull(value);
        if (line == null) {
            return new Decoded.Err<>(new DecodeError(Reason.INVALID_UTF8, null));
        }
        return parser.parse(line, fallbackTime);
    }

    @Override
    public TypeInformation<InboundIncident> getProducedType() {
        return TypeInformation.of(InboundIncident.class);
    }
}
