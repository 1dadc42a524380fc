package nl.lvds.pipeline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import nl.lvds.dashboards.briefing.BriefingService;
import nl.lvds.dashboards.briefing.BriefingSource;
import nl.lvds.dashboards.briefing.FileBriefingSource;
import nl.lvds.dashboards.briefing.KafkaBriefingSource;
import nl.lvds.dashboards.briefing.RenderedBriefing;
import nl.lvds.dashboards.notify.ChannelSender;
import nl.lvds.dashboards.notify.DeliveryException;
import nl.lvds.dashboards.notify.Notice;
import nl.lvds.dashboards.notify.NotifierConfig;
import nl.lvds.dashboards.notify.Target;
import nl.lvds.pipeline.review.ReviewIndicators;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lvds briefing}: renders the adviser briefing for a period, on demand. */
@Command(
        name = "briefing",
        mixinStandardHelpOptions = true,
        description = {
            "Render the adviser briefing (HTML + Markdown) for a period, on demand.",
            "What changed: new and escalated alerts, largest rises vs baseline, incidents, data"
                    + " gaps. Reads Kafka (lvds.indicators/alerts/incidents) or, with --input, a"
                    + " review output folder (indicators.parquet or indicators.jsonl, alerts.jsonl[, incidents*.jsonl])."
        })
final class BriefingCommand implements Callable<Integer> {

    @Option(
            names = "--since",
            description =
                    "Length of the period: 24h, 90m, 7d or ISO (PT24H) (default: ${DEFAULT-VALUE}).")
    String since = "24h";

    @Option(
            names = "--until",
            description =
                    "End of the period: an instant (2024-03-08T06:30:00Z) or a local time in the"
                            + " config's zone (2024-03-08T07:30). Default: now; with --input, the"
                            + " end of the latest indicator window.")
    String until;

    @Option(
            names = "--out",
            required = true,
            description = "Output base name: writes F.md and F.html.")
    Path out;

    @Option(
            names = "--config",
            description = "Notifier config (default: config/notifier.yaml when it exists).")
    Path config;

    @Option(names = "--input", description = "Read a review output folder instead of Kafka.")
    Path input;

    @Option(names = "--lang", description = "nl or en (default: the config's briefing.language).")
    String lang;

    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (overrides the config).")
    String bootstrap;

    @Option(names = "--mail", description = "Also mail it to the config's briefing recipients.")
    boolean mail;

    @Override
    public Integer call() throws Exception {
        NotifierConfig c = NotifyCommand.loadConfig(config, bootstrap);
        BriefingSource source;
        Instant to;
        if (input != null) {
            if (!Files.isDirectory(input)) {
                System.err.println("lvds briefing: --input " + input + " is not a folder");
                return 2;
            }
            // A review of output format 2 keeps its indicators in Parquet (with coverage.csv).
            FileBriefingSource files =
                    Files.isRegularFile(input.resolve("indicators.jsonl"))
                                    || !ReviewIndicators.isReview(input)
                            ? new FileBriefingSource(input)
                            : new FileBriefingSource(
                                    input, sink -> ReviewIndicators.forEach(input, sink));
            source = files;
            to = until == null ? files.latestWindowEnd() : parseInstant(until, c);
        } else {
            source = new KafkaBriefingSource(c.kafka());
            to = until == null ? Instant.now() : parseInstant(until, c);
        }
        Instant from = to.minus(parseDuration(since));
        BriefingService service = new BriefingService(c, source, null, null);
        RenderedBriefing rb =
                service.produce(from, to, lang == null ? c.briefing().language() : lang);
        List<Path> written = rb.write(out);
        System.err.println("lvds briefing: " + rb.subject());
        written.forEach(p -> System.err.println("  wrote " + p.toAbsolutePath()));
        if (mail) {
            ChannelSender sender = new ChannelSender(c, Clock.systemUTC());
            Notice n =
                    new Notice("briefing", rb.subject(), rb.markdown(), rb.html(), List.of(), null);
            int failed = 0;
            for (String r : c.briefing().recipients()) {
                try {
                    sender.send(Target.mail(r), n);
                    System.err.println("  mailed " + r);
                } catch (DeliveryException e) {
                    failed++;
                    System.err.println("  NOT mailed " + r + ": " + e.getMessage());
                }
            }
            return failed == 0 ? 0 : 1;
        }
        return 0;
    }

    /** Parses 24h, 90m, 7d, 30s or an ISO-8601 duration. */
    static Duration parseDuration(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 'd' -> Duration.ofDays(n);
                case 'h' -> Duration.ofHours(n);
                case 'm' -> Duration.ofMinutes(n);
                case 's' -> Duration.ofSeconds(n);
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "--since: expected e.g. 24h, 90m, 7d or PT24H, got '" + s + "'");
        }
    }

    private static Instant parseInstant(String s, NotifierConfig c) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(s).atZone(c.zone()).toInstant();
        }
    }
}
