package nl.lvds.models.nlp;

/**
 * One span of personal data found by {@link PiiScrubber}: characters {@code [start, end)} of the
 * input and the placeholder that replaces them.
 */
public record PiiSpan(int start, int end, PiiType type, String placeholder) {}
