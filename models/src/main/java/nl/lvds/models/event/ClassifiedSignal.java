package nl.lvds.models.event;

import java.util.List;

/**
 * A signal after the privacy gate and classification: no text, only what the models saw.
 *
 * <p>This is what flows between the pipeline's operators. It carries no text and no identity field;
 * {@code authorKey} stays in memory for distinct counting inside one window and is never serialized
 * by the codec.
 *
 * @param id upstream id of the signal
 * @param source signal source type
 * @param ts event time, epoch milliseconds
 * @param lang detected language: nl, en or other
 * @param topics topic labels above their thresholds (may be empty)
 * @param topicScores calibrated score per topic, in {@link Topic#ALL} order
 * @param tension 0 calm, 1 uneasy, 2 hostile
 * @param tensionScores calibrated probability per tension level
 * @param area wijk (neighbourhood) resolved by the gazetteer, or null when unknown
 * @param district gebied (district) of the area, or null when unknown
 * @param topTerms salient terms of the post (content words, never handles or PII placeholders)
 * @param storyHash SimHash of the scrubbed tokens, for near-duplicate collapse
 * @param authorKey rotating pseudonym, in memory only; may be null
 * @param synthetic whether the input was marked synthetic
 */
public record ClassifiedSignal(
        String id,
        String source,
        long ts,
        String lang,
        List<String> topics,
        List<Double> topicScores,
        int tension,
        List<Double> tensionScores,
        String area,
        String district,
        List<String> topTerms,
        long storyHash,
        String authorKey,
        boolean synthetic) {}
