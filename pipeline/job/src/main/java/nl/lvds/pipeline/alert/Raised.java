package nl.lvds.pipeline.alert;

import nl.lvds.models.config.AlertLevel;

/**
 * The last alert a rule raised in a cell: what cooldown and dedupe compare against.
 *
 * @param level the level raised
 * @param windowEnd the window end (event time) of the indicator it was raised on
 * @param expiresAt end of the cooldown: from then on the rule may raise again at any level
 */
public record Raised(AlertLevel level, long windowEnd, long expiresAt) {}
