package nl.lvds.dashboards.notify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.AlertCell;
import nl.lvds.models.event.Topic;
import nl.lvds.models.render.Messages;

/**
 * What an alert group is about, in words shared by the mail and webhook messages, the briefing and
 * the dashboard: the areas and topics of its cells, "why now" (observed stories against the
 * expected count), and for a copy-paste burst its copies and authors. A version 1 alert is a group
 * of one cell and reads the same way.
 */
public final class GroupFacts {

    private GroupFacts() {}

    /** The group's cells; a record without cells is read as its leading cell alone. */
    public static List<AlertCell> cells(Alert a) {
        if (a.cells() == null || a.cells().isEmpty()) {
            return List.of(
                    new AlertCell(
                            a.area(),
                            a.district(),
                            a.topic(),
                            a.level(),
                            a.rule(),
                            a.observed(),
                            a.expected(),
                            a.pValue()));
        }
        return a.cells();
    }

    /** The distinct areas of the group's cells, the leading area first. */
    public static List<String> areas(Alert a) {
        Set<String> out = new LinkedHashSet<>();
        out.add(a.area());
        cells(a).forEach(c -> out.add(c.area()));
        return List.copyOf(out);
    }

    /**
     * The distinct topics of the group's cells, the leading topic first; the all-topics rollup only
     * when the group has no real topic.
     */
    public static List<String> topics(Alert a) {
        Set<String> out = new LinkedHashSet<>();
        if (!Topic.ALL_TOPICS.equals(a.topic())) {
            out.add(a.topic());
        }
        for (AlertCell c : cells(a)) {
            if (!Topic.ALL_TOPICS.equals(c.topic())) {
                out.add(c.topic());
            }
        }
        if (out.isEmpty()) {
            out.add(Topic.ALL_TOPICS);
        }
        return List.copyOf(out);
    }

    /** Whether the group is a copy-paste burst. */
    public static boolean coordinated(Alert a) {
        return Alert.Kind.COORDINATED.equals(a.kind());
    }

    /** The highest level of the group's record and its cells (cells keep the level they had). */
    public static String maxLevel(Alert a) {
        int max = level(a.level());
        for (AlertCell c : cells(a)) {
            max = Math.max(max, level(c.level()));
        }
        return max < 0 ? a.level() : Alert.LEVELS.get(max);
    }

    /** The level as an index into {@link Alert#LEVELS} (0 watch .. 2 critical; -1 unknown). */
    public static int level(String level) {
        return Alert.LEVELS.indexOf(level);
    }

    /** Up to {@code max} areas in words, then "+n": e.g. {@code Charlois, Tarwewijk (+2)}. */
    public static String areaList(Alert a, String lang, int max) {
        List<String> names = new ArrayList<>();
        for (String area : areas(a)) {
            names.add(Labels.area(area, lang));
        }
        return shortList(names, max);
    }

    /** Up to {@code max} topics in words, then "+n". */
    public static String topicList(Alert a, String lang, int max) {
        List<String> names = new ArrayList<>();
        for (String t : topics(a)) {
            names.add(Labels.topic(t, lang));
        }
        return shortList(names, max);
    }

    private static String shortList(List<String> names, int max) {
        if (names.size() <= max) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, max)) + " (+" + (names.size() - max) + ")";
    }

    /**
     * "Why now" for the leading cell, e.g. {@code 42 verhalen in het uur, verwacht 6,1 (p <
     * 0,001)}; null when the record has no observed count (version 1).
     */
    public static String whyNow(Alert a, String lang) {
        return observedVsExpected(a.observed(), a.expected(), a.pValue(), a.rule(), lang);
    }

    /** The same for one cell; null without an observed count. */
    public static String whyNow(AlertCell c, String lang) {
        return observedVsExpected(c.observed(), c.expected(), c.pValue(), c.rule(), lang);
    }

    private static String observedVsExpected(
            Integer observed, Double expected, Double p, String rule, String lang) {
        if (observed == null) {
            return null;
        }
        Messages m = Labels.messages(lang);
        String s = m.get("hostility".equals(rule) ? "why.hostile" : "why.stories", observed);
        s =
                expected != null
                        ? m.get("why.expected", s, decimal(expected, lang))
                        : m.get("why.noExpected", s);
        return p == null ? s : s + " (" + pValue(p, lang) + ")";
    }

    /** A p-value in words: {@code p = 0,012} or {@code p < 0,001}. */
    public static String pValue(double p, String lang) {
        if (p < 0.001) {
            return Labels.messages(lang).get("pvalue.tiny");
        }
        return "p = " + format("%.3f", p, lang);
    }

    /** One decimal, with a decimal comma in Dutch. */
    public static String decimal(double v, String lang) {
        return format("%.1f", v, lang);
    }

    private static String format(String pattern, double v, String lang) {
        return String.format(Locale.forLanguageTag(Labels.messages(lang).lang()), pattern, v);
    }

    /**
     * A copy-paste burst in words, e.g. {@code 199 kopieën, 199 auteurs}; null for an event group
     * or when neither count is known.
     */
    public static String copies(Alert a, String lang) {
        if (!coordinated(a) || (a.copies() == null && a.authors() == null)) {
            return null;
        }
        Messages m = Labels.messages(lang);
        List<String> parts = new ArrayList<>();
        if (a.copies() != null) {
            parts.add(m.get("copies.copies", a.copies()));
        }
        if (a.authors() != null) {
            parts.add(m.get("copies.authors", a.authors()));
        }
        if (a.observed() != null) {
            parts.add(m.get(a.observed() == 1 ? "copies.story" : "copies.stories", a.observed()));
        }
        return String.join(", ", parts);
    }

    /** The status in words. */
    public static String status(String status, String lang) {
        if (status == null) {
            return "";
        }
        return Labels.messages(lang).getOrDefault("status." + status, status);
    }

    /** The rule in words. */
    public static String rule(String rule, String lang) {
        if (rule == null) {
            return "";
        }
        return Labels.messages(lang).getOrDefault("rule." + rule, rule);
    }
}
