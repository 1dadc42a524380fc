package nl.lvds.pipeline.functions;

import java.util.Set;
import nl.lvds.models.event.Signal;
import nl.lvds.models.nlp.PiiScrubber;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * The privacy gate, first operator after the sources: scrubs PII out of the text (e-mail, phone,
 * handles, URLs, postcodes, IBAN, BSN, plates) before any model or state sees it, and drops signals
 * from platforms that are not declared as public sources in the config (counted, never silently).
 * Identity fields were already removed by the decoder.
 */
public final class PrivacyGate extends RichFlatMapFunction<Signal, Signal> {

    private final Set<String> declaredPlatforms;
    private transient PiiScrubber scrubber;
    private transient Counter undeclared;
    private transient Counter scrubbedSignals;

    /**
     * @param declaredPlatforms platforms allowed in; an empty set allows every platform (for tests
     *     and the review of archives that carry no platform)
     */
    public PrivacyGate(Set<String> declaredPlatforms) {
        this.declaredPlatforms = Set.copyOf(declaredPlatforms);
    }

    @Override
    public void open(OpenContext context) {
        scrubber = new PiiScrubber();
        undeclared = getRuntimeContext().getMetricGroup().counter("undeclaredSourceDropped");
        scrubbedSignals = getRuntimeContext().getMetricGroup().counter("signalsWithPiiScrubbed");
    }

    @Override
    public void flatMap(Signal s, Collector<Signal> out) {
        if (!declaredPlatforms.isEmpty()
                && (s.platform() == null || !declaredPlatforms.contains(s.platform()))) {
            undeclared.inc();
            return;
        }
        String clean = scrubber.scrub(s.text());
        if (!clean.equals(s.text())) {
            scrubbedSignals.inc();
        }
        out.collect(
                new Signal(
                        s.v(),
                        s.id(),
                        s.source(),
                        s.platform(),
                        s.ts(),
                        s.lang(),
                        clean,
                        s.area(),
                        s.authorKey()));
    }
}
