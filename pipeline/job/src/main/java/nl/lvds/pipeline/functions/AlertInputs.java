package nl.lvds.pipeline.functions;

import nl.lvds.pipeline.records.CellIndicator;
import org.apache.flink.api.common.functions.FilterFunction;

/**
 * The indicators the alert rules can act on: non-suppressed ones, and suppressed ones that carry a
 * linked incident (an incident starts an escalation watch even in a quiet cell, see {@link
 * nl.lvds.pipeline.alert.RuleEngine}). A suppressed indicator without incidents changes neither
 * alerts nor rule state, and most indicators are such (a city's many quiet wijk × topic cells), so
 * dropping them before the keyed alert stage saves its shuffle and, in a batch review, its sort.
 */
public final class AlertInputs implements FilterFunction<CellIndicator> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean filter(CellIndicator c) {
        boolean pass = !c.indicator().suppressed() || !c.incidents().isEmpty();
        if (pass) {
            StageCounters.ALERT_INPUTS_OUT.increment();
        }
        return pass;
    }
}
