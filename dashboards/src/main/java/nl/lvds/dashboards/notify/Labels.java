package nl.lvds.dashboards.notify;

import nl.lvds.models.render.Messages;
import nl.lvds.models.render.Templates;

/**
 * User-facing words for levels and topics, Dutch first with English available: the one place where
 * advisers' vocabulary lives, shared by alert messages and the briefing.
 */
public final class Labels {

    /**
     * The dashboards' message bundle ({@code messages_nl.properties}, {@code
     * messages_en.properties}).
     */
    public static final String BUNDLE = "nl.lvds.dashboards.messages";

    private static final Messages NL = Messages.load(BUNDLE, "nl", Labels.class.getClassLoader());
    private static final Messages EN = Messages.load(BUNDLE, "en", Labels.class.getClassLoader());

    private Labels() {}

    /** The words in {@code lang}: English for {@code en}, Dutch otherwise. */
    public static Messages messages(String lang) {
        return "en".equals(lang) ? EN : NL;
    }

    /** The level's word in {@code lang} (nl or en); the raw level if unknown. */
    public static String level(String level, String lang) {
        return messages(lang).getOrDefault("level." + level, level);
    }

    /** The topic's words in {@code lang}; the raw topic if unknown. */
    public static String topic(String topic, String lang) {
        return messages(lang).getOrDefault("topic." + topic, topic);
    }

    /** The area as shown: {@code city} becomes "heel Rotterdam" / "all of Rotterdam". */
    public static String area(String area, String lang) {
        if ("city".equals(area)) {
            return messages(lang).get("area.city");
        }
        return area;
    }

    /** Escapes text for HTML element content and attribute values. */
    public static String html(String s) {
        return Templates.escapeHtml(s);
    }
}
