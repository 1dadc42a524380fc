package nl.lvds.pipeline.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import nl.lvds.models.config.AlertLevel;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.AlertCell;
import nl.lvds.models.event.TensionIndicator;

/**
 * Turns the cells flagged at each evaluation into one alert per event, as Prometheus Alertmanager
 * groups and inhibits: a flagged cell joins an open group of the same kind when their topics meet
 * (the same topic, or either is {@code all}) and their places meet (the same district, or either
 * side holds the city), and the group was flagged within the gap; otherwise it opens a new group. A
 * group is written when it is raised, when its level rises, when a district (not the city) joins it
 * at warning or above, and when it closes (the gap passed without a related flag). A pure function
 * of (state, time, flags), with no Flink in it: the same flags in the same order give the same
 * groups, ids and records, live or in review.
 */
public final class AlertGrouper {

    private static final String ALL = "all";

    private final long gapMs;
    private final long coordinatedGapMs;

    /** A grouper whose groups (of either kind) close after {@code gap} without a related flag. */
    public AlertGrouper(Duration gap) {
        this(gap, gap);
    }

    /**
     * A grouper whose event groups close after {@code gap} without a related flag, and whose
     * coordinated groups (copy-paste bursts, which last minutes) after {@code coordinatedGap}.
     */
    public AlertGrouper(Duration gap, Duration coordinatedGap) {
        this.gapMs = gap.toMillis();
        this.coordinatedGapMs = coordinatedGap.toMillis();
        if (gapMs <= 0 || coordinatedGapMs <= 0) {
            throw new IllegalArgumentException(
                    "gaps must be positive, were " + gap + " and " + coordinatedGap);
        }
    }

    /** The gap after which a group of {@code kind} closes, in ms. */
    public long gapMs(String kind) {
        return Alert.Kind.COORDINATED.equals(kind) ? coordinatedGapMs : gapMs;
    }

    /**
     * One open group.
     *
     * @param id lasting id
     * @param kind event or coordinated
     * @param openedAt time of the first record
     * @param lastSeen time the group was last flagged
     * @param level the highest level reached
     * @param written the level of the last record written
     * @param update the last update number written (-1 before the first)
     * @param lead the most significant cell flag (what the group's records lead with)
     * @param cells the cell flags, by area|topic|rule, the most significant of each
     * @param districts districts taking part, sorted
     * @param topics topics taking part, sorted
     * @param incidentIds linked incidents, sorted
     * @param corroboration source types that agree, sorted
     */
    public record Group(
            String id,
            String kind,
            long openedAt,
            long lastSeen,
            String level,
            String written,
            int update,
            Alert lead,
            Map<String, AlertCell> cells,
            List<String> districts,
            List<String> topics,
            List<String> incidentIds,
            List<String> corroboration) {

        boolean hasCity() {
            return districts.contains(TensionIndicator.CITY);
        }
    }

    /** The open groups, oldest first. */
    public record State(List<Group> open) {

        /** No group open. */
        public static State empty() {
            return new State(List.of());
        }

        /** Copies the list. */
        public State {
            open = open == null ? List.of() : List.copyOf(open);
        }
    }

    /** What a step leaves: the next state and the records to write, in order. */
    public record Step(State state, List<Alert> records) {}

    /**
     * The flags of one evaluation (all with {@code raisedAt == time}): first closes the groups
     * whose gap has passed before {@code time}, then files each flag, most significant first.
     */
    public Step step(State state, long time, List<Alert> flags) {
        List<Alert> out = new ArrayList<>();
        List<Group> open = new ArrayList<>(closeBefore(state.open(), time, out));
        List<Alert> sorted = new ArrayList<>(flags);
        sorted.sort(SIGNIFICANCE);
        List<Integer> touched = new ArrayList<>();
        Map<Integer, List<String>> districtsBefore = new LinkedHashMap<>();
        for (Alert flag : sorted) {
            int at = find(open, flag, time);
            if (at < 0) {
                open.add(open(flag, time));
                at = open.size() - 1;
            } else {
                districtsBefore.putIfAbsent(at, open.get(at).districts());
                open.set(at, join(open.get(at), flag, time));
            }
            if (!touched.contains(at)) {
                touched.add(at);
            }
        }
        touched.sort(Comparator.naturalOrder());
        for (int i : touched) {
            Group g = open.get(i);
            String status = null;
            if (g.update() < 0) {
                status = Alert.Status.RAISED;
            } else if (AlertLevel.of(g.level()).above(AlertLevel.of(g.written()))) {
                status = Alert.Status.ESCALATED;
            } else if (AlertLevel.of(g.level()) != AlertLevel.WATCH
                    && newDistrict(districtsBefore.getOrDefault(i, g.districts()), g)) {
                status = Alert.Status.UPDATED;
            }
            if (status != null) {
                Group next = written(g);
                open.set(i, next);
                out.add(record(next, status, time));
            }
        }
        return new Step(new State(open), out);
    }

    /**
     * Whether a district (not the city: a city cell echoes what the districts show) joined the
     * group: a new place is news; a more surprising cell in a place already listed, or the city
     * joining, is not worth a message of its own.
     */
    private static boolean newDistrict(List<String> before, Group g) {
        for (String d : g.districts()) {
            if (!TensionIndicator.CITY.equals(d) && !before.contains(d)) {
                return true;
            }
        }
        return false;
    }

    /** Closes the groups whose gap has passed at {@code time} (nothing else changes). */
    public Step close(State state, long time) {
        List<Alert> out = new ArrayList<>();
        List<Group> open = closeBefore(state.open(), time, out);
        return new Step(new State(open), out);
    }

    /** Orders flags: smallest p-value first, then most copies, then by cell and rule. */
    static final Comparator<Alert> SIGNIFICANCE =
            Comparator.comparing((Alert a) -> a.pValue() == null ? 2.0 : a.pValue())
                    .thenComparing(a -> a.copies() == null ? 0 : -a.copies())
                    .thenComparing(a -> -AlertLevel.of(a.level()).ordinal())
                    .thenComparing(Alert::area)
                    .thenComparing(Alert::topic)
                    .thenComparing(Alert::rule);

    /**
     * Closes groups whose last flag is at least a gap before {@code time} (inclusive), in closing
     * order.
     */
    private List<Group> closeBefore(List<Group> groups, long time, List<Alert> out) {
        List<Group> kept = new ArrayList<>();
        List<Group> closing = new ArrayList<>();
        for (Group g : groups) {
            if (g.lastSeen() + gapMs(g.kind()) <= time) {
                closing.add(g);
            } else {
                kept.add(g);
            }
        }
        closing.sort(
                Comparator.comparingLong((Group g) -> g.lastSeen() + gapMs(g.kind()))
                        .thenComparing(Group::id));
        for (Group g : closing) {
            Group last = written(g);
            out.add(record(last, Alert.Status.CLOSED, g.lastSeen() + gapMs(g.kind())));
        }
        return kept;
    }

    /** The open group a flag joins: the most recently flagged related one, or -1. */
    private int find(List<Group> open, Alert flag, long time) {
        int best = -1;
        for (int i = 0; i < open.size(); i++) {
            Group g = open.get(i);
            if (!g.kind().equals(flag.kind()) || time - g.lastSeen() >= gapMs(g.kind())) {
                continue;
            }
            boolean topics =
                    ALL.equals(flag.topic())
                            || g.topics().contains(flag.topic())
                            || g.topics().contains(ALL);
            boolean places =
                    g.districts().contains(district(flag))
                            || TensionIndicator.CITY.equals(flag.area())
                            || g.hasCity();
            if (topics && places && (best < 0 || g.lastSeen() > open.get(best).lastSeen())) {
                best = i;
            }
        }
        return best;
    }

    private Group open(Alert flag, long time) {
        Map<String, AlertCell> cells = new LinkedHashMap<>();
        addCell(cells, flag);
        return new Group(
                groupId(flag.kind(), flag.area(), flag.topic(), time),
                flag.kind(),
                time,
                time,
                flag.level(),
                flag.level(),
                -1,
                flag,
                cells,
                List.of(district(flag)),
                List.of(flag.topic()),
                sortedUnion(List.of(), flag.incidentIds()),
                sortedUnion(List.of(), flag.corroboration()));
    }

    private static Group join(Group g, Alert flag, long time) {
        Map<String, AlertCell> cells = new LinkedHashMap<>(g.cells());
        addCell(cells, flag);
        String level =
                AlertLevel.of(flag.level()).above(AlertLevel.of(g.level()))
                        ? flag.level()
                        : g.level();
        Alert lead = SIGNIFICANCE.compare(flag, g.lead()) < 0 ? flag : g.lead();
        return new Group(
                g.id(),
                g.kind(),
                g.openedAt(),
                time,
                level,
                g.written(),
                g.update(),
                lead,
                cells,
                sortedUnion(g.districts(), List.of(district(flag))),
                sortedUnion(g.topics(), List.of(flag.topic())),
                sortedUnion(g.incidentIds(), flag.incidentIds()),
                sortedUnion(g.corroboration(), flag.corroboration()));
    }

    private static void addCell(Map<String, AlertCell> cells, Alert flag) {
        AlertCell cell = flag.cells().get(0);
        String key = flag.area() + "|" + flag.topic() + "|" + flag.rule();
        AlertCell old = cells.get(key);
        if (old == null
                || AlertLevel.of(cell.level()).above(AlertLevel.of(old.level()))
                || (cell.level().equals(old.level()) && p(cell.pValue()) < p(old.pValue()))) {
            cells.put(key, cell);
        }
    }

    private static double p(Double p) {
        return p == null ? 2.0 : p;
    }

    private static Group written(Group g) {
        return new Group(
                g.id(),
                g.kind(),
                g.openedAt(),
                g.lastSeen(),
                g.level(),
                g.level(),
                g.update() + 1,
                g.lead(),
                g.cells(),
                g.districts(),
                g.topics(),
                g.incidentIds(),
                g.corroboration());
    }

    private static Alert record(Group g, String status, long time) {
        Alert l = g.lead();
        List<AlertCell> cells = new ArrayList<>(g.cells().values());
        cells.sort(
                Comparator.comparing((AlertCell c) -> -AlertLevel.of(c.level()).ordinal())
                        .thenComparing(c -> p(c.pValue()))
                        .thenComparing(AlertCell::area)
                        .thenComparing(AlertCell::topic)
                        .thenComparing(AlertCell::rule));
        return new Alert(
                Alert.VERSION,
                g.id(),
                time,
                l.area(),
                l.topic(),
                g.level(),
                l.rule(),
                l.tensionIndex(),
                l.zScore(),
                l.windowStart(),
                l.windowEnd(),
                g.incidentIds(),
                l.topTerms(),
                g.corroboration(),
                l.modelVersion(),
                district(l),
                g.kind(),
                status,
                g.update(),
                g.openedAt(),
                List.copyOf(cells),
                l.observed(),
                l.expected(),
                l.pValue(),
                l.copies(),
                l.authors());
    }

    private static String district(Alert a) {
        return a.district() == null ? a.area() : a.district();
    }

    private static List<String> sortedUnion(List<String> a, List<String> b) {
        TreeSet<String> s = new TreeSet<>(a);
        if (b != null) {
            s.addAll(b);
        }
        return List.copyOf(s);
    }

    /** The group id: the first 128 bits of SHA-256 over kind, first cell and time, in hex. */
    static String groupId(String kind, String area, String topic, long time) {
        String material = String.join("\u001f", "group", kind, area, topic, Long.toString(time));
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(material.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
