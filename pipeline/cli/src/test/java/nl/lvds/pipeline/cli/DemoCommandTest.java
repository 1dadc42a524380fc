package nl.lvds.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code lvds demo}'s command line: listed first, its defaults, and a taken port refused early. */
class DemoCommandTest {

    @TempDir Path tmp;

    @Test
    void shouldBeListedAndDocumentItsFlags() {
        StringWriter out = new StringWriter();
        CommandLine lvds = new CommandLine(new LvdsCli());
        lvds.setOut(new PrintWriter(out, true));
        assertThat(lvds.execute("--help")).isZero();
        assertThat(out.toString()).contains("demo");

        StringWriter help = new StringWriter();
        CommandLine demo = new CommandLine(new DemoCommand());
        demo.setOut(new PrintWriter(help, true));
        assertThat(demo.execute("--help")).isZero();
        assertThat(help.toString())
                .contains("--speed", "--port", "--flink-ui-port", "--data-dir", "--no-browser")
                .contains("SYNTHETIC");
    }

    @Test
    void shouldTakeTheDefaultsOfTheIssue() {
        DemoCommand c = new DemoCommand();
        new CommandLine(c).parseArgs();
        assertThat(c.speed).isEqualTo(60);
        assertThat(c.port).isEqualTo(8080);
        assertThat(c.flinkUiPort).isEqualTo(8081);
        assertThat(c.kafkaPort).isEqualTo(9092);
        assertThat(c.noBrowser).isFalse();
    }

    @Test
    void shouldRefuseATakenPortBeforeStartingAnything() throws Exception {
        Path dir = tmp.resolve("kafka");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int code =
                    new CommandLine(new DemoCommand())
                            .execute(
                                    "--no-browser",
                                    "--kafka-port",
                                    Integer.toString(taken.getLocalPort()),
                                    "--data-dir",
                                    dir.toString());
            assertThat(code).isEqualTo(1);
        }
        assertThat(dir).doesNotExist();
    }
}
