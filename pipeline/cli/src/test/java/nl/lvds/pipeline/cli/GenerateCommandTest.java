package nl.lvds.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {

    @TempDir Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = new CommandLine(new GenerateCommand());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void shouldWriteAnArchiveAndPrintTheRate() {
        int code =
                run(
                        "--from",
                        "2024-03-06",
                        "--to",
                        "2024-03-07",
                        "--per-day",
                        "200",
                        "--out",
                        tmp.toString(),
                        "--seed",
                        "3",
                        "--threads",
                        "2",
                        "--no-progress");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("SYNTHETIC archive").contains("signals/s");
        assertThat(tmp.resolve("archive.json")).exists();
        assertThat(tmp.resolve("signals/2024-03-07.jsonl.gz")).exists();
        assertThat(tmp.resolve("incidents/2024-03-06.jsonl.gz")).exists();
    }

    @Test
    void shouldRefuseAnExistingArchiveWithoutForce() throws Exception {
        String[] args = {
            "--from",
            "2024-03-06",
            "--to",
            "2024-03-06",
            "--per-day",
            "50",
            "--out",
            tmp.toString(),
            "--no-progress"
        };
        assertThat(run(args)).isZero();
        byte[] before = Files.readAllBytes(tmp.resolve("archive.json"));

        assertThat(run(args)).isEqualTo(2);
        assertThat(err.toString()).contains("--force");
        assertThat(Files.readAllBytes(tmp.resolve("archive.json"))).isEqualTo(before);
    }

    @Test
    void shouldRejectAnEmptyDateRange() {
        int code =
                run(
                        "--from",
                        "2024-03-07",
                        "--to",
                        "2024-03-06",
                        "--per-day",
                        "50",
                        "--out",
                        tmp.toString(),
                        "--no-progress");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--to is before --from");
    }

    @Test
    void shouldDescribeItselfAsSynthetic() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("SYNTHETIC").contains("--per-day").contains("--seed");
    }
}
