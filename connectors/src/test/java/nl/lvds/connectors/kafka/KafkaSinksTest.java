package nl.lvds.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import nl.lvds.connectors.deadletter.DeadLetter;
import nl.lvds.connectors.deadletter.DeadLetters;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.TensionIndicator;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class KafkaSinksTest {

    static TensionIndicator indicator(String area, String topic) {
        return new TensionIndicator(
                1,
                area,
                "Charlois",
                topic,
                0L,
                3_600_000L,
                12,
                10,
                11,
                6,
                4,
                2,
                40.0,
                5.0,
                2.0,
                3.5,
                1,
                false,
                "m-1");
    }

    @Test
    void shouldKeyIndicatorsByCellAndEncodeThemWithTheCodec() {
        TensionIndicator t = indicator("Tarwewijk", "local-incident");
        ProducerRecord<byte[], byte[]> r =
                KafkaSinks.indicatorSerializer("lvds.indicators").serialize(t, null, 99L);
        assertThat(r.topic()).isEqualTo("lvds.indicators");
        assertThat(new String(r.key(), StandardCharsets.UTF_8))
                .isEqualTo("Tarwewijk|local-incident");
        assertThat(r.value()).isEqualTo(LvdsJson.encodeIndicator(t));
        // event time (99) is not the record time: retention would delete a replayed past
        assertThat(r.timestamp()).isNull();
        assertThat(r.partition()).isNull();
    }

    @Test
    void shouldKeyAlertsByCell() {
        Alert a =
                new Alert(
                        1,
                        "a-1",
                        1L,
                        "Charlois",
                        "all",
                        "warning",
                        "volume-spike",
                        60.0,
                        3.1,
                        0L,
                        1L,
                        List.of(),
                        List.of(),
                        List.of(),
                        "m-1");
        ProducerRecord<byte[], byte[]> r =
                KafkaSinks.alertSerializer("lvds.alerts").serialize(a, null, null);
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("Charlois|all");
        assertThat(r.value()).isEqualTo(LvdsJson.encodeAlert(a));
        assertThat(r.timestamp()).isNull();
    }

    @Test
    void shouldLeaveEveryRecordTimeToTheProducer() {
        ProducerRecord<byte[], byte[]> r =
                KafkaSinks.indicatorSerializer("t")
                        .serialize(indicator("city", "all"), null, Long.MIN_VALUE);
        assertThat(r.timestamp()).isNull();
    }

    @Test
    void shouldWriteDeadLettersKeyedByReason() {
        DeadLetter d = new DeadLetter("malformed_json", null, "s", 0, 1L, "<bytes 1>", "signal");
        ProducerRecord<byte[], byte[]> r =
                KafkaSinks.deadLetterSerializer("lvds.deadletter").serialize(d, null, 5L);
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("malformed_json");
        assertThat(DeadLetters.decode(r.value())).isEqualTo(d);
    }

    @Test
    void shouldBuildSinksForBothGuarantees() {
        assertThat(KafkaSinks.indicators("localhost:9092", "i", "lvds-i")).isNotNull();
        assertThat(KafkaSinks.alerts("localhost:9092", "a", "lvds-a")).isNotNull();
        assertThat(KafkaSinks.deadLetters("localhost:9092", "d", "lvds-d")).isNotNull();
        assertThat(
                        KafkaSinks.indicators(
                                "localhost:9092",
                                "i",
                                null,
                                DeliveryGuarantee.AT_LEAST_ONCE,
                                new java.util.Properties()))
                .isNotNull();
        assertThat(KafkaSinks.TRANSACTION_TIMEOUT_MS).isLessThanOrEqualTo(900_000);
    }
}
