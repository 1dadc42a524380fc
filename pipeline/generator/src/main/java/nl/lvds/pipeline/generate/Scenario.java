package nl.lvds.pipeline.generate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
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
            List<IncidentSpec> incidents) {

        /** Normalises absent lists to empty ones. */
        public Event {
            areas = areas == null ? List.of(new AreaWeight(CityMap.CITY_WIDE, 1.0)) : areas;
            vars = vars == null ? Map.of() : vars;
            mix = mix == null ? List.of() : mix;
            incidents = incidents == null ? List.of() : incidents;
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

    /** Parses a scenario; unknown fields are errors, so a typo cannot silently drop a setting. */
    public static Scenario parse(InputStream in) throws IOException {
        ObjectMapper mapper =
                new ObjectMapper()
                        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        return mapper.readValue(in, Scenario.class);
    }

    /**
     * Checks the scenario against the city map and the template bank; throws {@link
     * IllegalArgumentException} naming the first problem.
     */
    public void validate(CityMap city, TextBank texts) {
        for (String s : sources.keySet()) {
            require(Signal.SOURCES.contains(s), "unknown source " + s);
        }
        require(
                List.of("nl", "en", "mixed", "other").containsAll(languages.keySet()),
                "languages must be nl, en, mixed, other");
        require(
                List.of("field", "text", "none").containsAll(areaModes.keySet()),
                "areaModes must be field, text, none");
        for (String l : otherLanguages) {
            require(TextBank.LANGUAGES.contains(l), "unknown template language " + l);
        }
        checkMix("background", background, texts);
        checkMix("bursts", bursts.mix(), texts);
        require(bursts.minSize() >= 2 && bursts.maxSize() >= bursts.minSize(), "burst sizes");
        checkMix("routineIncidents", routineIncidents.echoMix(), texts);
        for (IncidentKind k : routineIncidents.kinds()) {
            require(Incident.FEEDS.contains(k.feed()), "unknown feed " + k.feed());
            require(Incident.TYPES.contains(k.type()), "unknown type " + k.type());
            require(k.severity().size() == 3, "severity needs 3 weights: " + k.type());
            require(!k.summaries().isEmpty(), "no summaries: " + k.type());
        }
        List<String> ids = new ArrayList<>();
        for (Event e : events) {
            require(!ids.contains(e.id()), "duplicate event " + e.id());
            ids.add(e.id());
            require(!e.starts().isEmpty(), e.id() + ": no starts");
            e.startTimes(); // throws on a bad date-time
            require(e.durationHours() > 0, e.id() + ": durationHours");
            for (AreaWeight a : e.areas()) {
                require(city.knows(a.area()), e.id() + ": unknown area " + a.area());
            }
            if (e.peak() > 0 || e.burstsPerDay() > 0) {
                checkMix(e.id(), e.mix(), texts);
            }
            for (MixEntry m : e.mix()) {
                for (String v : texts.variables(m.templates())) {
                    require(
                            e.vars().containsKey(v)
                                    || e.vars().containsKey(v + ".nl")
                                    || e.vars().containsKey(v + ".en"),
                            e.id() + ": templates " + m.templates() + " need variable " + v);
                }
            }
            for (IncidentSpec i : e.incidents()) {
                require(Incident.FEEDS.contains(i.feed()), e.id() + ": feed " + i.feed());
                require(Incident.TYPES.contains(i.type()), e.id() + ": type " + i.type());
                require(i.severity() >= 1 && i.severity() <= 3, e.id() + ": severity");
                require(i.area() == null || city.knows(i.area()), e.id() + ": area " + i.area());
                require(i.id() == null || i.id().startsWith("syn-"), e.id() + ": id not syn-");
            }
        }
    }

    private void checkMix(String where, List<MixEntry> mix, TextBank texts) {
        require(!mix.isEmpty(), where + ": empty mix");
        for (MixEntry m : mix) {
            require(
                    texts.keys().contains(m.templates()),
                    where + ": no templates " + m.templates());
            require(m.topic() == null || Topic.isTopic(m.topic()), where + ": topic " + m.topic());
            require(m.tension() != null && m.tension().size() == 3, where + ": tension weights");
            require(m.weight() >= 0, where + ": weight");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("scenario: " + message);
        }
    }
}
