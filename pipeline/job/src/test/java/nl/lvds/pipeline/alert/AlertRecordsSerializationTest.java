package nl.lvds.pipeline.alert;

import static nl.lvds.pipeline.alert.Cells.H;
import static nl.lvds.pipeline.alert.Cells.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import nl.lvds.models.config.AlertLevel;
import nl.lvds.models.config.AlertRule;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.config.Thresholds;
import nl.lvds.models.event.Alert;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

class AlertRecordsSerializationTest {

    @Test
    void shouldSerializeStateRecordsAsPojosWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(RuleState.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Raised.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(PendingIncident.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(TensionPoint.class);
    }

    @Test
    void shouldSerializeRuleRecordsAsPojosWithoutKryo() {
        // Rules will travel through broadcast state when they become changeable at run time.
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(AlertRule.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Thresholds.class);
    }

    @Test
    void shouldSerializeRuleSetChangesAsPojosWithoutKryo() throws Exception {
        // They travel from the lvds.rules source to the broadcast side of the alert stage.
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(nl.lvds.models.rules.RuleSetChange.class);
        var change =
                nl.lvds.models.rules.RuleSetChange.of(
                        4, T0, T0 + 1, "beheer", "why", LvdsConfig.defaults().alerts());
        assertThat(roundTrip(change, nl.lvds.models.rules.RuleSetChange.class)).isEqualTo(change);
    }

    @Test
    void shouldSerializeTheAlertOutputAsAPojoWithoutKryo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Alert.class);
    }

    @Test
    void shouldRoundTripAFullRuleState() throws Exception {
        RuleState state =
                new RuleState(
                        Map.of("spike", new Raised(AlertLevel.WARNING, T0 + H, T0 + 7 * H)),
                        Map.of(
                                "esc|i",
                                new PendingIncident("esc", "i", T0 + 10, 3, 20.5, T0 + 6 * H),
                                "esc|j",
                                new PendingIncident("esc", "j", T0 + 20, 2, null, T0 + 6 * H)),
                        List.of(new TensionPoint("1h", T0 + H, 20.0, T0 + 31 * H)));

        assertThat(roundTrip(state, RuleState.class)).isEqualTo(state);
    }

    @Test
    void shouldRoundTripTheDefaultRules() throws Exception {
        for (AlertRule rule : LvdsConfig.DEFAULT_RULES) {
            assertThat(roundTrip(rule, AlertRule.class)).isEqualTo(rule);
        }
    }

    private static <T> T roundTrip(T value, Class<T> type) throws Exception {
        TypeSerializer<T> serializer =
                TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
