package nl.lvds.pipeline.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.lvds.models.event.TensionIndicator;
import nl.lvds.pipeline.records.CellIndicator;
import org.junit.jupiter.api.Test;

class PublishedIndicatorsTest {

    static CellIndicator indicator(String window, long end) {
        TensionIndicator t =
                new TensionIndicator(
                        1,
                        "Tarwewijk",
                        "Charlois",
                        "all",
                        end - 3_600_000L,
                        end,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        0,
                        true,
                        "m");
        return new CellIndicator(t, window, List.of(), List.of(), List.of());
    }

    @Test
    void shouldPublishEveryHourlyButOnlyFullHourDailyIndicators() {
        PublishedIndicators f = new PublishedIndicators();
        long fullHour = 1_709_827_200_000L; // 2024-03-07T16:00Z
        assertThat(f.filter(indicator("1h", fullHour + 15 * 60_000L))).isTrue();
        assertThat(f.filter(indicator("24h", fullHour))).isTrue();
        assertThat(f.filter(indicator("24h", fullHour + 15 * 60_000L))).isFalse();
        assertThat(f.filter(indicator("24h", fullHour + 45 * 60_000L))).isFalse();
    }
}
