package nl.lvds.dashboards.briefing;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import nl.lvds.dashboards.notify.DeliveryException;
import nl.lvds.dashboards.notify.Notice;
import nl.lvds.dashboards.notify.NoticeSender;
import nl.lvds.dashboards.notify.Notifier;
import nl.lvds.dashboards.notify.NotifierConfig;
import nl.lvds.dashboards.notify.Target;

/**
 * Produces the morning briefing: reads the period's input, builds and renders it, writes the
 * Markdown and HTML files, mails the briefing recipients, notifies briefing webhooks and sends the
 * subscribers' digests through the notifier.
 */
public final class BriefingService implements BriefingScheduler.Job {

    private final NotifierConfig config;
    private final BriefingSource source;
    private final NoticeSender sender;
    private final Notifier notifier;

    /**
     * A service; {@code sender} may be null (files only), {@code notifier} may be null (no
     * digests).
     */
    public BriefingService(
            NotifierConfig config, BriefingSource source, NoticeSender sender, Notifier notifier) {
        this.config = config;
        this.source = source;
        this.sender = sender;
        this.notifier = notifier;
    }

    /** Reads, builds and renders the briefing for ({@code from}, {@code to}]. */
    public RenderedBriefing produce(Instant from, Instant to, String lang) {
        BriefingInput in = source.read(from, to);
        Briefing b = new BriefingBuilder(config.briefing().topRises()).build(in, from, to);
        BriefingRenderer r = new BriefingRenderer(config.zone(), lang);
        return new RenderedBriefing(b, r.subject(b), r.markdown(b), r.html(b));
    }

    @Override
    public void run(Instant from, Instant to) throws Exception {
        RenderedBriefing rb = produce(from, to, config.briefing().language());
        String stamp =
                DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm").format(to.atZone(config.zone()));
        List<Path> files = rb.write(Path.of(config.briefing().outputDir(), "briefing-" + stamp));
        List<String> failed = new ArrayList<>();
        if (sender != null) {
            Notice mail =
                    new Notice("briefing", rb.subject(), rb.markdown(), rb.html(), List.of(), null);
            for (String to2 : config.briefing().recipients()) {
                send(Target.mail(to2), mail, failed);
            }
            BriefingRenderer r = new BriefingRenderer(config.zone(), config.briefing().language());
            Notice hook =
                    new Notice(
                            "briefing",
                            rb.subject(),
                            r.summary(rb.briefing()) + "\n" + files.get(0).toAbsolutePath(),
                            rb.html(),
                            rb.briefing().newAlerts(),
                            null);
            for (String w : config.briefing().webhooks()) {
                send(Target.webhook(w), hook, failed);
            }
        }
        if (notifier != null) {
            notifier.flushDigests();
        }
        if (!failed.isEmpty()) {
            // The files exist; the scheduler retries the whole briefing, which may mail the
            // recipients that did get it once more (at-least-once, as for alerts).
            throw new DeliveryException("briefing not delivered to " + failed);
        }
    }

    private void send(Target t, Notice n, List<String> failed) throws InterruptedException {
        NotifierConfig.Delivery d = config.delivery();
        for (int attempt = 1; ; attempt++) {
            try {
                sender.send(t, n);
                return;
            } catch (DeliveryException e) {
                if (attempt >= d.maxAttempts()) {
                    failed.add(t.key() + " (" + e.getMessage() + ")");
                    return;
                }
                Thread.sleep(d.backoffMs(attempt));
            }
        }
    }
}
