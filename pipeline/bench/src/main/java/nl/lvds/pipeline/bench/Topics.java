package nl.lvds.pipeline.bench;

import java.time.Duration;
import java.util.function.Consumer;
import nl.lvds.broker.TopicStats;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads a whole topic as a {@code read_committed} consumer sees it (untimed). */
final class Topics {

    private Topics() {}

    /**
     * Passes every committed record of {@code topic} to {@code each}, once no transaction is open
     * on it (a job's last commit may still be in flight when it is read); returns the count.
     */
    static long readCommitted(
            String bootstrap, String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        return TopicStats.forEachCommitted(
                bootstrap, topic, Duration.ofMinutes(2), Duration.ofMinutes(5), each);
    }
}
