package nl.lvds.pipeline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.lvds.pipeline.generate.ArchiveGenerator;
import nl.lvds.pipeline.generate.DayGenerator;
import org.junit.jupiter.api.Test;

/** How the live stream orders a day and splits history from live records. */
class LiveStreamTest {

    static final DayGenerator DAYS = new ArchiveGenerator().dayGenerator(7, 2_000);
    static final LocalDate EVENT_DAY = LocalDate.of(2024, 3, 7);

    @Test
    void shouldMergeADayInEventTimeOrderWithEverySignalAndIncident() {
        DayGenerator.DayBatch batch = DAYS.generate(EVENT_DAY);
        List<LiveStream.Item> items = LiveStream.items(batch);
        assertThat(items).hasSize(batch.signals().size() + batch.incidents().size());
        assertThat(items).isSortedAccordingTo((a, b) -> Long.compare(a.ts(), b.ts()));
        assertThat(items.stream().filter(LiveStream.Item::incident).count())
                .isEqualTo(batch.incidents().size());
        // the explosion's P2000 incident is on this day, and everything is labelled synthetic
        assertThat(items)
                .filteredOn(LiveStream.Item::incident)
                .anySatisfy(
                        i ->
                                assertThat(new String(i.value(), StandardCharsets.UTF_8))
                                        .contains("syn-schammenkamp-20240307-explosion"));
        assertThat(items)
                .filteredOn(i -> !i.incident())
                .allSatisfy(
                        i ->
                                assertThat(new String(i.value(), StandardCharsets.UTF_8))
                                        .contains("\"synthetic\""));
    }

    @Test
    void shouldSplitHistoryFromLiveAtTheStartInstant() {
        List<LiveStream.Item> items = LiveStream.items(DAYS.generate(EVENT_DAY));
        Instant event = Demo.scriptedEventStart(DAYS.scenario());
        assertThat(event).isEqualTo(Instant.parse("2024-03-07T16:31:00Z"));
        long start = event.minusSeconds(45 * 60).toEpochMilli();
        int split = LiveStream.firstAtOrAfter(items, start);
        assertThat(split).isBetween(1, items.size() - 1);
        assertThat(items.subList(0, split)).allSatisfy(i -> assertThat(i.ts()).isLessThan(start));
        assertThat(items.subList(split, items.size()))
                .allSatisfy(i -> assertThat(i.ts()).isGreaterThanOrEqualTo(start));
        // the burst after the explosion is live, not history
        long afterEvent =
                items.subList(split, items.size()).stream()
                        .filter(i -> i.ts() >= event.toEpochMilli())
                        .filter(i -> i.ts() < event.plusSeconds(3600).toEpochMilli())
                        .count();
        long hourBefore =
                items.stream()
                        .filter(i -> i.ts() >= event.minusSeconds(3600).toEpochMilli())
                        .filter(i -> i.ts() < event.toEpochMilli())
                        .count();
        assertThat(afterEvent).isGreaterThan(3 * hourBefore);
        assertThat(LiveStream.firstAtOrAfter(items, Long.MIN_VALUE)).isZero();
        assertThat(LiveStream.firstAtOrAfter(items, Long.MAX_VALUE)).isEqualTo(items.size());
    }

    @Test
    void shouldRefuseAHistoryThatStartsAfterTheLivePhase() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                new LiveStream.Options(
                                        EVENT_DAY.plusDays(1),
                                        Instant.parse("2024-03-07T16:00:00Z"),
                                        60))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
