package nl.lvds.pipeline.generate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.Signal;
import nl.lvds.models.event.Topic;
import nl.lvds.pipeline.generate.CityMap.Wijk;
import nl.lvds.pipeline.generate.Scenario.MixEntry;

/**
 * Generates the synthetic signals and incidents of one local day. A day depends only on the seed,
 * the date and --per-day (one {@link SplittableRandom} per day and stream), so days can be made in
 * any order, on any number of threads, with identical results.
 *
 * <p>Instances are immutable and thread-safe; all per-day state lives in a private {@code DayRun}.
 */
public final class DayGenerator {

    /** The city's time zone: rhythms, event times and day partitions are local to it. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    /** The key under which posts without a topic are counted. */
    public static final String NO_TOPIC = "none";

    private static final DateTimeFormatter DAY_ID = DateTimeFormatter.BASIC_ISO_DATE;
    private static final long HOUR_MS = 3_600_000L;
    private static final long STREAM_POSTS = 1;
    private static final long STREAM_INCIDENTS = 2;
    private static final long STREAM_AUTHORS = 3;
    private static final long STREAM_BURST_AUTHORS = 4;

    /**
     * One generated day.
     *
     * @param day the local date
     * @param signals its signals, sorted by ts
     * @param incidents its incidents, sorted by ts
     * @param stats counts for archive.json
     */
    public record DayBatch(
            LocalDate day, List<Signal> signals, List<Incident> incidents, DayStats stats) {}

    /** A mix compiled for sampling. */
    private static final class Mix {
        final MixEntry[] entries;
        final Weighted pick;
        final Weighted[] tension;

        Mix(List<MixEntry> list) {
            entries = list.toArray(new MixEntry[0]);
            pick = new Weighted(list.stream().mapToDouble(MixEntry::weight).toArray());
            tension = new Weighted[entries.length];
            for (int i = 0; i < entries.length; i++) {
                tension[i] = Weighted.of(entries[i].tension());
            }
        }
    }

    /** One occurrence of a scripted event, with its times resolved. */
    private static final class Occurrence {
        final Scenario.Event event;
        final int index;
        final long start;
        final long end;
        final Map<String, String> vars;
        final Mix mix;
        final Weighted areas;

        Occurrence(Scenario.Event event, int index, long start, Mix mix, Weighted areas) {
            this.event = event;
            this.index = index;
            this.start = start;
            this.end = start + (long) (event.durationHours() * HOUR_MS);
            this.vars = event.varsFor(index);
            this.mix = mix;
            this.areas = areas;
        }

        double intensity(long t) {
            double h = (t - start) / (double) HOUR_MS;
            if (h < 0 || t >= end) {
                return 0;
            }
            if (h < event.plateauHours() || event.halfLifeHours() <= 0) {
                return 1;
            }
            return Math.pow(0.5, (h - event.plateauHours()) / event.halfLifeHours());
        }

        Wijk area(CityMap city, SplittableRandom r) {
            return city.sampleIn(event.areas().get(areas.pick(r)).area(), r);
        }
    }

    /**
     * A planned routine incident (re-planned for the previous day to carry its echo over midnight).
     */
    private record Routine(
            Incident incident, Wijk wijk, CityMap.Place place, Scenario.IncidentKind kind) {}

    private final Scenario scenario;
    private final CityMap city;
    private final TextBank texts;
    private final long seed;
    private final int perDay;
    private final String[] sourceNames;
    private final Weighted sources;
    private final String[] languageNames;
    private final Weighted languages;
    private final String[] areaModeNames;
    private final Weighted areaModes;
    private final Mix background;
    private final Mix burstMix;
    private final Mix echoMix;
    private final Weighted incidentKinds;
    private final Weighted[] incidentSeverity;
    private final List<Occurrence> occurrences = new ArrayList<>();

    /**
     * @param scenario the scenario (validated here)
     * @param city the city map
     * @param texts the template bank
     * @param seed the archive seed
     * @param perDay average signals per day
     */
    public DayGenerator(Scenario scenario, CityMap city, TextBank texts, long seed, int perDay) {
        if (perDay < 1) {
            throw new IllegalArgumentException("perDay must be at least 1");
        }
        scenario.validate(city, texts);
        this.scenario = scenario;
        this.city = city;
        this.texts = texts;
        this.seed = seed;
        this.perDay = perDay;
        sourceNames = scenario.sources().keySet().toArray(new String[0]);
        sources = Weighted.of(List.copyOf(scenario.sources().values()));
        languageNames = scenario.languages().keySet().toArray(new String[0]);
        languages = Weighted.of(List.copyOf(scenario.languages().values()));
        areaModeNames = scenario.areaModes().keySet().toArray(new String[0]);
        areaModes = Weighted.of(List.copyOf(scenario.areaModes().values()));
        background = new Mix(scenario.background());
        burstMix = new Mix(scenario.bursts().mix());
        echoMix = new Mix(scenario.routineIncidents().echoMix());
        List<Scenario.IncidentKind> kinds = scenario.routineIncidents().kinds();
        incidentKinds =
                new Weighted(kinds.stream().mapToDouble(Scenario.IncidentKind::weight).toArray());
        incidentSeverity = new Weighted[kinds.size()];
        for (int i = 0; i < kinds.size(); i++) {
            incidentSeverity[i] = Weighted.of(kinds.get(i).severity());
        }
        for (Scenario.Event e : scenario.events()) {
            Mix mix = e.mix().isEmpty() ? null : new Mix(e.mix());
            Weighted areas =
                    new Weighted(
                            e.areas().stream().mapToDouble(Scenario.AreaWeight::weight).toArray());
            List<java.time.LocalDateTime> starts = e.startTimes();
            for (int k = 0; k < starts.size(); k++) {
                long start = starts.get(k).atZone(ZONE).toInstant().toEpochMilli();
                occurrences.add(new Occurrence(e, k, start, mix, areas));
            }
        }
    }

    /** The scenario this generator follows. */
    public Scenario scenario() {
        return scenario;
    }

    /** Average signals per day. */
    public int perDay() {
        return perDay;
    }

    /** Generates one local day. */
    public DayBatch generate(LocalDate day) {
        return new DayRun(day).run();
    }

    // ------------------------------------------------------------------ one day

    /** A draft signal; its id is given after sorting by time. */
    private static final class Draft {
        long ts;
        String source;
        String lang;
        String text;
        String area;
        String authorKey;
        String topic;
        int tension;
    }

    private final class DayRun {
        final LocalDate day;
        final long epochDay;
        final String dayId;
        final Rhythm.DaySlots slots;
        final SplittableRandom r;
        final TextBank.Context ctx = new TextBank.Context();
        final List<Draft> drafts;
        final List<Incident> incidents = new ArrayList<>();
        final TreeSet<String> events = new TreeSet<>();
        final int[] poolSize;
        final String[][] poolKeys;
        int bursts;
        int burstSignals;
        final List<BurstTruth> burstTruth = new ArrayList<>();
        final List<Incident> routine = new ArrayList<>();

        DayRun(LocalDate day) {
            this.day = day;
            this.epochDay = day.toEpochDay();
            this.dayId = DAY_ID.format(day);
            this.slots = Rhythm.slots(day, ZONE);
            this.r = new SplittableRandom(Seeds.mix(seed, epochDay, STREAM_POSTS));
            this.drafts = new ArrayList<>(perDay + perDay / 4);
            int n = city.gebieden().size();
            poolSize = new int[n];
            poolKeys = new String[n][];
            for (int g = 0; g < n; g++) {
                // About three posts per pseudonym per day; a floor keeps tiny days plausible.
                poolSize[g] = Math.max(20, (int) (perDay * city.gebiedShare(g) / 3));
                poolKeys[g] = new String[poolSize[g]];
            }
        }

        DayBatch run() {
            double noise = Math.max(0.85, Math.min(1.15, 1 + 0.04 * r.nextGaussian()));
            int base = (int) Math.round(perDay * Rhythm.dayFactor(day.getDayOfWeek()) * noise);

            int baselineBurstSignals = baselineBursts(base);
            int backgroundCount = Math.max(base / 2, base - baselineBurstSignals);
            for (int i = 0; i < backgroundCount; i++) {
                long ts = slots.sampleTime(r);
                Wijk w = city.sample(r);
                int m = background.pick.pick(r);
                post(ts, w, background, m, Map.of());
            }
            scriptedEvents();
            eventBursts();
            routineIncidents();

            List<Draft> sorted = sortByTime(drafts);
            List<Signal> signals = new ArrayList<>(sorted.size());
            Map<String, Integer> byTopic = new LinkedHashMap<>();
            byTopic.put(NO_TOPIC, 0);
            for (String t : Topic.ALL) {
                byTopic.put(t, 0);
            }
            int seq = 0;
            for (Draft d : sorted) {
                seq++;
                String id = "syn-s-" + dayId + "-" + pad6(seq);
                signals.add(
                        new Signal(
                                1,
                                id,
                                d.source,
                                Signal.SYNTHETIC,
                                d.ts,
                                d.lang,
                                d.text,
                                d.area,
                                d.authorKey));
                byTopic.merge(d.topic == null ? NO_TOPIC : d.topic, 1, Integer::sum);
            }
            incidents.sort(Comparator.comparingLong(Incident::ts).thenComparing(Incident::id));
            DayStats stats =
                    new DayStats(
                            day,
                            signals.size(),
                            incidents.size(),
                            bursts,
                            burstSignals,
                            byTopic,
                            List.copyOf(events),
                            List.copyOf(burstTruth),
                            List.copyOf(routine));
            return new DayBatch(day, signals, List.copyOf(incidents), stats);
        }

        // -------------------------------------------------------------- posts

        Draft post(long ts, Wijk w, Mix mix, int entry, Map<String, String> vars) {
            MixEntry m = mix.entries[entry];
            int tension = mix.tension[entry].pick(r);
            String source = sourceNames[sources.pick(r)];
            boolean fieldReport = source.equals("field-report");
            String langChoice = fieldReport ? "nl" : languageNames[languages.pick(r)];
            String tplLang;
            String hint;
            switch (langChoice) {
                case "en":
                    tplLang = "en";
                    hint = "en";
                    break;
                case "mixed":
                    tplLang = r.nextInt(3) == 0 ? "en" : "nl";
                    hint = tplLang;
                    break;
                case "other":
                    List<String> others = scenario.otherLanguages();
                    String o = others.get(r.nextInt(others.size()));
                    tplLang = texts.has(m.templates(), tension, o) ? o : "nl";
                    hint = tplLang;
                    break;
                default:
                    tplLang = "nl";
                    hint = "nl";
            }
            String mode = fieldReport ? "field" : areaModeNames[areaModes.pick(r)];
            ctx.set(w, city.placesIn(w.name()), mode.equals("text"), vars);
            String text = texts.render(m.templates(), tension, tplLang, ctx, r);
            text = decorate(text, source, tension, langChoice, tplLang);

            Draft d = new Draft();
            d.ts = ts;
            d.source = source;
            d.lang = r.nextDouble() < scenario.langHintShare() ? hint : null;
            d.text = text;
            d.area = mode.equals("field") ? w.name() : null;
            d.authorKey =
                    r.nextDouble() < scenario.authorKeyShare() ? authorKey(w.gebiedIndex()) : null;
            d.topic = m.topic();
            d.tension = tension;
            drafts.add(d);
            return d;
        }

        String decorate(String text, String source, int tension, String langChoice, String lang) {
            if (source.equals("field-report")) {
                return texts.slot("field_prefix", "nl", ctx, r) + " " + text;
            }
            if (langChoice.equals("mixed")) {
                if (lang.equals("nl") && r.nextBoolean()) {
                    return texts.slot("mix.prefix", lang, ctx, r) + " " + lowerFirst(text);
                }
                if (lang.equals("nl")) {
                    return stripEnd(text) + texts.slot("mix.suffix", lang, ctx, r);
                }
                return texts.slot("interjection", "nl", ctx, r) + " " + lowerFirst(text);
            }
            boolean social = source.equals("social");
            boolean nlOrEn = lang.equals("nl") || lang.equals("en");
            if (nlOrEn && r.nextDouble() < (social ? 0.08 : 0.04)) {
                text = texts.slot("interjection", lang, ctx, r) + " " + lowerFirst(text);
            }
            if (r.nextDouble() < (social ? 0.28 : 0.06)) {
                text =
                        text
                                + " "
                                + texts.slot(
                                        "emoji." + Topic.TENSION_LEVELS.get(tension), lang, ctx, r);
            }
            if (social && r.nextDouble() < 0.07) {
                text = text + " " + texts.slot("hashtag", lang, ctx, r);
            }
            if (r.nextDouble() < (social ? 0.10 : 0.03)) {
                text = text.toLowerCase(Locale.ROOT);
            }
            if (r.nextDouble() < 0.03) {
                text = typo(text);
            }
            return text;
        }

        String typo(String text) {
            char[] cs = text.toCharArray();
            for (int attempt = 0; attempt < 5 && cs.length > 4; attempt++) {
                int i = 1 + r.nextInt(cs.length - 3);
                if (Character.isLetter(cs[i])
                        && Character.isLetter(cs[i + 1])
                        && cs[i] != cs[i + 1]) {
                    char c = cs[i];
                    cs[i] = cs[i + 1];
                    cs[i + 1] = c;
                    return new String(cs);
                }
            }
            return text;
        }

        String authorKey(int gebied) {
            int size = poolSize[gebied];
            int prolific = Math.max(1, size / 20);
            int idx =
                    r.nextDouble() < scenario.prolificShare()
                            ? r.nextInt(prolific)
                            : r.nextInt(size);
            String key = poolKeys[gebied][idx];
            if (key == null) {
                key = "ak-" + Seeds.hex12(Seeds.mix(seed, epochDay, STREAM_AUTHORS, gebied, idx));
                poolKeys[gebied][idx] = key;
            }
            return key;
        }

        // -------------------------------------------------------------- bursts

        /** Ordinary copy-paste bursts; returns how many signals they added. */
        int baselineBursts(int base) {
            Scenario.Bursts b = scenario.bursts();
            double scale = Math.min(1.0, perDay / (double) b.fullAtPerDay());
            int n = Seeds.poisson(b.perDay() * scale, r);
            int added = 0;
            for (int i = 0; i < n; i++) {
                long start = slots.sampleTime(r);
                Wijk w = city.sample(r);
                boolean oneArea = r.nextBoolean();
                added +=
                        burst(
                                start,
                                w,
                                oneArea ? null : CityMap.CITY_WIDE,
                                burstMix,
                                Map.of(),
                                base,
                                null);
            }
            return added;
        }

        /** Extra bursts of the events active today, in proportion to their intensity. */
        void eventBursts() {
            double scale = Math.min(1.0, perDay / (double) scenario.bursts().fullAtPerDay());
            for (Occurrence o : occurrences) {
                if (o.mix == null || o.event.burstsPerDay() <= 0 || !overlapsDay(o)) {
                    continue;
                }
                double[] weight = new double[slots.size()];
                double mean = 0;
                for (int i = 0; i < slots.size(); i++) {
                    weight[i] =
                            slots.share()[i] * o.intensity((slots.start()[i] + slots.end()[i]) / 2);
                    mean += weight[i];
                }
                int n = Seeds.poisson(o.event.burstsPerDay() * scale * mean, r);
                if (n == 0) {
                    continue;
                }
                Weighted when = new Weighted(weight);
                for (int i = 0; i < n; i++) {
                    int s = when.pick(r);
                    long start =
                            slots.start()[s]
                                    + (long) (r.nextDouble() * (slots.end()[s] - slots.start()[s]));
                    Wijk w = o.area(city, r);
                    burst(start, w, null, o.mix, o.vars, perDay, o.event.id());
                    events.add(o.event.id());
                }
            }
        }

        /**
         * One burst: a message rendered once and repeated, mostly verbatim or with a tiny change,
         * by distinct authorKeys within minutes. {@code spread} = null keeps every copy in the
         * proto's wijk, "*" spreads copies over the city.
         */
        int burst(
                long start,
                Wijk w,
                String spread,
                Mix mix,
                Map<String, String> vars,
                int base,
                String eventId) {
            Scenario.Bursts b = scenario.bursts();
            double u = r.nextDouble();
            int size =
                    (int)
                            Math.round(
                                    Math.exp(
                                            Math.log(b.minSize())
                                                    + u
                                                            * (Math.log(b.maxSize())
                                                                    - Math.log(b.minSize()))));
            size = Math.max(b.minSize(), Math.min(size, Math.max(b.minSize(), base / 4)));
            long spreadMs =
                    (long)
                            ((b.minMinutes() + r.nextDouble() * (b.maxMinutes() - b.minMinutes()))
                                    * 60_000);
            // Keep the whole burst inside the day, so it lands in this day's partition.
            start = Math.max(slots.dayStart(), Math.min(start, slots.dayEnd() - spreadMs - 1));

            Draft proto = post(start, w, mix, mix.pick.pick(r), vars);
            drafts.remove(drafts.size() - 1); // the proto is the template, not a post itself
            String lang = proto.lang != null && proto.lang.equals("en") ? "en" : "nl";
            String message =
                    r.nextBoolean()
                            ? texts.slot("burst_prefix", lang, ctx, r) + " " + proto.text
                            : proto.text;
            int burstIndex = bursts++;
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            Set<String> authors = new HashSet<>();
            for (int k = 0; k < size; k++) {
                Wijk wk = CityMap.CITY_WIDE.equals(spread) ? city.sample(r) : w;
                Draft d = new Draft();
                d.ts = start + (long) (r.nextDouble() * spreadMs);
                d.source = r.nextDouble() < 0.9 ? "social" : "forum";
                d.lang = proto.lang;
                d.text = variant(message, proto.tension);
                d.area = r.nextBoolean() ? wk.name() : null;
                d.authorKey =
                        "ak-"
                                + Seeds.hex12(
                                        Seeds.mix(
                                                seed,
                                                epochDay,
                                                STREAM_BURST_AUTHORS,
                                                burstIndex,
                                                k));
                d.topic = proto.topic;
                d.tension = proto.tension;
                drafts.add(d);
                first = Math.min(first, d.ts);
                last = Math.max(last, d.ts);
                authors.add(d.authorKey);
            }
            boolean cityWide = CityMap.CITY_WIDE.equals(spread);
            burstTruth.add(
                    new BurstTruth(
                            first,
                            last,
                            cityWide ? CityMap.CITY_WIDE : w.name(),
                            cityWide ? CityMap.CITY_WIDE : w.gebied(),
                            proto.topic,
                            proto.tension,
                            size,
                            authors.size(),
                            eventId));
            burstSignals += size;
            return size;
        }

        /** The same message, or with one tiny change (an emoji, a word, punctuation). */
        String variant(String text, int tension) {
            if (r.nextDouble() < 0.4) {
                return text;
            }
            switch (r.nextInt(8)) {
                case 0:
                    return text
                            + " "
                            + texts.slot(
                                    "emoji." + Topic.TENSION_LEVELS.get(tension), "nl", ctx, r);
                case 1:
                    return stripEnd(text) + "!!";
                case 2:
                    return "RT " + text;
                case 3:
                    return text + " " + texts.slot("hashtag", "nl", ctx, r);
                case 4:
                    int space = text.indexOf(' ');
                    return space < 0
                            ? text
                            : text.substring(0, space) + " echt" + text.substring(space);
                case 5:
                    int last = text.lastIndexOf(' ');
                    return last > 20 ? text.substring(0, last) : text + " 👇";
                case 6:
                    return text.toLowerCase(Locale.ROOT);
                default:
                    return text + " ‼️";
            }
        }

        // -------------------------------------------------------------- scripted events

        boolean overlapsDay(Occurrence o) {
            return o.start < slots.dayEnd() && o.end > slots.dayStart();
        }

        void scriptedEvents() {
            for (Occurrence o : occurrences) {
                eventIncidents(o);
                if (o.mix == null || o.event.peak() <= 0 || !overlapsDay(o)) {
                    continue;
                }
                int made = 0;
                for (int i = 0; i < slots.size(); i++) {
                    long a = Math.max(slots.start()[i], o.start);
                    long b = Math.min(slots.end()[i], o.end);
                    if (a >= b) {
                        continue;
                    }
                    double fraction = (b - a) / (double) (slots.end()[i] - slots.start()[i]);
                    double expected =
                            o.event.peak()
                                    * perDay
                                    * slots.share()[i]
                                    * fraction
                                    * o.intensity((a + b) / 2);
                    int n = Seeds.stochasticRound(expected, r);
                    for (int j = 0; j < n; j++) {
                        long ts = a + (long) (r.nextDouble() * (b - a));
                        post(ts, o.area(city, r), o.mix, o.mix.pick.pick(r), o.vars);
                    }
                    made += n;
                }
                if (made > 0) {
                    events.add(o.event.id());
                }
            }
        }

        void eventIncidents(Occurrence o) {
            List<Scenario.IncidentSpec> specs = o.event.incidents();
            for (int idx = 0; idx < specs.size(); idx++) {
                Scenario.IncidentSpec s = specs.get(idx);
                long ts = o.start + (long) (s.offsetMinutes() * 60_000);
                if (ts < slots.dayStart() || ts >= slots.dayEnd()) {
                    continue;
                }
                String id = eventIncidentId(o.event, o.index, idx, ts);
                incidents.add(
                        new Incident(
                                1,
                                id,
                                s.feed(),
                                ts,
                                s.type(),
                                s.severity(),
                                s.area(),
                                s.location() == null ? null : fill(s.location(), o.vars),
                                synthetic(fill(s.summary(), o.vars))));
                events.add(o.event.id());
            }
        }

        // -------------------------------------------------------------- routine incidents

        void routineIncidents() {
            Scenario.RoutineIncidents ri = scenario.routineIncidents();
            for (Routine x : planRoutine(day)) {
                incidents.add(x.incident());
                routine.add(x.incident());
            }
            long echoMs = (long) (ri.echoHours() * HOUR_MS);
            for (LocalDate d : List.of(day.minusDays(1), day)) {
                for (Routine x : planRoutine(d)) {
                    Incident inc = x.incident();
                    if (inc.severity() < 2) {
                        continue;
                    }
                    long a = Math.max(inc.ts(), slots.dayStart());
                    long b = Math.min(inc.ts() + echoMs, slots.dayEnd());
                    if (a >= b) {
                        continue;
                    }
                    double expected =
                            perDay
                                    * ri.echoPerSeverity()
                                    * inc.severity()
                                    * (b - a)
                                    / (double) echoMs;
                    int n = Seeds.stochasticRound(expected, r);
                    if (n == 0) {
                        continue;
                    }
                    Map<String, String> vars = new LinkedHashMap<>();
                    vars.put("what.nl", x.kind().what().getOrDefault("nl", "incident"));
                    vars.put("what.en", x.kind().what().getOrDefault("en", "incident"));
                    vars.put("at.nl", x.place() == null ? "" : x.place().at("nl"));
                    vars.put("at.en", x.place() == null ? "" : x.place().at("en"));
                    for (int j = 0; j < n; j++) {
                        long ts = a + (long) (r.nextDouble() * (b - a));
                        Wijk w =
                                r.nextDouble() < 0.8
                                        ? x.wijk()
                                        : city.sampleIn(x.wijk().gebied(), r);
                        post(ts, w, echoMix, echoMix.pick.pick(r), vars);
                    }
                }
            }
        }

        /** The routine incidents of {@code d}: a pure function of seed and date. */
        List<Routine> planRoutine(LocalDate d) {
            Scenario.RoutineIncidents ri = scenario.routineIncidents();
            SplittableRandom ir =
                    new SplittableRandom(Seeds.mix(seed, d.toEpochDay(), STREAM_INCIDENTS));
            long start = d.atStartOfDay(ZONE).toInstant().toEpochMilli();
            long end = d.plusDays(1).atStartOfDay(ZONE).toInstant().toEpochMilli();
            String id = DAY_ID.format(d);
            int n = Seeds.poisson(ri.perDay(), ir);
            List<Routine> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                long ts = start + (long) (ir.nextDouble() * (end - start));
                int k = incidentKinds.pick(ir);
                Scenario.IncidentKind kind = ri.kinds().get(k);
                int severity = 1 + incidentSeverity[k].pick(ir);
                Wijk w = city.sample(ir);
                List<CityMap.Place> places = city.placesIn(w.name());
                CityMap.Place place =
                        !places.isEmpty() && ir.nextDouble() < 0.35
                                ? places.get(ir.nextInt(places.size()))
                                : null;
                String summary =
                        kind.summaries().get(ir.nextInt(kind.summaries().size()))
                                + ", "
                                + (place == null ? "" : place.name() + ", ")
                                + w.name();
                Incident inc =
                        new Incident(
                                1,
                                "syn-"
                                        + kind.feed()
                                        + "-"
                                        + id
                                        + "-"
                                        + String.format(Locale.ROOT, "%03d", i + 1),
                                kind.feed(),
                                ts,
                                kind.type(),
                                severity,
                                w.name(),
                                place == null ? null : place.name(),
                                synthetic(summary));
                out.add(new Routine(inc, w, place, kind));
            }
            return out;
        }
    }

    // ------------------------------------------------------------------ utilities

    private static final int INDEX_BITS = 22;
    private static final long MAX_PACKED_TS = 1L << (63 - INDEX_BITS);

    /**
     * Sorts by time, equal times keeping creation order. Packing (ts, index) into one long and
     * sorting primitives is several times faster than a comparator sort over objects; days too
     * large or too far in the future to pack fall back to the (equally stable) object sort.
     */
    private static List<Draft> sortByTime(List<Draft> drafts) {
        int n = drafts.size();
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            long ts = drafts.get(i).ts;
            if (n >= 1 << INDEX_BITS || ts < 0 || ts >= MAX_PACKED_TS) {
                List<Draft> copy = new ArrayList<>(drafts);
                copy.sort(Comparator.comparingLong(d -> d.ts));
                return copy;
            }
            keys[i] = ts << INDEX_BITS | i;
        }
        java.util.Arrays.sort(keys);
        List<Draft> out = new ArrayList<>(n);
        for (long k : keys) {
            out.add(drafts.get((int) (k & ((1 << INDEX_BITS) - 1))));
        }
        return out;
    }

    /**
     * The id of incident {@code idx} of occurrence {@code index} of a scripted event, which happens
     * at {@code ts}.
     */
    static String eventIncidentId(Scenario.Event event, int index, int idx, long ts) {
        Scenario.IncidentSpec s = event.incidents().get(idx);
        if (s.id() != null) {
            return event.starts().size() > 1 ? s.id() + "-" + (index + 1) : s.id();
        }
        return "syn-"
                + event.id()
                + "-"
                + DAY_ID.format(localDate(ts))
                + "-"
                + (index + 1)
                + "-"
                + (idx + 1);
    }

    /** Appends the synthetic marker to a summary that lacks it. */
    static String synthetic(String summary) {
        if (summary == null) {
            return "(synthetisch)";
        }
        return summary.contains("(synthetisch)") ? summary : summary + " (synthetisch)";
    }

    private static String fill(String s, Map<String, String> vars) {
        if (s == null || s.indexOf('{') < 0) {
            return s;
        }
        String out = s;
        for (Map.Entry<String, String> e : vars.entrySet()) {
            out = out.replace("{" + e.getKey() + "}", e.getValue());
        }
        return out;
    }

    private static String lowerFirst(String s) {
        if (s.length() < 2
                || !Character.isUpperCase(s.charAt(0))
                || Character.isUpperCase(s.charAt(1))) {
            return s;
        }
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String stripEnd(String s) {
        int end = s.length();
        while (end > 0 && ".!?".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String pad6(int n) {
        String s = Integer.toString(n);
        return s.length() >= 6 ? s : "000000".substring(s.length()) + s;
    }

    /** The local date of an instant in the city's zone. */
    public static LocalDate localDate(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(ZONE).toLocalDate();
    }
}
