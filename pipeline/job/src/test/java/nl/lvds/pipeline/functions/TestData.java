package nl.lvds.pipeline.functions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.lvds.models.event.ClassifiedSignal;
import nl.lvds.models.event.Incident;
import nl.lvds.pipeline.records.Bucket;
import nl.lvds.pipeline.records.CellIncident;
import nl.lvds.pipeline.records.IncidentRef;
import nl.lvds.pipeline.sketch.DistinctSketch;

/** Small factories for test records. */
final class TestData {
    /** Monday 2 October 2023, 00:00 UTC: a day start, so bucket arithmetic reads easily. */
    static final long T0 = Instant.parse("2023-10-02T00:00:00Z").toEpochMilli();

    static final long MIN = 60_000L;
    static final long BUCKET = Buckets.SIZE_MS;
    static final long HOUR = 60 * MIN;
    static final long DAY = 24 * HOUR;

    private TestData() {}

    static ClassifiedSignal signal(
            String id,
            long ts,
            String area,
            String district,
            List<String> topics,
            int tension,
            String authorKey,
            long storyHash,
            List<String> terms) {
        return new ClassifiedSignal(
                id,
                "social",
                ts,
                "nl",
                topics,
                List.of(0.1, 0.1, 0.1, 0.1, 0.1, 0.1),
                tension,
                List.of(0.4, 0.3, 0.3),
                area,
                district,
                terms,
                storyHash,
                authorKey,
                true);
    }

    static Incident incident(String id, long ts, String area) {
        return new Incident(1, id, "p2000", ts, "explosion", 3, area, null, null);
    }

    static CellIncident cellIncident(
            String area, String district, String topic, String id, long ts) {
        return new CellIncident(area, district, topic, new IncidentRef(id, ts, "explosion", 3));
    }

    /**
     * A hand-built bucket: {@code signals} signals of which {@code uneasy} uneasy and {@code
     * hostile} hostile, {@code stories} unrelated story hashes of which the first {@code
     * min(hostile, stories)} are hostile stories, {@code authors} author hashes (or none when 0),
     * all from "social", each naming {@code terms}.
     */
    static Bucket bucket(
            String area,
            String district,
            String topic,
            long start,
            int signals,
            int uneasy,
            int hostile,
            int stories,
            int authors,
            List<String> terms) {
        DistinctSketch s = new DistinctSketch();
        DistinctSketch h = new DistinctSketch();
        for (int i = 0; i < stories; i++) {
            long story = 0x9E3779B97F4A7C15L * (start / BUCKET * 1000 + i + 1); // far apart
            s.add(story);
            if (i < hostile) {
                h.add(story);
            }
        }
        DistinctSketch a = null;
        if (authors > 0) {
            a = new DistinctSketch();
            for (int i = 0; i < authors; i++) {
                a.add(1000L + i);
            }
        }
        Map<String, Integer> t = new TreeMap<>();
        for (String term : terms) {
            t.put(term, signals);
        }
        return new Bucket(
                area,
                district,
                topic,
                start,
                signals,
                signals - uneasy - hostile,
                uneasy,
                hostile,
                s,
                a,
                a == null ? 0L : Math.floorDiv(start, DAY) * DAY,
                new TreeMap<>(Map.of("social", signals)),
                t,
                h);
    }

    static Bucket bucket(String area, String district, String topic, long start, int signals) {
        return bucket(area, district, topic, start, signals, 0, 0, signals, 0, List.of());
    }

    static <T> List<T> listOf(Iterable<T> items) {
        List<T> out = new ArrayList<>();
        items.forEach(out::add);
        return out;
    }
}
