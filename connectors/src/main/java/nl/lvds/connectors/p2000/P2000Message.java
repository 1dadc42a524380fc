package nl.lvds.connectors.p2000;

/**
 * What {@link P2000Parser} read from one P2000 line, before it becomes an {@link
 * nl.lvds.models.event.Incident}.
 *
 * @param ts event time, epoch ms
 * @param priority normalised priority ({@code A1}, {@code A2}, {@code B1}, {@code B2}, {@code B},
 *     {@code P 1} .. {@code P 5}), or null when the line has none
 * @param discipline {@code ambulance}, {@code brandweer} or {@code politie}, or null when unknown
 * @param type an incident type of the contract ({@code other} when no keyword was found)
 * @param keyword the type keyword as found, lower case (e.g. {@code woningbrand}), or null
 * @param severity 1-3 from the priority
 * @param location the street or place words before the city name, or null
 * @param city the city name as found, or null
 * @param area the wijk, else the gebied, resolved by the gazetteer; null when unknown or outside
 *     Rotterdam
 * @param content the line without timestamp, whitespace normalised (the input of the id)
 */
public record P2000Message(
        long ts,
        String priority,
        String discipline,
        String type,
        String keyword,
        int severity,
        String location,
        String city,
        String area,
        String content) {}
