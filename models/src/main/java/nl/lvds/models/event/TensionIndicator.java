package nl.lvds.models.event;

/**
 * A windowed, aggregate-only indicator for one (area, topic) cell (contract v2; v1 records, without
 * the detection fields, still decode).
 *
 * <p>{@code area = "city"} and {@code topic = "all"} are the rollups. A suppressed cell (fewer than
 * k signals or distinct authors) carries no counts: every count field is null.
 *
 * @param v contract version: 2 (1 for records of the earlier contract)
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
 * @param hostileStories distinct stories among the hostile signals; null when suppressed or not
 *     computed (24 h windows)
 * @param expected stories expected for this hour from the cell's own history (same time of day on
 *     earlier days); null without enough history or for 24 h windows
 * @param pValue probability of at least {@code stories} given {@code expected} and the cell's
 *     overdispersion (before any multiple-testing correction); null when suppressed or without a
 *     baseline
 * @param hostileExpected hostile stories expected for this hour, likewise
 * @param hostilePValue the same test for {@code hostileStories}
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
        String modelVersion,
        Integer hostileStories,
        Double expected,
        Double pValue,
        Double hostileExpected,
        Double hostilePValue) {

    /** The contract version this code writes. */
    public static final int VERSION = 2;

    /** An indicator without the detection fields (as in contract v1). */
    public TensionIndicator(
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
        this(
                v,
                area,
                district,
                topic,
                windowStart,
                windowEnd,
                signals,
                stories,
                distinctAuthors,
                calm,
                uneasy,
                hostile,
                tensionIndex,
                baselineMean,
                baselineStd,
                zScore,
                incidents,
                suppressed,
                modelVersion,
                null,
                null,
                null,
                null,
                null);
    }

    /** The area name of the city-wide rollup. */
    public static final String CITY = "city";
}
