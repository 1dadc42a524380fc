package nl.lvds.pipeline.records;

import java.util.Map;
import nl.lvds.pipeline.sketch.DistinctSketch;

/**
 * The aggregate of one cell over one 15-minute event-time bucket: counts, sketches and term counts,
 * from which the indicator operator assembles its 1 h and 24 h windows. Aggregate only; the author
 * sketch holds salted hashes, never keys. Treat as immutable: the sketches are mutable objects, so
 * consumers merge copies.
 *
 * @param area the cell's area: a wijk, a district or {@code city}
 * @param district the district of the area
 * @param topic a topic or {@code all}
 * @param bucketStart bucket start, epoch ms (inclusive); the bucket ends 15 minutes later
 * @param signals number of signals
 * @param calm calm signals
 * @param uneasy uneasy signals
 * @param hostile hostile signals
 * @param stories distinct raw SimHashes of the signals (see {@code StoryClusters})
 * @param authors distinct salted author hashes, or null when no signal had an author key
 * @param authorEpoch the salt period of {@code authors} (epoch ms of its start); 0 when null
 * @param sources signal count per source type
 * @param terms number of signals naming each term, the top {@code BucketWindow#MAX_TERMS} by count
 *     then alphabetically
 * @param hostileStories distinct raw SimHashes of the hostile signals (hostile stories)
 */
public record Bucket(
        String area,
        String district,
        String topic,
        long bucketStart,
        int signals,
        int calm,
        int uneasy,
        int hostile,
        DistinctSketch stories,
        DistinctSketch authors,
        long authorEpoch,
        Map<String, Integer> sources,
        Map<String, Integer> terms,
        DistinctSketch hostileStories) {

    /** A bucket without hostile story hashes (its hostile stories count as none). */
    public Bucket(
            String area,
            String district,
            String topic,
            long bucketStart,
            int signals,
            int calm,
            int uneasy,
            int hostile,
            DistinctSketch stories,
            DistinctSketch authors,
            long authorEpoch,
            Map<String, Integer> sources,
            Map<String, Integer> terms) {
        this(
                area,
                district,
                topic,
                bucketStart,
                signals,
                calm,
                uneasy,
                hostile,
                stories,
                authors,
                authorEpoch,
                sources,
                terms,
                null);
    }

    /** The cell key, {@code area|topic}. */
    public String cellKey() {
        return CellSignal.key(area, topic);
    }
}
