package nl.lvds.pipeline.alert;

import java.util.List;
import nl.lvds.models.event.Alert;

/**
 * The result of evaluating the rules on one indicator: the alerts to publish (in rule order) and
 * the cell's new state.
 *
 * @param alerts alerts raised, possibly none
 * @param state the cell's state after this indicator
 */
public record Evaluation(List<Alert> alerts, RuleState state) {

    /** Copies the alert list. */
    public Evaluation {
        alerts = List.copyOf(alerts);
    }
}
