package nl.lvds.pipeline.generate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.Signal;
import nl.lvds.models.event.Topic;

/**
 * The generator's scenario ({@code scenario.json}): source, language and area mixes, the background
 * topic mix, copy-paste bursts, routine incidents and the scripted events.
 *
 * @param about what the file is (documentation only)
 * @param sources weight per {@link Signal#SOURCES} value
 * @param languages weight of nl, en, mixed and other
 * @param otherLanguages template languages used for "other"
 * @param langHintShare share of signals that carry a {@code lang} hint
 * @param areaModes weight of field (area field set), text (area named in the text) and none
 * @param authorKeyShare share of signals that carry an authorKey
 * @param prolificShare share of a district's posts written by its few prolific authors
 * @param background the everyday topic mix
 * @param bursts copy-paste bursts
 * @param routineIncidents the few P2000/police incidents of an ordinary day
 * @param events the scripted events
 */
public record Scenario(
        String about,
        Map<String, Double> sources,
        Map<String, Double> languages,
        List<String> otherLanguages,
        double langHintShare,
        Map<String, Double> areaModes,
        double authorKeyShare,
        double prolificShare,
        List<MixEntry> background,
        Bursts bursts,
        RoutineIncidents routineIncidents,
        List<Event> events) {

    /**
     * One entry of a topic mix.
     *
     * @param templates the texts.txt section key
     * @param topic the intended topic, or null for none (only counted, never written to records)
     * @param weight relative weight within its mix
     * @param tension weights of calm, uneasy, hostile
     */
    public record MixEntry(String templates, String topic, double weight, List<Double> tension) {}

    /**
     * Copy-paste bursts: the same message, or one with a tiny change, from many authorKeys.
     *
     * @param perDay expected bursts on an ordinary day at full volume
     * @param fullAtPerDay below this --per-day the burst rate is scaled down proportionally
     * @param minSize fewest copies
     * @param maxSize most copies
     * @param minMinutes shortest spread of one burst
     * @param maxMinutes longest spread of one burst
     * @param mix what bursts are about
     */
    public record Bursts(
            double perDay,
            int fullAtPerDay,
            int minSize,
            int maxSize,
            double minMinutes,
            double maxMinutes,
            List<MixEntry> mix) {}

    /**
     * Routine incidents (a few per day) and the small local echo of the more serious ones.
     *
     * @param perDay expected incidents per day
     * @param echoPerSeverity echo posts per unit of severity, as a fraction of --per-day
     * @param echoHours how long the echo lasts after the incident
     * @param echoMix what echo posts are about
     * @param kinds the kinds of incident
     */
    public record RoutineIncidents(
            double perDay,
            double echoPerSeverity,
            double echoHours,
            List<MixEntry> echoMix,
            List<IncidentKind> kinds) {}

    /**
     * A kind of routine incident.
     *
     * @param feed the incident feed
     * @param type the incident type
     * @param weight relative frequency
     * @param severity weights of severity 1, 2, 3
     * @param what how posts name it, per language ({@code nl}, {@code en})
     * @param summaries summary openings; the wijk and "(synthetisch)" are appended
     */
    public record IncidentKind(
            String feed,
            String type,
            double weight,
            List<Double> severity,
            Map<String, String> what,
            List<String> summaries) {}

    /**
     * A scripted event: extra posts with an intensity that holds for {@code plateauHours} and then
     * halves every {@code halfLifeHours}, plus incident records. An event may happen several times
     * ({@code starts}); list-valued {@code vars} are then taken in turn per occurrence.
     *
     * @param id stable id, used in incident ids and archive.json
     * @param description what a reviewer should recognise
     * @param starts local start times (ISO local date-time)
     * @param durationHours how long posts keep coming
     * @param plateauHours hours at full intensity
     * @param halfLifeHours decay after the plateau (0 = no decay)
     * @param peak extra posts per day at full intensity, as a fraction of --per-day
     * @param burstsPerDay extra copy-paste bursts per day at full intensity
     * @param areas where the posts come from (wijk, gebied or "*")
     * @param vars template variables (e.g. place, opponent, what.nl)
     * @param mix what the posts are about
     * @param incidents incident records, relative to each start
     * @param kind what sort of event it is, one of {@link #EVENT_KINDS} (ground truth for scoring;
     *     default {@value #DEFAULT_KIND})
     * @param expectedLevel the alert level an adviser should get, one of {@link #EXPECTED_LEVELS}
     *     (ground truth for scoring; default {@value #DEFAULT_EXPECTED_LEVEL})
     */
    public record Event(
            String id,
            String description,
            List<String> starts,
            double durationHours,
            double plateauHours,
            double halfLifeHours,
            double peak,
            double burstsPerDay,
            List<AreaWeight> areas,
            Map<String, List<String>> vars,
            List<MixEntry> mix,
            List<IncidentSpec> incidents,
            String kind,
            String expectedLevel) {

        /** Normalises absent lists to empty ones. */
        public Event {
            areas = areas == null ? List.of(new AreaWeight(CityMap.CITY_WIDE, 1.0)) : areas;
            vars = vars == null ? Map.of() : vars;
            mix = mix == null ? List.of() : mix;
            incidents = incidents == null ? List.of() : incidents;
        }

        /** The kind, or {@value Scenario#DEFAULT_KIND} when the scenario does not say. */
        public String kindOrDefault() {
            return kind == null ? DEFAULT_KIND : kind;
        }

        /**
         * The expected level, or {@value Scenario#DEFAULT_EXPECTED_LEVEL} when the scenario does
         * not say.
         */
        public String expectedLevelOrDefault() {
            return expectedLevel == null ? DEFAULT_EXPECTED_LEVEL : expectedLevel;
        }

        /** The intended topics of the event's posts, in mix order, without duplicates. */
        public List<String> topics() {
            List<String> out = new ArrayList<>();
            for (MixEntry m : mix) {
                if (m.topic() != null && !out.contains(m.topic())) {
                    out.add(m.topic());
                }
            }
            return out;
        }

        /** The start times as local date-times. */
        public List<LocalDateTime> startTimes() {
            List<LocalDateTime> out = new ArrayList<>();
            for (String s : starts) {
                out.add(LocalDateTime.parse(s));
            }
            return out;
        }

        /** The variables of occurrence {@code k} (list values taken in turn). */
        public Map<String, String> varsFor(int k) {
            Map<String, String> out = new LinkedHashMap<>();
            vars.forEach((name, values) -> out.put(name, values.get(k % values.size())));
            // Insertion-ordered on purpose: Map.copyOf iterates in a per-JVM random order.
            return Collections.unmodifiableMap(out);
        }
    }

    /**
     * An area and its weight within an event.
     *
     * @param area a wijk, a gebied or "*" (city-wide)
     * @param weight relative weight
     */
    public record AreaWeight(String area, double weight) {}

    /**
     * An incident record that an event produces.
     *
     * @param id fixed id (must start with "syn-"), or null to derive one
     * @param offsetMinutes minutes after the event's start
     * @param feed the incident feed
     * @param type the incident type
     * @param severity 1 to 3
     * @param area wijk or gebied
     * @param location street or place, may use event variables ({place}); may be null
     * @param summary public summary, may use event variables; "(synthetisch)" is appended if absent
     */
    public record IncidentSpec(
            String id,
            double offsetMinutes,
            String feed,
            String type,
            int severity,
            String area,
            String location,
            String summary) {}

    private static final String RESOURCE = "scenario.json";

    /** Loads the scenario shipped with the generator. */
    public static Scenario load() {
        try (InputStream in = Scenario.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of the scenario shipped with the generator. */
    public static byte[] shippedBytes() {
        try (InputStream in = Scenario.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads and checks a scenario file: its shape ({@link ScenarioSchema}: field names, types,
     * required fields), then its content against the city map and the template bank.
     *
     * @throws ScenarioException listing every problem with its field path
     * @throws IOException when the file cannot be read
     */
    public static Scenario read(Path file, CityMap city, TextBank texts) throws IOException {
        return fromBytes(Files.readAllBytes(file), file.toString(), city, texts);
    }

    /**
     * Parses and checks scenario bytes; {@code name} names the source in error messages.
     *
     * @throws ScenarioException listing every problem with its field path
     */
    public static Scenario fromBytes(byte[] json, String name, CityMap city, TextBank texts) {
        JsonNode tree;
        try {
            tree = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ScenarioException(
                    name,
                    List.of(
                            "not valid JSON"
                                    + (at == null
                                            ? ""
                                            : " at line "
                                                    + at.getLineNr()
                                                    + ", column "
                                                    + at.getColumnNr())
                                    + ": "
                                    + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new ScenarioException(name, List.of("empty file"));
        }
        List<String> problems = ScenarioSchema.check(tree);
        if (!problems.isEmpty()) {
            throw new ScenarioException(name, problems);
        }
        Scenario s;
        try {
            s = mapper().treeToValue(tree, Scenario.class);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(name, List.of(e.getOriginalMessage()));
        }
        problems = s.problems(city, texts);
        if (!problems.isEmpty()) {
            throw new ScenarioException(name, problems);
        }
        return s;
    }

    /** Parses a scenario; unknown fields are errors, so a typo cannot silently drop a setting. */
    public static Scenario parse(InputStream in) throws IOException {
        return mapper().readValue(in, Scenario.class);
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
    }

    /**
     * Checks the scenario against the city map and the template bank; throws {@link
     * ScenarioException} (an {@link IllegalArgumentException}) listing every problem.
     */
    public void validate(CityMap city, TextBank texts) {
        List<String> problems = problems(city, texts);
        if (!problems.isEmpty()) {
            throw new ScenarioException("scenario", problems);
        }
    }

    /**
     * Every content problem, each as "field.path: what is wrong"; empty when the scenario is fine.
     */
    public List<String> problems(CityMap city, TextBank texts) {
        List<String> p = new ArrayList<>();
        for (String s : sources.keySet()) {
            check(
                    p,
                    Signal.SOURCES.contains(s),
                    "sources." + s,
                    "unknown source (one of " + Signal.SOURCES + ")");
        }
        for (String l : languages.keySet()) {
            check(
                    p,
                    LANGUAGE_CHOICES.contains(l),
                    "languages." + l,
                    "unknown language choice (one of " + LANGUAGE_CHOICES + ")");
        }
        for (String m : areaModes.keySet()) {
            check(
                    p,
                    AREA_MODES.contains(m),
                    "areaModes." + m,
                    "unknown area mode (one of " + AREA_MODES + ")");
        }
        positiveTotal(p, "sources", sources.values());
        positiveTotal(p, "languages", languages.values());
        positiveTotal(p, "areaModes", areaModes.values());
        for (int i = 0; i < otherLanguages.size(); i++) {
            String l = otherLanguages.get(i);
            check(
                    p,
                    TextBank.LANGUAGES.contains(l),
                    "otherLanguages[" + i + "]",
                    "unknown template language " + l + " (one of " + TextBank.LANGUAGES + ")");
        }
        share(p, "langHintShare", langHintShare);
        share(p, "authorKeyShare", authorKeyShare);
        share(p, "prolificShare", prolificShare);
        checkMix(p, "background", background, texts, Map.of());
        checkMix(p, "bursts.mix", bursts.mix(), texts, Map.of());
        check(p, bursts.perDay() >= 0, "bursts.perDay", "must be >= 0");
        check(p, bursts.fullAtPerDay() >= 1, "bursts.fullAtPerDay", "must be >= 1");
        check(p, bursts.minSize() >= 2, "bursts.minSize", "must be >= 2");
        check(
                p,
                bursts.maxSize() >= bursts.minSize(),
                "bursts.maxSize",
                "must be >= bursts.minSize");
        check(p, bursts.minMinutes() > 0, "bursts.minMinutes", "must be > 0");
        check(
                p,
                bursts.maxMinutes() >= bursts.minMinutes(),
                "bursts.maxMinutes",
                "must be >= bursts.minMinutes");
        RoutineIncidents ri = routineIncidents;
        check(p, ri.perDay() >= 0, "routineIncidents.perDay", "must be >= 0");
        check(p, ri.echoPerSeverity() >= 0, "routineIncidents.echoPerSeverity", "must be >= 0");
        check(p, ri.echoHours() > 0, "routineIncidents.echoHours", "must be > 0");
        checkMix(p, "routineIncidents.echoMix", ri.echoMix(), texts, null);
        check(
                p,
                !ri.kinds().isEmpty() || ri.perDay() == 0,
                "routineIncidents.kinds",
                "empty (set perDay to 0 for no routine incidents)");
        for (int i = 0; i < ri.kinds().size(); i++) {
            IncidentKind k = ri.kinds().get(i);
            String at = "routineIncidents.kinds[" + i + "]";
            check(
                    p,
                    Incident.FEEDS.contains(k.feed()),
                    at + ".feed",
                    "unknown feed " + k.feed() + " (one of " + Incident.FEEDS + ")");
            check(
                    p,
                    Incident.TYPES.contains(k.type()),
                    at + ".type",
                    "unknown type " + k.type() + " (one of " + Incident.TYPES + ")");
            check(p, k.weight() >= 0, at + ".weight", "must be >= 0");
            check(
                    p,
                    k.severity().size() == 3,
                    at + ".severity",
                    "needs 3 weights (severity 1, 2, 3)");
            check(p, !k.summaries().isEmpty(), at + ".summaries", "empty");
        }
        List<String> ids = new ArrayList<>();
        for (int ei = 0; ei < events.size(); ei++) {
            Event e = events.get(ei);
            String at = "events[" + ei + "]";
            check(p, !ids.contains(e.id()), at + ".id", "duplicate event id " + e.id());
            ids.add(e.id());
            check(
                    p,
                    e.kind() == null || EVENT_KINDS.contains(e.kind()),
                    at + ".kind",
                    "unknown kind " + e.kind() + " (one of " + EVENT_KINDS + ")");
            check(
                    p,
                    e.expectedLevel() == null || EXPECTED_LEVELS.contains(e.expectedLevel()),
                    at + ".expectedLevel",
                    "unknown level " + e.expectedLevel() + " (one of " + EXPECTED_LEVELS + ")");
            check(p, !e.starts().isEmpty(), at + ".starts", "no starts");
            for (int si = 0; si < e.starts().size(); si++) {
                try {
                    LocalDateTime.parse(e.starts().get(si));
                } catch (DateTimeParseException x) {
                    p.add(
                            at
                                    + ".starts["
                                    + si
                                    + "]: not a date-time (local time, e.g. 2024-03-07T17:31): "
                                    + e.starts().get(si));
                }
            }
            check(p, e.durationHours() > 0, at + ".durationHours", "must be > 0");
            check(p, e.plateauHours() >= 0, at + ".plateauHours", "must be >= 0");
            check(p, e.halfLifeHours() >= 0, at + ".halfLifeHours", "must be >= 0");
            check(p, e.peak() >= 0, at + ".peak", "must be >= 0");
            check(p, e.burstsPerDay() >= 0, at + ".burstsPerDay", "must be >= 0");
            check(p, !e.areas().isEmpty(), at + ".areas", "empty");
            for (int ai = 0; ai < e.areas().size(); ai++) {
                AreaWeight a = e.areas().get(ai);
                check(
                        p,
                        city.knows(a.area()),
                        at + ".areas[" + ai + "].area",
                        "unknown area "
                                + a.area()
                                + " (a wijk or gebied of the city map, or \"*\")");
                check(p, a.weight() >= 0, at + ".areas[" + ai + "].weight", "must be >= 0");
            }
            if (e.peak() > 0 || e.burstsPerDay() > 0) {
                checkMix(p, at + ".mix", e.mix(), texts, e.vars());
            }
            for (var v : e.vars().entrySet()) {
                check(
                        p,
                        !v.getValue().isEmpty(),
                        at + ".vars." + v.getKey(),
                        "needs at least one value");
            }
            for (int ii = 0; ii < e.incidents().size(); ii++) {
                IncidentSpec i = e.incidents().get(ii);
                String ia = at + ".incidents[" + ii + "]";
                check(
                        p,
                        Incident.FEEDS.contains(i.feed()),
                        ia + ".feed",
                        "unknown feed " + i.feed() + " (one of " + Incident.FEEDS + ")");
                check(
                        p,
                        Incident.TYPES.contains(i.type()),
                        ia + ".type",
                        "unknown type " + i.type() + " (one of " + Incident.TYPES + ")");
                check(
                        p,
                        i.severity() >= 1 && i.severity() <= 3,
                        ia + ".severity",
                        "must be 1, 2 or 3");
                check(
                        p,
                        i.area() == null || city.knows(i.area()),
                        ia + ".area",
                        "unknown area " + i.area());
                check(
                        p,
                        i.id() == null || i.id().startsWith("syn-"),
                        ia + ".id",
                        "must start with \"syn-\"");
                check(p, i.offsetMinutes() >= 0, ia + ".offsetMinutes", "must be >= 0");
            }
        }
        return p;
    }

    /** The choices of {@code languages}. */
    public static final List<String> LANGUAGE_CHOICES = List.of("nl", "en", "mixed", "other");

    /** The choices of {@code areaModes}. */
    public static final List<String> AREA_MODES = List.of("field", "text", "none");

    /** The kinds an event may have (ground truth for scoring; no effect on the posts). */
    public static final List<String> EVENT_KINDS =
            List.of(
                    "explosion",
                    "incident",
                    "riot",
                    "demonstration",
                    "escalation",
                    "debate",
                    "derby",
                    "shift",
                    "other");

    /** The kind of an event that does not say. */
    public static final String DEFAULT_KIND = "other";

    /** The levels an adviser should get for an event; {@code none}: no alert is wanted. */
    public static final List<String> EXPECTED_LEVELS =
            List.of("none", "watch", "warning", "critical");

    /** The expected level of an event that does not say. */
    public static final String DEFAULT_EXPECTED_LEVEL = "warning";

    private static void checkMix(
            List<String> p,
            String where,
            List<MixEntry> mix,
            TextBank texts,
            Map<String, List<String>> vars) {
        check(p, !mix.isEmpty(), where, "empty mix");
        double total = 0;
        for (int i = 0; i < mix.size(); i++) {
            MixEntry m = mix.get(i);
            String at = where + "[" + i + "]";
            boolean known = texts.keys().contains(m.templates());
            check(
                    p,
                    known,
                    at + ".templates",
                    "no templates section " + m.templates() + " in texts.txt");
            check(
                    p,
                    m.topic() == null || Topic.isTopic(m.topic()),
                    at + ".topic",
                    "unknown topic " + m.topic() + " (one of " + Topic.ALL + " or null)");
            check(
                    p,
                    m.tension() != null && m.tension().size() == 3,
                    at + ".tension",
                    "needs 3 weights (calm, uneasy, hostile)");
            check(p, m.weight() >= 0, at + ".weight", "must be >= 0");
            total += Math.max(0, m.weight());
            if (known && vars != null) {
                for (String v : texts.variables(m.templates())) {
                    check(
                            p,
                            vars.containsKey(v)
                                    || vars.containsKey(v + ".nl")
                                    || vars.containsKey(v + ".en"),
                            at + ".templates",
                            "templates " + m.templates() + " need variable " + v + " in vars");
                }
            }
        }
        check(p, mix.isEmpty() || total > 0, where, "weights sum to 0");
    }

    private static void positiveTotal(
            List<String> p, String where, java.util.Collection<Double> weights) {
        double total = 0;
        for (Double w : weights) {
            check(p, w != null && w >= 0, where, "weights must be >= 0");
            total += w == null ? 0 : Math.max(0, w);
        }
        check(p, total > 0, where, "weights sum to 0");
    }

    private static void share(List<String> p, String where, double v) {
        check(p, v >= 0 && v <= 1, where, "must be a share between 0 and 1");
    }

    private static void check(List<String> problems, boolean ok, String path, String message) {
        if (!ok) {
            problems.add(path + ": " + message);
        }
    }
}
