package nl.lvds.models.classify;

import java.util.List;

/**
 * One labelled post of the training corpus (models/corpus/*.jsonl) or of an evaluation file in the
 * same format.
 *
 * @param id unique id
 * @param text the post
 * @param lang nl, en or mixed
 * @param topics topic labels (possibly empty)
 * @param tension 0 calm, 1 uneasy, 2 hostile
 * @param hard hard-case type, or null
 */
public record CorpusExample(
        String id, String text, String lang, List<String> topics, int tension, String hard) {

    /**
     * Which split an example belongs to, derived from its id alone (stable as the corpus grows).
     */
    public enum Split {
        TRAIN,
        DEV,
        TEST
    }

    /** 70% train, 15% dev, 15% test, by a hash of the id. */
    public Split split() {
        int bucket = Math.floorMod(Hashing.fnv1a64(id) ^ 0x5bd1e995L, 100);
        if (bucket < 70) {
            return Split.TRAIN;
        }
        return bucket < 85 ? Split.DEV : Split.TEST;
    }
}
