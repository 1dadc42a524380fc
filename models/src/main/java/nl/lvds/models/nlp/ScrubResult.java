package nl.lvds.models.nlp;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The outcome of {@link PiiScrubber#scrubWithCounts}: the scrubbed text and how many spans of each
 * type were replaced (every type is present in {@code counts}, zero when none were found).
 */
public record ScrubResult(String text, Map<PiiType, Integer> counts) {

    public ScrubResult {
        EnumMap<PiiType, Integer> all = new EnumMap<>(PiiType.class);
        for (PiiType t : PiiType.values()) {
            all.put(t, 0);
        }
        all.putAll(counts);
        counts = Collections.unmodifiableMap(all);
    }

    /** How many spans of {@code type} were replaced. */
    public int count(PiiType type) {
        return counts.get(type);
    }

    /** How many spans were replaced in all. */
    public int total() {
        int sum = 0;
        for (int c : counts.values()) {
            sum += c;
        }
        return sum;
    }
}
