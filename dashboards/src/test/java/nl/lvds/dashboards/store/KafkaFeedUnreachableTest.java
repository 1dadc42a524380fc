package nl.lvds.dashboards.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.lvds.models.config.LvdsConfig;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;

/** Without a broker the feed says so once, clearly, instead of a warning every few hundred ms. */
class KafkaFeedUnreachableTest {

    /** Collects every log event at WARN or above. */
    static final class Collecting extends AbstractAppender {
        final List<String> lines = new CopyOnWriteArrayList<>();

        Collecting() {
            super("collect", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent e) {
            if (e.getLevel().isMoreSpecificThan(Level.WARN)) {
                lines.add(
                        e.getLevel()
                                + " "
                                + e.getLoggerName()
                                + " "
                                + e.getMessage().getFormattedMessage());
            }
        }
    }

    @Test
    void shouldLogOneClearErrorAndNoStreamOfClientWarnings() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration cfg = ctx.getConfiguration();
        Collecting appender = new Collecting();
        appender.start();
        LoggerConfig root = cfg.getRootLogger();
        root.addAppender(appender, Level.WARN, null);
        ctx.updateLoggers();
        try (KafkaFeed feed =
                new KafkaFeed(
                        "127.0.0.1:" + port,
                        LvdsConfig.Topics.DEFAULT,
                        new DashboardState(Duration.ofDays(1)))) {
            feed.start();
            Thread.sleep(12_000);
            assertThat(feed.brokerSeen()).isFalse();
            assertThat(feed.isRestored()).isFalse();
        } finally {
            root.removeAppender("collect");
            ctx.updateLoggers();
        }
        assertThat(appender.lines)
                .as("warnings and errors in 12 s without a broker")
                .hasSize(1)
                .allSatisfy(
                        l ->
                                assertThat(l)
                                        .startsWith("ERROR")
                                        .contains("No Kafka broker answers at 127.0.0.1:" + port)
                                        .contains("tries again every 10 s"));
    }
}
