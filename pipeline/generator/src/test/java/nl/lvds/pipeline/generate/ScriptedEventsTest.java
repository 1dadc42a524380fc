package nl.lvds.pipeline.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import nl.lvds.models.event.Incident;
import nl.lvds.models.event.Signal;
import nl.lvds.models.event.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptedEventsTest {

    private static final ArchiveGenerator GENERATOR = new ArchiveGenerator();
    private static final Pattern MIDDLE_EAST =
            Pattern.compile(
                    "gaza|israël|israel|palestin|hamas|gijzelaar|hostage|zionist|7 oktober|october 7"
                            + "|midden-oosten|middle east|westelijke jordaanoever|west bank");

    @TempDir Path tmp;

    @Test
    void shouldSpikeTarwewijkAfterTheSchammenkampExplosionOf7March2024() {
        LocalDate before = LocalDate.of(2024, 3, 6);
        LocalDate day = LocalDate.of(2024, 3, 7);
        ArchiveFiles.generate(tmp, before, day, 1500, 1, 2);

        List<Signal> quiet = ArchiveFiles.signals(tmp, before);
        List<Signal> spike = ArchiveFiles.signals(tmp, day);
        double shareBefore = share(quiet, ScriptedEventsTest::aboutTarwewijk);
        double shareOnDay = share(spike, ScriptedEventsTest::aboutTarwewijk);
        assertThat(shareOnDay).isGreaterThan(0.10).isGreaterThan(5 * shareBefore);

        long explosion =
                LocalDateTime.of(2024, 3, 7, 17, 31)
                        .atZone(DayGenerator.ZONE)
                        .toInstant()
                        .toEpochMilli();
        assertThat(ArchiveFiles.incidents(tmp, day))
                .anySatisfy(
                        i -> {
                            assertThat(i.feed()).isEqualTo("p2000");
                            assertThat(i.type()).isEqualTo("explosion");
                            assertThat(i.severity()).isEqualTo(3);
                            assertThat(i.area()).isEqualTo("Tarwewijk");
                            assertThat(i.location()).isEqualTo("Schammenkamp");
                            assertThat(i.summary())
                                    .isEqualTo("Explosie Schammenkamp Rotterdam (synthetisch)");
                            assertThat(i.ts()).isEqualTo(explosion);
                        });
        long mentionsAfter =
                spike.stream()
                        .filter(s -> s.ts() >= explosion && s.text().contains("Schammenkamp"))
                        .count();
        long mentionsBefore =
                spike.stream()
                        .filter(s -> s.ts() < explosion && s.text().contains("Schammenkamp"))
                        .count();
        assertThat(mentionsAfter).isGreaterThan(100).isGreaterThan(10 * mentionsBefore);
    }

    @Test
    void shouldSurgeMiddleEastPostsFrom7October2023AndDecayByDecember() {
        DayGenerator days = GENERATOR.dayGenerator(1, 2000);

        DayGenerator.DayBatch calm = days.generate(LocalDate.of(2023, 10, 6));
        DayGenerator.DayBatch surge = days.generate(LocalDate.of(2023, 10, 9));
        DayGenerator.DayBatch december = days.generate(LocalDate.of(2023, 12, 20));

        double before = share(calm.signals(), ScriptedEventsTest::aboutMiddleEast);
        double during = share(surge.signals(), ScriptedEventsTest::aboutMiddleEast);
        double later = share(december.signals(), ScriptedEventsTest::aboutMiddleEast);
        assertThat(during).isGreaterThan(4 * before).isGreaterThan(0.15);
        assertThat(later).isLessThan(during / 3);
        assertThat(surge.signals().size()).isGreaterThan(calm.signals().size());
        // The discrimination echo (antisemitism and islamophobia) rises with it.
        assertThat(surge.stats().byTopic().get(Topic.DISCRIMINATION))
                .isGreaterThan(2 * calm.stats().byTopic().get(Topic.DISCRIMINATION));
        assertThat(surge.stats().events()).contains("me-escalation-2023");
    }

    @Test
    void shouldRecordWeekendDemonstrationsInTheCentreInOctober2023() {
        DayGenerator days = GENERATOR.dayGenerator(1, 500);

        List<Incident> saturday = days.generate(LocalDate.of(2023, 10, 14)).incidents();
        List<Incident> nextSaturday = days.generate(LocalDate.of(2023, 10, 21)).incidents();

        assertThat(saturday)
                .anySatisfy(
                        i -> {
                            assertThat(i.feed()).isEqualTo("demonstration");
                            assertThat(i.type()).isEqualTo("demonstration");
                            assertThat(i.area()).isEqualTo("Stadsdriehoek");
                            assertThat(i.location()).isEqualTo("Binnenrotte");
                        });
        assertThat(nextSaturday).anySatisfy(i -> assertThat(i.location()).isEqualTo("Coolsingel"));
    }

    @Test
    void shouldPostTopiclessFootballBanterAroundDeKuipOnDerbyDay() {
        DayGenerator days = GENERATOR.dayGenerator(1, 2000);

        DayGenerator.DayBatch dayBefore = days.generate(LocalDate.of(2024, 4, 6));
        DayGenerator.DayBatch derby = days.generate(LocalDate.of(2024, 4, 7));

        long kuipBefore = count(dayBefore.signals(), s -> s.text().contains("Kuip"));
        long kuipOnDerby = count(derby.signals(), s -> s.text().contains("Kuip"));
        assertThat(kuipOnDerby).isGreaterThan(100).isGreaterThan(5 * Math.max(1, kuipBefore));
        assertThat(derby.signals()).anySatisfy(s -> assertThat(s.text()).contains("Ajax"));
        // Banter is no topic: outside copy-paste bursts, the derby adds no topical posts.
        assertThat(topicalOutsideBursts(derby)).isLessThan(1.3 * topicalOutsideBursts(dayBefore));
    }

    @Test
    void shouldConcentrateTheAzcDebateInNesselandeInSeptember2024() {
        DayGenerator days = GENERATOR.dayGenerator(1, 2000);

        DayGenerator.DayBatch weekBefore = days.generate(LocalDate.of(2024, 9, 3));
        DayGenerator.DayBatch debate = days.generate(LocalDate.of(2024, 9, 10));

        double before = share(weekBefore.signals(), s -> "Nesselande".equals(s.area()));
        double during = share(debate.signals(), s -> "Nesselande".equals(s.area()));
        assertThat(during).isGreaterThan(2 * before);
        assertThat(debate.stats().byTopic().get(Topic.MIGRATION))
                .isGreaterThan(weekBefore.stats().byTopic().get(Topic.MIGRATION));
        assertThat(debate.incidents())
                .anySatisfy(
                        i -> {
                            assertThat(i.type()).isEqualTo("demonstration");
                            assertThat(i.area()).isEqualTo("Nesselande");
                        });
    }

    @Test
    void shouldRecordOtherLocalIncidentsWithALocalEcho() {
        DayGenerator days = GENERATOR.dayGenerator(1, 1000);

        DayGenerator.DayBatch shootingNight = days.generate(LocalDate.of(2023, 8, 19));
        DayGenerator.DayBatch dayAfter = days.generate(LocalDate.of(2023, 8, 20));

        assertThat(shootingNight.incidents())
                .anySatisfy(
                        i -> {
                            assertThat(i.type()).isEqualTo("shooting");
                            assertThat(i.area()).isEqualTo("Spangen");
                            assertThat(i.severity()).isEqualTo(3);
                        });
        assertThat(count(dayAfter.signals(), s -> s.text().contains("Spaanse Bocht")))
                .isGreaterThan(20);
        assertThat(days.generate(LocalDate.of(2024, 1, 1)).incidents())
                .anySatisfy(i -> assertThat(i.type()).isEqualTo("riot"));
    }

    private static double topicalOutsideBursts(DayGenerator.DayBatch day) {
        int none = day.stats().byTopic().get(DayGenerator.NO_TOPIC);
        return day.signals().size() - none - day.stats().burstSignals();
    }

    private static boolean aboutTarwewijk(Signal s) {
        return "Tarwewijk".equals(s.area())
                || s.text().contains("Tarwewijk")
                || s.text().contains("Schammenkamp");
    }

    private static boolean aboutMiddleEast(Signal s) {
        return MIDDLE_EAST.matcher(s.text().toLowerCase(Locale.ROOT)).find();
    }

    private static double share(List<Signal> signals, java.util.function.Predicate<Signal> p) {
        return count(signals, p) / (double) signals.size();
    }

    private static long count(List<Signal> signals, java.util.function.Predicate<Signal> p) {
        return signals.stream().filter(p).count();
    }
}
