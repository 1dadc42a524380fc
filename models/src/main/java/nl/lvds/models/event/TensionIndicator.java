package nl.lvds.models.event;

/**
 * A windowed, aggregate-only indicator for one (area, topic) cell (contract v1).
 *
 * <p>{@code area = "city"} and {@code topic = "all"} are the rollups. A suppressed cell (fewer than
 * k signals or distinct authors) carries no counts: every count field is null.
 *
 * @param v contract version, always 1
 * @param area wijk name, district name or {@code city}
 * @param district the district of the area ({@code city} for the city rollup)
 * @param topic a topic or {@code all}
 * @param windowStart window start, epoch milliseconds (inclusive)
 * @param windowEnd window end, epoch milliseconds (exclusive)
 * @param signals number of signals; null when suppressed
 * @param stories distinct stories after near-duplicate collapse; null when suppressed
 * @param distinctAuthors distinct author keys, when present upstream; null when unknown or
 *     suppressed
 * @param calm calm signals; null when suppressed
 * @param uneasy uneasy signals; null when suppressed
 * @param hostile hostile signals; null when suppressed
 * @param tensionIndex 0-100, formula in config; null when suppressed
 * @param baselineMean baseline mean of the signal count for this cell; null when no baseline yet
 * @param baselineStd baseline standard deviation; null when no baseline yet
 * @param zScore (signals - mean) / std; null when suppressed or no baseline
 * @param incidents incidents linked to this cell and window
 * @param suppressed whether the cell is below k
 * @param modelVersion version of the classification model
 */
public record TensionIndicator(
        int v,
        String area,
        String district,
        String topic,
        long windowStart,
        long windowEnd,
        Integer signals,
        Integer stories,
        Integer distinctAuthors,
        Integer calm,
        Integer uneasy,
        Integer hostile,
        Double tensionIndex,
        Double baselineMean,
        Double baselineStd,
        Double zScore,
        int incidents,
        boolean suppressed,
        String modelVersion) {

    /** The area name of the city-wide rollup. */
    public static final String CITY = "city";
}
