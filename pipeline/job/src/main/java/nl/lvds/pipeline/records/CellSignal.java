package nl.lvds.pipeline.records;

import java.util.List;

/**
 * One classified signal as it counts in one indicator cell (area, topic): what the 15-minute
 * buckets need, no text and no author key.
 *
 * @param area the cell's area: a wijk, a district (gebied) or {@code city}
 * @param district the district of the area ({@code city} for the city cell, the district itself for
 *     a district cell)
 * @param topic a topic or {@code all}
 * @param ts event time, epoch milliseconds
 * @param tension 0 calm, 1 uneasy, 2 hostile
 * @param source signal source type (social, forum, news-comment, field-report)
 * @param storyHash SimHash of the post, for near-duplicate collapse
 * @param authorHash 64-bit hash of the author key salted with {@code authorEpoch}, or 0 when the
 *     signal had no author key; the key itself never leaves the fan-out
 * @param authorEpoch start of the salt period the author hash belongs to (epoch ms); hashes of
 *     different epochs are not comparable
 * @param topTerms salient terms of the post (content words only)
 */
public record CellSignal(
        String area,
        String district,
        String topic,
        long ts,
        int tension,
        String source,
        long storyHash,
        long authorHash,
        long authorEpoch,
        List<String> topTerms) {

    /** The cell key, {@code area|topic}: the unit of keyed state for buckets and indicators. */
    public String cellKey() {
        return key(area, topic);
    }

    /** The same without terms and source: what the early results need, cheaper to ship. */
    public CellSignal countsOnly() {
        return new CellSignal(
                area,
                district,
                topic,
                ts,
                tension,
                null,
                storyHash,
                authorHash,
                authorEpoch,
                List.of());
    }

    /** The cell key of an area and topic. */
    public static String key(String area, String topic) {
        return area + "|" + topic;
    }
}
