package nl.lvds.models.event;

/**
 * An incoming public signal (contract v1): one anonymised post, comment or field report.
 *
 * <p>{@code text} lives only in memory: the pipeline scrubs it, classifies it and drops it. {@code
 * authorKey} is an optional, upstream-salted rotating pseudonym used only for distinct counting
 * inside a window; LVDS never writes it anywhere.
 *
 * @param v contract version, always 1
 * @param id upstream id of the signal (not of its author)
 * @param source one of {@link #SOURCES}
 * @param platform free-form platform label, {@code synthetic} for generated data; may be null
 * @param ts event time, epoch milliseconds (ISO-8601 with offset on the wire)
 * @param lang language hint from upstream; may be null
 * @param text the post text (at most {@link #MAX_TEXT_CHARS} characters)
 * @param area area hint from upstream (a wijk or gebied name); may be null
 * @param authorKey rotating pseudonym for distinct counting only; may be null
 */
public record Signal(
        int v,
        String id,
        String source,
        String platform,
        long ts,
        String lang,
        String text,
        String area,
        String authorKey) {

    /** The allowed values of {@code source}. */
    public static final java.util.List<String> SOURCES =
            java.util.List.of("social", "forum", "news-comment", "field-report");

    /** Longer texts are rejected by the decoder. */
    public static final int MAX_TEXT_CHARS = 10_000;

    /** The platform label that marks generated, synthetic records. */
    public static final String SYNTHETIC = "synthetic";
}
