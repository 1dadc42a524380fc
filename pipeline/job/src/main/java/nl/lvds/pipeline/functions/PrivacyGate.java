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
    private final Set<String> declaredTypes;
    private transient PiiScrubber scrubber;
    private transient Counter undeclared;
    private transient Counter scrubbedSignals;

    /**
     * A gate that lets in signals whose platform is a declared source name, or, for signals without
     * a platform, whose source type is a declared type. Two empty sets let everything in (tests).
     *
     * @param declaredPlatforms names of the declared public sources
     * @param declaredTypes types of the declared public sources
     */
    public PrivacyGate(Set<String> declaredPlatforms, Set<String> declaredTypes) {
        this.declaredPlatforms = Set.copyOf(declaredPlatforms);
        this.declaredTypes = Set.copyOf(declaredTypes);
    }

    /** A gate that lets everything in (tests, archives without declarations). */
    public static PrivacyGate open() {
        return new PrivacyGate(Set.of(), Set.of());
    }

    /** Whether a signal comes from a declared public source. */
    boolean declared(Signal s) {
        if (declaredPlatforms.isEmpty() && declaredTypes.isEmpty()) {
            return true;
        }
        return s.platform() != null
                ? declaredPlatforms.contains(s.platform())
                : declaredTypes.contains(s.source());
    }

    @Override
    public void open(OpenContext context) {
        scrubber = new PiiScrubber();
        undeclared = getRuntimeContext().getMetricGroup().counter("undeclaredSourceDropped");
        scrubbedSignals = getRuntimeContext().getMetricGroup().counter("signalsWithPiiScrubbed");
    }

    @Override
    public void flatMap(Signal s, Collector<Signal> out) {
        if (!declared(s)) {
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
