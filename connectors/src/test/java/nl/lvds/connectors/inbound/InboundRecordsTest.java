package nl.lvds.connectors.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nl.lvds.connectors.deadletter.DeadLetter;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.Signal;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

class InboundRecordsTest {

    private static final Signal SIGNAL =
            new Signal(1, "s-1", "social", null, 1L, null, "tekst", null, "k");
    private static final DeadLetter DEAD =
            new DeadLetter("malformed_json", null, "t", 0, 1L, "<bytes 1>", "signal");

    @Test
    void shouldSerializeInboundRecordsAsPojosWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(InboundSignal.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(InboundIncident.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(DeadLetter.class);
    }

    @Test
    void shouldHoldExactlyOneOfValueAndDeadLetter() {
        assertThat(InboundSignal.of(SIGNAL, 2).droppedIdentityFields()).isEqualTo(2);
        assertThat(InboundSignal.dead(DEAD).signal()).isNull();
        assertThatThrownBy(() -> new InboundSignal(SIGNAL, DEAD, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InboundSignal(null, null, 0))
                .isInstanceOf(IllegalArgumentException.class);
        Incident incident = new Incident(1, "i", "p2000", 1L, "fire", 1, null, null, null);
        assertThat(InboundIncident.of(incident).deadLetter()).isNull();
        assertThatThrownBy(() -> new InboundIncident(incident, DEAD))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InboundIncident(null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
