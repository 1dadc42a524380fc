package nl.lvds.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import nl.lvds.broker.EmbeddedKafka;
import nl.lvds.broker.TopicStats;
import nl.lvds.connectors.deadletter.DeadLetter;
import nl.lvds.connectors.deadletter.DeadLetters;
import nl.lvds.pipeline.bench.MixedStream;
import nl.lvds.pipeline.functions.LateSignals;
import nl.lvds.pipeline.generate.ArchiveGenerator;
import nl.lvds.pipeline.generate.BadRecords;
import nl.lvds.pipeline.generate.DayGenerator;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input: three generated days (Schammenkamp explosion included) through the live topology on a
 * real Kafka broker and a MiniCluster (parallelism 2, exactly-once), once alone and once with
 * 100,000 bad records of every kind mixed in across the three input topics, their partitions and
 * the whole stretch of time, and with one valid signal in ten carrying identity fields. Read back
 * with read_committed:
 *
 * <ul>
 *   <li>the job finishes;
 *   <li>every bad record has exactly one dead letter, at its own topic/partition/offset, with the
 *       reason {@link BadRecords} expects; the late ones are all {@value LateSignals#REASON} dead
 *       letters (late data is never silently lost); nothing else is dead-lettered;
 *   <li>no dead letter, indicator or alert contains any planted canary or injection;
 *   <li>the indicators and alerts are identical, record for record, to the run of the valid stream
 *       alone.
 * </ul>
 *
 * Both runs' throughput is printed (a figure, not an assertion).
 */
class BadInputITCase {

    static final int PER_DAY = 2_000;
    static final int BAD_RECORDS = 100_000;
    static final long SEED = 2024_03_07L;

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    () ->
                            new MiniClusterResourceConfiguration.Builder()
                                    .setNumberTaskManagers(1)
                                    .setNumberSlotsPerTaskManager(2)
                                    .build());

    static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldDeadLetterEveryBadRecordWithItsReasonAndPublishTheSameOutput() throws Exception {
        String b = kafka.bootstrapServers();
        String id = UUID.randomUUID().toString().substring(0, 8);
        MixedStream.Topics clean = MixedStream.Topics.named("clean-" + id);
        MixedStream.Topics mixed = MixedStream.Topics.named("mixed-" + id);
        MixedStream.createTopics(b, clean, 2);
        MixedStream.createTopics(b, mixed, 2);

        DayGenerator gen = new ArchiveGenerator().dayGenerator(11, PER_DAY);
        List<DayGenerator.DayBatch> days = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2024, 3, 5);
                !d.isAfter(LocalDate.of(2024, 3, 7));
                d = d.plusDays(1)) {
            days.add(gen.generate(d));
        }
        MixedStream.Produced c = MixedStream.produce(b, clean, days, 0, SEED, 2, 0);
        MixedStream.Produced m = MixedStream.produce(b, mixed, days, BAD_RECORDS, SEED, 2, 10);
        assertThat(m.badRecords()).isEqualTo(BAD_RECORDS);
        assertThat(m.late()).isPositive();
        assertThat(m.decorated()).isPositive();
        System.out.printf(
                Locale.ROOT,
                "BadInputITCase: valid %d signals + %d incidents; mixed in: %d bad records (%.1f MB,"
                        + " %d of them late), %d valid signals with %d identity fields%n",
                m.validSignals(),
                m.validIncidents(),
                m.badRecords(),
                m.bytes() / 1e6,
                m.late(),
                m.decorated(),
                m.identityFields());

        JobExecutionResult cleanRun =
                MixedStream.run(env(), b, clean, "clean-" + id, MixedStream.settings(), 2);
        JobExecutionResult mixedRun =
                MixedStream.run(env(), b, mixed, "mixed-" + id, MixedStream.settings(), 2);
        print("valid stream alone", c, cleanRun);
        print("with bad records  ", m, mixedRun);

        // dead letters: the clean run has only late signals of the valid stream, if any
        List<DeadLetter> cleanDead = deadLetters(b, clean.deadLetters());
        assertThat(cleanDead).allSatisfy(d -> assertThat(d.reason()).isEqualTo(LateSignals.REASON));
        long baselineLate = cleanDead.size();

        List<ConsumerRecord<byte[], byte[]>> mixedDeadRecords =
                readCommitted(b, mixed.deadLetters());
        for (ConsumerRecord<byte[], byte[]> r : mixedDeadRecords) {
            assertNoCanary("dead letter", r.value());
        }
        List<DeadLetter> mixedDead =
                mixedDeadRecords.stream().map(r -> DeadLetters.decode(r.value())).toList();

        // exactly one dead letter per rejected bad record, at its coordinates, with its reason
        Map<String, String> actual = new HashMap<>();
        Map<String, Long> perReason = new TreeMap<>();
        long late = 0;
        for (DeadLetter d : mixedDead) {
            perReason.merge(d.reason(), 1L, Long::sum);
            if (LateSignals.REASON.equals(d.reason())) {
                assertThat(d.source()).isEqualTo(LateSignals.SOURCE);
                late++;
                continue;
            }
            String key = MixedStream.coordinate(d.source(), d.partition(), d.offset());
            assertThat(actual.put(key, d.reason())).as("one dead letter for %s", key).isNull();
            MixedStream.Expected e = m.byCoordinate().get(key);
            assertThat(e).as("dead letter %s of a valid record", key).isNotNull();
            if (e.kind() == BadRecords.Kind.IDENTITY_FIELDS) {
                assertThat(d.excerpt()).contains("<dropped>");
            }
        }
        Map<String, String> expected = new HashMap<>();
        m.byCoordinate().forEach((k, e) -> expected.put(k, e.reason()));
        assertThat(actual).isEqualTo(expected);
        assertThat(actual).hasSize((int) (m.badRecords() - m.late()));
        // late data: every planted late signal is a late_event dead letter, none lost
        assertThat(late).isEqualTo(baselineLate + m.late());
        Map<String, Long> expectedPerReason = new TreeMap<>(m.byReason());
        expectedPerReason.merge(LateSignals.REASON, baselineLate, Long::sum);
        assertThat(perReason).isEqualTo(expectedPerReason);
        System.out.println("BadInputITCase: dead letters per reason " + perReason);

        // the valid records' output is unchanged, and carries no canary
        List<String> cleanIndicators = values(b, clean.indicators(), false);
        List<String> mixedIndicators = values(b, mixed.indicators(), true);
        List<String> cleanAlerts = values(b, clean.alerts(), false);
        List<String> mixedAlerts = values(b, mixed.alerts(), true);
        System.out.printf(
                "BadInputITCase: indicators %d / %d, alerts %d / %d (alone / mixed)%n",
                cleanIndicators.size(),
                mixedIndicators.size(),
                cleanAlerts.size(),
                mixedAlerts.size());
        assertThat(cleanIndicators).isNotEmpty();
        assertThat(cleanAlerts).isNotEmpty();
        assertThat(mixedAlerts).isEqualTo(cleanAlerts);
        assertThat(mixedIndicators).isEqualTo(cleanIndicators);
    }

    static StreamExecutionEnvironment env() {
        return StreamExecutionEnvironment.getExecutionEnvironment();
    }

    static void print(String what, MixedStream.Produced p, JobExecutionResult r) {
        double s = r.getNetRuntime() / 1000.0;
        System.out.printf(
                Locale.ROOT,
                "BadInputITCase: %s: %,d records (%,d valid signals) in %.1f s: %,.0f records/s,"
                        + " %,.0f valid signals/s (parallelism 2, loaded 2-core machine)%n",
                what,
                p.records(),
                p.validSignals(),
                s,
                p.records() / s,
                p.validSignals() / s);
    }

    static void assertNoCanary(String what, byte[] value) {
        String s = new String(value, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        for (String marker : BadRecords.CANARY_MARKERS) {
            assertThat(s).as("%s carries %s: %s", what, marker, s).doesNotContain(marker);
        }
    }

    static List<DeadLetter> deadLetters(String bootstrap, String topic) {
        return readCommitted(bootstrap, topic).stream()
                .map(r -> DeadLetters.decode(r.value()))
                .toList();
    }

    /** The values of a topic as sorted strings (partition order is not part of the output). */
    static List<String> values(String bootstrap, String topic, boolean checkCanaries) {
        List<String> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readCommitted(bootstrap, topic)) {
            if (checkCanaries) {
                assertNoCanary(topic, r.value());
            }
            out.add(new String(r.value(), StandardCharsets.UTF_8));
        }
        out.sort(null);
        return out;
    }

    /** Everything committed on a topic, once no transaction is open on it any more. */
    static List<ConsumerRecord<byte[], byte[]>> readCommitted(String bootstrap, String topic) {
        return TopicStats.committed(bootstrap, topic);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
