package nl.lvds.broker;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One in-process KRaft broker (Kafka's own KafkaClusterTestKit) for the demo and integration tests,
 * shared by the connectors, pipeline and dashboards modules.
 *
 * <p>One combined broker+controller node: the replication factors and the transaction log's min ISR
 * must be 1, else transactional producers (the exactly-once sinks) wait forever for the transaction
 * coordinator. {@code transaction.max.timeout.ms} is the broker's default (15 min), stated so the
 * sinks' 10 min timeout is checked against it. Few internal partitions keep the start-up short.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final KafkaClusterTestKit kit;

    private EmbeddedKafka(KafkaClusterTestKit kit) {
        this.kit = kit;
    }

    /** Formats and starts a broker and waits until it is ready. */
    public static EmbeddedKafka start() throws Exception {
        KafkaClusterTestKit kit =
                new KafkaClusterTestKit.Builder(
                                new TestKitNodes.Builder()
                                        .setCombined(true)
                                        .setNumBrokerNodes(1)
                                        .setNumControllerNodes(1)
                                        .build())
                        .setConfigProp("transaction.max.timeout.ms", "900000")
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("offsets.topic.num.partitions", "2")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("transaction.state.log.num.partitions", "2")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .setConfigProp("auto.create.topics.enable", "false")
                        .build();
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();
        return new EmbeddedKafka(kit);
    }

    /** The bootstrap servers of the running broker. */
    public String bootstrapServers() {
        return kit.bootstrapServers();
    }

    @Override
    public void close() throws Exception {
        kit.close();
    }
}
