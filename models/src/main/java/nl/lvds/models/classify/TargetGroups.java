package nl.lvds.models.classify;

import java.util.List;
import java.util.Set;

/**
 * The vocabulary of the corpus's {@code groups} and {@code form} fields: which target groups a post
 * mentions, and what the post does with them. Used to validate corpus lines and to slice
 * evaluations (false-hostile rate and hostile recall per group and per form).
 */
public final class TargetGroups {

    /** Target groups, in report order. */
    public static final List<String> GROUPS =
            List.of(
                    "women",
                    "lgbtq",
                    "disabled",
                    "jews",
                    "muslims",
                    "moroccan-dutch",
                    "turkish-dutch",
                    "surinamese-dutch",
                    "antillean-dutch",
                    "eastern-european",
                    "refugees",
                    "black",
                    "roma",
                    "police",
                    "officials",
                    "politicians",
                    "journalists");

    /** Forms of a hostile post (tension 2). */
    public static final Set<String> HOSTILE_FORMS =
            Set.of(
                    "derogation",
                    "dehumanisation-word",
                    "dehumanisation-comparison",
                    "slur",
                    "slur-obfuscated",
                    "threat-explicit",
                    "threat-implicit",
                    "threat-conditional",
                    "call-to-violence",
                    "expulsion",
                    "celebrate-violence",
                    "conspiracy",
                    "recruitment",
                    "symbol-threat");

    /** Every allowed form. */
    public static final Set<String> FORMS =
            Set.of(
                    "derogation",
                    "dehumanisation-word",
                    "dehumanisation-comparison",
                    "slur",
                    "slur-obfuscated",
                    "threat-explicit",
                    "threat-implicit",
                    "threat-conditional",
                    "call-to-violence",
                    "expulsion",
                    "celebrate-violence",
                    "conspiracy",
                    "recruitment",
                    "symbol-threat",
                    "positive",
                    "neutral",
                    "negated-hate",
                    "counter-speech",
                    "quote-condemn",
                    "news-about-hate",
                    "question",
                    "reclaimed",
                    "experience",
                    "criticism",
                    "incident-report",
                    "worry",
                    "anger",
                    "banter",
                    "false-friend",
                    "everyday",
                    "news");

    /** Hard-case types of the labelling guide. */
    public static final Set<String> HARD =
            Set.of(
                    "neutral-news",
                    "banter",
                    "quote-condemn",
                    "negation",
                    "disclaimer",
                    "sarcasm",
                    "false-friend",
                    "identity",
                    "profanity",
                    "obfuscated",
                    "target-not-group");

    private TargetGroups() {}

    /** Whether {@code group} is one of {@link #GROUPS}. */
    public static boolean isGroup(String group) {
        return GROUPS.contains(group);
    }
}
