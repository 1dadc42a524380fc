package nl.lvds.models.event;

/**
 * One cell (area and topic) taking part in an alert group, with the figures that made it part of
 * the group: observed stories against the expected count and the surprise of the difference.
 *
 * @param area wijk, district or {@code city}
 * @param district the district of the area ({@code city} for the city)
 * @param topic a topic or {@code all}
 * @param level the cell's own level: watch, warning or critical
 * @param rule the test that flagged the cell: {@code volume}, {@code hostility} or {@code
 *     coordinated}
 * @param observed stories (near-duplicates collapsed) in the cell's 1 h window, or for {@code
 *     hostility} hostile stories
 * @param expected the count expected for that hour from the cell's own history; null without enough
 *     history
 * @param pValue probability of at least {@code observed} under the expected count and the cell's
 *     overdispersion; null without a baseline
 */
public record AlertCell(
        String area,
        String district,
        String topic,
        String level,
        String rule,
        Integer observed,
        Double expected,
        Double pValue) {}
