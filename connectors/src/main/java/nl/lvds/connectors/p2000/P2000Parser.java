package nl.lvds.connectors.p2000;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import nl.lvds.models.area.AreaGazetteer;
import nl.lvds.models.area.AreaMatch;
import nl.lvds.models.codec.DecodeError;
import nl.lvds.models.codec.DecodeError.Reason;
import nl.lvds.models.codec.Decoded;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.Incident;

/**
 * Parses raw P2000 pager lines (e.g. {@code A1 BDH-01 Explosie Schammenkamp Rotterdam 173131}) into
 * {@link Incident}s of feed {@code p2000}, with the area resolved by the gazetteer; thread-safe and
 * stateless.
 *
 * <p>A line is: an optional timestamp (ISO-8601 with offset, or {@code yyyy-MM-dd HH:mm[:ss]} /
 * {@code yyyy-MM-ddTHH:mm[:ss]} read as Europe/Amsterdam local time; without it the caller's time
 * is used), an optional priority ({@code A1}, {@code A2}, {@code B1}, {@code B2}, {@code P 1},
 * {@code P1}, {@code Prio 1}, ...), then unit codes ({@code BDH-01}), discipline words, the
 * incident keyword with its qualifiers ({@code Middelbrand (Gebouw)}, {@code Brand wegvervoer}),
 * the street or place, the city and trailing capcodes. Capcodes (6-7 digits), ride numbers (5
 * digits), postcodes and the city's pager abbreviation are dropped.
 *
 * <p>Rules, in the order they apply:
 *
 * <ul>
 *   <li><b>type</b>: keyword tables below; when a line has several, the most severe kind wins
 *       (explosion, shooting, stabbing, riot, threat, fire, vandalism, demonstration). A line with
 *       a priority or discipline but no keyword is {@code other}. A line with neither priority,
 *       discipline nor keyword, or a test/proefalarm message, is {@link
 *       Reason#UNPARSEABLE_FEED_LINE}; so is a line without any time.
 *   <li><b>discipline</b>: an explicit word (Ambulance, Politie, Brandweer, ...) wins; else an
 *       {@code A}/{@code B} priority means ambulance; else a unit code means brandweer; else fire
 *       and explosion mean brandweer and the violence/public-order types mean politie.
 *   <li><b>severity</b>: {@code A1}/{@code P 1} → 3, {@code A2}/{@code P 2} → 2, otherwise 1.
 *   <li><b>location</b>: the words after the header tokens (priority, units, discipline, keyword,
 *       parenthesised qualifiers and lower-case words right after them) up to the city name.
 *   <li><b>area</b>: only for Rotterdam (a line naming another city gets none; a line naming no
 *       city is tried): {@code resolve(location)}, then {@code match(location)}, then the city
 *       itself when it is a Rotterdam gebied (Hoogvliet, Pernis, ...), then {@code match} over the
 *       words after the priority; the wijk when known, else the gebied.
 *   <li><b>id</b>: {@code p2000-} and 16 hex digits of SHA-256 over time and normalised content, so
 *       the same message at the same time always gets the same id (pager networks repeat a message
 *       for each capcode; that gives one id).
 * </ul>
 */
public final class P2000Parser {

    /** Lines longer than this are not pager messages. */
    public static final int MAX_LINE_CHARS = 1024;

    /** The time zone of timestamps written without offset. */
    public static final ZoneId LOCAL_ZONE = ZoneId.of("Europe/Amsterdam");

    private static final Pattern ISO_PREFIX = Pattern.compile("\\d{4}-\\d{2}-\\d{2}([T ].*)?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?");
    private static final Pattern AMBU_PRIORITY = Pattern.compile("(?i)(A[12]|B[12]?)");
    private static final Pattern P_PRIORITY = Pattern.compile("(?i)(P|PRIO)([1-5])");
    private static final Pattern UNIT = Pattern.compile("[A-Z]{2,5}-\\d{1,3}");
    private static final Pattern CAPCODE = Pattern.compile("\\d{5,7}");
    private static final Pattern POSTCODE = Pattern.compile("\\d{4}[A-Z]{2}");
    private static final Pattern FOUR_DIGITS = Pattern.compile("\\d{4}");
    private static final Pattern TWO_CAPS = Pattern.compile("[A-Z]{2}");

    /** Type keywords (lower case, exact token); checked before the suffix rules. */
    private static final Map<String, String> KEYWORDS =
            Map.ofEntries(
                    Map.entry("explosie", "explosion"),
                    Map.entry("ontploffing", "explosion"),
                    Map.entry("explosies", "explosion"),
                    Map.entry("schietpartij", "shooting"),
                    Map.entry("schietincident", "shooting"),
                    Map.entry("schoten", "shooting"),
                    Map.entry("beschieting", "shooting"),
                    Map.entry("steekpartij", "stabbing"),
                    Map.entry("steekincident", "stabbing"),
                    Map.entry("steekwond", "stabbing"),
                    Map.entry("rellen", "riot"),
                    Map.entry("rel", "riot"),
                    Map.entry("ongeregeldheden", "riot"),
                    Map.entry("vechtpartij", "riot"),
                    Map.entry("opstootje", "riot"),
                    Map.entry("vandalisme", "vandalism"),
                    Map.entry("vernieling", "vandalism"),
                    Map.entry("vernielingen", "vandalism"),
                    Map.entry("dreiging", "threat"),
                    Map.entry("bommelding", "threat"),
                    Map.entry("bedreiging", "threat"),
                    Map.entry("bommeldingen", "threat"),
                    Map.entry("verdacht pakket", "threat"),
                    Map.entry("demonstratie", "demonstration"),
                    Map.entry("betoging", "demonstration"));

    /** Fire words other than the {@code *brand} compounds. */
    private static final Set<String> FIRE_WORDS = Set.of("brand", "brandje", "vuurwerkbrand");

    /** Words ending in "brand" that are not a fire. */
    private static final Set<String> NOT_FIRE = Set.of("brandmelding", "brandgerucht");

    /** Kinds in decreasing severity: the first one found on a line wins. */
    private static final List<String> PRECEDENCE =
            List.of(
                    "explosion",
                    "shooting",
                    "stabbing",
                    "riot",
                    "threat",
                    "fire",
                    "vandalism",
                    "demonstration");

    private static final Map<String, String> DISCIPLINE_WORDS =
            Map.ofEntries(
                    Map.entry("ambulance", "ambulance"),
                    Map.entry("ambu", "ambulance"),
                    Map.entry("mmt", "ambulance"),
                    Map.entry("traumaheli", "ambulance"),
                    Map.entry("lifeliner", "ambulance"),
                    Map.entry("politie", "politie"),
                    Map.entry("pol", "politie"),
                    Map.entry("brandweer", "brandweer"),
                    Map.entry("brw", "brandweer"));

    private static final Set<String> TEST_WORDS =
            Set.of("test", "testoproep", "testbericht", "proefalarm", "proefoproep", "testpage");

    /** Cities of the Rotterdam-Rijnmond pager region (lower case, possibly several words). */
    private static final List<String> CITIES =
            List.of(
                    "capelle aan den ijssel",
                    "krimpen aan den ijssel",
                    "hoek van holland",
                    "rotterdam",
                    "rotterdam-albrandswaard",
                    "schiedam",
                    "vlaardingen",
                    "maassluis",
                    "barendrecht",
                    "ridderkerk",
                    "albrandswaard",
                    "rhoon",
                    "poortugaal",
                    "spijkenisse",
                    "nissewaard",
                    "hellevoetsluis",
                    "brielle",
                    "westvoorne",
                    "lansingerland",
                    "bergschenhoek",
                    "berkel en rodenrijs",
                    "bleiswijk",
                    "zuidplas",
                    "nieuwerkerk aan den ijssel",
                    "capelle",
                    "krimpen",
                    "hoogvliet",
                    "pernis",
                    "rozenburg",
                    "dordrecht",
                    "delft");

    /** Pager abbreviations of city names that follow the city and carry nothing. */
    private static final Set<String> CITY_ABBREVIATIONS =
            Set.of("rottdm", "rotdam", "rdam", "sch", "schdam", "vlaard", "bon", "rit");

    private final AreaGazetteer gazetteer;

    /** A parser with the bundled Rotterdam gazetteer. */
    public P2000Parser() {
        this(AreaGazetteer.rotterdam());
    }

    /** A parser with the given gazetteer. */
    public P2000Parser(AreaGazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /** Parses a line that starts with its own timestamp. */
    public Decoded<Incident> parse(String line) {
        return parse(line, null);
    }

    /**
     * Parses a line; {@code fallbackTime} (may be null) is used when the line carries no timestamp,
     * e.g. the Kafka record time.
     */
    public Decoded<Incident> parse(String line, Instant fallbackTime) {
        return parseMessage(line, fallbackTime).map(P2000Parser::toIncident);
    }

    /** The incident of a parsed message. */
    public static Incident toIncident(P2000Message m) {
        return new Incident(
                LvdsJson.VERSION,
                idOf(m.ts(), m.content()),
                "p2000",
                m.ts(),
                m.type(),
                m.severity(),
                m.area(),
                m.location(),
                summaryOf(m));
    }

    /** Parses a line into its parts; see the class comment for the rules. */
    public Decoded<P2000Message> parseMessage(String line, Instant fallbackTime) {
        if (line == null || line.isBlank()) {
            return err(Reason.EMPTY_RECORD, null);
        }
        if (line.length() > MAX_LINE_CHARS) {
            return err(Reason.OVERSIZED_RECORD, null);
        }
        String[] tokens = line.strip().split("\\s+");
        int i = 0;

        // 1. time
        Instant ts = null;
        if (ISO_PREFIX.matcher(tokens[0]).matches()) {
            int used = 1;
            try {
                if (tokens[0].indexOf('T') > 0) {
                    ts = parseIsoToken(tokens[0]);
                } else if (tokens.length > 1 && TIME.matcher(tokens[1]).matches()) {
                    ts =
                            LocalDateTime.of(LocalDate.parse(tokens[0]), LocalTime.parse(tokens[1]))
                                    .atZone(LOCAL_ZONE)
                                    .toInstant();
                    used = 2;
                } else if (DATE.matcher(tokens[0]).matches()) {
                    return err(Reason.BAD_TIMESTAMP, "ts"); // a date alone: no time of day
                }
            } catch (DateTimeParseException e) {
                return err(Reason.BAD_TIMESTAMP, "ts");
            }
            i = used;
        }
        if (ts == null) {
            ts = fallbackTime;
        }
        if (ts == null) {
            return err(Reason.UNPARSEABLE_FEED_LINE, "ts");
        }
        if (ts.isBefore(LvdsJson.MIN_TS) || !ts.isBefore(LvdsJson.MAX_TS)) {
            return err(Reason.TIMESTAMP_OUT_OF_RANGE, "ts");
        }

        // 2. drop capcodes, ride numbers and postcodes; they are not content
        List<String> words = new ArrayList<>(tokens.length);
        for (int k = i; k < tokens.length; k++) {
            String t = tokens[k];
            if (CAPCODE.matcher(t).matches() || POSTCODE.matcher(t).matches()) {
                continue;
            }
            if (FOUR_DIGITS.matcher(t).matches()
                    && k + 1 < tokens.length
                    && TWO_CAPS.matcher(tokens[k + 1]).matches()) {
                k++; // "3083 AB"
                continue;
            }
            words.add(t);
        }
        if (words.isEmpty()) {
            return err(Reason.UNPARSEABLE_FEED_LINE, null);
        }
        for (String w : words) {
            if (TEST_WORDS.contains(norm(w))) {
                return err(Reason.UNPARSEABLE_FEED_LINE, null);
            }
        }

        // 3. priority
        int w = 0;
        String priority = null;
        String first = words.get(0);
        var pm = P_PRIORITY.matcher(first);
        if (AMBU_PRIORITY.matcher(first).matches()) {
            priority = first.toUpperCase(Locale.ROOT);
            w = 1;
        } else if (pm.matches()) {
            priority = "P " + pm.group(2);
            w = 1;
        } else if ((first.equalsIgnoreCase("P") || first.equalsIgnoreCase("Prio"))
                && words.size() > 1
                && words.get(1).matches("[1-5]")) {
            priority = "P " + words.get(1);
            w = 2;
        }

        // 4. header tokens, type keyword and discipline
        String explicitDiscipline = null;
        boolean unitCode = false;
        String type = null;
        String keyword = null;
        int locationStart = -1;
        boolean afterKeyword = false;
        boolean inParens = false;
        for (int k = w; k < words.size(); k++) {
            String t = words.get(k);
            String n = norm(t);
            boolean header = false;
            if (inParens || t.startsWith("(")) {
                inParens = !t.endsWith(")");
                header = true;
            } else if (UNIT.matcher(t).matches()) {
                unitCode = true;
                header = true;
            } else if (DISCIPLINE_WORDS.containsKey(n)) {
                if (explicitDiscipline == null) {
                    explicitDiscipline = DISCIPLINE_WORDS.get(n);
                }
                header = true;
            } else {
                String kind = kindOf(n, k + 1 < words.size() ? norm(words.get(k + 1)) : null);
                if (kind != null) {
                    if (type == null || PRECEDENCE.indexOf(kind) < PRECEDENCE.indexOf(type)) {
                        type = kind;
                        keyword = n;
                    }
                    header = true;
                    afterKeyword = true;
                } else if (afterKeyword && locationStart < 0 && isLowerWord(t)) {
                    header = true; // "Brand wegvervoer", "Schoten gehoord"
                } else if (t.equals("-") || t.equals(":") || t.matches("\\d{1,2}")) {
                    header = locationStart < 0;
                }
            }
            if (!header && locationStart < 0) {
                locationStart = k;
            }
        }
        if (priority == null && explicitDiscipline == null && type == null) {
            return err(Reason.UNPARSEABLE_FEED_LINE, null);
        }
        String discipline = explicitDiscipline;
        if (discipline == null && priority != null && priority.charAt(0) != 'P') {
            discipline = "ambulance";
        }
        if (discipline == null && unitCode) {
            discipline = "brandweer";
        }
        if (discipline == null && type != null) {
            discipline =
                    switch (type) {
                        case "fire", "explosion" -> "brandweer";
                        case "shooting",
                                "stabbing",
                                "riot",
                                "threat",
                                "vandalism",
                                "demonstration" ->
                                "politie";
                        default -> null;
                    };
        }
        if (type == null) {
            type = "other";
        }

        // 5. location and city
        String location = null;
        String city = null;
        if (locationStart >= 0) {
            List<String> loc = new ArrayList<>();
            int k = locationStart;
            while (k < words.size()) {
                int cityLen = cityLen(words, k);
                if (cityLen > 0) {
                    city = String.join(" ", words.subList(k, k + cityLen));
                    break;
                }
                String t = words.get(k);
                if (kindOf(norm(t), null) == null && !DISCIPLINE_WORDS.containsKey(norm(t))) {
                    loc.add(t);
                }
                k++;
            }
            if (loc.isEmpty() && city != null) {
                // "A2 Rotterdam Dordtselaan": the street after the city
                for (int j = k + cityLen(words, k); j < words.size(); j++) {
                    String t = words.get(j);
                    if (CITY_ABBREVIATIONS.contains(norm(t))
                            || t.matches("\\d+")
                            || kindOf(norm(t), null) != null) {
                        break;
                    }
                    loc.add(t);
                }
            }
            if (!loc.isEmpty()) {
                location = String.join(" ", loc);
            }
        }

        String area = areaOf(location, city, words.subList(w, words.size()));
        String content =
                String.join(" ", java.util.Arrays.asList(tokens).subList(i, tokens.length));
        return new Decoded.Ok<>(
                new P2000Message(
                        ts.toEpochMilli(),
                        priority,
                        discipline,
                        type,
                        keyword,
                        severityOf(priority),
                        location,
                        city,
                        area,
                        content),
                0);
    }

    private String areaOf(String location, String city, List<String> body) {
        boolean rotterdam = city == null || city.equalsIgnoreCase("rotterdam");
        Optional<AreaMatch> m = Optional.empty();
        if (city != null && !rotterdam) {
            // Another municipality, or a Rotterdam gebied written as the city (Hoogvliet, Pernis).
            Optional<AreaMatch> asGebied = gazetteer.resolve(city);
            if (asGebied.isEmpty()) {
                return null;
            }
            if (location != null) {
                m = gazetteer.resolve(location);
            }
            return nameOf(
                    m.filter(x -> x.district().equals(asGebied.get().district()))
                            .orElse(asGebied.get()));
        }
        if (location != null) {
            m = gazetteer.resolve(location);
            if (m.isEmpty()) {
                m = gazetteer.match(location);
            }
        }
        if (m.isEmpty()) {
            m = gazetteer.match(String.join(" ", body));
        }
        return m.map(P2000Parser::nameOf).orElse(null);
    }

    private static String nameOf(AreaMatch m) {
        return m.neighbourhood() != null ? m.neighbourhood() : m.district();
    }

    /** The incident kind of a token (and the next one, for two-word keywords), or null. */
    private static String kindOf(String n, String next) {
        if (n.isEmpty()) {
            return null;
        }
        String kind = KEYWORDS.get(n);
        if (kind == null && next != null) {
            kind = KEYWORDS.get(n + " " + next);
        }
        if (kind != null) {
            return kind;
        }
        if (FIRE_WORDS.contains(n) || n.endsWith("brand") && !NOT_FIRE.contains(n)) {
            return "fire";
        }
        return null;
    }

    /** The number of words of a city name starting at {@code k}, or 0. */
    private static int cityLen(List<String> words, int k) {
        int best = 0;
        for (String c : CITIES) {
            String[] parts = c.split(" ");
            if (k + parts.length > words.size() || parts.length <= best) {
                continue;
            }
            boolean all = true;
            for (int j = 0; j < parts.length && all; j++) {
                all = norm(words.get(k + j)).equals(parts[j]);
            }
            if (all) {
                best = parts.length;
            }
        }
        return best;
    }

    private static int severityOf(String priority) {
        if (priority == null) {
            return 1;
        }
        return switch (priority) {
            case "A1", "P 1" -> 3;
            case "A2", "P 2" -> 2;
            default -> 1;
        };
    }

    private static boolean isLowerWord(String t) {
        return !t.isEmpty() && Character.isLowerCase(t.charAt(0));
    }

    /** Lower case without surrounding punctuation. */
    private static String norm(String t) {
        int from = 0;
        int to = t.length();
        while (from < to && !Character.isLetterOrDigit(t.charAt(from))) {
            from++;
        }
        while (to > from && !Character.isLetterOrDigit(t.charAt(to - 1))) {
            to--;
        }
        return t.substring(from, to).toLowerCase(Locale.ROOT);
    }

    private static Instant parseIsoToken(String t) {
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(t).atZone(LOCAL_ZONE).toInstant();
        }
    }

    /** A short summary built only from recognised parts (never free text from the line). */
    private static String summaryOf(P2000Message m) {
        StringBuilder sb = new StringBuilder();
        if (m.priority() != null) {
            sb.append(m.priority());
        }
        if (m.discipline() != null) {
            sb.append(sb.isEmpty() ? "" : " ").append(m.discipline());
        }
        if (m.keyword() != null) {
            sb.append(sb.isEmpty() ? "" : " ").append(m.keyword());
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    /** The deterministic id of a message: time and normalised content. */
    static String idOf(long ts, String content) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] h = sha.digest((ts + "|" + content).getBytes(StandardCharsets.UTF_8));
            return "p2000-" + HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JDK", e);
        }
    }

    private static <T> Decoded<T> err(Reason reason, String field) {
        return new Decoded.Err<>(new DecodeError(reason, field));
    }
}
