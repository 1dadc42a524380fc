package nl.lvds.pipeline.records;

import nl.lvds.pipeline.functions.Baseline;
import nl.lvds.pipeline.functions.BucketAccumulator;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/** Every record that crosses an operator boundary or sits in state is a Flink POJO, not Kryo. */
class RecordSerializationTest {

    @Test
    void shouldSerializeCellSignalAsPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(CellSignal.class);
    }

    @Test
    void shouldSerializeBucketAsPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Bucket.class);
    }

    @Test
    void shouldSerializeCellIncidentAsPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(CellIncident.class);
    }

    @Test
    void shouldSerializeCellIndicatorAndIncidentRefAsPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(CellIndicator.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(IncidentRef.class);
    }

    @Test
    void shouldSerializeTheStateTypesAsPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(BucketAccumulator.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Baseline.class);
    }
}
