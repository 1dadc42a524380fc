package nl.lvds.pipeline.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import nl.lvds.connectors.deadletter.DeadLetter;
import nl.lvds.connectors.deadletter.DeadLetters;
import nl.lvds.connectors.inbound.InboundIncident;
import nl.lvds.connectors.inbound.InboundSignal;
import nl.lvds.connectors.kafka.JsonDeserializer;
import nl.lvds.connectors.kafka.P2000Deserializer;
import nl.lvds.models.codec.Decoded;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.Signal;
import nl.lvds.pipeline.generate.BadRecords.Bad;
import nl.lvds.pipeline.generate.BadRecords.Kind;
import nl.lvds.pipeline.generate.BadRecords.Target;
import org.junit.jupiter.api.Test;

class BadRecordsTest {

    static final long FROM = Instant.parse("2024-03-06T00:00:00Z").toEpochMilli();
    static final long TO = Instant.parse("2024-03-08T00:00:00Z").toEpochMilli();

    /** The Kafka record time the records are sent at: now. */
    static final long SENT = System.currentTimeMillis();

    static final P2000Deserializer P2000 = new P2000Deserializer();

    /** What the job's Kafka decoders make of a record: its dead letter, or null when valid. */
    static DeadLetter decode(Bad b, long offset) {
        return switch (b.target()) {
            case SIGNALS -> {
                InboundSignal in =
                        JsonDeserializer.signals().decode(b.value(), "s", 0, offset, SENT);
                yield in.deadLetter();
            }
            case INCIDENTS -> {
                InboundIncident in =
                        JsonDeserializer.incidents().decode(b.value(), "i", 0, offset, SENT);
                yield in.deadLetter();
            }
            case P2000 ->
                    P2000.decode(b.value(), Instant.ofEpochMilli(SENT), "p", 0, offset)
                            .deadLetter();
        };
    }

    static void assertNoCanary(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        for (String m : BadRecords.CANARY_MARKERS) {
            assertThat(lower).as("canary %s in %s", m, s).doesNotContain(m);
        }
    }

    @Test
    void shouldGiveEveryKindTheReasonTheDecodersGive() {
        BadRecords gen = new BadRecords(7, FROM, TO);
        int checked = 0;
        for (Target t : Target.values()) {
            for (Kind k : BadRecords.kinds(t)) {
                Set<String> variants = new HashSet<>();
                for (int i = 0; i < 300; i++) {
                    Bad b = gen.next(t, k);
                    assertThat(b.target()).isEqualTo(t);
                    assertThat(b.kind()).isEqualTo(k);
                    DeadLetter d = decode(b, i);
                    if (k == Kind.LATE_EVENT) {
                        // valid to the decoder: the window stage dead-letters it as late
                        assertThat(d).as("%s %s is valid to the decoder", t, k).isNull();
                        assertThat(b.reason()).isEqualTo(BadRecords.LATE_EVENT_REASON);
                        Signal s = LvdsJson.decodeSignal(b.value()).orThrow();
                        assertThat(s.ts())
                                .isLessThan(Instant.parse("2020-01-01T00:00:00Z").toEpochMilli());
                        variants.add(b.reason());
                        continue;
                    }
                    assertThat(d).as("%s %s: %s", t, k, printable(b)).isNotNull();
                    assertThat(d.reason())
                            .as("%s %s: %s", t, k, printable(b))
                            .isEqualTo(b.reason());
                    variants.add(d.reason() + "/" + d.field());
                    String dl = new String(DeadLetters.encode(d), StandardCharsets.UTF_8);
                    assertNoCanary(dl);
                    if (k == Kind.IDENTITY_FIELDS) {
                        assertThat(d.excerpt()).contains("<dropped>");
                    }
                    checked++;
                }
                assertThat(variants).as("%s %s", t, k).isNotEmpty();
            }
        }
        assertThat(checked).isGreaterThan(15_000);
    }

    @Test
    void shouldMixAllKindsDeterministicallyBySeed() {
        BadRecords a = new BadRecords(42, FROM, TO);
        BadRecords b = new BadRecords(42, FROM, TO);
        BadRecords c = new BadRecords(43, FROM, TO);
        Map<Target, Set<Kind>> seen = new EnumMap<>(Target.class);
        int differs = 0;
        long signals = 0;
        for (int i = 0; i < 20_000; i++) {
            Bad x = a.next();
            Bad y = b.next();
            assertThat(y.kind()).isEqualTo(x.kind());
            assertThat(y.value()).isEqualTo(x.value());
            if (!java.util.Arrays.equals(x.value(), c.next().value())) {
                differs++;
            }
            seen.computeIfAbsent(x.target(), t -> EnumSet.noneOf(Kind.class)).add(x.kind());
            signals += x.target() == Target.SIGNALS ? 1 : 0;
            DeadLetter d = decode(x, i);
            assertThat(d == null)
                    .as("%s %s: %s", x.target(), x.kind(), printable(x))
                    .isEqualTo(x.kind() == Kind.LATE_EVENT);
            if (d != null) {
                assertThat(d.reason()).isEqualTo(x.reason());
            }
        }
        for (Target t : Target.values()) {
            assertThat(seen.get(t))
                    .as("%s", t)
                    .containsExactlyInAnyOrderElementsOf(BadRecords.kinds(t));
        }
        assertThat(signals).isBetween(13_000L, 15_000L);
        assertThat(differs).isGreaterThan(19_000);
    }

    @Test
    void shouldDecorateValidSignalsWithEveryIdentityFieldWithoutChangingThem() throws Exception {
        BadRecords gen = new BadRecords(5, FROM, TO);
        DayGenerator days = new ArchiveGenerator().dayGenerator(3, 300);
        Set<String> fields = new HashSet<>();
        for (Signal s : days.generate(java.time.LocalDate.of(2024, 3, 6)).signals()) {
            BadRecords.Decorated d = gen.withIdentityFields(s);
            Decoded<Signal> back = LvdsJson.decodeSignal(d.value());
            assertThat(back.orThrow()).isEqualTo(s);
            assertThat(((Decoded.Ok<Signal>) back).droppedIdentityFields())
                    .isEqualTo(d.identityFields());
            assertThat(JsonDeserializer.signals().decode(d.value(), "s", 0, 0, SENT).signal())
                    .isEqualTo(s);
            @SuppressWarnings("unchecked")
            Map<String, Object> m =
                    new com.fasterxml.jackson.databind.ObjectMapper()
                            .readValue(d.value(), Map.class);
            m.keySet().stream()
                    .map(k -> k.toLowerCase(Locale.ROOT))
                    .filter(LvdsJson.IDENTITY_FIELDS::contains)
                    .forEach(fields::add);
        }
        assertThat(fields).containsExactlyInAnyOrderElementsOf(LvdsJson.IDENTITY_FIELDS);
    }

    static String printable(Bad b) {
        if (b.value() == null) {
            return "<null>";
        }
        String s = new String(b.value(), StandardCharsets.UTF_8);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
