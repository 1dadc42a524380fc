package nl.lvds.dashboards.notify;

import java.util.Map;

/**
 * User-facing words for levels and topics, Dutch first with English available: the one place where
 * advisers' vocabulary lives, shared by alert messages and the briefing.
 */
public final class Labels {

    private static final Map<String, String> LEVEL_NL =
            Map.of("watch", "Attentie", "warning", "Waarschuwing", "critical", "Kritiek");
    private static final Map<String, String> LEVEL_EN =
            Map.of("watch", "Watch", "warning", "Warning", "critical", "Critical");
    private static final Map<String, String> TOPIC_NL =
            Map.of(
                    "middle-east", "Midden-Oosten",
                    "local-incident", "lokaal incident",
                    "migration", "migratie",
                    "discrimination", "discriminatie",
                    "anti-government", "anti-overheid",
                    "extremism", "extremisme",
                    "all", "alle thema's");
    private static final Map<String, String> TOPIC_EN =
            Map.of(
                    "middle-east", "Middle East",
                    "local-incident", "local incident",
                    "migration", "migration",
                    "discrimination", "discrimination",
                    "anti-government", "anti-government",
                    "extremism", "extremism",
                    "all", "all topics");

    private Labels() {}

    /** The level's word in {@code lang} (nl or en); the raw level if unknown. */
    public static String level(String level, String lang) {
        return ("en".equals(lang) ? LEVEL_EN : LEVEL_NL).getOrDefault(level, level);
    }

    /** The topic's words in {@code lang}; the raw topic if unknown. */
    public static String topic(String topic, String lang) {
        return ("en".equals(lang) ? TOPIC_EN : TOPIC_NL).getOrDefault(topic, topic);
    }

    /** The area as shown: {@code city} becomes "heel Rotterdam" / "all of Rotterdam". */
    public static String area(String area, String lang) {
        if ("city".equals(area)) {
            return "en".equals(lang) ? "all of Rotterdam" : "heel Rotterdam";
        }
        return area;
    }

    /** Escapes text for HTML element content and attribute values. */
    public static String html(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
