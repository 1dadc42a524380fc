package nl.lvds.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.lvds.models.event.TensionIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetIndicatorsTest {

    static TensionIndicator published(String area, String topic, long end, int signals) {
        return new TensionIndicator(
                2,
                area,
                "Noord",
                topic,
                end - 3_600_000L,
                end,
                signals,
                signals - 1,
                signals,
                signals - 3,
                2,
                1,
                41.5,
                3.25,
                1.5,
                2.17,
                1,
                false,
                "m-1",
                1,
                4.5,
                0.0123,
                null,
                null);
    }

    @Test
    void shouldReadBackWhatItWroteIncludingNulls(@TempDir Path dir) {
        List<TensionIndicator> in = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            in.add(
                    published(
                            i % 2 == 0 ? "Noord" : "Bergpolder",
                            "hate",
                            1_704_067_200_000L + i * 900_000L,
                            10 + i % 50));
        }
        in.add(
                new TensionIndicator(
                        2,
                        "city",
                        "city",
                        "all",
                        0L,
                        86_400_000L,
                        12,
                        null,
                        null,
                        4,
                        4,
                        4,
                        10.0,
                        null,
                        null,
                        null,
                        0,
                        false,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
        Path file = dir.resolve(ParquetIndicators.FILE);
        try (ParquetIndicators.Writer w =
                new ParquetIndicators.Writer(file, Map.of("lvds.outputFormat", "2"))) {
            in.forEach(w::write);
            assertThat(w.rows()).isEqualTo(in.size());
        }
        List<TensionIndicator> out = new ArrayList<>();
        try (ParquetIndicators.Reader r = new ParquetIndicators.Reader(file)) {
            for (TensionIndicator t = r.next(); t != null; t = r.next()) {
                out.add(t);
            }
        }
        assertThat(out).isEqualTo(in);
    }

    @Test
    void shouldRefuseSuppressedIndicators(@TempDir Path dir) {
        TensionIndicator s =
                new TensionIndicator(
                        2,
                        "Noord",
                        "Noord",
                        "hate",
                        0L,
                        3_600_000L,
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
                        "m-1");
        try (ParquetIndicators.Writer w =
                new ParquetIndicators.Writer(dir.resolve("x.parquet"), Map.of())) {
            assertThatThrownBy(() -> w.write(s)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
