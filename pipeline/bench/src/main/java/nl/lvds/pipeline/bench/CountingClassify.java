package nl.lvds.pipeline.bench;

import java.util.concurrent.atomic.LongAdder;
import nl.lvds.models.event.ClassifiedSignal;
import nl.lvds.models.event.Signal;
import nl.lvds.pipeline.functions.ClassifyFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * The job's own classify operator ({@link ClassifyFunction}, unchanged) with the bench's clock: the
 * signals it mapped in this JVM, polled every few milliseconds to time a run from its first record
 * (benchmark only; the job itself counts in a Flink accumulator, which reaches a client only with
 * the heartbeats).
 */
final class CountingClassify extends RichMapFunction<Signal, ClassifiedSignal> {

    private static final long serialVersionUID = 1L;

    /** Signals classified in this JVM by bench runs. */
    static final LongAdder CLASSIFIED_IN_THIS_JVM = new LongAdder();

    private final ClassifyFunction classify = new ClassifyFunction();

    @Override
    public void open(OpenContext context) throws Exception {
        classify.setRuntimeContext(getRuntimeContext());
        classify.open(context);
    }

    @Override
    public ClassifiedSignal map(Signal s) {
        CLASSIFIED_IN_THIS_JVM.increment();
        return classify.map(s);
    }

    @Override
    public void close() throws Exception {
        classify.close();
    }
}
