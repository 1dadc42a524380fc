package nl.lvds.pipeline.records;

import java.util.List;
import nl.lvds.models.event.TensionIndicator;

/**
 * An indicator plus the explanation material the alert rules need, flowing from the indicator
 * operator to the alert rules inside the job. Only {@link #indicator()} is published; the rest is
 * already aggregate and k-filtered.
 *
 * @param indicator the published indicator (1 h or 24 h window)
 * @param window {@code 1h} or {@code 24h}
 * @param topTerms terms seen in at least k posts of the window, most frequent first (max 10)
 * @param incidents incidents linked to the cell within the window
 * @param sources source types (social, forum, news-comment, field-report) with at least one signal
 *     in the window, sorted
 */
public record CellIndicator(
        TensionIndicator indicator,
        String window,
        List<String> topTerms,
        List<IncidentRef> incidents,
        List<String> sources) {

    /** The cell key: area and topic, the unit of keyed state downstream. */
    public String cellKey() {
        return indicator.area() + "|" + indicator.topic();
    }
}
