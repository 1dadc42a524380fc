package nl.lvds.dashboards.notify;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The production {@link NoticeSender}: e-mail through {@link MailSender}, webhooks through {@link
 * WebhookSender}.
 */
public final class ChannelSender implements NoticeSender {

    private final NotifierConfig config;
    private final MailSender mail;
    private final WebhookSender webhooks;

    /** Senders for the configured SMTP server (if any) and webhooks. */
    public ChannelSender(NotifierConfig config, Clock clock) {
        this.config = config;
        this.mail = config.smtp() == null ? null : new MailSender(config.smtp(), clock);
        this.webhooks =
                new WebhookSender(Duration.ofSeconds(config.delivery().httpTimeoutSeconds()));
    }

    @Override
    public void send(Target target, Notice notice) throws DeliveryException {
        switch (target.kind()) {
            case MAIL -> {
                if (mail == null) {
                    throw new DeliveryException("no smtp configured");
                }
                Map<String, String> headers =
                        notice.alerts().size() == 1
                                ? Map.of("X-LVDS-Alert-Id", notice.alerts().get(0).id())
                                : Map.of();
                mail.send(target.address(), notice, headers);
            }
            case WEBHOOK -> webhooks.send(config.webhook(target.address()), notice);
        }
    }
}
