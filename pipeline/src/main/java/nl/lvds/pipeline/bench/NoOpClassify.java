package nl.lvds.pipeline.bench;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import nl.lvds.models.event.ClassifiedSignal;
import nl.lvds.models.event.Signal;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * The plumbing floor's stand-in for the classify operator (benchmark only): no NLP at all, every
 * signal becomes the same classification (Dutch, topic local-incident, calm, Tarwewijk in Charlois)
 * keeping its id, source, time, author key and synthetic flag. Each signal so still fans out to six
 * cells (3 areas x (1 topic + all)), as a classified signal with one topic and a wijk does, but all
 * signals share those six cells, so the floor emits far fewer indicators than the full path: the
 * bench reports both output counts.
 */
public final class NoOpClassify implements MapFunction<Signal, ClassifiedSignal> {

    private static final long serialVersionUID = 1L;

    /** Signals mapped in this JVM (the bench's first-record clock). */
    public static final LongAdder MAPPED_IN_THIS_JVM = new LongAdder();

    private static final List<String> TOPICS = List.of("local-incident");
    private static final List<Double> TOPIC_SCORES = List.of(0.0, 1.0, 0.0, 0.0, 0.0, 0.0);
    private static final List<Double> TENSION_SCORES = List.of(1.0, 0.0, 0.0);

    @Override
    public ClassifiedSignal map(Signal s) {
        MAPPED_IN_THIS_JVM.increment();
        return new ClassifiedSignal(
                s.id(),
                s.source(),
                s.ts(),
                "nl",
                TOPICS,
                TOPIC_SCORES,
                0,
                TENSION_SCORES,
                "Tarwewijk",
                "Charlois",
                List.of(),
                0L,
                s.authorKey(),
                Signal.SYNTHETIC.equals(s.platform()));
    }
}
