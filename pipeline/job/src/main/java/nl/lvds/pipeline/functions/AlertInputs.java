package nl.lvds.pipeline.functions;

import nl.lvds.pipeline.records.CellIndicator;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;

/**
 * The indicators the alert rules can act on: non-suppressed ones, and suppressed ones that carry a
 * linked incident (an incident starts an escalation watch even in a quiet cell, see {@link
 * nl.lvds.pipeline.alert.RuleEngine}). A suppressed indicator without incidents changes neither
 * alerts nor rule state, and most indicators are such (a city's many quiet wijk × topic cells), so
 * dropping them before the keyed alert stage saves its shuffle and, in a batch review, its sort.
 * The indicators let through are counted in the accumulator {@link #PASSED} (the review's progress
 * display reads it from the running job).
 */
public final class AlertInputs extends RichFilterFunction<CellIndicator> {

    /** Name of the accumulator counting the indicators passed on to the alert stage. */
    public static final String PASSED = "lvds-alert-inputs-passed";

    private static final long serialVersionUID = 1L;

    private transient LongCounter passed;

    @Override
    public void open(OpenContext context) {
        passed = new LongCounter();
        getRuntimeContext().addAccumulator(PASSED, passed);
    }

    @Override
    public boolean filter(CellIndicator c) {
        boolean pass = !c.indicator().suppressed() || !c.incidents().isEmpty();
        if (pass && passed != null) {
            passed.add(1L);
        }
        return pass;
    }
}
