package nl.lvds.pipeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import nl.lvds.models.area.AreaGazetteer;
import nl.lvds.models.codec.Decoded;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.AlertCell;
import nl.lvds.pipeline.bench.GroundTruth.Burst;
import nl.lvds.pipeline.bench.GroundTruth.Occurrence;
import nl.lvds.pipeline.bench.GroundTruth.RoutineIncident;

/**
 * The alert scoring suite: scores an alert stream ({@code alerts.jsonl} of {@code lvds review},
 * contract v1 or v2) against the ground truth of a synthetic archive ({@link GroundTruth}) and the
 * alert targets: false alerts per week per level, event starts alerted in time, records per event,
 * and what became of every copy-paste burst. docs/alerts.md ("Scoring alerts against ground truth")
 * defines every figure.
 *
 * <p>Alerts are judged as groups (v2: records sharing an {@code id}; v1: every record is a group of
 * its own). A record is "at" its {@code raisedAt} (the end of the window it evaluated) and "in" the
 * areas of its cells. It matches a span when one of its cells overlaps one of the span's areas
 * ({@link #overlaps}) and its time falls inside the span: an event occurrence from start to end
 * plus the tolerance, a burst from start minus to end plus the tolerance, a routine incident from
 * its time to the end of its echo plus the tolerance (the tolerance covers the window length: a
 * window is reported when it closes).
 */
public final class AlertScore {

    /** The targets of the alert work (docs/alerts.md). */
    public static final double TARGET_FALSE_CRITICAL_PER_WEEK = 1.0;

    /** Share of event starts that must get warning or critical within two hours. */
    public static final double TARGET_WARNED_SHARE = 0.9;

    /** Median alert records per caught event, at most. */
    public static final double TARGET_MEDIAN_RECORDS = 3.0;

    /** Bursts of at least this many copies must get a coordinated alert. */
    public static final int COORDINATED_MIN_COPIES = 50;

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long WARN_WITHIN = 2 * HOUR;
    private static final long SUDDEN_WITHIN = 15 * MINUTE;
    private static final String CITY = "city";
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    /** The area hierarchy wijk → district → city. */
    @FunctionalInterface
    public interface AreaTree {
        /** The district (gebied) of a wijk or district name, or null when unknown. */
        String districtOf(String area);

        /** The bundled Rotterdam gazetteer, answers cached. */
        static AreaTree rotterdam() {
            AreaGazetteer g = AreaGazetteer.rotterdam();
            Map<String, String> cache = new HashMap<>();
            return a -> cache.computeIfAbsent(a, x -> g.districtOf(x).orElse(""));
        }

        /** A fixed map from area to district (districts map to themselves), for tests. */
        static AreaTree of(Map<String, String> districtOf) {
            return districtOf::get;
        }
    }

    /**
     * Whether an alert cell's area overlaps a span's area in the hierarchy wijk → district → city:
     * the span is city-wide, the cell is the city, they are the same area, the cell is the district
     * of the span's wijk, or the cell is a wijk of the span's district. Two different wijken never
     * overlap, even in the same district.
     *
     * @param strict if true, a city cell overlaps only city-wide spans
     */
    public static boolean overlaps(String cell, String span, AreaTree tree, boolean strict) {
        if (GroundTruth.CITY_WIDE.equals(span)) {
            return true;
        }
        if (CITY.equalsIgnoreCase(cell)) {
            return !strict;
        }
        if (cell.equalsIgnoreCase(span)) {
            return true;
        }
        String spanDistrict = tree.districtOf(span);
        if (spanDistrict != null && cell.equalsIgnoreCase(spanDistrict)) {
            return true;
        }
        String cellDistrict = tree.districtOf(cell);
        return cellDistrict != null && span.equalsIgnoreCase(cellDistrict);
    }

    /** One alert record as the scorer sees it. */
    private record Rec(Alert alert, long t, List<String> areas, int level) {}

    /**
     * One alert group.
     *
     * @param id the group id (v1: "v1:" and the line number)
     * @param kind event or coordinated
     * @param records its records in time order
     */
    private record Group(String id, String kind, List<Rec> records) {
        int maxLevel() {
            return records.stream().mapToInt(Rec::level).max().orElse(0);
        }
    }

    /**
     * The alerts read from a file.
     *
     * @param groups the groups
     * @param records records decoded
     * @param undecodable lines that could not be decoded (skipped)
     * @param versions contract versions seen
     */
    private record Alerts(
            List<Group> groups, int records, int undecodable, Set<Integer> versions) {}

    private final GroundTruth truth;
    private final AreaTree tree;
    private final long tolerance;

    /**
     * @param truth the archive's ground truth
     * @param tree the area hierarchy
     * @param toleranceHours slack around spans, hours
     */
    public AlertScore(GroundTruth truth, AreaTree tree, double toleranceHours) {
        this.truth = truth;
        this.tree = tree;
        this.tolerance = (long) (toleranceHours * HOUR);
    }

    /** The alerts file of a review output directory, or the file itself. */
    public static Path alertsFile(Path review) {
        return Files.isDirectory(review) ? review.resolve("alerts.jsonl") : review;
    }

    /** Scores the alerts of a review output (directory or alerts.jsonl) and returns the figures. */
    public ObjectNode score(Path review) throws IOException {
        return score(read(alertsFile(review)));
    }

    // ------------------------------------------------------------------------------ reading

    private static Alerts read(Path file) throws IOException {
        Map<String, List<Rec>> byId = new LinkedHashMap<>();
        Map<String, String> kinds = new HashMap<>();
        Set<Integer> versions = new TreeSet<>();
        int records = 0;
        int bad = 0;
        int line = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String s; (s = r.readLine()) != null; ) {
                line++;
                if (s.isBlank()) {
                    continue;
                }
                Decoded<Alert> d = LvdsJson.decodeAlert(s.getBytes(StandardCharsets.UTF_8));
                if (!d.isOk()) {
                    bad++;
                    continue;
                }
                Alert a = d.orThrow();
                records++;
                versions.add(a.v());
                String id = a.v() < 2 ? "v1:" + line : a.id();
                byId.computeIfAbsent(id, k -> new ArrayList<>()).add(rec(a));
                kinds.putIfAbsent(id, a.kind() == null ? Alert.Kind.EVENT : a.kind());
            }
        }
        List<Group> groups = new ArrayList<>();
        byId.forEach(
                (id, recs) -> {
                    recs.sort(Comparator.comparingLong(Rec::t));
                    groups.add(new Group(id, kinds.get(id), List.copyOf(recs)));
                });
        return new Alerts(groups, records, bad, versions);
    }

    private static Rec rec(Alert a) {
        List<String> areas = new ArrayList<>();
        if (a.area() != null) {
            areas.add(a.area());
        }
        if (a.cells() != null) {
            for (AlertCell c : a.cells()) {
                if (c.area() != null && !areas.contains(c.area())) {
                    areas.add(c.area());
                }
            }
        }
        return new Rec(a, a.raisedAt(), List.copyOf(areas), Alert.LEVELS.indexOf(a.level()));
    }

    // ------------------------------------------------------------------------------ matching

    private boolean inArea(Rec r, List<String> spanAreas, boolean strict) {
        for (String cell : r.areas()) {
            for (String span : spanAreas) {
                if (overlaps(cell, span, tree, strict)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean matches(Rec r, Occurrence o, boolean strict) {
        return r.t() >= o.start() && r.t() <= o.end() + tolerance && inArea(r, o.areas(), strict);
    }

    private boolean matches(Rec r, Burst b, boolean strict) {
        return r.t() >= b.start() - tolerance
                && r.t() <= b.end() + tolerance
                && inArea(r, List.of(b.area()), strict);
    }

    private boolean matches(Rec r, RoutineIncident i, boolean strict) {
        long echo = (long) (truth.echoHours() * HOUR);
        return r.t() >= i.ts()
                && r.t() <= i.ts() + echo + tolerance
                && inArea(r, List.of(i.area()), strict);
    }

    /**
     * Whether a group was open while the burst ran, in an area that overlaps it: raised before the
     * burst ended and closed (or last written) after it began. A burst inside a copy-paste wave
     * that already has an open coordinated group is covered by that group, though no record of the
     * group falls in the burst's own span.
     */
    private boolean openAcross(Group g, Burst b) {
        List<Rec> rs = g.records();
        if (rs.isEmpty()
                || rs.get(0).t() > b.end() + tolerance
                || rs.get(rs.size() - 1).t() < b.start() - tolerance) {
            return false;
        }
        for (Rec r : rs) {
            if (inArea(r, List.of(b.area()), false)) {
                return true;
            }
        }
        return false;
    }

    /** What explains a group: matched spans by type. */
    private static final class Explained {
        final Set<Integer> events = new TreeSet<>(); // occurrences that want an alert
        final Set<Integer> quiet = new TreeSet<>(); // occurrences that want none (derby, shift)
        final Set<Integer> bursts = new TreeSet<>();
        final Set<Integer> incidents = new TreeSet<>();

        boolean any() {
            return !events.isEmpty() || !bursts.isEmpty() || !incidents.isEmpty();
        }
    }

    private Explained explain(Group g, boolean strict) {
        Explained x = new Explained();
        List<Occurrence> occ = truth.events();
        for (Rec r : g.records()) {
            for (int i = 0; i < occ.size(); i++) {
                if (matches(r, occ.get(i), strict)) {
                    (occ.get(i).wantsNoAlert() ? x.quiet : x.events).add(i);
                }
            }
            for (Burst b : truth.bursts()) {
                if (matches(r, b, strict)) {
                    x.bursts.add(b.index());
                }
            }
            List<RoutineIncident> inc = truth.incidents();
            for (int i = 0; i < inc.size(); i++) {
                if (matches(r, inc.get(i), strict)) {
                    x.incidents.add(i);
                }
            }
        }
        return x;
    }

    // ------------------------------------------------------------------------------ scoring

    ObjectNode score(Alerts alerts) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode out = json.createObjectNode();
        double weeks = truth.weeks();
        out.put("from", truth.from().toString());
        out.put("to", truth.to().toString());
        out.put("weeks", round(weeks, 2));
        out.put("toleranceHours", round(tolerance / (double) HOUR, 2));
        ArrayNode versions = out.putArray("contractVersions");
        alerts.versions().forEach(versions::add);
        out.put("alertRecords", alerts.records());
        out.put("undecodableLines", alerts.undecodable());
        ObjectNode groups = out.putObject("groups");
        groups.put("total", alerts.groups().size());
        ObjectNode byLevel = groups.putObject("byLevel");
        for (int l = 0; l < Alert.LEVELS.size(); l++) {
            int level = l;
            byLevel.put(
                    Alert.LEVELS.get(l),
                    alerts.groups().stream().filter(g -> g.maxLevel() == level).count());
        }
        groups.put(
                "coordinated",
                alerts.groups().stream()
                        .filter(g -> Alert.Kind.COORDINATED.equals(g.kind()))
                        .count());

        // False alerts: groups nothing explains (derby and shift spans explain nothing).
        List<Explained> explained = new ArrayList<>();
        int[] falseCount = new int[3];
        int[] quietCount = new int[3];
        int[] strictFalse = new int[3];
        for (Group g : alerts.groups()) {
            Explained x = explain(g, false);
            explained.add(x);
            if (!x.any()) {
                falseCount[g.maxLevel()]++;
                if (!x.quiet.isEmpty()) {
                    quietCount[g.maxLevel()]++;
                }
            }
            if (!explain(g, true).any()) {
                strictFalse[g.maxLevel()]++;
            }
        }
        ObjectNode fa = out.putObject("falseAlerts");
        ObjectNode perWeek = fa.putObject("perWeek");
        ObjectNode count = fa.putObject("groups");
        ObjectNode quiet = fa.putObject("groupsOnDerbyOrShiftOnly");
        ObjectNode strict = fa.putObject("perWeekStrictCity");
        for (int l = 0; l < 3; l++) {
            String level = Alert.LEVELS.get(l);
            perWeek.put(level, round(falseCount[l] / weeks, 2));
            count.put(level, falseCount[l]);
            quiet.put(level, quietCount[l]);
            strict.put(level, round(strictFalse[l] / weeks, 2));
        }
        int allFalse = falseCount[0] + falseCount[1] + falseCount[2];
        perWeek.put("any", round(allFalse / weeks, 2));

        // Event starts.
        List<Occurrence> occ = truth.events();
        Map<String, Integer> startsPerEvent = new HashMap<>();
        occ.forEach(o -> startsPerEvent.merge(o.event(), 1, Integer::sum));
        ArrayNode events = out.putArray("events");
        ArrayNode quietEvents = out.putArray("noAlertWanted");
        List<Integer> recordsPerCaught = new ArrayList<>();
        int wanted = 0;
        int warned = 0;
        int sudden = 0;
        int suddenInTime = 0;
        int explosions = 0;
        int explosionsInTime = 0;
        for (Occurrence o : occ) {
            ObjectNode e = (o.wantsNoAlert() ? quietEvents : events).addObject();
            e.put("event", o.label(startsPerEvent.get(o.event()) > 1));
            e.put("kind", o.kind());
            e.put("expectedLevel", o.expectedLevel());
            e.put("start", localTime(o.start()));
            ArrayNode areas = e.putArray("areas");
            o.areas().forEach(areas::add);
            Rec first = null;
            String firstGroup = null;
            boolean w2h = false;
            boolean w15 = false;
            int records = 0;
            int coordinatedRecords = 0;
            int highest = -1;
            Set<String> groupIds = new TreeSet<>();
            for (Group g : alerts.groups()) {
                for (Rec r : g.records()) {
                    if (!matches(r, o, false)) {
                        continue;
                    }
                    if (Alert.Kind.COORDINATED.equals(g.kind())) {
                        // bursts inside the event's span are alerts about the bursts, reported
                        // beside the event's own records
                        coordinatedRecords++;
                        continue;
                    }
                    records++;
                    groupIds.add(g.id());
                    highest = Math.max(highest, r.level());
                    if (first == null || r.t() < first.t()) {
                        first = r;
                        firstGroup = g.id();
                    }
                    if (r.level() >= 1 && r.t() <= o.start() + WARN_WITHIN) {
                        w2h = true;
                    }
                    if (r.level() >= 1 && r.t() <= o.start() + SUDDEN_WITHIN) {
                        w15 = true;
                    }
                }
            }
            if (first == null) {
                e.putNull("firstAlert");
            } else {
                ObjectNode f = e.putObject("firstAlert");
                f.put("level", first.alert().level());
                f.put("lagMinutes", round((first.t() - o.start()) / (double) MINUTE, 1));
                f.put("kind", first.alert().kind());
                f.put("area", first.alert().area());
                f.put("topic", first.alert().topic());
                f.put("group", firstGroup);
            }
            e.put("warnedWithin2h", w2h);
            if (o.sudden()) {
                e.put("warnedWithin15min", w15);
            }
            e.put("records", records);
            e.put("coordinatedRecords", coordinatedRecords);
            e.put("groups", groupIds.size());
            if (highest >= 0) {
                e.put("highestLevel", Alert.LEVELS.get(highest));
            } else {
                e.putNull("highestLevel");
            }
            if (o.wantsNoAlert()) {
                continue;
            }
            if (!"watch".equals(o.expectedLevel())) {
                wanted++;
                warned += w2h ? 1 : 0;
            }
            if (o.sudden()) {
                sudden++;
                suddenInTime += w15 ? 1 : 0;
            }
            if ("explosion".equals(o.kind())) {
                explosions++;
                explosionsInTime += w15 ? 1 : 0;
            }
            if (records > 0) {
                recordsPerCaught.add(records);
            }
        }
        ObjectNode starts = out.putObject("eventStarts");
        starts.put("wantingWarning", wanted);
        starts.put("warnedWithin2h", warned);
        starts.put("warnedShare", wanted == 0 ? 0 : round(warned / (double) wanted, 3));
        starts.put("sudden", sudden);
        starts.put("suddenWarnedWithin15min", suddenInTime);
        starts.put("explosions", explosions);
        starts.put("explosionsWarnedWithin15min", explosionsInTime);
        starts.put("caught", recordsPerCaught.size());
        Double median = median(recordsPerCaught);
        if (median == null) {
            starts.putNull("medianRecordsPerCaughtEvent");
        } else {
            starts.put("medianRecordsPerCaughtEvent", median);
        }

        // Bursts.
        List<Burst> bursts = truth.bursts();
        boolean[] coordinated = new boolean[bursts.size()];
        int[] raisedLevel = new int[bursts.size()];
        Arrays.fill(raisedLevel, -1);
        for (int gi = 0; gi < alerts.groups().size(); gi++) {
            Group g = alerts.groups().get(gi);
            Explained x = explained.get(gi);
            if (Alert.Kind.COORDINATED.equals(g.kind())) {
                for (int b : x.bursts) {
                    coordinated[b] = true;
                }
                for (Burst b : bursts) {
                    if (openAcross(g, b)) {
                        coordinated[b.index()] = true;
                    }
                }
            } else if (!x.bursts.isEmpty() && x.events.isEmpty() && x.incidents.isEmpty()) {
                for (int b : x.bursts) {
                    raisedLevel[b] = Math.max(raisedLevel[b], g.maxLevel());
                }
            }
        }
        ObjectNode bo = out.putObject("bursts");
        ArrayNode list = json.createArrayNode();
        int nCoordinated = 0;
        int nRaised = 0;
        int nUnflagged = 0;
        int raisedCritical = 0;
        int big = 0;
        int bigMissed = 0;
        for (Burst b : bursts) {
            ObjectNode x = list.addObject();
            x.put("start", localTime(b.start()));
            x.put("area", b.area());
            x.put("topic", b.topic());
            x.put("tension", b.tension());
            x.put("copies", b.copies());
            x.put("authors", b.authors());
            x.put("event", b.event());
            boolean c = coordinated[b.index()];
            int raised = raisedLevel[b.index()];
            x.put("coordinated", c);
            if (raised >= 0) {
                x.put("raisedAs", Alert.LEVELS.get(raised));
            } else {
                x.putNull("raisedAs");
            }
            String status = c ? "coordinated" : raised >= 0 ? "raised" : "unflagged";
            x.put("status", status);
            nCoordinated += c ? 1 : 0;
            nRaised += raised >= 0 ? 1 : 0;
            nUnflagged += !c && raised < 0 ? 1 : 0;
            raisedCritical += raised == 2 ? 1 : 0;
            if (b.copies() >= COORDINATED_MIN_COPIES) {
                big++;
                bigMissed += c ? 0 : 1;
            }
        }
        bo.put("total", bursts.size());
        bo.put("coordinated", nCoordinated);
        bo.put("raisedAsEvent", nRaised);
        bo.put("unflagged", nUnflagged);
        bo.put("raisedCritical", raisedCritical);
        bo.put("atLeast50Copies", big);
        bo.put("atLeast50CopiesWithoutCoordinated", bigMissed);
        bo.set("list", list);

        // Verdict.
        ArrayNode verdict = out.putArray("verdict");
        double falseCritical = falseCount[2] / weeks;
        verdict(
                verdict,
                "false critical alerts per week <= 1",
                fmt("%.2f", falseCritical),
                falseCritical <= TARGET_FALSE_CRITICAL_PER_WEEK);
        verdict(
                verdict,
                ">= 90% of event starts warned within 2 h",
                fmt("%d/%d (%.0f%%)", warned, wanted, wanted == 0 ? 0 : 100.0 * warned / wanted),
                wanted > 0 && warned >= TARGET_WARNED_SHARE * wanted);
        verdict(
                verdict,
                "explosions warned within 15 min",
                explosions == 0 ? "no explosion" : fmt("%d/%d", explosionsInTime, explosions),
                explosions == 0 ? null : explosionsInTime == explosions);
        verdict(
                verdict,
                "median <= 3 alert records per event",
                median == null ? "no event caught" : fmt("%.1f", median),
                median == null ? null : median <= TARGET_MEDIAN_RECORDS);
        verdict(
                verdict,
                "no burst raises a critical alert",
                fmt("%d of %d raise critical", raisedCritical, bursts.size()),
                raisedCritical == 0);
        verdict(
                verdict,
                "every burst >= 50 copies coordinated",
                fmt("%d of %d without", bigMissed, big),
                bigMissed == 0);
        return out;
    }

    private static void verdict(ArrayNode v, String target, String value, Boolean met) {
        ObjectNode o = v.addObject();
        o.put("target", target);
        o.put("value", value);
        if (met == null) {
            o.putNull("met");
        } else {
            o.put("met", met);
        }
    }

    // ------------------------------------------------------------------------------ printing

    /** Prints the figures of {@link #score} as tables. */
    public static void print(ObjectNode s, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "Alert score %s .. %s (%.1f weeks), %d alert records in %d groups (contract v%s),"
                        + " tolerance %.1f h%n",
                s.path("from").asText(),
                s.path("to").asText(),
                s.path("weeks").asDouble(),
                s.path("alertRecords").asInt(),
                s.path("groups").path("total").asInt(),
                join(s.path("contractVersions"), n -> n.asText(), "+"),
                s.path("toleranceHours").asDouble());
        if (s.path("undecodableLines").asInt() > 0) {
            out.printf(
                    "  (%d lines could not be decoded and were skipped)%n",
                    s.path("undecodableLines").asInt());
        }
        out.println();
        out.println("Event starts (first alert overlapping the event's areas, lag in event time):");
        printEvents(s.path("events"), out);
        if (s.path("noAlertWanted").size() > 0) {
            out.println();
            out.println(
                    "No alert wanted (derbies, background shifts): alerts here count as false:");
            printEvents(s.path("noAlertWanted"), out);
        }
        out.println();
        var fa = s.path("falseAlerts");
        out.printf(
                Locale.ROOT,
                "False alert groups per week: watch %.2f, warning %.2f, critical %.2f (any %.2f);"
                        + " groups: %d / %d / %d, of which on derby or shift only: %d / %d / %d%n",
                fa.path("perWeek").path("watch").asDouble(),
                fa.path("perWeek").path("warning").asDouble(),
                fa.path("perWeek").path("critical").asDouble(),
                fa.path("perWeek").path("any").asDouble(),
                fa.path("groups").path("watch").asInt(),
                fa.path("groups").path("warning").asInt(),
                fa.path("groups").path("critical").asInt(),
                fa.path("groupsOnDerbyOrShiftOnly").path("watch").asInt(),
                fa.path("groupsOnDerbyOrShiftOnly").path("warning").asInt(),
                fa.path("groupsOnDerbyOrShiftOnly").path("critical").asInt());
        out.printf(
                Locale.ROOT,
                "  (if city cells overlapped only city-wide spans: watch %.2f, warning %.2f,"
                        + " critical %.2f per week)%n",
                fa.path("perWeekStrictCity").path("watch").asDouble(),
                fa.path("perWeekStrictCity").path("warning").asDouble(),
                fa.path("perWeekStrictCity").path("critical").asDouble());
        var b = s.path("bursts");
        out.printf(
                Locale.ROOT,
                "Copy-paste bursts: %d; coordinated %d, raised as an event group %d (critical %d),"
                        + " unflagged %d; >= %d copies without a coordinated alert: %d of %d%n",
                b.path("total").asInt(),
                b.path("coordinated").asInt(),
                b.path("raisedAsEvent").asInt(),
                b.path("raisedCritical").asInt(),
                b.path("unflagged").asInt(),
                COORDINATED_MIN_COPIES,
                b.path("atLeast50CopiesWithoutCoordinated").asInt(),
                b.path("atLeast50Copies").asInt());
        var st = s.path("eventStarts");
        out.printf(
                Locale.ROOT,
                "Median alert records per caught event: %s (%d of %d event starts caught)%n",
                st.path("medianRecordsPerCaughtEvent").isNull()
                        ? "-"
                        : fmt("%.1f", st.path("medianRecordsPerCaughtEvent").asDouble()),
                st.path("caught").asInt(),
                s.path("events").size());
        out.println();
        out.println("Verdict against the targets:");
        int w = 0;
        for (var v : s.path("verdict")) {
            w = Math.max(w, v.path("target").asText().length());
        }
        for (var v : s.path("verdict")) {
            String met =
                    v.path("met").isNull() ? "n/a" : v.path("met").asBoolean() ? "MET" : "NOT MET";
            out.printf(
                    Locale.ROOT,
                    "  %-" + w + "s  %-28s %s%n",
                    v.path("target").asText(),
                    v.path("value").asText(),
                    met);
        }
    }

    private static void printEvents(JsonNode list, PrintStream out) {
        int w = 5;
        for (var e : list) {
            w = Math.max(w, e.path("event").asText().length());
        }
        out.printf(
                Locale.ROOT,
                "  %-" + w + "s  %-13s %-17s %-8s  %-8s %9s  %-4s %-5s %7s%n",
                "event",
                "kind",
                "start",
                "expected",
                "first",
                "lag",
                "2h",
                "15min",
                "records");
        for (var e : list) {
            var f = e.path("firstAlert");
            out.printf(
                    Locale.ROOT,
                    "  %-" + w + "s  %-13s %-17s %-8s  %-8s %9s  %-4s %-5s %7d%n",
                    e.path("event").asText(),
                    e.path("kind").asText(),
                    e.path("start").asText().substring(0, 16).replace('T', ' '),
                    e.path("expectedLevel").asText(),
                    f.isNull() ? "-" : f.path("level").asText(),
                    f.isNull() ? "-" : lag(f.path("lagMinutes").asDouble()),
                    e.path("warnedWithin2h").asBoolean() ? "yes" : "no",
                    e.has("warnedWithin15min")
                            ? (e.path("warnedWithin15min").asBoolean() ? "yes" : "no")
                            : "",
                    e.path("records").asInt());
        }
    }

    private static String lag(double minutes) {
        if (minutes < 120) {
            return fmt("%.0f min", minutes);
        }
        return fmt("%.1f h", minutes / 60);
    }

    /** Writes the figures as indented JSON. */
    public static void writeJson(ObjectNode s, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), s);
    }

    // ------------------------------------------------------------------------------ helpers

    static Double median(List<Integer> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Integer> v = new ArrayList<>(values);
        v.sort(null);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2.0;
    }

    private static String localTime(long ms) {
        return Instant.ofEpochMilli(ms).atZone(ZONE).toOffsetDateTime().toString();
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static String join(JsonNode list, Function<JsonNode, String> f, String sep) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(f.apply(n)));
        return String.join(sep, out);
    }
}
