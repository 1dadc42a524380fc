package nl.lvds.connectors.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import nl.lvds.connectors.inbound.InboundIncident;
import nl.lvds.connectors.inbound.InboundSignal;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.Signal;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class RouteDeadLettersTest {

    static Signal signal(String id) {
        return new Signal(1, id, "social", null, 1_714_550_400_000L, "nl", "tekst", null, null);
    }

    static DeadLetter dead(String reason, long offset) {
        return new DeadLetter(reason, null, "lvds.signals", 0, offset, "<bytes 3>", "signal");
    }

    @Test
    void shouldForwardValuesAndSideOutputDeadLetters() throws Exception {
        RouteDeadLetters<InboundSignal, Signal> fn = RouteDeadLetters.signals();
        try (OneInputStreamOperatorTestHarness<InboundSignal, Signal> h =
                ProcessFunctionTestHarnesses.forProcessFunction(fn)) {
            h.processElement(InboundSignal.of(signal("a"), 0), 10L);
            h.processElement(InboundSignal.dead(dead("malformed_json", 1)), 11L);
            h.processElement(InboundSignal.of(signal("b"), 2), 12L);
            h.processElement(InboundSignal.dead(dead("missing_field", 3)), 13L);
            h.processElement(InboundSignal.dead(dead("malformed_json", 4)), 14L);

            assertThat(h.extractOutputValues()).extracting(Signal::id).containsExactly("a", "b");
            ConcurrentLinkedQueue<StreamRecord<DeadLetter>> side =
                    h.getSideOutput(RouteDeadLetters.DEAD_LETTERS);
            assertThat(side).extracting(r -> r.getValue().offset()).containsExactly(1L, 3L, 4L);
            assertThat(side).extracting(StreamRecord::getTimestamp).containsExactly(11L, 13L, 14L);
        }
        assertThat(fn.deadLetterCount("malformed_json")).isEqualTo(2);
        assertThat(fn.deadLetterCount("missing_field")).isEqualTo(1);
        assertThat(fn.deadLetterCount("empty_record")).isZero();
        assertThat(fn.identityFieldsDroppedCount()).isEqualTo(2);
    }

    @Test
    void shouldCountReasonsOutsideTheDecodeErrorSet() throws Exception {
        RouteDeadLetters<InboundSignal, Signal> fn = RouteDeadLetters.signals();
        try (var h = ProcessFunctionTestHarnesses.forProcessFunction(fn)) {
            h.processElement(InboundSignal.dead(dead(DeadLetters.DECODER_FAILURE, 1)), 1L);
            h.processElement(InboundSignal.dead(dead("something_new", 2)), 2L);
            assertThat(h.getSideOutput(RouteDeadLetters.DEAD_LETTERS)).hasSize(2);
        }
        assertThat(fn.deadLetterCount(DeadLetters.DECODER_FAILURE)).isEqualTo(1);
        assertThat(fn.deadLetterCount("something_new")).isEqualTo(1);
    }

    @Test
    void shouldRouteIncidents() throws Exception {
        RouteDeadLetters<InboundIncident, Incident> fn = RouteDeadLetters.incidents();
        Incident incident =
                new Incident(1, "i-1", "p2000", 1L, "fire", 3, "Tarwewijk", "Schammenkamp", null);
        DeadLetter d =
                new DeadLetter(
                        "unparseable_feed_line", null, "p2000", 1, 9L, "<bytes 12>", "p2000");
        try (var h = ProcessFunctionTestHarnesses.forProcessFunction(fn)) {
            h.processElement(InboundIncident.of(incident), 1L);
            h.processElement(InboundIncident.dead(d), 2L);
            assertThat(h.extractOutputValues()).isEqualTo(List.of(incident));
            assertThat(h.getSideOutput(RouteDeadLetters.DEAD_LETTERS))
                    .extracting(StreamRecord::getValue)
                    .containsExactly(d);
        }
        assertThat(fn.deadLetterCount("unparseable_feed_line")).isEqualTo(1);
    }
}
