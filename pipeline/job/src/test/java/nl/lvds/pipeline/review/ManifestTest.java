package nl.lvds.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

    @Test
    void builtInConfigIsHashedAsTheShippedFile() throws Exception {
        // A review without --config records the hash of the built-in config: it must be the bytes
        // of
        // config/lvds.yaml (the models jar ships a byte-identical copy), not of an empty array.
        byte[] shipped = Files.readAllBytes(Path.of("../../config/lvds.yaml"));
        assertThat(Review.defaultConfigBytes()).isNotEmpty().isEqualTo(shipped);
        assertThat(Manifest.sha256(Review.defaultConfigBytes()))
                .isEqualTo(Manifest.sha256(shipped));
    }

    @Test
    void shouldHashAFileByStreamingItAsItsBytesWouldHash(@TempDir Path dir) throws Exception {
        byte[] bytes = "a".repeat(200_000).getBytes(StandardCharsets.UTF_8);
        Path f = dir.resolve("x");
        Files.write(f, bytes);
        assertThat(Manifest.sha256(f)).isEqualTo(Manifest.sha256(bytes));
        assertThat(Manifest.sha256("abc".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
