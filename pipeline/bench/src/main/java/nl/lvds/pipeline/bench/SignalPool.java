package nl.lvds.pipeline.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import nl.lvds.models.classify.Classification;
import nl.lvds.models.classify.SignalClassifier;
import nl.lvds.models.event.Signal;
import nl.lvds.pipeline.generate.ArchiveGenerator;
import nl.lvds.pipeline.generate.DayGenerator;

/**
 * Generated signals to replay at a steady rate in real time (the latency suite and {@code lvds
 * soak}): two generated days (4-5 March 2024, seed 7), the hostile ones among them for spikes, and
 * the quietest wijken to put the spikes in, so that alerts occur. Replayed signals are restamped
 * ({@link #restamp}): a new id, the event time of the moment they are sent.
 *
 * @param signals every generated signal of the two days
 * @param hostile the signals the classifier calls hostile
 * @param quietWijken the 12 wijken with the fewest signals
 */
public record SignalPool(List<Signal> signals, List<Signal> hostile, List<String> quietWijken) {

    /** Generates and classifies the pool (untimed; a few seconds at 50,000 signals a day). */
    public static SignalPool build(int perDay, Consumer<String> progress) {
        DayGenerator gen = new ArchiveGenerator().dayGenerator(7, perDay);
        List<Signal> all = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2024, 3, 4);
                !d.isAfter(LocalDate.of(2024, 3, 5));
                d = d.plusDays(1)) {
            all.addAll(gen.generate(d).signals());
        }
        SignalClassifier c = SignalClassifier.load();
        Map<String, Integer> wijken = new HashMap<>();
        List<Signal> hostile = new ArrayList<>();
        for (Signal s : all) {
            Classification k = c.classify(s.text(), s.lang(), s.area());
            if (k.area() != null && k.district() != null) {
                wijken.merge(k.area(), 1, Integer::sum);
            }
            if (k.tension() == 2) {
                hostile.add(s); // tension does not depend on the area hint
            }
        }
        if (hostile.isEmpty()) {
            throw new IllegalStateException("no hostile signal in the generated pool");
        }
        List<String> quiet =
                wijken.entrySet().stream()
                        .sorted(
                                Map.Entry.<String, Integer>comparingByValue()
                                        .thenComparing(Map.Entry.comparingByKey()))
                        .limit(12)
                        .map(Map.Entry::getKey)
                        .toList();
        progress.accept(
                String.format(
                        "pool of %,d generated signals, %,d hostile, quiet wijken %s",
                        all.size(), hostile.size(), quiet));
        return new SignalPool(List.copyOf(all), List.copyOf(hostile), quiet);
    }

    /** The signal with a new id ({@code prefix + id}), event time {@code ts} and area hint. */
    public static Signal restamp(Signal s, String id, long ts, String area) {
        return new Signal(
                s.v(), id, s.source(), s.platform(), ts, s.lang(), s.text(), area, s.authorKey());
    }
}
