package nl.lvds.models.area;

import java.util.Objects;

/**
 * One area found by the {@link AreaGazetteer}: the gazetteer entry that matched and the wijk and
 * gebied it rolls up to.
 *
 * <p>{@code matched} is the canonical gazetteer name (e.g. {@code "Afrikaandermarkt"} for the text
 * "afrikaander markt"), never the raw text, so it is safe to aggregate and to show.
 *
 * @param matched canonical name of the gebied, wijk or place that matched
 * @param neighbourhood the wijk, or null when only the gebied is known
 * @param district the gebied, one of {@link AreaGazetteer#districts()}
 */
public record AreaMatch(String matched, String neighbourhood, String district) {

    public AreaMatch {
        Objects.requireNonNull(matched, "matched");
        Objects.requireNonNull(district, "district");
    }

    /** True when the match names a wijk (directly or through a place), not only a gebied. */
    public boolean hasNeighbourhood() {
        return neighbourhood != null;
    }
}
