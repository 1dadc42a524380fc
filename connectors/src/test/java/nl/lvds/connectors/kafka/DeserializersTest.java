package nl.lvds.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import nl.lvds.connectors.deadletter.DeadLetter;
import nl.lvds.connectors.inbound.InboundIncident;
import nl.lvds.connectors.inbound.InboundSignal;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DeserializersTest {

    static final String VALID_SIGNAL =
            "{\"v\":1,\"id\":\"s-1\",\"source\":\"social\",\"ts\":\"2024-05-01T10:00:00+02:00\","
                    + "\"text\":\"Onrustig bij de Schammenkamp\",\"author\":\"x\",\"handle\":\"@y\"}";

    static final String VALID_INCIDENT =
            "{\"v\":1,\"id\":\"i-1\",\"feed\":\"police\",\"ts\":\"2024-05-01T10:00:00Z\","
                    + "\"type\":\"riot\",\"severity\":2,\"area\":\"Tarwewijk\"}";

    static ConsumerRecord<byte[], byte[]> record(String value, int partition, long offset) {
        return new ConsumerRecord<>(
                "lvds.in",
                partition,
                offset,
                null,
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    static <T> List<T> run(
            org.apache.flink.connector.kafka.source.reader.deserializer
                                    .KafkaRecordDeserializationSchema<
                            T>
                    schema,
            ConsumerRecord<byte[], byte[]> r)
            throws Exception {
        List<T> out = new ArrayList<>();
        schema.deserialize(
                r,
                new Collector<>() {
                    @Override
                    public void collect(T record) {
                        out.add(record);
                    }

                    @Override
                    public void close() {}
                });
        return out;
    }

    @Test
    void shouldDecodeSignalsAndCountDroppedIdentityFields() throws Exception {
        List<InboundSignal> out = run(JsonDeserializer.signals(), record(VALID_SIGNAL, 0, 5));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).signal().id()).isEqualTo("s-1");
        assertThat(out.get(0).droppedIdentityFields()).isEqualTo(2);
        assertThat(out.get(0).deadLetter()).isNull();
    }

    @Test
    void shouldTurnBadSignalsIntoDeadLettersWithCoordinates() throws Exception {
        String noText = VALID_SIGNAL.replace("\"text\":\"Onrustig bij de Schammenkamp\",", "");
        DeadLetter d = run(JsonDeserializer.signals(), record(noText, 2, 77)).get(0).deadLetter();
        assertThat(d.reason()).isEqualTo("missing_field");
        assertThat(d.field()).isEqualTo("text");
        assertThat(d.source()).isEqualTo("lvds.in");
        assertThat(d.partition()).isEqualTo(2);
        assertThat(d.offset()).isEqualTo(77);
        assertThat(d.contract()).isEqualTo("signal");
        assertThat(d.excerpt()).contains("\"author\":<dropped>").contains("\"id\":\"s-1\"");

        assertThat(run(JsonDeserializer.signals(), record(null, 0, 1)).get(0).deadLetter().reason())
                .isEqualTo("empty_record");
        assertThat(
                        run(JsonDeserializer.signals(), record("not json", 0, 1))
                                .get(0)
                                .deadLetter()
                                .excerpt())
                .isEqualTo("<bytes 8>");
    }

    @Test
    void shouldDecodeIncidentsAndDeadLetterBadOnes() throws Exception {
        List<InboundIncident> ok = run(JsonDeserializer.incidents(), record(VALID_INCIDENT, 0, 1));
        assertThat(ok.get(0).incident().type()).isEqualTo("riot");
        String bad = VALID_INCIDENT.replace("\"severity\":2", "\"severity\":7");
        DeadLetter d = run(JsonDeserializer.incidents(), record(bad, 1, 2)).get(0).deadLetter();
        assertThat(d.reason()).isEqualTo("bad_value");
        assertThat(d.field()).isEqualTo("severity");
        assertThat(d.contract()).isEqualTo("incident");
        assertThat(d.excerpt()).contains("\"severity\":7");
    }

    @Test
    void shouldParseP2000LinesWithTheRecordTimeAsFallback() throws Exception {
        ConsumerRecord<byte[], byte[]> r =
                new ConsumerRecord<>(
                        "p2000.raw",
                        0,
                        3L,
                        1_714_557_060_000L,
                        org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                        0,
                        0,
                        null,
                        "P 1 BDH-01 Explosie Schammenkamp Rotterdam 173131"
                                .getBytes(StandardCharsets.UTF_8),
                        new org.apache.kafka.common.header.internals.RecordHeaders(),
                        java.util.Optional.empty());
        InboundIncident in = run(new P2000Deserializer(), r).get(0);
        assertThat(in.incident().ts()).isEqualTo(1_714_557_060_000L);
        assertThat(in.incident().area()).isEqualTo("Tarwewijk");

        DeadLetter d =
                run(new P2000Deserializer(), record("Kanarie zingt 06-12345678", 0, 4))
                        .get(0)
                        .deadLetter();
        assertThat(d.reason()).isEqualTo("unparseable_feed_line");
        assertThat(d.contract()).isEqualTo("p2000");
        assertThat(d.excerpt()).isEqualTo("<bytes 25>");

        ConsumerRecord<byte[], byte[]> invalid =
                new ConsumerRecord<>("p2000.raw", 0, 5L, null, new byte[] {(byte) 0xFF, 0x41});
        assertThat(run(new P2000Deserializer(), invalid).get(0).deadLetter().reason())
                .isEqualTo("invalid_utf8");
    }

    static ConsumerRecord<byte[], byte[]> timed(String value, long recordTs) {
        return new ConsumerRecord<>(
                "lvds.in",
                1,
                9L,
                recordTs,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                0,
                0,
                null,
                value.getBytes(StandardCharsets.UTF_8),
                new org.apache.kafka.common.header.internals.RecordHeaders(),
                java.util.Optional.empty());
    }

    @Test
    void shouldDeadLetterRecordsFromTheFutureOfTheirRecordTime() throws Exception {
        long sent = java.time.Instant.parse("2024-05-01T08:00:00Z").toEpochMilli();
        // the signal's event time is 2024-05-01T08:00Z: on time, and up to an hour of skew
        assertThat(run(JsonDeserializer.signals(), timed(VALID_SIGNAL, sent)).get(0).signal())
                .isNotNull();
        assertThat(
                        run(JsonDeserializer.signals(), timed(VALID_SIGNAL, sent - 3_600_000L))
                                .get(0)
                                .signal())
                .isNotNull();
        // more than an hour after the record time: it would move the watermark; dead-lettered
        DeadLetter d =
                run(JsonDeserializer.signals(), timed(VALID_SIGNAL, sent - 3_600_001L))
                        .get(0)
                        .deadLetter();
        assertThat(d.reason()).isEqualTo("timestamp_out_of_range");
        assertThat(d.field()).isEqualTo("ts");
        assertThat(d.offset()).isEqualTo(9L);
        assertThat(d.excerpt()).doesNotContain("Schammenkamp").contains("\"author\":<dropped>");
        String farFuture = VALID_SIGNAL.replace("2024-05-01T10:00:00+02:00", "2099-12-31T23:00Z");
        assertThat(run(JsonDeserializer.signals(), timed(farFuture, sent)).get(0).deadLetter())
                .isNotNull();
        // no record time (files, old clients): no check
        assertThat(run(JsonDeserializer.signals(), record(farFuture, 0, 1)).get(0).signal())
                .isNotNull();

        String futureIncident = VALID_INCIDENT.replace("2024-05-01", "2099-05-01");
        assertThat(
                        run(JsonDeserializer.incidents(), timed(VALID_INCIDENT, sent + 7_200_000L))
                                .get(0)
                                .incident())
                .isNotNull();
        assertThat(
                        run(JsonDeserializer.incidents(), timed(futureIncident, sent))
                                .get(0)
                                .deadLetter()
                                .reason())
                .isEqualTo("timestamp_out_of_range");

        String line = "2099-03-07T17:31:00+01:00 P 1 BDH-01 Explosie Schammenkamp Rotterdam";
        DeadLetter p = run(new P2000Deserializer(), timed(line, sent)).get(0).deadLetter();
        assertThat(p.reason()).isEqualTo("timestamp_out_of_range");
        assertThat(p.excerpt()).isEqualTo("<bytes " + line.length() + ">");
        String past = "2024-03-07T17:31:00+01:00 P 1 BDH-01 Explosie Schammenkamp Rotterdam";
        assertThat(run(new P2000Deserializer(), timed(past, sent)).get(0).incident()).isNotNull();
    }
}
