package nl.lvds.models.classify;

import java.util.List;

/**
 * What the models say about one post. Carries no text: only labels, scores, the area and a few
 * salient terms.
 *
 * @param lang nl, en or other
 * @param topics topics at or above their thresholds
 * @param topicScores calibrated probability per topic, in {@link nl.lvds.models.event.Topic#ALL}
 *     order
 * @param tension 0 calm, 1 uneasy, 2 hostile
 * @param tensionScores calibrated probability per tension level
 * @param area wijk, or null
 * @param district gebied, or null
 * @param topTerms up to three salient content words
 * @param storyHash 64-bit SimHash of the normalised tokens
 */
public record Classification(
        String lang,
        List<String> topics,
        double[] topicScores,
        int tension,
        double[] tensionScores,
        String area,
        String district,
        List<String> topTerms,
        long storyHash) {}
