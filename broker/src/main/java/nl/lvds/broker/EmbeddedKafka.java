package nl.lvds.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One in-process KRaft broker (Kafka's own server code) for the demo and integration tests, shared
 * by the connectors, pipeline and dashboards modules.
 *
 * <p>{@link #start()} is the test broker: Kafka's KafkaClusterTestKit on temporary folders and free
 * ports. {@link #startPersistent(Path, int)} is the demo broker: {@code KafkaRaftServer} with its
 * data in a chosen folder and its listener on a chosen port, formatted afresh on every start.
 *
 * <p>One combined broker+controller node: the replication factors and the transaction log's min ISR
 * must be 1, else transactional producers (the exactly-once sinks) wait forever for the transaction
 * coordinator. {@code transaction.max.timeout.ms} is the broker's default (15 min) in the test
 * broker, stated so the sinks' 10 min timeout is checked against it. Few internal partitions keep
 * the start-up short.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaClusterTestKit kit;
    private volatile KRaftNode node;
    private volatile boolean nodeRunning;
    private final String bootstrap;

    private EmbeddedKafka(KafkaClusterTestKit kit, KRaftNode node, String bootstrap) {
        this.kit = kit;
        this.node = node;
        this.nodeRunning = node != null;
        this.bootstrap = bootstrap;
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
        return new EmbeddedKafka(kit, null, kit.bootstrapServers());
    }

    /**
     * Starts the demo broker: data under {@code dataDir} (wiped and formatted on every start; only
     * an empty folder or one this method made before is ever wiped), clients on {@code
     * 127.0.0.1:port}, the KRaft controller on a free port. Returns once the broker accepts topics;
     * {@link #close()} frees both ports and leaves the data on disk.
     *
     * @throws IOException if the folder is not ours, the port is taken or formatting fails
     */
    public static EmbeddedKafka startPersistent(Path dataDir, int port) throws Exception {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535: " + port);
        }
        if (!isFree(port)) {
            throw new IOException("port " + port + " is in use: choose another Kafka port");
        }
        KRaftNode node = KRaftNode.start(dataDir, port, freePort());
        EmbeddedKafka kafka = new EmbeddedKafka(null, node, "127.0.0.1:" + port);
        try {
            kafka.awaitReady();
        } catch (Exception e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    /**
     * Stops a broker started with {@link #startPersistent} and starts it again on the same folder
     * and ports, keeping its data (no wipe, no format): what a broker process restart does. The
     * broker is down for {@code downFor} in between; clients see connection errors meanwhile.
     * Returns once the broker accepts topics again.
     *
     * @throws IllegalStateException for the test broker of {@link #start()}
     */
    public synchronized void restart(Duration downFor) throws Exception {
        if (node == null) {
            throw new IllegalStateException("only a broker from startPersistent can be restarted");
        }
        if (nodeRunning) {
            node.close();
            nodeRunning = false;
        }
        Thread.sleep(downFor.toMillis());
        node = node.restarted();
        nodeRunning = true;
        awaitReady();
    }

    /** The bootstrap servers of the running broker. */
    public String bootstrapServers() {
        return bootstrap;
    }

    /**
     * Creates topics with this many partitions (replication factor 1); topics that exist already
     * are left as they are.
     */
    public void createTopics(Collection<String> names, int partitions) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (String n : Set.copyOf(names)) {
            topics.add(new NewTopic(n, partitions, (short) 1));
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            for (NewTopic t : topics) {
                try {
                    admin.createTopics(List.of(t)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            awaitLeaders(admin, topics, partitions);
        }
    }

    /**
     * Waits until every partition of the new topics answers an offset request: createTopics returns
     * when the controller has the topic, and a client that asks the broker right after (a loaded
     * machine, `lvds topics` just after `lvds broker` said ready) got
     * UnknownTopicOrPartitionException.
     */
    private static void awaitLeaders(Admin admin, List<NewTopic> topics, int partitions)
            throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (NewTopic t : topics) {
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(t.name(), p), OffsetSpec.latest());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // First until the metadata names a leader for every partition: asking for offsets of a
        // topic the broker does not know yet makes the admin client log an ERROR per topic
        // (PartitionLeaderStrategy), harmless but alarming at the start of every run.
        List<String> names = topics.stream().map(NewTopic::name).toList();
        while (true) {
            try {
                boolean led =
                        admin.describeTopics(names).allTopicNames().get().values().stream()
                                .allMatch(
                                        d ->
                                                d.partitions().size() >= partitions
                                                        && d.partitions().stream()
                                                                .allMatch(p -> p.leader() != null));
                if (led) {
                    break;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics without leaders after 60 s: " + names);
            }
            Thread.sleep(50);
        }
        while (true) {
            try {
                admin.listOffsets(request).all().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** True when nothing listens on 127.0.0.1:port (a bind succeeds). */
    public static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port that is free now (the OS's choice); another process may take it before use. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /**
     * Waits until the broker is registered and unfenced: creating a topic fails with "only 0
     * broker(s) are registered" until then, so a probe topic is created and deleted.
     */
    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            while (System.nanoTime() < deadline) {
                try {
                    admin.createTopics(List.of(new NewTopic("lvds.ready-probe", 1, (short) 1)))
                            .all()
                            .get();
                    admin.deleteTopics(List.of("lvds.ready-probe")).all().get();
                    return;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        admin.deleteTopics(List.of("lvds.ready-probe")).all().get();
                        return;
                    }
                    last = e;
                    Thread.sleep(200);
                }
            }
        }
        throw new IOException("the Kafka broker did not become ready in " + READY_TIMEOUT, last);
    }

    @Override
    public void close() throws Exception {
        if (kit != null) {
            kit.close();
        }
        if (node != null && nodeRunning) {
            nodeRunning = false;
            node.close();
        }
    }
}
