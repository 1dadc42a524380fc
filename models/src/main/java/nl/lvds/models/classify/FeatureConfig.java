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
 */
public record FeatureConfig(
        int charNgramMin,
        int charNgramMax,
        int charNgramMinTokenLength,
        boolean bigrams,
        int negationScope)
        implements Serializable {

    /** The configuration the shipped model is trained with. */
    public static final FeatureConfig DEFAULT = new FeatureConfig(4, 5, 5, true, 3);
}
