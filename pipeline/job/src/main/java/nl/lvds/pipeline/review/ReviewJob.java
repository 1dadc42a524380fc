package nl.lvds.pipeline.review;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import nl.lvds.connectors.archive.ArchiveSources;
import nl.lvds.connectors.deadletter.DeadLetters;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.config.LvdsConfig;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.pipeline.job.TensionTopology;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The review job: the live {@link TensionTopology}, unchanged, in {@link
 * RuntimeExecutionMode#BATCH} over archive files (the generator's layout, gz JSONL per day), its
 * outputs written as line parts into a work folder that {@link ReviewOutputs} sorts into the
 * review's files. Event time only, so the numbers equal those of a live run over the same input.
 */
public final class ReviewJob {

    /** Part-file prefix of the indicators. */
    public static final String INDICATORS = "indicators";

    /** Part-file prefix of the alerts. */
    public static final String ALERTS = "alerts";

    /** Part-file prefix of the dead letters. */
    public static final String DEAD_LETTERS = "deadletters";

    private ReviewJob() {}

    /**
     * Adds the review job to {@code env} (which it switches to batch mode).
     *
     * @param inputs archive roots, kind folders or single files
     * @param from first day (inclusive)
     * @param to last day (inclusive)
     * @param parts the work folder receiving the part files
     * @param suppressedJson whether suppressed indicators' part lines carry their JSON (for {@code
     *     indicators.jsonl})
     */
    public static void build(
            StreamExecutionEnvironment env,
            LvdsConfig config,
            List<Path> inputs,
            LocalDate from,
            LocalDate to,
            Path parts,
            boolean suppressedJson) {
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.getConfig().enableObjectReuse(); // records are immutable, as in the live job
        new TensionTopology(
                        TensionTopology.Settings.from(config),
                        ArchiveSources.signals(inputs, from, to),
                        List.of(ArchiveSources.incidents(inputs, from, to)),
                        new LineFileSink<>(parts, INDICATORS, indicatorPartLine(suppressedJson)),
                        new LineFileSink<>(parts, ALERTS, alertLine()),
                        new LineFileSink<>(parts, DEAD_LETTERS, deadLetterLine()))
                .addTo(env);
    }

    /** Sort key, tab, JSON: by window end, window length, area, topic (unique per run). */
    static MapFunction<TensionIndicator, String> indicatorLine() {
        return t -> indicatorKey(t) + '\t' + new String(LvdsJson.encodeIndicator(t), UTF_8);
    }

    /**
     * The indicator sink's part line: the sort key, a tab, then {@link #PUBLISHED}, a tab and the
     * indicator's JSON; or, for a suppressed indicator, {@link #SUPPRESSED} followed by its cell
     * and window ({@link #SUPPRESSED_FIELDS}, separated by {@link #UNIT}), a tab and its JSON when
     * {@code suppressedJson} (the {@code --jsonl} output), else nothing. {@link ReviewOutputs}
     * decodes the JSON of published indicators only (the report and the Parquet file need them;
     * suppressed ones, most of them, are only counted), so the sorting step does not parse millions
     * of JSON lines again. A suppressed indicator whose names hold a tab, line break or unit
     * separator, or without a model version, is marked {@link #DECODE} and carries its JSON. JSON
     * holds no raw tab (control characters are escaped).
     */
    static MapFunction<TensionIndicator, String> indicatorPartLine(boolean suppressedJson) {
        return t -> {
            StringBuilder b = new StringBuilder(suppressedJson || !t.suppressed() ? 400 : 128);
            appendIndicatorKey(b, t).append('\t');
            if (!t.suppressed()) {
                return b.append(PUBLISHED)
                        .append('\t')
                        .append(new String(LvdsJson.encodeIndicator(t), UTF_8))
                        .toString();
            }
            if (plain(t.area())
                    && plain(t.district())
                    && plain(t.topic())
                    && plain(t.modelVersion())) {
                b.append(SUPPRESSED)
                        .append(t.area())
                        .append(UNIT)
                        .append(t.district())
                        .append(UNIT)
                        .append(t.topic())
                        .append(UNIT)
                        .append(t.windowStart())
                        .append(UNIT)
                        .append(t.windowEnd())
                        .append(UNIT)
                        .append(t.modelVersion())
                        .append('\t');
                if (suppressedJson) {
                    b.append(new String(LvdsJson.encodeIndicator(t), UTF_8));
                }
                return b.toString();
            }
            return b.append(DECODE)
                    .append('\t')
                    .append(new String(LvdsJson.encodeIndicator(t), UTF_8))
                    .toString();
        };
    }

    private static boolean plain(String s) {
        return s != null
                && s.indexOf('\t') < 0
                && s.indexOf('\n') < 0
                && s.indexOf('\r') < 0
                && s.indexOf(UNIT) < 0;
    }

    /** Part-line marker: published, decode the JSON. */
    static final String PUBLISHED = "P";

    /** Part-line marker: suppressed, followed by {@link #SUPPRESSED_FIELDS}. */
    static final char SUPPRESSED = 'S';

    /** Part-line marker: decode the JSON, published or not. */
    static final String DECODE = "J";

    /** Separator of the fields after {@link #SUPPRESSED}. */
    static final char UNIT = '\u001f';

    /** The fields after {@link #SUPPRESSED}. */
    static final int SUPPRESSED_FIELDS = 6;

    /**
     * {@code String.format("%015d|%012d|%s|%s", windowEnd, length, area, topic)}, without the
     * formatter (a measurable share of the review's CPU at millions of indicators).
     */
    static String indicatorKey(TensionIndicator t) {
        return appendIndicatorKey(new StringBuilder(64), t).toString();
    }

    private static StringBuilder appendIndicatorKey(StringBuilder b, TensionIndicator t) {
        long end = t.windowEnd();
        long length = t.windowEnd() - t.windowStart();
        if (end < 0 || length < 0) {
            return b.append(String.format("%015d|%012d|%s|%s", end, length, t.area(), t.topic()));
        }
        zeroPadded(b, end, 15).append('|');
        zeroPadded(b, length, 12).append('|');
        return b.append(t.area()).append('|').append(t.topic());
    }

    private static StringBuilder zeroPadded(StringBuilder b, long v, int width) {
        String digits = Long.toString(v);
        for (int i = digits.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(digits);
    }

    /** Sort key, tab, JSON: by time raised, then id. */
    static MapFunction<nl.lvds.models.event.Alert, String> alertLine() {
        return a ->
                String.format("%015d|%s", a.raisedAt(), a.id())
                        + '\t'
                        + new String(
                                LvdsJson.encodeAlert(a), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Sort key, tab, JSON: by source, offset, reason (a line's dead letter is unique). */
    static MapFunction<nl.lvds.connectors.deadletter.DeadLetter, String> deadLetterLine() {
        return d ->
                String.format(
                                "%s|%015d|%s|%s",
                                d.source(), Math.max(d.offset(), -1L) + 1, d.reason(), d.excerpt())
                        + '\t'
                        + new String(
                                DeadLetters.encode(d), java.nio.charset.StandardCharsets.UTF_8);
    }
}
