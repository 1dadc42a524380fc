package nl.lvds.pipeline.generate;

/**
 * One copy-paste burst as the generator made it, for the ground truth in archive.json.
 *
 * @param start ts of the first copy, epoch ms
 * @param end ts of the last copy, epoch ms
 * @param area the wijk every copy is about, or {@link CityMap#CITY_WIDE} when the copies are spread
 *     over the city
 * @param district the gebied of {@code area}, or {@link CityMap#CITY_WIDE}
 * @param topic the topic the message was meant to have, or null for none
 * @param tension the message's tension (0 calm, 1 uneasy, 2 hostile)
 * @param copies posts in the burst
 * @param authors distinct author keys among the copies
 * @param event the id of the scripted event the burst belongs to, or null for an ordinary burst
 */
public record BurstTruth(
        long start,
        long end,
        String area,
        String district,
        String topic,
        int tension,
        int copies,
        int authors,
        String event) {}
