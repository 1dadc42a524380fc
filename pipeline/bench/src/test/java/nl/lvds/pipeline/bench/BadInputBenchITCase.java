package nl.lvds.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bad-input benchmark on a tiny stream: it runs both jobs and reports sane figures. */
class BadInputBenchITCase {

    @Test
    void shouldMeasureBothRunsAndTheirRatio() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        BadInputBench.Result r =
                BadInputBench.run(
                        400,
                        3_000,
                        1,
                        1,
                        1,
                        7L,
                        new PrintStream(log, true, StandardCharsets.UTF_8));
        System.out.print(log.toString(StandardCharsets.UTF_8));
        System.out.println(BadInputBench.Result.header());
        System.out.println(r);
        assertThat(r.validSignals()).isBetween(200L, 800L);
        assertThat(r.badRecords()).isEqualTo(3_000);
        assertThat(r.cleanSeconds()).isPositive();
        assertThat(r.mixedSeconds()).isPositive();
        assertThat(r.ratio()).isEqualTo(r.mixedRate() / r.cleanRate());
        assertThat(r.mixedRecordRate()).isGreaterThan(r.mixedRate());
        assertThat(r.toString())
                .startsWith("bad-input p1")
                .contains(String.format("%.2f", r.ratio()));
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("pass 1: alone");
    }
}
