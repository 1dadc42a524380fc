package nl.lvds.pipeline.review;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import nl.lvds.connectors.archive.ArchiveSources;
import nl.lvds.connectors.deadletter.DeadLetters;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.config.LvdsConfig;
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
     */
    public static void build(
            StreamExecutionEnvironment env,
            LvdsConfig config,
            List<Path> inputs,
            LocalDate from,
            LocalDate to,
            Path parts) {
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.getConfig().enableObjectReuse(); // records are immutable, as in the live job
        new TensionTopology(
                        TensionTopology.Settings.from(config),
                        ArchiveSources.signals(inputs, from, to),
                        List.of(ArchiveSources.incidents(inputs, from, to)),
                        new LineFileSink<>(parts, INDICATORS, indicatorLine()),
                        new LineFileSink<>(parts, ALERTS, alertLine()),
                        new LineFileSink<>(parts, DEAD_LETTERS, deadLetterLine()))
                .addTo(env);
    }

    /** Sort key, tab, JSON: by window end, window length, area, topic (unique per run). */
    static MapFunction<nl.lvds.models.event.TensionIndicator, String> indicatorLine() {
        return t ->
                String.format(
                                "%015d|%012d|%s|%s",
                                t.windowEnd(), t.windowEnd() - t.windowStart(), t.area(), t.topic())
                        + '\t'
                        + new String(
                                LvdsJson.encodeIndicator(t),
                                java.nio.charset.StandardCharsets.UTF_8);
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
