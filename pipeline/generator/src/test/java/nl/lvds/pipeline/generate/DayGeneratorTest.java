package nl.lvds.pipeline.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import nl.lvds.models.event.Signal;
import org.junit.jupiter.api.Test;

class DayGeneratorTest {

    private static final ArchiveGenerator GENERATOR = new ArchiveGenerator();
    private static final CityMap CITY = CityMap.load();
    // 6-19 February 2023: two ordinary weeks, no scripted event.
    private static final LocalDate ORDINARY = LocalDate.of(2023, 2, 6);

    @Test
    void shouldBeQuietAtNightAndBusyInTheEvening() {
        List<Signal> day = GENERATOR.dayGenerator(1, 3000).generate(ORDINARY).signals();

        long night = count(day, s -> hour(s) >= 2 && hour(s) < 6);
        long evening = count(day, s -> hour(s) >= 18 && hour(s) < 22);
        assertThat(night * 5).isLessThan(evening);
        assertThat(night).isPositive();
    }

    @Test
    void shouldStartLaterOnWeekendMornings() {
        DayGenerator days = GENERATOR.dayGenerator(1, 3000);
        LocalDate monday = ORDINARY;
        LocalDate sunday = ORDINARY.plusDays(6);
        assertThat(sunday.getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);

        double weekday = share(days.generate(monday).signals(), s -> hour(s) >= 7 && hour(s) < 9);
        double weekend = share(days.generate(sunday).signals(), s -> hour(s) >= 7 && hour(s) < 9);
        assertThat(weekend).isLessThan(0.75 * weekday);
    }

    @Test
    void shouldFollowThePerDayFigureOnAverage() {
        DayGenerator days = GENERATOR.dayGenerator(5, 2000);

        long total = 0;
        for (int i = 0; i < 14; i++) {
            total += days.generate(ORDINARY.plusDays(i)).signals().size();
        }
        assertThat(total / 14.0).isBetween(1900.0, 2100.0);
    }

    @Test
    void shouldGiveTheAreaAsFieldTextOrNotAtAll() {
        List<Signal> day = GENERATOR.dayGenerator(1, 3000).generate(ORDINARY).signals();

        assertThat(day)
                .filteredOn(s -> s.area() != null)
                .allSatisfy(s -> assertThat(CITY.wijk(s.area())).isNotNull());
        double field = share(day, s -> s.area() != null);
        assertThat(field).isBetween(0.45, 0.62);
        List<Signal> noField = day.stream().filter(s -> s.area() == null).toList();
        double namedInText = share(noField, DayGeneratorTest::namesAnArea);
        // ~30% of all posts name the area in the text, i.e. ~60% of those without the field.
        assertThat(namedInText).isBetween(0.45, 0.8);
    }

    @Test
    void shouldMixSourcesAndLanguagesLikeACity() {
        List<Signal> day = GENERATOR.dayGenerator(1, 3000).generate(ORDINARY).signals();

        Map<String, Long> sources =
                day.stream().collect(Collectors.groupingBy(Signal::source, Collectors.counting()));
        assertThat(sources).containsOnlyKeys(Signal.SOURCES);
        assertThat(sources.get("social") / (double) day.size()).isBetween(0.6, 0.8);

        List<Signal> hinted = day.stream().filter(s -> s.lang() != null).toList();
        assertThat(share(hinted, s -> s.lang().equals("nl"))).isBetween(0.65, 0.85);
        assertThat(share(hinted, s -> s.lang().equals("en"))).isBetween(0.15, 0.28);
        assertThat(hinted).anySatisfy(s -> assertThat(s.lang()).isIn("tr", "pl", "es"));
    }

    @Test
    void shouldRotateAuthorKeysDailyWithAProlificMinority() {
        DayGenerator days = GENERATOR.dayGenerator(1, 3000);
        List<Signal> monday = days.generate(ORDINARY).signals();
        List<Signal> tuesday = days.generate(ORDINARY.plusDays(1)).signals();

        Set<String> mondayKeys = keys(monday);
        Set<String> shared = new HashSet<>(mondayKeys);
        shared.retainAll(keys(tuesday));
        assertThat(shared).isEmpty();
        assertThat(mondayKeys).allSatisfy(k -> assertThat(k).matches("ak-[0-9a-f]{12}"));

        Map<String, Integer> perAuthor = new HashMap<>();
        monday.stream()
                .filter(s -> s.authorKey() != null)
                .forEach(s -> perAuthor.merge(s.authorKey(), 1, Integer::sum));
        int[] counts = perAuthor.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        int top = Math.max(1, counts.length / 20);
        int byTop = Arrays.stream(counts, counts.length - top, counts.length).sum();
        assertThat(byTop / (double) Arrays.stream(counts).sum()).isGreaterThan(0.2);
    }

    @Test
    void shouldEmitNearDuplicateBurstsFromDistinctAuthorKeys() {
        DayGenerator days = GENERATOR.dayGenerator(1, 3000);
        List<Signal> signals = new ArrayList<>();
        int bursts = 0;
        for (int i = 0; i < 3; i++) {
            DayGenerator.DayBatch b = days.generate(LocalDate.of(2023, 10, 8).plusDays(i));
            signals.addAll(b.signals());
            bursts += b.stats().bursts();
        }
        assertThat(bursts).isPositive();

        Map<String, List<Signal>> byShape =
                signals.stream().collect(Collectors.groupingBy(DayGeneratorTest::shape));
        List<Signal> cluster =
                byShape.values().stream()
                        .map(DayGeneratorTest::densestFifteenMinutes)
                        .max((a, b) -> Integer.compare(a.size(), b.size()))
                        .orElseThrow();
        assertThat(cluster).hasSizeGreaterThanOrEqualTo(20);
        assertThat(keys(cluster)).hasSize(cluster.size());
        Set<String> variants = cluster.stream().map(Signal::text).collect(Collectors.toSet());
        assertThat(variants).hasSizeGreaterThan(1); // near-duplicates, not only exact copies
        assertThat(variants.size()).isLessThan(cluster.size()); // and exact copies too
    }

    @Test
    void shouldVaryTextsSoCopiesAreNotTrivial() {
        List<Signal> day = GENERATOR.dayGenerator(1, 3000).generate(ORDINARY).signals();

        long distinct = day.stream().map(Signal::text).distinct().count();
        assertThat(distinct / (double) day.size()).isGreaterThan(0.75);
    }

    private static int hour(Signal s) {
        return Instant.ofEpochMilli(s.ts()).atZone(DayGenerator.ZONE).getHour();
    }

    private static boolean namesAnArea(Signal s) {
        String t = s.text().toLowerCase(Locale.ROOT);
        for (CityMap.Wijk w : CITY.wijken()) {
            if (t.contains(w.name().toLowerCase(Locale.ROOT))
                    || t.contains(w.tag().toLowerCase(Locale.ROOT))
                    || t.contains(w.gebied().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** The message without case, punctuation, emoji and the small words bursts add or drop. */
    private static String shape(Signal s) {
        List<String> words =
                Arrays.stream(s.text().toLowerCase(Locale.ROOT).split("[^\\p{L}]+"))
                        .filter(w -> !w.isEmpty() && !w.equals("rt") && !w.equals("echt"))
                        .limit(7)
                        .toList();
        return String.join(" ", words);
    }

    private static List<Signal> densestFifteenMinutes(List<Signal> group) {
        List<Signal> sorted = new ArrayList<>(group);
        sorted.sort((a, b) -> Long.compare(a.ts(), b.ts()));
        List<Signal> best = List.of();
        int lo = 0;
        for (int hi = 0; hi < sorted.size(); hi++) {
            while (sorted.get(hi).ts() - sorted.get(lo).ts() > 15 * 60_000) {
                lo++;
            }
            if (hi - lo + 1 > best.size()) {
                best = sorted.subList(lo, hi + 1);
            }
        }
        return best;
    }

    private static Set<String> keys(List<Signal> signals) {
        return signals.stream()
                .map(Signal::authorKey)
                .filter(k -> k != null)
                .collect(Collectors.toSet());
    }

    private static double share(List<Signal> signals, Predicate<Signal> p) {
        return count(signals, p) / (double) signals.size();
    }

    private static long count(List<Signal> signals, Predicate<Signal> p) {
        return signals.stream().filter(p).count();
    }
}
