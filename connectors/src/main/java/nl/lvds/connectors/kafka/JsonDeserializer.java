package nl.lvds.connectors.kafka;

import nl.lvds.connectors.deadletter.DeadLetter;
import nl.lvds.connectors.deadletter.DeadLetters;
import nl.lvds.connectors.inbound.InboundIncident;
import nl.lvds.connectors.inbound.InboundRuleSet;
import nl.lvds.connectors.inbound.InboundSignal;
import nl.lvds.models.codec.DecodeError;
import nl.lvds.models.codec.Decoded;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.Signal;
import nl.lvds.models.rules.RuleSetChange;
import nl.lvds.models.rules.RuleSetCodec;
import nl.lvds.models.rules.RuleSetException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one decoder of the JSON contracts read from Kafka (and, line by line, from archive files):
 * the contract's codec turns the bytes into a record, which is wrapped for the topology; never
 * throws. A record that cannot be decoded, or whose event time lies too far after its Kafka record
 * time ({@link RecordTime}), becomes a dead letter with its topic, partition and offset, so bad
 * input never stops the job.
 *
 * @param <T> the contract's record
 * @param <I> the inbound wrapper the sources emit (a record or a dead letter)
 */
public final class JsonDeserializer<T, I> implements KafkaRecordDeserializationSchema<I> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(JsonDeserializer.class);

    private final String contract;
    private final SerializableFunction<byte[], Decoded<T>> codec;
    private final SerializableFunction<T, Long> eventTime;
    private final SerializableFunction<Decoded.Ok<T>, I> ok;
    private final SerializableFunction<DeadLetter, I> dead;
    private final Class<I> produced;

    private JsonDeserializer(
            String contract,
            SerializableFunction<byte[], Decoded<T>> codec,
            SerializableFunction<T, Long> eventTime,
            SerializableFunction<Decoded.Ok<T>, I> ok,
            SerializableFunction<DeadLetter, I> dead,
            Class<I> produced) {
        this.contract = contract;
        this.codec = codec;
        this.eventTime = eventTime;
        this.ok = ok;
        this.dead = dead;
        this.produced = produced;
    }

    /** Signals (contract Signal v1), with the identity fields the codec dropped counted. */
    public static JsonDeserializer<Signal, InboundSignal> signals() {
        return new JsonDeserializer<>(
                DeadLetter.SIGNAL,
                LvdsJson::decodeSignal,
                Signal::ts,
                d -> InboundSignal.of(d.value(), d.droppedIdentityFields()),
                InboundSignal::dead,
                InboundSignal.class);
    }

    /** Incidents (contract Incident v1). */
    public static JsonDeserializer<Incident, InboundIncident> incidents() {
        return new JsonDeserializer<>(
                DeadLetter.INCIDENT,
                LvdsJson::decodeIncident,
                Incident::ts,
                d -> InboundIncident.of(d.value()),
                InboundIncident::dead,
                InboundIncident.class);
    }

    /**
     * Rule-set changes ({@code lvds.rules}, contract v1). Control data without event time: no
     * record-time check. A change that is not valid (unknown rule type, bad thresholds, hash
     * mismatch, ...) is dead-lettered and the job keeps the rules it had; the validation message
     * (keys, rule ids, allowed values, never the change's free text) is logged at WARN so the
     * person who published it can find out why.
     */
    public static JsonDeserializer<RuleSetChange, InboundRuleSet> rules() {
        return new JsonDeserializer<>(
                DeadLetter.RULES,
                JsonDeserializer::decodeRuleSet,
                null,
                d -> InboundRuleSet.of(d.value()),
                InboundRuleSet::dead,
                InboundRuleSet.class);
    }

    private static Decoded<RuleSetChange> decodeRuleSet(byte[] value) {
        try {
            return new Decoded.Ok<>(RuleSetCodec.read(value), 0);
        } catch (RuleSetException e) {
            LOG.warn(
                    "Rule-set change refused: {}; the rules in force stay (the record is"
                            + " dead-lettered with its topic, partition and offset)",
                    e.getMessage());
            return new Decoded.Err<>(e.error());
        }
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<I> out) {
        out.collect(
                decode(
                        record.value(),
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.timestamp()));
    }

    /** Decodes one record value without a record time; the coordinates go into a dead letter. */
    public I decode(byte[] value, String source, int partition, long offset) {
        return decode(value, source, partition, offset, -1);
    }

    /**
     * Decodes one record value; a record whose event time lies too far after {@code recordTs} is
     * dead-lettered (see {@link RecordTime}).
     *
     * @param recordTs the Kafka record time, or -1 when there is none (no check)
     */
    public I decode(byte[] value, String source, int partition, long offset, long recordTs) {
        try {
            Decoded<T> d = codec.apply(value);
            if (d instanceof Decoded.Ok<T> decoded) {
                DecodeError ahead =
                        eventTime == null
                                ? null
                                : RecordTime.check(eventTime.apply(decoded.value()), recordTs);
                if (ahead == null) {
                    return ok.apply(decoded);
                }
                return dead.apply(
                        DeadLetters.of(ahead, contract, source, partition, offset, value));
            }
            return dead.apply(
                    DeadLetters.of(d.errorOrNull(), contract, source, partition, offset, value));
        } catch (RuntimeException e) {
            // A bug in a decoder must not stop the job; the record is dead-lettered instead.
            return dead.apply(DeadLetters.failure(contract, source, partition, offset, value));
        }
    }

    @Override
    public TypeInformation<I> getProducedType() {
        return TypeInformation.of(produced);
    }
}
