package nl.lvds.pipeline.functions;

import static nl.lvds.pipeline.functions.TestData.DAY;
import static nl.lvds.pipeline.functions.TestData.HOUR;
import static nl.lvds.pipeline.functions.TestData.T0;
import static nl.lvds.pipeline.functions.TestData.signal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.lvds.models.event.ClassifiedSignal;
import nl.lvds.pipeline.records.CellSignal;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.junit.jupiter.api.Test;

class CellFanOutTest {

    private static List<CellSignal> fan(CellFanOut f, ClassifiedSignal s) {
        List<CellSignal> out = new ArrayList<>();
        f.flatMap(s, new ListCollector<>(out));
        return out;
    }

    @Test
    void shouldCountAWijkSignalInWijkDistrictAndCityForEachTopicAndAll() {
        ClassifiedSignal s =
                signal(
                        "s1",
                        T0,
                        "Tarwewijk",
                        "Charlois",
                        List.of("local-incident", "migration"),
                        2,
                        "ak-1",
                        77L,
                        List.of("explosie", "portiek"));

        List<CellSignal> cells = fan(new CellFanOut(), s);

        assertThat(cells)
                .extracting(CellSignal::cellKey)
                .containsExactly(
                        "Tarwewijk|local-incident",
                        "Tarwewijk|migration",
                        "Tarwewijk|all",
                        "Charlois|local-incident",
                        "Charlois|migration",
                        "Charlois|all",
                        "city|local-incident",
                        "city|migration",
                        "city|all");
        assertThat(cells)
                .extracting(CellSignal::district)
                .containsExactly(
                        "Charlois",
                        "Charlois",
                        "Charlois",
                        "Charlois",
                        "Charlois",
                        "Charlois",
                        "city",
                        "city",
                        "city");
        assertThat(cells)
                .allSatisfy(
                        c -> {
                            assertThat(c.ts()).isEqualTo(T0);
                            assertThat(c.tension()).isEqualTo(2);
                            assertThat(c.source()).isEqualTo("social");
                            assertThat(c.storyHash()).isEqualTo(77L);
                            assertThat(c.topTerms()).containsExactly("explosie", "portiek");
                        });
    }

    @Test
    void shouldCountADistrictOnlySignalInDistrictAndCity() {
        ClassifiedSignal s = signal("s1", T0, null, "Charlois", List.of(), 0, null, 1L, List.of());
        assertThat(fan(new CellFanOut(), s))
                .extracting(CellSignal::cellKey)
                .containsExactly("Charlois|all", "city|all");
    }

    @Test
    void shouldCountASignalWithoutAreaCityWideOnly() {
        ClassifiedSignal s =
                signal(
                        "s1",
                        T0,
                        null,
                        null,
                        List.of("extremism", "extremism"),
                        1,
                        null,
                        1L,
                        List.of());
        assertThat(fan(new CellFanOut(), s))
                .extracting(CellSignal::cellKey)
                .containsExactly("city|extremism", "city|all");
    }

    @Test
    void shouldReplaceTheAuthorKeyByASaltedHashAndNeverPassTheKeyOn() {
        CellFanOut f = new CellFanOut();
        ClassifiedSignal s =
                signal(
                        "s1",
                        T0 + 5 * HOUR,
                        "Tarwewijk",
                        "Charlois",
                        List.of(),
                        0,
                        "ak-secret-123",
                        1L,
                        List.of());

        List<CellSignal> cells = fan(f, s);

        assertThat(cells)
                .allSatisfy(
                        c -> {
                            assertThat(c.authorHash()).isNotZero();
                            assertThat(c.authorEpoch()).isEqualTo(T0);
                            assertThat(c.toString())
                                    .doesNotContain("ak-secret-123")
                                    .doesNotContain("secret");
                        });
        assertThat(cells)
                .extracting(CellSignal::authorHash)
                .containsOnly(cells.get(0).authorHash());
    }

    @Test
    void shouldSaltTheSameAuthorAlikeWithinAPeriodAndDifferentlyAcrossPeriods() {
        CellFanOut daily = new CellFanOut();
        long morning =
                fan(daily, signal("a", T0 + HOUR, null, null, List.of(), 0, "ak-1", 1, List.of()))
                        .get(0)
                        .authorHash();
        long evening =
                fan(
                                daily,
                                signal(
                                        "b",
                                        T0 + 23 * HOUR,
                                        null,
                                        null,
                                        List.of(),
                                        0,
                                        "ak-1",
                                        1,
                                        List.of()))
                        .get(0)
                        .authorHash();
        long nextDay =
                fan(
                                daily,
                                signal(
                                        "c",
                                        T0 + DAY + HOUR,
                                        null,
                                        null,
                                        List.of(),
                                        0,
                                        "ak-1",
                                        1,
                                        List.of()))
                        .get(0)
                        .authorHash();
        assertThat(evening).isEqualTo(morning);
        assertThat(nextDay).isNotEqualTo(morning);

        CellFanOut quarterly = new CellFanOut(Duration.ofMinutes(15));
        long q1 =
                fan(
                                quarterly,
                                signal(
                                        "a",
                                        T0 + 1_000,
                                        null,
                                        null,
                                        List.of(),
                                        0,
                                        "ak-1",
                                        1,
                                        List.of()))
                        .get(0)
                        .authorHash();
        long q2 =
                fan(
                                quarterly,
                                signal(
                                        "b",
                                        T0 + 16 * 60_000,
                                        null,
                                        null,
                                        List.of(),
                                        0,
                                        "ak-1",
                                        1,
                                        List.of()))
                        .get(0)
                        .authorHash();
        assertThat(q2).isNotEqualTo(q1);
    }

    @Test
    void shouldUseZeroForSignalsWithoutAnAuthorKey() {
        for (String key : new String[] {null, ""}) {
            CellSignal c =
                    fan(
                                    new CellFanOut(),
                                    signal("a", T0, null, null, List.of(), 0, key, 1, List.of()))
                            .get(0);
            assertThat(c.authorHash()).isZero();
            assertThat(c.authorEpoch()).isZero();
        }
    }

    @Test
    void shouldRefuseSaltPeriodsThatSplitABucket() {
        assertThatThrownBy(() -> new CellFanOut(Duration.ofMinutes(10)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CellFanOut(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
