package nl.lvds.dashboards.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import nl.lvds.models.codec.LvdsJson;
import nl.lvds.models.event.Alert;

/**
 * Posts notices as JSON to webhooks with {@link HttpClient}: LVDS's generic payload (the alert
 * group records plus title, text and what changed) or a Microsoft Teams MessageCard with one
 * section per group. Any non-2xx answer is a failed attempt.
 */
public final class WebhookSender {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final Duration timeout;

    /** A sender with this request timeout. */
    public WebhookSender(Duration timeout) {
        this.timeout = timeout;
        this.client =
                HttpClient.newBuilder()
                        .connectTimeout(timeout)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    /** Posts {@code notice} to {@code hook}. */
    public void send(NotifierConfig.Webhook hook, Notice notice) throws DeliveryException {
        byte[] body = payload(hook.payloadFormat(), notice);
        HttpRequest req =
                HttpRequest.newBuilder(URI.create(hook.url()))
                        .timeout(timeout)
                        .header("Content-Type", "application/json; charset=utf-8")
                        .header("User-Agent", "lvds-notifier")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
        try {
            HttpResponse<String> resp = client.send(req, HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() / 100 != 2) {
                throw new DeliveryException(
                        "webhook " + hook.name() + ": HTTP " + resp.statusCode());
            }
        } catch (IOException e) {
            throw new DeliveryException("webhook " + hook.name() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("webhook " + hook.name() + ": interrupted", e);
        }
    }

    /** The JSON body for a format (public for documentation and tests). */
    public static byte[] payload(NotifierConfig.WebhookFormat format, Notice n) {
        ObjectNode root = JSON.createObjectNode();
        if (format == NotifierConfig.WebhookFormat.TEAMS) {
            // Office 365 connector card: accepted by Teams incoming webhooks and by Workflows'
            // "post to a channel when a webhook request is received" template.
            root.put("@type", "MessageCard");
            root.put("@context", "https://schema.org/extensions");
            root.put("summary", n.subject());
            root.put("themeColor", colour(n.level()));
            root.put("title", n.subject());
            root.put("text", n.text().replace("\n", "  \n"));
            ArrayNode sections = root.putArray("sections");
            for (Alert a : n.alerts()) {
                ObjectNode s = sections.addObject();
                s.put(
                        "activityTitle",
                        GroupFacts.areaList(a, "nl", 3)
                                + " · "
                                + GroupFacts.topicList(a, "nl", 2)
                                + " · "
                                + a.level());
                ArrayNode facts = s.putArray("facts");
                fact(facts, "Gebied / area", String.join(", ", GroupFacts.areas(a)));
                fact(facts, "Thema / topic", String.join(", ", GroupFacts.topics(a)));
                fact(facts, "Niveau / level", a.level());
                fact(facts, "Status", a.status());
                fact(facts, "Soort / kind", a.kind());
                String why = GroupFacts.whyNow(a, "nl");
                if (why != null) {
                    fact(facts, "Waarom nu / why now", why);
                }
                String copies = GroupFacts.copies(a, "nl");
                if (copies != null) {
                    fact(facts, "Gecoördineerd / coordinated", copies);
                }
                fact(facts, "Regel / rule", a.rule());
                fact(facts, "Spanningsindex", String.format("%.0f", a.tensionIndex()));
                if (a.zScore() != null) {
                    fact(facts, "z-score", String.format("%.1f", a.zScore()));
                }
                fact(
                        facts,
                        "Venster / window",
                        LvdsJson.isoTime(a.windowStart())
                                + " – "
                                + LvdsJson.isoTime(a.windowEnd()));
                if (!a.topTerms().isEmpty()) {
                    fact(facts, "Termen / terms", String.join(", ", a.topTerms()));
                }
                if (!a.incidentIds().isEmpty()) {
                    fact(facts, "Incidenten", String.join(", ", a.incidentIds()));
                }
            }
        } else {
            root.put("source", "lvds");
            root.put("kind", n.kind());
            root.put("title", n.subject());
            root.put("text", n.text());
            if (n.level() != null) {
                root.put("level", n.level());
            }
            if (n.change() != null) {
                root.put("change", n.change());
            }
            ArrayNode alerts = root.putArray("alerts");
            for (Alert a : n.alerts()) {
                alerts.add(alertNode(a));
            }
        }
        try {
            return JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode alertNode(Alert a) {
        try {
            return JSON.readTree(LvdsJson.encodeAlert(a));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void fact(ArrayNode facts, String name, String value) {
        ObjectNode f = facts.addObject();
        f.put("name", name);
        f.put("value", value);
    }

    private static String colour(String level) {
        if (level == null) {
            return "2E6DA4";
        }
        return switch (level) {
            case "critical" -> "C0392B";
            case "warning" -> "E67E22";
            default -> "F1C40F";
        };
    }
}
