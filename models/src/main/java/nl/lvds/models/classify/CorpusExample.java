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
 * @param groups target groups the post mentions or is about (see {@link TargetGroups}); empty when
 *     the file does not say
 * @param form what the post does (see {@link TargetGroups#FORMS}), or null
 * @param pair id of the post's contrastive twin, or null
 */
public record CorpusExample(
        String id,
        String text,
        String lang,
        List<String> topics,
        int tension,
        String hard,
        List<String> groups,
        String form,
        String pair) {

    /** A post without group, form or twin annotations (the first corpus files). */
    public CorpusExample(
            String id, String text, String lang, List<String> topics, int tension, String hard) {
        this(id, text, lang, topics, tension, hard, List.of(), null, null);
    }

    /**
     * Which split an example belongs to, derived from its id alone (stable as the corpus grows).
     */
    public enum Split {
        TRAIN,
        DEV,
        TEST
    }

    /**
     * The key the split is drawn from: the id, or for one of a contrastive pair the smaller of the
     * two ids, so that twins always land in the same split (a twin in train would otherwise tell
     * the model the answer for its partner in dev or test).
     */
    public String splitKey() {
        if (pair == null || pair.isEmpty() || pair.equals(id)) {
            return id;
        }
        return pair.compareTo(id) < 0 ? pair : id;
    }

    /** 70% train, 15% dev, 15% test, by a hash of the split key. */
    public Split split() {
        int bucket = Math.floorMod(Hashing.fnv1a64(splitKey()) ^ 0x5bd1e995L, 100);
        if (bucket < 70) {
            return Split.TRAIN;
        }
        return bucket < 85 ? Split.DEV : Split.TEST;
    }
}
