package nl.lvds.pipeline.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import nl.lvds.models.event.Alert;
import nl.lvds.models.event.AlertCell;
import org.junit.jupiter.api.Test;

class AlertGrouperTest {

    static final long T = Cells.T0;
    static final long Q = 15 * 60_000L;
    final AlertGrouper grouper = new AlertGrouper(Duration.ofHours(2));

    static Alert flag(
            String area, String district, String topic, String level, double p, long time) {
        return flag(area, district, topic, level, p, time, Alert.Kind.EVENT);
    }

    static Alert flag(
            String area,
            String district,
            String topic,
            String level,
            double p,
            long time,
            String kind) {
        String rule = Alert.Kind.COORDINATED.equals(kind) ? "coordinated" : "volume";
        return new Alert(
                Alert.VERSION,
                area + topic + time,
                time,
                area,
                topic,
                level,
                rule,
                50.0,
                null,
                time - 4 * Q,
                time,
                List.of(),
                List.of("explosie"),
                List.of("social"),
                "m",
                district,
                kind,
                Alert.Status.RAISED,
                0,
                time,
                List.of(new AlertCell(area, district, topic, level, rule, 40, 4.0, p)),
                40,
                4.0,
                p,
                null,
                null);
    }

    @Test
    void shouldRaiseOneGroupForTheCellsOfOneEventThenEscalateAndClose() {
        AlertGrouper.Step first =
                grouper.step(
                        AlertGrouper.State.empty(),
                        T,
                        List.of(
                                flag("city", "city", "all", "watch", 1e-5, T),
                                flag(
                                        "Tarwewijk",
                                        "Charlois",
                                        "local-incident",
                                        "warning",
                                        1e-12,
                                        T),
                                flag("Charlois", "Charlois", "all", "warning", 1e-9, T)));
        assertThat(first.records())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.status()).isEqualTo(Alert.Status.RAISED);
                            assertThat(a.update()).isZero();
                            assertThat(a.level()).isEqualTo("warning");
                            assertThat(a.area())
                                    .isEqualTo("Tarwewijk"); // the most surprising cell leads
                            assertThat(a.cells())
                                    .extracting(AlertCell::area)
                                    .containsExactly("Tarwewijk", "Charlois", "city");
                        });
        String id = first.records().get(0).id();

        AlertGrouper.Step same =
                grouper.step(
                        first.state(),
                        T + Q,
                        List.of(flag("Charlois", "Charlois", "all", "warning", 1e-8, T + Q)));
        assertThat(same.records()).isEmpty(); // nothing new to say: no record

        AlertGrouper.Step up =
                grouper.step(
                        same.state(),
                        T + 2 * Q,
                        List.of(
                                flag(
                                        "Tarwewijk",
                                        "Charlois",
                                        "local-incident",
                                        "critical",
                                        1e-20,
                                        T + 2 * Q)));
        assertThat(up.records())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.id()).isEqualTo(id);
                            assertThat(a.status()).isEqualTo(Alert.Status.ESCALATED);
                            assertThat(a.update()).isEqualTo(1);
                            assertThat(a.level()).isEqualTo("critical");
                        });

        assertThat(
                        grouper.close(up.state(), T + 2 * Q + Duration.ofHours(2).toMillis() - 1)
                                .records())
                .isEmpty();
        AlertGrouper.Step closed =
                grouper.close(up.state(), T + 2 * Q + Duration.ofHours(2).toMillis());
        assertThat(closed.records())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.id()).isEqualTo(id);
                            assertThat(a.status()).isEqualTo(Alert.Status.CLOSED);
                            assertThat(a.update()).isEqualTo(2);
                            assertThat(a.raisedAt())
                                    .isEqualTo(T + 2 * Q + Duration.ofHours(2).toMillis());
                        });
        assertThat(closed.state().open()).isEmpty();
    }

    @Test
    void shouldKeepUnrelatedPlacesAndTopicsApart() {
        AlertGrouper.Step s =
                grouper.step(
                        AlertGrouper.State.empty(),
                        T,
                        List.of(
                                flag("Spangen", "Delfshaven", "local-incident", "warning", 1e-9, T),
                                flag("Ommoord", "Prins Alexander", "migration", "watch", 1e-4, T)));
        assertThat(s.records()).hasSize(2);
        assertThat(s.records()).extracting(Alert::id).doesNotHaveDuplicates();
        assertThat(s.state().open()).hasSize(2);
    }

    @Test
    void shouldNeverMixACopyPasteBurstIntoAnEventGroup() {
        AlertGrouper.Step s =
                grouper.step(
                        AlertGrouper.State.empty(),
                        T,
                        List.of(
                                flag("Tarwewijk", "Charlois", "all", "warning", 1e-9, T),
                                flag(
                                        "Tarwewijk",
                                        "Charlois",
                                        "all",
                                        "watch",
                                        1.0,
                                        T,
                                        Alert.Kind.COORDINATED)));
        assertThat(s.records())
                .extracting(Alert::kind)
                .containsExactlyInAnyOrder(Alert.Kind.EVENT, Alert.Kind.COORDINATED);
    }

    @Test
    void shouldOpenANewGroupAfterTheGap() {
        AlertGrouper.Step a =
                grouper.step(
                        AlertGrouper.State.empty(),
                        T,
                        List.of(flag("Charlois", "Charlois", "all", "warning", 1e-9, T)));
        long later = T + Duration.ofHours(3).toMillis();
        AlertGrouper.Step b =
                grouper.step(
                        a.state(),
                        later,
                        List.of(flag("Charlois", "Charlois", "all", "warning", 1e-9, later)));
        assertThat(b.records())
                .extracting(Alert::status)
                .containsExactly(Alert.Status.CLOSED, Alert.Status.RAISED);
        assertThat(b.records().get(1).id()).isNotEqualTo(a.records().get(0).id());
    }

    @Test
    void shouldGiveTheSameIdsForTheSameFlags() {
        List<Alert> flags = List.of(flag("Charlois", "Charlois", "all", "warning", 1e-9, T));
        assertThat(grouper.step(AlertGrouper.State.empty(), T, flags).records())
                .isEqualTo(grouper.step(AlertGrouper.State.empty(), T, flags).records());
    }
}
