package nl.lvds.models.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import nl.lvds.models.codec.DecodeError.Reason;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.AlertCell;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.Signal;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.models.event.Topic;
import nl.lvds.models.nlp.PiiScrubber;

/**
 * The one JSON codec for the v1 wire contracts (UTF-8). Decoding validates strictly and returns a
 * {@link Decoded} (never throws, never puts record content in an error); encoding writes fields in
 * a fixed order so equal records give equal bytes.
 *
 * <p>Identity fields on incoming records are dropped and counted; {@code authorKey} survives
 * decoding (it is needed in memory for distinct counts) and is written only by {@link
 * #encodeSignal} - the upstream contract the generator imitates - never into any output contract.
 */
public final class LvdsJson {

    /** The only contract version this build understands. */
    public static final int VERSION = 1;

    /** Records larger than this are rejected before parsing (10,000 chars of text plus room). */
    public static final int MAX_RECORD_BYTES = 64 * 1024;

    /** Earliest accepted event time (inclusive). */
    public static final Instant MIN_TS = Instant.parse("2000-01-01T00:00:00Z");

    /** Latest accepted event time (exclusive). A fixed bound keeps decoding deterministic. */
    public static final Instant MAX_TS = Instant.parse("2100-01-01T00:00:00Z");

    /**
     * Field names that identify a person. They are dropped by the decoder, wherever they appear at
     * the top level of a record, and counted.
     */
    public static final Set<String> IDENTITY_FIELDS =
            Set.of(
                    "author",
                    "author_id",
                    "authorid",
                    "author_name",
                    "authorname",
                    "user",
                    "user_id",
                    "userid",
                    "username",
                    "user_name",
                    "screen_name",
                    "screenname",
                    "handle",
                    "name",
                    "full_name",
                    "fullname",
                    "display_name",
                    "displayname",
                    "email",
                    "e-mail",
                    "mail",
                    "phone",
                    "phone_number",
                    "telephone",
                    "tel",
                    "mobile",
                    "profile",
                    "profile_url",
                    "avatar",
                    "ip",
                    "ip_address",
                    "geo",
                    "coordinates",
                    "lat",
                    "lon",
                    "latitude",
                    "longitude",
                    "address",
                    "bsn");

    /**
     * Strict about what follows the object: Jackson by default ignores anything after the first
     * value, so {@code {...}{...}} (two records concatenated by a faulty producer) or {@code {...}
     * some text} decoded as one record and silently lost the rest; it is malformed JSON.
     */
    private static final ObjectMapper MAPPER =
            new ObjectMapper()
                    .enable(
                            com.fasterxml.jackson.databind.DeserializationFeature
                                    .FAIL_ON_TRAILING_TOKENS);

    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private LvdsJson() {}

    // ---------------------------------------------------------------- decoding

    /** Decodes a Signal from UTF-8 bytes. */
    public static Decoded<Signal> decodeSignal(byte[] bytes) {
        return parse(bytes).flatMap(LvdsJson::signalFrom);
    }

    /**
     * Decodes an Incident from UTF-8 bytes. Its free-text fields ({@code summary}, {@code
     * location}) come back with personal data scrubbed ({@link PiiScrubber}: e-mail, phone,
     * handles, URLs, postcode + house number, IBAN, BSN, plates): the dashboard and the briefing
     * show incidents read straight from the input topic, so this is their privacy gate.
     */
    public static Decoded<Incident> decodeIncident(byte[] bytes) {
        return parse(bytes).flatMap(LvdsJson::incidentFrom);
    }

    /** Decodes a TensionIndicator from UTF-8 bytes. */
    public static Decoded<TensionIndicator> decodeIndicator(byte[] bytes) {
        return parse(bytes).flatMap(LvdsJson::indicatorFrom);
    }

    /** Decodes an Alert from UTF-8 bytes. */
    public static Decoded<Alert> decodeAlert(byte[] bytes) {
        return parse(bytes).flatMap(LvdsJson::alertFrom);
    }

    /** Convenience for tests and line-based files. */
    public static Decoded<Signal> decodeSignal(String json) {
        return decodeSignal(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Convenience for tests and line-based files. */
    public static Decoded<Incident> decodeIncident(String json) {
        return decodeIncident(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The parsed JSON object of a record, before contract validation. */
    private record Parsed(ObjectNode node, Decoded.Err<Parsed> err) {
        <T> Decoded<T> flatMap(java.util.function.Function<ObjectNode, Decoded<T>> f) {
            return err != null ? new Decoded.Err<>(err.error()) : f.apply(node);
        }
    }

    private static Parsed parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return failed(Reason.EMPTY_RECORD, null);
        }
        if (bytes.length > MAX_RECORD_BYTES) {
            return failed(Reason.OVERSIZED_RECORD, null);
        }
        String json = Utf8.decodeOrNull(bytes);
        if (json == null) {
            return failed(Reason.INVALID_UTF8, null);
        }
        if (json.isBlank()) {
            return failed(Reason.EMPTY_RECORD, null);
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return failed(Reason.MALFORMED_JSON, null);
        }
        if (node == null || !node.isObject()) {
            return failed(Reason.NOT_AN_OBJECT, null);
        }
        return new Parsed((ObjectNode) node, null);
    }

    private static Parsed failed(Reason reason, String field) {
        return new Parsed(null, new Decoded.Err<>(new DecodeError(reason, field)));
    }

    /** Thrown internally to leave a decoder early; never escapes this class. */
    private static final class Invalid extends Exception {
        final DecodeError error;

        Invalid(Reason reason, String field) {
            super(null, null, false, false);
            this.error = new DecodeError(reason, field);
        }
    }

    private interface Body<T> {
        T read(ObjectNode n) throws Invalid;
    }

    private static <T> Decoded<T> run(ObjectNode n, int dropped, Body<T> body) {
        return run(n, dropped, body, VERSION);
    }

    /** Decodes a contract whose versions 1 to {@code maxVersion} are read. */
    private static <T> Decoded<T> run(ObjectNode n, int dropped, Body<T> body, int maxVersion) {
        try {
            checkVersion(n, maxVersion);
            return new Decoded.Ok<>(body.read(n), dropped);
        } catch (Invalid e) {
            return new Decoded.Err<>(e.error);
        }
    }

    private static Decoded<Signal> signalFrom(ObjectNode n) {
        int dropped = dropIdentityFields(n);
        return run(
                n,
                dropped,
                o -> {
                    String text = requiredString(o, "text");
                    if (text.isBlank()) {
                        throw new Invalid(Reason.EMPTY_TEXT, "text");
                    }
                    if (text.length() > Signal.MAX_TEXT_CHARS) {
                        throw new Invalid(Reason.OVERSIZED_TEXT, "text");
                    }
                    return new Signal(
                            VERSION,
                            requiredId(o, "id"),
                            oneOf(o, "source", Signal.SOURCES),
                            optionalString(o, "platform", 64),
                            requiredTs(o, "ts"),
                            optionalString(o, "lang", 16),
                            text,
                            optionalString(o, "area", 128),
                            optionalString(o, "authorKey", 256));
                });
    }

    private static Decoded<Incident> incidentFrom(ObjectNode n) {
        int dropped = dropIdentityFields(n);
        return run(
                n,
                dropped,
                o -> {
                    int severity = requiredInt(o, "severity");
                    if (severity < 1 || severity > 3) {
                        throw new Invalid(Reason.BAD_VALUE, "severity");
                    }
                    String summary = optionalString(o, "summary", Signal.MAX_TEXT_CHARS + 1);
                    if (summary != null && summary.length() > 2_000) {
                        throw new Invalid(Reason.OVERSIZED_TEXT, "summary");
                    }
                    return new Incident(
                            VERSION,
                            requiredId(o, "id"),
                            oneOf(o, "feed", Incident.FEEDS),
                            requiredTs(o, "ts"),
                            oneOf(o, "type", Incident.TYPES),
                            severity,
                            optionalString(o, "area", 128),
                            scrub(optionalString(o, "location", 256)),
                            scrub(summary));
                });
    }

    /** The scrubber of incident text; its tables are static and {@code scrub} keeps no state. */
    private static final PiiScrubber SCRUBBER = new PiiScrubber();

    private static String scrub(String text) {
        return text == null ? null : SCRUBBER.scrub(text);
    }

    private static Decoded<TensionIndicator> indicatorFrom(ObjectNode o0) {
        return run(o0, 0, LvdsJson::indicatorBody, TensionIndicator.VERSION);
    }

    private static String indicatorTopic(ObjectNode o) throws Invalid {
        String topic = requiredString(o, "topic");
        if (!Topic.isTopic(topic) && !Topic.ALL_TOPICS.equals(topic)) {
            throw new Invalid(Reason.BAD_VALUE, "topic");
        }
        return topic;
    }

    private static TensionIndicator indicatorBody(ObjectNode o) throws Invalid {
        TensionIndicator t =
                new TensionIndicator(
                        o.get("v").intValue(),
                        requiredString(o, "area"),
                        requiredString(o, "district"),
                        indicatorTopic(o),
                        requiredTs(o, "windowStart"),
                        requiredTs(o, "windowEnd"),
                        optionalInt(o, "signals"),
                        optionalInt(o, "stories"),
                        optionalInt(o, "distinctAuthors"),
                        optionalInt(o, "calm"),
                        optionalInt(o, "uneasy"),
                        optionalInt(o, "hostile"),
                        optionalDouble(o, "tensionIndex"),
                        optionalDouble(o, "baselineMean"),
                        optionalDouble(o, "baselineStd"),
                        optionalDouble(o, "zScore"),
                        requiredInt(o, "incidents"),
                        requiredBoolean(o, "suppressed"),
                        requiredString(o, "modelVersion"),
                        optionalInt(o, "hostileStories"),
                        optionalDouble(o, "expected"),
                        optionalDouble(o, "pValue"),
                        optionalDouble(o, "hostileExpected"),
                        optionalDouble(o, "hostilePValue"));
        if (t.tensionIndex() != null && (t.tensionIndex() < 0 || t.tensionIndex() > 100)) {
            throw new Invalid(Reason.BAD_VALUE, "tensionIndex");
        }
        if (t.suppressed()
                && (t.signals() != null
                        || t.stories() != null
                        || t.distinctAuthors() != null
                        || t.calm() != null
                        || t.uneasy() != null
                        || t.hostile() != null
                        || t.tensionIndex() != null
                        || t.zScore() != null
                        || t.hostileStories() != null
                        || t.pValue() != null
                        || t.hostilePValue() != null)) {
            // A suppressed cell that carries counts is a privacy defect upstream: refuse it.
            throw new Invalid(Reason.BAD_VALUE, "suppressed");
        }
        for (Integer count :
                new Integer[] {
                    t.signals(),
                    t.stories(),
                    t.distinctAuthors(),
                    t.calm(),
                    t.uneasy(),
                    t.hostile(),
                    t.hostileStories()
                }) {
            if (count != null && count < 0) {
                throw new Invalid(Reason.BAD_VALUE, "count");
            }
        }
        if (t.incidents() < 0) {
            throw new Invalid(Reason.BAD_VALUE, "incidents");
        }
        return t;
    }

    private static Decoded<Alert> alertFrom(ObjectNode o0) {
        return run(
                o0,
                0,
                o -> {
                    Double tension = optionalDouble(o, "tensionIndex");
                    if (tension == null) {
                        throw new Invalid(Reason.MISSING_FIELD, "tensionIndex");
                    }
                    int v = o.get("v").intValue();
                    String id = requiredId(o, "id");
                    long raisedAt = requiredTs(o, "raisedAt");
                    String area = requiredString(o, "area");
                    String topic = requiredString(o, "topic");
                    String level = oneOf(o, "level", Alert.LEVELS);
                    String rule = requiredString(o, "rule");
                    Double z = optionalDouble(o, "zScore");
                    long windowStart = requiredTs(o, "windowStart");
                    long windowEnd = requiredTs(o, "windowEnd");
                    List<String> incidentIds = stringList(o, "incidentIds");
                    List<String> topTerms = stringList(o, "topTerms");
                    List<String> corroboration = stringList(o, "corroboration");
                    String modelVersion = requiredString(o, "modelVersion");
                    if (v == 1) {
                        return new Alert(
                                v,
                                id,
                                raisedAt,
                                area,
                                topic,
                                level,
                                rule,
                                tension,
                                z,
                                windowStart,
                                windowEnd,
                                incidentIds,
                                topTerms,
                                corroboration,
                                modelVersion);
                    }
                    return new Alert(
                            v,
                            id,
                            raisedAt,
                            area,
                            topic,
                            level,
                            rule,
                            tension,
                            z,
                            windowStart,
                            windowEnd,
                            incidentIds,
                            topTerms,
                            corroboration,
                            modelVersion,
                            requiredString(o, "district"),
                            oneOf(o, "kind", Alert.KINDS),
                            oneOf(o, "status", Alert.STATUSES),
                            requiredInt(o, "update"),
                            requiredTs(o, "openedAt"),
                            alertCells(o),
                            optionalInt(o, "observed"),
                            optionalDouble(o, "expected"),
                            optionalDouble(o, "pValue"),
                            optionalInt(o, "copies"),
                            optionalInt(o, "authors"));
                },
                Alert.VERSION);
    }

    private static List<AlertCell> alertCells(ObjectNode o) throws Invalid {
        JsonNode n = o.get("cells");
        if (n == null || n.isNull()) {
            throw new Invalid(Reason.MISSING_FIELD, "cells");
        }
        if (!n.isArray()) {
            throw new Invalid(Reason.WRONG_TYPE, "cells");
        }
        List<AlertCell> cells = new ArrayList<>(n.size());
        for (JsonNode c : n) {
            if (!(c instanceof ObjectNode co)) {
                throw new Invalid(Reason.WRONG_TYPE, "cells");
            }
            cells.add(
                    new AlertCell(
                            requiredString(co, "area"),
                            requiredString(co, "district"),
                            requiredString(co, "topic"),
                            oneOf(co, "level", Alert.LEVELS),
                            requiredString(co, "rule"),
                            optionalInt(co, "observed"),
                            optionalDouble(co, "expected"),
                            optionalDouble(co, "pValue")));
        }
        return List.copyOf(cells);
    }

    /** Removes identity fields (case-insensitive names) and returns how many were removed. */
    private static int dropIdentityFields(ObjectNode n) {
        int dropped = 0;
        Iterator<String> names = n.fieldNames();
        List<String> toRemove = null;
        while (names.hasNext()) {
            String name = names.next();
            if (IDENTITY_FIELDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                if (toRemove == null) {
                    toRemove = new ArrayList<>(2);
                }
                toRemove.add(name);
            }
        }
        if (toRemove != null) {
            for (String name : toRemove) {
                n.remove(name);
                dropped++;
            }
        }
        return dropped;
    }

    private static void checkVersion(ObjectNode o, int maxVersion) throws Invalid {
        JsonNode v = o.get("v");
        if (v == null || v.isNull()) {
            throw new Invalid(Reason.MISSING_FIELD, "v");
        }
        if (!v.isIntegralNumber()) {
            throw new Invalid(Reason.WRONG_TYPE, "v");
        }
        if (v.asLong() < VERSION || v.asLong() > maxVersion) {
            throw new Invalid(Reason.UNKNOWN_VERSION, "v");
        }
    }

    private static String requiredString(ObjectNode o, String field) throws Invalid {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            throw new Invalid(Reason.MISSING_FIELD, field);
        }
        if (!n.isTextual()) {
            throw new Invalid(Reason.WRONG_TYPE, field);
        }
        return n.textValue();
    }

    private static String requiredId(ObjectNode o, String field) throws Invalid {
        String id = requiredString(o, field);
        if (id.isEmpty() || id.length() > 128) {
            throw new Invalid(Reason.BAD_VALUE, field);
        }
        return id;
    }

    private static String optionalString(ObjectNode o, String field, int maxLength) throws Invalid {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new Invalid(Reason.WRONG_TYPE, field);
        }
        if (n.textValue().length() > maxLength) {
            throw new Invalid(Reason.BAD_VALUE, field);
        }
        return n.textValue();
    }

    private static String oneOf(ObjectNode o, String field, List<String> allowed) throws Invalid {
        String value = requiredString(o, field);
        if (!allowed.contains(value)) {
            throw new Invalid(Reason.BAD_VALUE, field);
        }
        return value;
    }

    private static long requiredTs(ObjectNode o, String field) throws Invalid {
        String text = requiredString(o, field);
        Instant ts;
        try {
            ts = IsoTimestamps.parse(text);
        } catch (DateTimeParseException e) {
            throw new Invalid(Reason.BAD_TIMESTAMP, field);
        }
        if (ts.isBefore(MIN_TS) || !ts.isBefore(MAX_TS)) {
            throw new Invalid(Reason.TIMESTAMP_OUT_OF_RANGE, field);
        }
        return ts.toEpochMilli();
    }

    private static int requiredInt(ObjectNode o, String field) throws Invalid {
        Integer value = optionalInt(o, field);
        if (value == null) {
            throw new Invalid(Reason.MISSING_FIELD, field);
        }
        return value;
    }

    private static Integer optionalInt(ObjectNode o, String field) throws Invalid {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new Invalid(Reason.WRONG_TYPE, field);
        }
        return n.intValue();
    }

    private static Double optionalDouble(ObjectNode o, String field) throws Invalid {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            throw new Invalid(Reason.WRONG_TYPE, field);
        }
        return n.doubleValue();
    }

    private static boolean requiredBoolean(ObjectNode o, String field) throws Invalid {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            throw new Invalid(Reason.MISSING_FIELD, field);
        }
        if (!n.isBoolean()) {
            throw new Invalid(Reason.WRONG_TYPE, field);
        }
        return n.booleanValue();
    }

    private static List<String> stringList(ObjectNode o, String field) throws Invalid {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            throw new Invalid(Reason.MISSING_FIELD, field);
        }
        if (!n.isArray()) {
            throw new Invalid(Reason.WRONG_TYPE, field);
        }
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw new Invalid(Reason.WRONG_TYPE, field);
            }
            out.add(e.textValue());
        }
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- encoding

    /** ISO-8601 UTC text of an epoch-millisecond instant, as written in every contract. */
    public static String isoTime(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    /**
     * Encodes a Signal in the upstream contract (used by the generator that imitates upstream
     * sources; LVDS itself never writes signals to any sink).
     */
    public static byte[] encodeSignal(Signal s) {
        return write(
                g -> {
                    g.writeNumberField("v", VERSION);
                    g.writeStringField("id", s.id());
                    g.writeStringField("source", s.source());
                    writeOptional(g, "platform", s.platform());
                    g.writeStringField("ts", isoTime(s.ts()));
                    writeOptional(g, "lang", s.lang());
                    g.writeStringField("text", s.text());
                    writeOptional(g, "area", s.area());
                    writeOptional(g, "authorKey", s.authorKey());
                });
    }

    /** Encodes an Incident. */
    public static byte[] encodeIncident(Incident i) {
        return write(
                g -> {
                    g.writeNumberField("v", VERSION);
                    g.writeStringField("id", i.id());
                    g.writeStringField("feed", i.feed());
                    g.writeStringField("ts", isoTime(i.ts()));
                    g.writeStringField("type", i.type());
                    g.writeNumberField("severity", i.severity());
                    writeOptional(g, "area", i.area());
                    writeOptional(g, "location", i.location());
                    writeOptional(g, "summary", i.summary());
                });
    }

    /** Encodes a TensionIndicator; a suppressed one is written without any count. */
    public static byte[] encodeIndicator(TensionIndicator t) {
        boolean hide = t.suppressed();
        return write(
                g -> {
                    g.writeNumberField("v", TensionIndicator.VERSION);
                    g.writeStringField("area", t.area());
                    g.writeStringField("district", t.district());
                    g.writeStringField("topic", t.topic());
                    g.writeStringField("windowStart", isoTime(t.windowStart()));
                    g.writeStringField("windowEnd", isoTime(t.windowEnd()));
                    if (!hide) {
                        writeOptional(g, "signals", t.signals());
                        writeOptional(g, "stories", t.stories());
                        writeOptional(g, "distinctAuthors", t.distinctAuthors());
                        writeOptional(g, "calm", t.calm());
                        writeOptional(g, "uneasy", t.uneasy());
                        writeOptional(g, "hostile", t.hostile());
                        writeOptional(g, "tensionIndex", t.tensionIndex());
                    }
                    writeOptional(g, "baselineMean", t.baselineMean());
                    writeOptional(g, "baselineStd", t.baselineStd());
                    if (!hide) {
                        writeOptional(g, "zScore", t.zScore());
                    }
                    g.writeNumberField("incidents", t.incidents());
                    g.writeBooleanField("suppressed", t.suppressed());
                    g.writeStringField("modelVersion", t.modelVersion());
                    if (!hide) {
                        writeOptional(g, "hostileStories", t.hostileStories());
                    }
                    writeOptional(g, "expected", t.expected());
                    writeOptional(g, "hostileExpected", t.hostileExpected());
                    if (!hide) {
                        writeOptional(g, "pValue", t.pValue());
                        writeOptional(g, "hostilePValue", t.hostilePValue());
                    }
                });
    }

    /** Encodes an Alert. */
    public static byte[] encodeAlert(Alert a) {
        return write(
                g -> {
                    g.writeNumberField("v", Alert.VERSION);
                    g.writeStringField("id", a.id());
                    g.writeStringField("raisedAt", isoTime(a.raisedAt()));
                    g.writeStringField("area", a.area());
                    g.writeStringField("topic", a.topic());
                    g.writeStringField("level", a.level());
                    g.writeStringField("rule", a.rule());
                    g.writeNumberField("tensionIndex", a.tensionIndex());
                    writeOptional(g, "zScore", a.zScore());
                    g.writeStringField("windowStart", isoTime(a.windowStart()));
                    g.writeStringField("windowEnd", isoTime(a.windowEnd()));
                    writeList(g, "incidentIds", a.incidentIds());
                    writeList(g, "topTerms", a.topTerms());
                    writeList(g, "corroboration", a.corroboration());
                    g.writeStringField("modelVersion", a.modelVersion());
                    g.writeStringField("district", a.district() == null ? a.area() : a.district());
                    g.writeStringField("kind", a.kind());
                    g.writeStringField("status", a.status());
                    g.writeNumberField("update", a.update());
                    g.writeStringField("openedAt", isoTime(a.openedAt()));
                    g.writeArrayFieldStart("cells");
                    for (AlertCell c : a.cells()) {
                        g.writeStartObject();
                        g.writeStringField("area", c.area());
                        g.writeStringField(
                                "district", c.district() == null ? c.area() : c.district());
                        g.writeStringField("topic", c.topic());
                        g.writeStringField("level", c.level());
                        g.writeStringField("rule", c.rule());
                        writeOptional(g, "observed", c.observed());
                        writeOptional(g, "expected", c.expected());
                        writeOptional(g, "pValue", c.pValue());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    writeOptional(g, "observed", a.observed());
                    writeOptional(g, "expected", a.expected());
                    writeOptional(g, "pValue", a.pValue());
                    writeOptional(g, "copies", a.copies());
                    writeOptional(g, "authors", a.authors());
                });
    }

    /** Encodes any JSON-serialisable value (for side outputs such as dead letters). */
    public static byte[] encodeValue(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared, configured mapper (thread-safe once configured). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Writer w) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            w.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeOptional(JsonGenerator g, String field, String value)
            throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    private static void writeOptional(JsonGenerator g, String field, Integer value)
            throws IOException {
        if (value != null) {
            g.writeNumberField(field, value);
        }
    }

    private static void writeOptional(JsonGenerator g, String field, Double value)
            throws IOException {
        if (value != null) {
            g.writeNumberField(field, value);
        }
    }

    private static void writeList(JsonGenerator g, String field, List<String> values)
            throws IOException {
        g.writeArrayFieldStart(field);
        if (values != null) {
            for (String v : values) {
                g.writeString(v);
            }
        }
        g.writeEndArray();
    }
}
