package nl.lvds.pipeline.bench;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import nl.lvds.models.classify.SignalClassifier;
import nl.lvds.models.event.ClassifiedSignal;
import nl.lvds.models.event.Signal;
import nl.lvds.pipeline.functions.ClassifyFunction;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * The plumbing floor's stand-in for the classify operator (benchmark only): no NLP at all, the text
 * is never read. Two kinds:
 *
 * <ul>
 *   <li>{@link #fixed()}: every signal becomes the same classification (Dutch, local-incident,
 *       calm, Tarwewijk in Charlois). Each signal still fans out to six cells, but all signals
 *       share those six, so the windows downstream do far less work than the full path (the first
 *       sessions' floor: 44× fewer indicators).
 *   <li>{@link #sampled}: each signal gets the classifier's real answer for another signal, one of
 *       a sample classified beforehand (untimed), chosen by a hash of the signal's id: the same mix
 *       of languages, topics, tension levels, areas, terms and story hashes as the full path, so
 *       the cells, windows and indicators downstream do the same amount of work, and only the NLP
 *       is gone. The floor the ratio is about: the same job with classification replaced by
 *       a no-op.
 * </ul>
 *
 * Either way it keeps the signal's id, source, time, author key and synthetic flag.
 */
public final class NoOpClassify implements MapFunction<Signal, ClassifiedSignal> {

    private static final long serialVersionUID = 1L;

    /** Signals mapped in this JVM (the bench's first-record clock). */
    public static final LongAdder MAPPED_IN_THIS_JVM = new LongAdder();

    /** What the classifier says of a text (serializable: the function ships with the job). */
    private record Answer(
            String lang,
            List<String> topics,
            List<Double> topicScores,
            int tension,
            List<Double> tensionScores,
            String area,
            String district,
            List<String> topTerms,
            long storyHash)
            implements Serializable {

        static Answer of(ClassifiedSignal c) {
            return new Answer(
                    c.lang(),
                    List.copyOf(c.topics()),
                    List.copyOf(c.topicScores()),
                    c.tension(),
                    List.copyOf(c.tensionScores()),
                    c.area(),
                    c.district(),
                    List.copyOf(c.topTerms()),
                    c.storyHash());
        }
    }

    private static final Answer FIXED =
            new Answer(
                    "nl",
                    List.of("local-incident"),
                    List.of(0.0, 1.0, 0.0, 0.0, 0.0, 0.0),
                    0,
                    List.of(1.0, 0.0, 0.0),
                    "Tarwewijk",
                    "Charlois",
                    List.of(),
                    0L);

    private final ArrayList<Answer> answers;

    private NoOpClassify(List<Answer> answers) {
        this.answers = new ArrayList<>(answers);
    }

    /** Every signal gets the same classification. */
    public static NoOpClassify fixed() {
        return new NoOpClassify(List.of(FIXED));
    }

    /**
     * Every signal gets the classifier's answer for one of {@code sample}, chosen by a hash of its
     * id. The sample is classified here, before any clock runs.
     */
    public static NoOpClassify sampled(List<Signal> sample) {
        if (sample.isEmpty()) {
            throw new IllegalArgumentException("an empty sample");
        }
        SignalClassifier c = SignalClassifier.load();
        List<Answer> answers = new ArrayList<>(sample.size());
        for (Signal s : sample) {
            answers.add(Answer.of(ClassifyFunction.classify(c, s)));
        }
        return new NoOpClassify(answers);
    }

    /** How many distinct answers it hands out. */
    public int answers() {
        return answers.size();
    }

    @Override
    public ClassifiedSignal map(Signal s) {
        MAPPED_IN_THIS_JVM.increment();
        Answer a = answers.get(Math.floorMod(mix(s.id().hashCode()), answers.size()));
        return new ClassifiedSignal(
                s.id(),
                s.source(),
                s.ts(),
                a.lang(),
                a.topics(),
                a.topicScores(),
                a.tension(),
                a.tensionScores(),
                a.area(),
                a.district(),
                a.topTerms(),
                a.storyHash(),
                s.authorKey(),
                Signal.SYNTHETIC.equals(s.platform()));
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }
}
