package nl.lvds.pipeline.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import nl.lvds.connectors.inbound.InboundRuleSet;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class RuleWatermarksTest {

    /** Records what a watermark generator tells its output. */
    private static final class Recorder implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        int idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
            idle++;
        }

        @Override
        public void markActive() {}
    }

    @Test
    void ruleChangesNeverMoveTheAlertStagesWatermark() {
        WatermarkGenerator<InboundRuleSet> g =
                TensionTopology.ruleWatermarks().createWatermarkGenerator(null);
        Recorder out = new Recorder();
        g.onPeriodicEmit(out);
        g.onEvent(null, 1_700_000_000_000L, out);
        g.onPeriodicEmit(out);
        // an input reporting the end of time would become the alert stage's watermark as soon as
        // the indicator input pauses, and fire every alert timer at once
        assertThat(out.watermarks).isEmpty();
        assertThat(out.idle).isEqualTo(3);
    }
}
