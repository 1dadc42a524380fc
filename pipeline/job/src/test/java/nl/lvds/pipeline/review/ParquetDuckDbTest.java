package nl.lvds.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.lvds.models.event.TensionIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DuckDB reads {@code indicators.parquet} as it is, with the documented column types. */
class ParquetDuckDbTest {

    @Test
    void shouldBeReadableByDuckDbWithTheDocumentedTypes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(ParquetIndicators.FILE);
        List<TensionIndicator> in = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            in.add(
                    ParquetIndicatorsTest.published(
                            i % 3 == 0 ? "Noord" : "Charlois",
                            "hate",
                            1_709_827_200_000L + i * 900_000L,
                            10 + i));
        }
        try (ParquetIndicators.Writer w =
                new ParquetIndicators.Writer(file, Map.of("lvds.outputFormat", "2"))) {
            in.forEach(w::write);
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            Map<String, String> types = new LinkedHashMap<>();
            try (ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM '" + file + "'")) {
                while (r.next()) {
                    types.put(r.getString(1), r.getString(2));
                }
            }
            assertThat(types.keySet())
                    .containsExactlyElementsOf(
                            ParquetIndicators.SCHEMA.getFields().stream()
                                    .map(f -> f.getName())
                                    .toList());
            assertThat(types)
                    .containsEntry("area", "VARCHAR")
                    .containsEntry("signals", "INTEGER")
                    .containsEntry("tensionIndex", "DOUBLE")
                    .containsEntry("windowEnd", "TIMESTAMP WITH TIME ZONE");
            try (ResultSet r =
                    s.executeQuery(
                            "SELECT count(*), sum(signals), count(DISTINCT area),"
                                    + " epoch_ms(min(windowEnd)), count(hostileExpected)"
                                    + " FROM '"
                                    + file
                                    + "' WHERE \"window\" = '1h'")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getLong(1)).isEqualTo(300);
                assertThat(r.getLong(2))
                        .isEqualTo(in.stream().mapToLong(TensionIndicator::signals).sum());
                assertThat(r.getLong(3)).isEqualTo(2);
                assertThat(r.getLong(4)).isEqualTo(1_709_827_200_000L);
                assertThat(r.getLong(5)).isZero();
            }
        }
    }
}
