package nl.lvds.connectors;

import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo;

import nl.lvds.models.event.Alert;
import nl.lvds.models.event.ClassifiedSignal;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.Signal;
import nl.lvds.models.event.TensionIndicator;
import org.junit.jupiter.api.Test;

/** Every contract record travels between Flink operators as a POJO, never through Kryo. */
class RecordSerializationTest {

    @Test
    void signalShouldBeSerializedAsPojo() {
        assertSerializedAsPojoWithoutKryo(Signal.class);
    }

    @Test
    void incidentShouldBeSerializedAsPojo() {
        assertSerializedAsPojoWithoutKryo(Incident.class);
    }

    @Test
    void classifiedSignalShouldBeSerializedAsPojo() {
        assertSerializedAsPojoWithoutKryo(ClassifiedSignal.class);
    }

    @Test
    void tensionIndicatorShouldBeSerializedAsPojo() {
        assertSerializedAsPojoWithoutKryo(TensionIndicator.class);
    }

    @Test
    void alertShouldBeSerializedAsPojo() {
        assertSerializedAsPojoWithoutKryo(Alert.class);
    }
}
