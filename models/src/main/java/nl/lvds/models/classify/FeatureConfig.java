package nl.lvds.models.classify;

import java.io.Serializable;

/**
 * Which features the extractor builds; stored in the model bundle so that scoring always uses the
 * features the model was trained with.
 *
 * @param charNgramMin smallest character n-gram (0 disables character n-grams)
 * @param charNgramMax largest character n-gram
 * @param charNgramMinTokenLength character n-grams only for tokens at least this long
 * @param bigrams whether word bigrams are used
 * @param negationScope tokens after a negation cue that get a negated feature
 * @param groupWords how group nouns ("moslims", "agenten") reach the tension classifier: {@link
 *     #GROUP_WORDS_RAW} as any word; {@link #GROUP_WORDS_TOPIC_ONLY} the word itself only for the
 *     topic classifiers, tension sees a placeholder in bigrams and conjunctions (so naming a group
 *     is no evidence of hostility, and what is learned about one group carries to all); {@link
 *     #GROUP_WORDS_PLACEHOLDER} as topic-only, plus the placeholder as a unigram for tension;
 *     {@link #GROUP_WORDS_NEAR} as topic-only, and instead of placeholder bigrams the tension
 *     classifier sees each content word within four tokens of a group noun as "said near a group";
 *     {@link #GROUP_WORDS_NEAR_AND_BIGRAMS} both the placeholder bigrams and the words near a group
 */
public record FeatureConfig(
        int charNgramMin,
        int charNgramMax,
        int charNgramMinTokenLength,
        boolean bigrams,
        int negationScope,
        int groupWords)
        implements Serializable {

    public static final int GROUP_WORDS_RAW = 0;
    public static final int GROUP_WORDS_TOPIC_ONLY = 1;
    public static final int GROUP_WORDS_PLACEHOLDER = 2;
    public static final int GROUP_WORDS_NEAR = 3;
    public static final int GROUP_WORDS_NEAR_AND_BIGRAMS = 4;

    /** A configuration with group words as any word. */
    public FeatureConfig(
            int charNgramMin,
            int charNgramMax,
            int charNgramMinTokenLength,
            boolean bigrams,
            int negationScope) {
        this(
                charNgramMin,
                charNgramMax,
                charNgramMinTokenLength,
                bigrams,
                negationScope,
                GROUP_WORDS_RAW);
    }

    /** The configuration the shipped model is trained with. */
    public static final FeatureConfig DEFAULT =
            new FeatureConfig(4, 5, 5, true, 3, GROUP_WORDS_NEAR_AND_BIGRAMS);
}
