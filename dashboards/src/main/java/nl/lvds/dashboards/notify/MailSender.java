package nl.lvds.dashboards.notify;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Sends notices as e-mail over SMTP with Jakarta Mail: multipart/alternative with a UTF-8 plain
 * text part and a UTF-8 HTML part, and a UTF-8 (RFC 2047 encoded) subject.
 */
public final class MailSender {

    private final NotifierConfig.Smtp smtp;
    private final Session session;
    private final Clock clock;

    /**
     * A sender for this server; the password is read from the environment variable the config
     * names, through {@code env} (tests pass a map).
     */
    public MailSender(NotifierConfig.Smtp smtp, Function<String, String> env, Clock clock) {
        this.smtp = smtp;
        this.clock = clock;
        Properties p = new Properties();
        String proto = smtp.tlsMode() == NotifierConfig.TlsMode.TLS ? "smtps" : "smtp";
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", smtp.host());
        p.put("mail." + proto + ".port", String.valueOf(smtp.port()));
        String timeout = String.valueOf(smtp.timeoutSeconds() * 1000L);
        p.put("mail." + proto + ".connectiontimeout", timeout);
        p.put("mail." + proto + ".timeout", timeout);
        p.put("mail." + proto + ".writetimeout", timeout);
        switch (smtp.tlsMode()) {
            case STARTTLS -> {
                // Required, not opportunistic: a downgrade to plain text must fail, not send.
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                p.put("mail.smtps.ssl.enable", "true");
                p.put("mail.smtps.ssl.checkserveridentity", "true");
            }
            case NONE -> {}
        }
        Authenticator auth = null;
        if (smtp.username() != null) {
            p.put("mail." + proto + ".auth", "true");
            String password = env.apply(smtp.passwordEnv());
            if (password == null) {
                throw new NotifierConfigException(
                        "smtp.passwordEnv: environment variable "
                                + smtp.passwordEnv()
                                + " is not set");
            }
            String user = smtp.username();
            auth =
                    new Authenticator() {
                        @Override
                        protected PasswordAuthentication getPasswordAuthentication() {
                            return new PasswordAuthentication(user, password);
                        }
                    };
        }
        this.session = Session.getInstance(p, auth);
    }

    /** A sender reading the password from the process environment. */
    public MailSender(NotifierConfig.Smtp smtp, Clock clock) {
        this(smtp, System::getenv, clock);
    }

    /** Sends {@code notice} to one address. */
    public void send(String to, Notice notice) throws DeliveryException {
        send(to, notice, Map.of());
    }

    /** Sends {@code notice} to one address with extra headers (e.g. the alert id). */
    public void send(String to, Notice notice, Map<String, String> headers)
            throws DeliveryException {
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(smtp.from(), true));
            m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
            m.setSubject(notice.subject(), StandardCharsets.UTF_8.name());
            m.setSentDate(Date.from(clock.instant()));
            for (Map.Entry<String, String> h : headers.entrySet()) {
                m.setHeader(h.getKey(), h.getValue());
            }
            MimeBodyPart text = new MimeBodyPart();
            text.setText(notice.text(), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(notice.html(), StandardCharsets.UTF_8.name(), "html");
            MimeMultipart alt = new MimeMultipart("alternative");
            alt.addBodyPart(text);
            alt.addBodyPart(html);
            m.setContent(alt);
            m.saveChanges();
            Transport.send(m);
        } catch (MessagingException e) {
            throw new DeliveryException("smtp " + smtp.host() + ": " + e.getMessage(), e);
        }
    }
}
