package nl.lvds.pipeline.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client of the dashboard's HTTP side, as a browser page is: it logs in and keeps the live feed
 * ({@code GET /api/events}, Server-Sent Events) open, noting when each indicator and alert arrives.
 * The feed carries the district and city cells (what the overview shows) and every visible alert; a
 * dropped connection is re-opened after a new login.
 */
final class DashboardClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String user;
    private final String password;
    private volatile Latencies latencies;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private volatile InputStream body;
    private volatile String lastError;
    private Thread thread;

    DashboardClient(String base, String user, String password, Latencies latencies) {
        this.base = base;
        this.user = user;
        this.password = password;
        this.latencies = latencies;
    }

    /** {@code GET /health} answers 200 with {@code "restored":true}. */
    boolean restored() {
        try {
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(URI.create(base + "/health"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && JSON.readTree(r.body()).path("restored").asBoolean();
        } catch (Exception e) {
            return false;
        }
    }

    /** Logs in and opens the live feed on a thread of its own. */
    void start() {
        thread = new Thread(this::loop, "soak-dashboard-client");
        thread.setDaemon(true);
        thread.start();
    }

    /** From now on, arrivals count in {@code l} (the run's clock starts when producing does). */
    void retarget(Latencies l) {
        this.latencies = l;
    }

    Latencies latencies() {
        return latencies;
    }

    /** Times the feed was (re)opened. */
    long connects() {
        return connects.get();
    }

    /** SSE events received (hello, indicators, early, alert). */
    long events() {
        return events.get();
    }

    String lastError() {
        return lastError;
    }

    private String login() throws Exception {
        String form =
                "username="
                        + URLEncoder.encode(user, StandardCharsets.UTF_8)
                        + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(base + "/login"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        String cookie =
                r.headers()
                        .firstValue("Set-Cookie")
                        .orElseThrow(() -> new IllegalStateException("login refused"));
        int semi = cookie.indexOf(';');
        return semi < 0 ? cookie : cookie.substring(0, semi);
    }

    private void loop() {
        while (!stop.get()) {
            try {
                String cookie = login();
                HttpResponse<InputStream> r =
                        http.send(
                                HttpRequest.newBuilder(URI.create(base + "/api/events"))
                                        .header("Cookie", cookie)
                                        .header("Accept", "text/event-stream")
                                        .build(),
                                HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("live feed: HTTP " + r.statusCode());
                }
                connects.incrementAndGet();
                body = r.body();
                read(new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8)));
            } catch (Exception e) {
                if (!stop.get()) {
                    lastError = e.toString();
                }
            }
            if (!stop.get()) {
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Reads events until the stream ends: {@code event: NAME}, {@code data: JSON}, blank line. */
    private void read(BufferedReader in) throws Exception {
        String event = null;
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (event != null && data.length() > 0) {
                    onEvent(event, data.toString(), System.currentTimeMillis());
                }
                event = null;
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(line.substring(5).stripLeading());
            }
        }
    }

    /** Takes one event into account (package-private for the test). */
    void onEvent(String event, String data, long arrivedMs) throws Exception {
        events.incrementAndGet();
        Latencies latencies = this.latencies;
        switch (event) {
            case "indicators" -> {
                for (JsonNode c : JSON.readTree(data).path("cells")) {
                    latencies.indicator(
                            c.path("windowEnd").asLong(),
                            "1h".equals(c.path("window").asText()),
                            arrivedMs);
                }
            }
            case "early" -> {
                for (JsonNode c : JSON.readTree(data).path("cells")) {
                    if ("city".equals(c.path("area").asText())
                            && "all".equals(c.path("topic").asText())
                            && c.path("signals").isNumber()) {
                        latencies.early(
                                c.path("windowEnd").asLong(),
                                c.path("signals").asLong(),
                                arrivedMs);
                    }
                }
            }
            case "alert" -> {
                JsonNode a = JSON.readTree(data);
                if (a.has("windowEnd")) {
                    latencies.alert(a.path("windowEnd").asLong(), arrivedMs);
                }
            }
            default -> {
                // hello, keep-alive comments
            }
        }
    }

    @Override
    public void close() {
        stop.set(true);
        InputStream b = body;
        if (b != null) {
            try {
                b.close();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
