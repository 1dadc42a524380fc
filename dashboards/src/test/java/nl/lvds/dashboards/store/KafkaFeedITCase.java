package nl.lvds.dashboards.store;

import static nl.lvds.dashboards.DashboardFixture.EARLY;
import static nl.lvds.dashboards.DashboardFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import nl.lvds.broker.EmbeddedKafka;
import nl.lvds.dashboards.DashboardFixture;
import nl.lvds.dashboards.store.DashboardState.CellKey;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.event.TensionIndicator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The feed's provisional topic against a real broker: history before the start is not replayed
 * (only the last few seconds), re-published windows collapse to one record per cell, and a final
 * indicator committed in a transaction (as the pipeline writes it) drops the provisional one.
 */
class KafkaFeedITCase {

    private static final long QUARTER = 15 * 60_000L;

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.start();
        DashboardFixture.createTopics(kafka.bootstrapServers());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static void sendEarly(
            KafkaProducer<byte[], byte[]> p, int partition, long timestamp, TensionIndicator t)
            throws Exception {
        p.send(new ProducerRecord<>(EARLY, partition, timestamp, null, LvdsJson.encodeIndicator(t)))
                .get();
    }

    private static void await(String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void shouldStartTheProvisionalTopicNearItsEndAndDropWhatFinalsReplaced() throws Exception {
        long open = NOW + QUARTER;
        long now = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> p =
                DashboardFixture.producer(kafka.bootstrapServers(), null)) {
            // Old provisional records (10 min before the start) in both partitions: worthless.
            for (int i = 0; i < 20; i++) {
                sendEarly(
                        p,
                        i % 2,
                        now - 600_000L + i,
                        DashboardFixture.early("Noord", "Noord", "all", open, i, 20));
            }
            // Recent ones: the open windows at start.
            sendEarly(p, 0, now, DashboardFixture.early("Centrum", "Centrum", "all", open, 7, 30));
            sendEarly(
                    p,
                    1,
                    now,
                    DashboardFixture.early("Delfshaven", "Delfshaven", "all", open, 7, 30));
            // Delfshaven's window already has its final: its provisional value is stale.
            DashboardFixture.send(
                    p,
                    "lvds.indicators",
                    LvdsJson.encodeIndicator(
                            DashboardFixture.indicator(
                                    "Delfshaven", "Delfshaven", "all", 1, open, 40)));
        }

        DashboardState state = new DashboardState(Duration.ofDays(28));
        try (KafkaFeed feed =
                new KafkaFeed(kafka.bootstrapServers(), LvdsConfig.Topics.DEFAULT, state)) {
            feed.start();
            assertThat(feed.awaitRestored(Duration.ofSeconds(30))).isTrue();
            System.err.printf(
                    "KafkaFeedITCase: restored; provisional records read %d of 22 in the topic,"
                            + " held %d%n",
                    state.health().earlyConsumed(), state.earlyCount());
            assertThat(state.early(new CellKey("Noord", "all", 1))).as("old history").isEmpty();
            assertThat(state.early(new CellKey("Centrum", "all", 1)))
                    .map(TensionIndicator::signals)
                    .contains(7);
            assertThat(state.early(new CellKey("Delfshaven", "all", 1))).isEmpty();
            assertThat(state.health().earlyConsumed()).isEqualTo(2);
            assertThat(state.latest(new CellKey("Delfshaven", "all", 1))).isPresent();

            // Live: a window re-published many times with growing counts, on both partitions
            // (at-least-once, not transactional): one record held per cell, the newest.
            try (KafkaProducer<byte[], byte[]> p =
                    DashboardFixture.producer(kafka.bootstrapServers(), null)) {
                for (int i = 1; i <= 200; i++) {
                    sendEarly(
                            p,
                            0,
                            System.currentTimeMillis(),
                            DashboardFixture.early("Charlois", "Charlois", "all", open, i, 50));
                }
            }
            await(
                    "Charlois's newest provisional record",
                    () ->
                            state.early(new CellKey("Charlois", "all", 1))
                                    .map(t -> t.signals() == 200)
                                    .orElse(false));
            assertThat(state.earlyCount()).isEqualTo(2);

            // The final, committed in a transaction like the pipeline's: it replaces it.
            try (KafkaProducer<byte[], byte[]> tx =
                    DashboardFixture.producer(kafka.bootstrapServers(), "feed-final")) {
                tx.initTransactions();
                tx.beginTransaction();
                tx.send(
                        new ProducerRecord<>(
                                "lvds.indicators",
                                LvdsJson.encodeIndicator(
                                        DashboardFixture.indicator(
                                                "Charlois", "Charlois", "all", 1, open, 66))));
                tx.commitTransaction();
            }
            await(
                    "Charlois's final",
                    () -> state.latest(new CellKey("Charlois", "all", 1)).isPresent());
            assertThat(state.early(new CellKey("Charlois", "all", 1))).isEmpty();
            assertThat(state.early(new CellKey("Centrum", "all", 1))).isPresent();
        }
    }
}
