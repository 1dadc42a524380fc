package nl.lvds.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SortedPartsTest {

    @Test
    void shouldMergePartsByKeyThroughSpilledRunsAndDropTheKeys(@TempDir Path dir) throws Exception {
        Random r = new Random(7);
        List<String> expected = new ArrayList<>();
        for (int part = 0; part < 3; part++) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                String key = String.format("%08d|%d", r.nextInt(1_000_000), part * 10_000 + i);
                lines.add(key + "\t{\"k\":\"" + key + "\"}");
                expected.add(key);
            }
            Files.write(dir.resolve("indicators-" + part + ".part"), lines);
        }
        Files.write(dir.resolve("alerts-0.part"), List.of("zzz\t{}"));
        expected.sort(null);

        List<String> out = new ArrayList<>();
        long n = SortedParts.forEachSorted(dir, "indicators", out::add, 128); // 24 runs
        assertThat(n).isEqualTo(3_000);
        assertThat(out).hasSize(3_000);
        assertThat(out).isEqualTo(expected.stream().map(k -> "{\"k\":\"" + k + "\"}").toList());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("run files are removed")
                    .noneMatch(f -> f.contains(".run"));
        }
    }

    @Test
    void shouldSortInMemoryWhenSmall(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("alerts-1.part"), List.of("b\tB", "a\tA"));
        Files.write(dir.resolve("alerts-0.part"), List.of("c\tC"));
        List<String> out = new ArrayList<>();
        SortedParts.forEachSorted(dir, "alerts", out::add);
        assertThat(out).containsExactly("A", "B", "C");
    }
}
