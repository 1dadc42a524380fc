package nl.lvds.pipeline.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

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
