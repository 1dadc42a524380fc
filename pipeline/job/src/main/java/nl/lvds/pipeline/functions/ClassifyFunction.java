package nl.lvds.pipeline.functions;

import java.util.ArrayList;
import java.util.List;
import nl.lvds.models.classify.Classification;
import nl.lvds.models.classify.SignalClassifier;
import nl.lvds.models.event.ClassifiedSignal;
import nl.lvds.models.event.Signal;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Classifies a scrubbed signal and drops its text: the {@link ClassifiedSignal} that leaves this
 * operator carries labels, scores, area and a few content words only. The models are loaded once
 * per JVM in {@link #open} and shared read-only by all subtasks; all logic lives in the plain
 * {@link SignalClassifier}.
 */
public final class ClassifyFunction extends RichMapFunction<Signal, ClassifiedSignal> {

    private static volatile SignalClassifier shared;

    /**
     * Name of the accumulator counting the signals classified (the review's progress display and
     * its closing figure read it from the job).
     */
    public static final String CLASSIFIED = "lvds-signals-classified";

    private transient SignalClassifier classifier;
    private transient LongCounter classified;

    @Override
    public void open(OpenContext context) {
        classifier = sharedClassifier();
        classified = new LongCounter();
        getRuntimeContext().addAccumulator(CLASSIFIED, classified);
    }

    /** The JVM-wide classifier (loaded on first use; the models are read-only). */
    static SignalClassifier sharedClassifier() {
        SignalClassifier c = shared;
        if (c == null) {
            synchronized (ClassifyFunction.class) {
                c = shared;
                if (c == null) {
                    c = SignalClassifier.load();
                    shared = c;
                }
            }
        }
        return c;
    }

    @Override
    public ClassifiedSignal map(Signal s) {
        classified.add(1L);
        return classify(classifier, s);
    }

    /** The mapping itself, usable without Flink. */
    public static ClassifiedSignal classify(SignalClassifier classifier, Signal s) {
        Classification c = classifier.classifyScrubbed(s.text(), s.lang(), s.area());
        return new ClassifiedSignal(
                s.id(),
                s.source(),
                s.ts(),
                c.lang(),
                c.topics(),
                boxed(c.topicScores()),
                c.tension(),
                boxed(c.tensionScores()),
                c.area(),
                c.district(),
                c.topTerms(),
                c.storyHash(),
                s.authorKey(),
                Signal.SYNTHETIC.equals(s.platform()));
    }

    private static List<Double> boxed(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(Math.round(v * 10_000) / 10_000.0);
        }
        return out;
    }

    /** The model version the shared classifier uses. */
    public static String modelVersion() {
        return sharedClassifier().modelVersion();
    }
}
