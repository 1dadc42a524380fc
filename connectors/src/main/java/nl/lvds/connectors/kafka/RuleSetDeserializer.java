package nl.lvds.connectors.kafka;

import nl.lvds.connectors.deadletter.DeadLetter;
import nl.lvds.connectors.deadletter.DeadLetters;
import nl.lvds.connectors.inbound.InboundRuleSet;
import nl.lvds.models.rules.RuleSetCodec;
import nl.lvds.models.rules.RuleSetException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes {@code lvds.rules} records ({@link nl.lvds.models.rules.RuleSetChange}, contract v1);
 * never throws: a record that is not a valid change (unknown rule type, bad thresholds, hash
 * mismatch, ...) becomes a dead letter with its topic, partition and offset, and the job keeps the
 * rules it had. The validation message (keys, rule ids, allowed values; never the change's free
 * text) is logged at WARN so the person who published it can find out why.
 */
public final class RuleSetDeserializer implements KafkaRecordDeserializationSchema<InboundRuleSet> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RuleSetDeserializer.class);

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<InboundRuleSet> out) {
        out.collect(decode(record.value(), record.topic(), record.partition(), record.offset()));
    }

    /** Decodes one record value; the source coordinates go into a dead letter. */
    public static InboundRuleSet decode(byte[] value, String source, int partition, long offset) {
        try {
            return InboundRuleSet.of(RuleSetCodec.read(value));
        } catch (RuleSetException e) {
            LOG.warn(
                    "Rule-set change refused ({}:{} offset {}): {}; the rules in force stay",
                    source,
                    partition,
                    offset,
                    e.getMessage());
            return InboundRuleSet.dead(
                    DeadLetters.of(e.error(), DeadLetter.RULES, source, partition, offset, value));
        } catch (RuntimeException e) {
            return InboundRuleSet.dead(
                    DeadLetters.failure(DeadLetter.RULES, source, partition, offset, value));
        }
    }

    @Override
    public TypeInformation<InboundRuleSet> getProducedType() {
        return TypeInformation.of(InboundRuleSet.class);
    }
}
