package nl.lvds.pipeline.bench;

/**
 * One line of the printed table.
 *
 * @param suite the suite
 * @param figure what is measured
 * @param value the measured value, formatted
 * @param target the target, or empty
 * @param status {@code met}, {@code NOT met} or empty
 * @param load the 1 minute load average when the figure was measured
 */
public record Row(
        String suite, String figure, String value, String target, String status, double load) {

    /** A row without a target. */
    public static Row of(String suite, String figure, String value) {
        return new Row(suite, figure, value, "", "", Machine.load1());
    }

    /** A row with a target. */
    public static Row target(
            String suite, String figure, String value, String target, boolean met) {
        return new Row(suite, figure, value, target, met ? "met" : "NOT met", Machine.load1());
    }
}
